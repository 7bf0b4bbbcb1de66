"""Keep every test's writes inside the repository's own `.tmp/` and off the network."""

from __future__ import annotations

import os
import shutil
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

# `pytest -m "not slow"` leaves out the tests that start a browser or a studio server, render a film,
# spawn worker processes or load a speech, recognition or embedding model, run against the PostgreSQL
# server (their SQLite twins stay), or drive a whole production workflow through the service (films
# parsed, planned and re-planned per edit, seconds a test): the rest runs in under three minutes.
SLOW_FIXTURES = {"browser", "studio", "server"}
SLOW_PATHS = (
    "tests/assets/",  # every test materialises film assets
    "tests/dagster_project/test_character_checks.py",
    "tests/dagster_project/test_framing_checks.py",
    "tests/dagster_project/test_picture_checks.py",
    "tests/integrations/test_compare_backends_notebook.py",
    "tests/integrations/test_s3media_store.py",
    "tests/integrations/test_stripe_concurrency.py",
    "tests/integrations/test_tracking.py",
    "tests/models/asr/",
    "tests/models/edit/test_edit_lipsync_pixels.py",
    "tests/models/edit/test_edit_quality.py",
    "tests/models/film/test_cutdowns.py",
    "tests/models/film/test_delivered_checks.py",
    "tests/models/film/test_film_sound.py",
    "tests/models/film/test_film_subtitling.py",
    "tests/models/film/test_film_voicing_podcast.py",
    "tests/models/image/test_image_diffusion.py",
    "tests/models/lipsync/test_lipsync_clip.py",
    "tests/models/lipsync/test_lipsync_gestures.py",
    "tests/models/lipsync/test_lipsync_visemes.py",
    "tests/models/script/test_script_bounds.py",
    "tests/models/script/test_script_person_cues.py",
    "tests/models/script/test_script_place_meaning.py",
    "tests/models/test_timeline_dual_audio.py",
    "tests/models/voice/",
    "tests/security/test_accounts_backups.py",
    "tests/security/test_accounts_privacy.py",
    "tests/security/test_accounts_signin_limits.py",
    "tests/security/test_accounts_signup.py",
    "tests/security/test_render_race.py",
    "tests/security/test_schemathesis.py",
    "tests/studio/test_api_v1.py",
    "tests/studio/test_api_v1_schemathesis.py",
    "tests/studio/test_cli.py",
    "tests/studio/test_cli_music.py",
    "tests/studio/test_credits_concurrency.py",
    "tests/studio/test_crm_sync.py",
    "tests/studio/test_engine_profiles.py",
    "tests/studio/test_engine_renders.py",
    "tests/studio/test_film_check_words.py",
    "tests/studio/test_org_webhooks.py",  # a real HTTP receiver and the retry sensor
    "tests/studio/test_packaged_models.py",
    "tests/studio/test_privacy_export_production.py",  # a production workflow, then the export
    "tests/studio/test_production_approvals.py",  # films planned, locked, edited and queued per test
    "tests/studio/test_production_audit.py",
    "tests/studio/test_production_history.py",  # films parsed and re-planned for each version
    "tests/studio/test_production_roles.py",
    "tests/studio/test_publishing.py",  # OAuth and releases against the local YouTube server
    "tests/studio/test_render_runs.py",
    "tests/studio/test_renders_killed.py",
    "tests/studio/test_renders_survive.py",
    "tests/studio/test_rerender.py",
    "tests/studio/test_server_routes.py",
    "tests/studio/test_storyboard_edits.py",  # films parsed, planned, edited and queued per test
    "tests/studio/test_up_command.py",
    "tests/studio/test_voice_cli.py",
)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Under exactly `-m "not slow"`, the modules that are slow throughout are not even imported: collecting
    them (torch, the speech engines, the Dagster assets) cost a third of the whole collection's CPU time."""
    if config.getoption("markexpr", "") != "not slow" or not collection_path.is_relative_to(ROOT):
        return None
    path = collection_path.relative_to(ROOT).as_posix() + ("/" if collection_path.is_dir() else "")
    return True if path.startswith(SLOW_PATHS) else None


def _on_postgres(item: pytest.Item) -> bool:
    """A test against the PostgreSQL server: a schema and the whole migration history per test. Each
    `store_url` test also runs on SQLite, which stays in the fast tier, so the rule it checks still runs."""
    params = getattr(getattr(item, "callspec", None), "params", {})
    return "postgres_url" in getattr(item, "fixturenames", ()) or params.get("store_url") == "postgres"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(item.path).relative_to(ROOT).as_posix()
        if path.startswith(SLOW_PATHS) or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or _on_postgres(item):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashes() -> Iterator[None]:
    """Argon2id at its lowest cost: the production parameters take about 0.2 s a hash here, and the fast
    tier signs up and in hundreds of times. The hashes are still argon2id with their parameters inside,
    so every sign-up, sign-in and refusal runs the same code."""
    from argon2 import PasswordHasher

    from studio.services import accounts

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        yield


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


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty SQLite store at the newest Alembic revision, migrated once per session (about 0.4 s)."""
    from sqlalchemy import create_engine

    from studio.store.migrations.runner import upgrade_to_head

    path = tmp_path_factory.mktemp("schema") / "studio.db"
    engine = create_engine(f"sqlite:///{path}")
    upgrade_to_head(engine)
    engine.dispose()
    return path


@pytest.fixture
def sqlite_url(tmp_path: Path, migrated_sqlite: Path) -> str:
    """A fresh store per test: a copy of the migrated empty one, so the studio's own migrate finds it at head."""
    shutil.copyfile(migrated_sqlite, tmp_path / "studio.db")
    return f"sqlite:///{tmp_path / 'studio.db'}"


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue(f"{request.param}_url")
