"""Accounts: users, sessions, sign-in throttle, credits ledger, render requests, film owners.

Revision ID: 0002_accounts
Revises: 0001_films
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_accounts"
down_revision = "0001_films"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("email", sa.String(320), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("tier", sa.String(20), nullable=False),
        sa.Column("balance", sa.Integer, nullable=False),
        sa.Column("suspended", sa.Boolean, nullable=False),
        sa.Column("period_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        # The database itself refuses an overdraft, whatever code path writes the balance.
        sa.CheckConstraint("balance >= 0", name="ck_users_balance_not_negative"),
    )
    op.create_table(
        "sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"])
    op.create_table(
        "sign_in_throttle",
        sa.Column("email", sa.String(320), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "ledger",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("amount", sa.Integer, nullable=False),
        sa.Column("reason", sa.String(40), nullable=False),
        sa.Column("reference", sa.String(200), nullable=True),
        sa.Column("balance_after", sa.Integer, nullable=False),
        sa.Column("key", sa.String(200), nullable=True, unique=True),
    )
    op.create_index("ix_ledger_user_id", "ledger", ["user_id"])
    op.create_index("ix_ledger_created_at", "ledger", ["created_at"])
    op.create_table(
        "render_requests",
        sa.Column("key", sa.String(250), primary_key=True),
        sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("film_id", sa.String(32), nullable=False),
        sa.Column("run_id", sa.String(64), nullable=False, unique=True),
        sa.Column("cost", sa.Integer, nullable=False),
        sa.Column("charged", sa.Integer, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_render_requests_user_id", "render_requests", ["user_id"])
    op.create_index("ix_render_requests_film_id", "render_requests", ["film_id"])
    op.create_table(
        "app_secrets",
        sa.Column("name", sa.String(50), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    # A plain column, no foreign key: adding a constraint to `films` on SQLite would rebuild the
    # table, and dropping the old copy would cascade-delete every scene. Accounts delete their films.
    op.add_column("films", sa.Column("owner_id", sa.String(32), nullable=True))
    op.create_index("ix_films_owner_id", "films", ["owner_id"])


def downgrade() -> None:
    op.drop_index("ix_films_owner_id", "films")
    with op.batch_alter_table("films") as batch:
        batch.drop_column("owner_id")
    for table in ("app_secrets", "render_requests", "ledger", "sign_in_throttle", "sessions", "users"):
        op.drop_table(table)
