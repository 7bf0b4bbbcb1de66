"""production_plan materialised in process for a stored film, with the film's own rate card."""

from __future__ import annotations

import json
from pathlib import Path

import dagster as dg

from assets.breakdown import scene_breakdown
from assets.production_plan import production_plan
from dagster_project.resources import film_resources
from studio.domain.formats import FilmFormat
from studio.store import FilmStore

SCRIPT = """\
EXT. MARKET - DAY

PRIYA, a fruit seller, arranges mangoes in a basket. A cow wanders past the stall.

PRIYA
Fresh mangoes! Sweet as honey!

INT. PRIYA'S HOUSE - NIGHT

PRIYA lights an oil lamp and counts the coins.

PRIYA
Tomorrow will be better.
"""


def test_plan_asset_uses_the_films_rate_card_and_start(tmp_path: Path) -> None:
    store = FilmStore(f"sqlite:///{tmp_path / 'studio.db'}")
    store.migrate()
    settings = FilmFormat().to_dict() | {"rate_card": {"currency": "INR", "cast_day_rate": 8000, "crew_size": 4},
                                         "shoot_start": "2027-02-01"}  # fmt: skip
    film = store.create_film("Mangoes", SCRIPT, "fountain", settings)
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("films", [film.id])
    result = dg.materialize(
        [scene_breakdown, production_plan], partition_key=film.id, instance=instance,
        resources=film_resources(str(tmp_path)),
    )  # fmt: skip
    assert result.success
    folder = tmp_path / "media" / film.id / "production_plan"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["currency"] == "INR"
    budget = (folder / "budget.csv").read_text()
    assert "8000.0" in budget and ",INR" in budget
    assert "DTSTART:20270201T070000" in (folder / "schedule.ics").read_text()
    for name in manifest["files"]["call_sheets"]:
        assert (folder / name).stat().st_size > 1000
