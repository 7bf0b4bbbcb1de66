"""Run Alembic migrations programmatically, with the script folder inside this package."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade_to_head(engine: Engine) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Processes opening a new store at once would each create the tables and write the version
            # rows of every head; one migrates while the others wait, then find nothing left to do.
            connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('film-studio-migrations'))"))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")  # one line since 0004_one_head joined the domain branches
