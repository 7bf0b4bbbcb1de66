"""Accounts security: email verification, TOTP two-factor, one-time tokens, recovery codes, first admin.

Revision ID: 0003_accounts_security
Revises: 0002_accounts
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_accounts_security"
down_revision = "0002_accounts"
branch_labels = ("accounts_security",)
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch rebuild): rebuilding `users` on SQLite would cascade-delete sessions and ledger.
    op.add_column("users", sa.Column("email_verified_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("users", sa.Column("totp_secret", sa.String(64), nullable=True))
    op.add_column("users", sa.Column("totp_enabled_at", sa.DateTime(timezone=True), nullable=True))
    # Accounts made before verification existed already received their credits: count them verified.
    op.execute("UPDATE users SET email_verified_at = created_at")
    op.create_table(
        "account_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("purpose", sa.String(20), nullable=False),  # verify|reset|mfa
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_account_tokens_user_id", "account_tokens", ["user_id"])
    op.create_table(
        "recovery_codes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_recovery_codes_user_id", "recovery_codes", ["user_id"])
    # The first admin is claimed by inserting this one row, so two concurrent first sign-ups
    # cannot both become admin (the primary key lets one insert win). Existing stores keep theirs.
    op.execute(
        "INSERT INTO app_secrets (name, value) SELECT 'first_admin', MIN(id) FROM users "
        "WHERE role = 'admin' HAVING COUNT(*) > 0"
    )


def downgrade() -> None:
    op.execute("DELETE FROM app_secrets WHERE name = 'first_admin'")
    op.drop_table("recovery_codes")
    op.drop_table("account_tokens")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("totp_enabled_at")
        batch.drop_column("totp_secret")
        batch.drop_column("email_verified_at")
