"""Publishing and CRM: YouTube connections, OAuth states, releases, the Salesforce outbox.

Revision ID: 0003_publish
Revises: 0002_accounts
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_publish"
down_revision = "0002_accounts"
branch_labels = ("publish",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "youtube_connections",
        sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("channel_id", sa.String(64), nullable=False),
        sa.Column("channel_title", sa.String(300), nullable=False),
        sa.Column("refresh_token_enc", sa.Text, nullable=False),
        sa.Column("access_token_enc", sa.Text, nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("scopes", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("connected_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "oauth_states",
        sa.Column("state_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("code_verifier", sa.String(200), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_oauth_states_user_id", "oauth_states", ["user_id"])
    op.create_table(
        "youtube_releases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("film_id", sa.String(32), nullable=False),
        sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("privacy", sa.String(20), nullable=False),
        sa.Column("publish_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("playlist", sa.String(150), nullable=True),
        sa.Column("thumbnail", sa.Integer, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("video_id", sa.String(64), nullable=True),
        sa.Column("playlist_id", sa.String(64), nullable=True),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_youtube_releases_film_id", "youtube_releases", ["film_id"])
    op.create_index("ix_youtube_releases_user_id", "youtube_releases", ["user_id"])
    op.create_table(
        "crm_outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("event", sa.String(40), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_crm_outbox_state", "crm_outbox", ["state"])


def downgrade() -> None:
    op.drop_index("ix_crm_outbox_state", table_name="crm_outbox")
    op.drop_table("crm_outbox")
    op.drop_index("ix_youtube_releases_user_id", table_name="youtube_releases")
    op.drop_index("ix_youtube_releases_film_id", table_name="youtube_releases")
    op.drop_table("youtube_releases")
    op.drop_index("ix_oauth_states_user_id", table_name="oauth_states")
    op.drop_table("oauth_states")
    op.drop_table("youtube_connections")
