"""Character versions: concept, casting, final and alternates, with the active one marked.

Revision ID: 0002_characters
Revises: 0001_films
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_characters"
down_revision = "0001_films"
branch_labels = ("characters",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "character_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("film_id", sa.String(32), sa.ForeignKey("films.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("stage", sa.String(20), nullable=False),
        sa.Column("mode", sa.String(20), nullable=False),
        sa.Column("traits", sa.JSON, nullable=False),
        sa.Column("look", sa.JSON, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("film_id", "name", "version"),
    )
    op.create_index("ix_character_versions_film_id", "character_versions", ["film_id"])


def downgrade() -> None:
    op.drop_index("ix_character_versions_film_id", table_name="character_versions")
    op.drop_table("character_versions")
