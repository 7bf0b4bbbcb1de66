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

# `pytest -m "not slow"` leaves out the tests that start a browser or a studio server, render a film,
# spawn worker processes or load a speech, recognition or embedding model: the rest runs in minutes.
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
    "tests/studio/test_packaged_models.py",
    "tests/studio/test_production_audit.py",
    "tests/studio/test_production_roles.py",
    "tests/studio/test_render_runs.py",
    "tests/studio/test_renders_killed.py",
    "tests/studio/test_renders_survive.py",
    "tests/studio/test_rerender.py",
    "tests/studio/test_server_routes.py",
    "tests/studio/test_up_command.py",
    "tests/studio/test_voice_cli.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(item.path).relative_to(ROOT).as_posix()
        if path.startswith(SLOW_PATHS) or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


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
