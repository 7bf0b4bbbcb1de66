"""Join the per-domain branches (films, accounts, characters, billing, publishing, security) into one head.

New migrations revise this one, so `alembic upgrade head` has a single line to follow.

Revision ID: 0004_one_head
Revises: 0002_characters, 0003_accounts_security, 0003_publish, 0003_stripe
"""

revision = "0004_one_head"
down_revision = ("0002_characters", "0003_accounts_security", "0003_publish", "0003_stripe")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: this revision only joins the branches."""


def downgrade() -> None:
    """Nothing to undo."""
