"""`studio plan`: documents for a stored film, and bad input that writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from studio.cli.main import main
from studio.store import FilmStore

SCRIPT = """\
INT. KITCHEN - MORNING

GRANDMA stirs a pot of porridge. A cat sleeps on the chair.

GRANDMA
Breakfast is ready.

EXT. GARDEN - DAY

TOMAS climbs a ladder with a basket of apples.

TOMAS
Look how many there are!
"""


def _film(home: Path) -> str:
    store = FilmStore(f"sqlite:///{home / 'studio.db'}")
    store.migrate()
    return store.create_film("Apples", SCRIPT, "fountain", {}).id


def _plan(home: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["plan", *args], env={"STUDIO_HOME": str(home), "DAGSTER_HOME": None,
                                                          "STUDIO_DATABASE_URL": None})  # fmt: skip


def test_plan_writes_every_document(tmp_path: Path) -> None:
    film = _film(tmp_path)
    out = tmp_path / "plan"
    result = _plan(tmp_path, film, "--out", str(out), "--start", "2027-03-01", "--day-hours", "8")
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert {"breakdown_sheets.pdf", "breakdown_sheets.csv", "schedule.csv", "schedule.ics", "budget.csv",
            "call_sheet_day01.pdf"} <= names  # fmt: skip
    assert "shooting day" in result.output


def test_bad_rate_card_unknown_film_and_bad_date_write_nothing(tmp_path: Path) -> None:
    film = _film(tmp_path)
    card = tmp_path / "card.json"
    card.write_text(json.dumps({"cast_day_rate": -100}))
    out = tmp_path / "plan"
    for args, message in [((film, "--rate-card", str(card)), "cannot be negative"),
                          (("0123456789ab",), "No film"), ((film, "--start", "next week"), "--start"),
                          ((film, "--day-hours", "30"), "day_hours")]:  # fmt: skip
        result = _plan(tmp_path, *args, "--out", str(out))
        assert result.exit_code == 2, result.output
        assert message in result.output
        assert not out.exists() or not any(out.iterdir())
