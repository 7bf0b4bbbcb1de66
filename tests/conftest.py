"""Keep every test's writes inside the repository's own `.tmp/` and off the network."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TMP = ROOT / ".tmp" / "tests"
TMP.mkdir(parents=True, exist_ok=True)
for variable, folder in {
    "MPLCONFIGDIR": "mpl",
    "XDG_CACHE_HOME": "cache",
    "HF_HOME": "hf",
    "TMPDIR": "tmp",
    "DAGSTER_HOME": "dagster-default",
}.items():
    (TMP / folder).mkdir(parents=True, exist_ok=True)
    os.environ.setdefault(variable, str(TMP / folder))
os.environ["HF_HUB_OFFLINE"] = "1"

POSTGRES_URL = os.environ.get("STUDIO_TEST_POSTGRES_URL", "postgresql+psycopg2://127.0.0.1:5432/test")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh schema in the `test` database, dropped afterwards."""
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'studio.db'}"


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue(f"{request.param}_url")
