"""A scene edit's script is kept as a draft until its render succeeds.

Revision ID: 0006_renders_survive
Revises: 0005_organisations
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_renders_survive"
down_revision = "0005_organisations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("films") as batch:
        batch.add_column(sa.Column("draft_script", sa.Text(), nullable=True))
        batch.add_column(sa.Column("draft_run_id", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("films") as batch:
        batch.drop_column("draft_run_id")
        batch.drop_column("draft_script")
