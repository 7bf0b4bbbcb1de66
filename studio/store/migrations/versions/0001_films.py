"""Films, scenes, characters and lines.

Revision ID: 0001_films
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_films"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "films",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("script", sa.Text, nullable=False),
        sa.Column("script_format", sa.String(20), nullable=False),
        sa.Column("settings", sa.JSON, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "scenes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("film_id", sa.String(32), sa.ForeignKey("films.id", ondelete="CASCADE"), nullable=False),
        sa.Column("scene_key", sa.String(16), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("heading", sa.String(500), nullable=False),
        sa.Column("location", sa.String(300), nullable=False),
        sa.Column("time_of_day", sa.String(20), nullable=False),
        sa.Column("mood", sa.String(20), nullable=False),
        sa.Column("culture", sa.String(30), nullable=False),
        sa.Column("target_seconds", sa.Float, nullable=False),
        sa.UniqueConstraint("film_id", "scene_key"),
    )
    op.create_index("ix_scenes_film_id", "scenes", ["film_id"])
    op.create_table(
        "characters",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("film_id", sa.String(32), sa.ForeignKey("films.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("age_band", sa.String(20), nullable=False),
        sa.Column("gender", sa.String(20), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("voice_id", sa.String(80), nullable=True),
        sa.UniqueConstraint("film_id", "name"),
    )
    op.create_index("ix_characters_film_id", "characters", ["film_id"])
    op.create_table(
        "lines",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("scene_id", sa.Integer, sa.ForeignKey("scenes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("speaker", sa.String(120), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("parenthetical", sa.String(300), nullable=True),
        sa.Column("emotion", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
    )
    op.create_index("ix_lines_scene_id", "lines", ["scene_id"])


def downgrade() -> None:
    op.drop_table("lines")
    op.drop_table("characters")
    op.drop_table("scenes")
    op.drop_table("films")
