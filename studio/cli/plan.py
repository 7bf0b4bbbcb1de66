"""`studio plan FILM_ID --out DIR`: the film's pre-production documents, written into DIR.

Uses the breakdown of the film's last render when there is one (it carries the render's options),
otherwise parses the stored script, so a film can be planned before it is ever rendered.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import click

from studio.settings import Settings


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def film_breakdown(settings: Settings, film_id: str):  # type: ignore[no-untyped-def]
    """The film's breakdown: the rendered one if any, else parsed from its script."""
    from models.breakdown import Breakdown
    from models.script import build_breakdown
    from studio.store import FilmStore
    from studio.store.media import asset_dir, read_manifest

    store = FilmStore(settings.database_url)
    store.migrate()
    film = store.get_film(film_id)
    folder = asset_dir(settings.media_root, film_id, "scene_breakdown")
    if (folder / "manifest.json").is_file():
        return film, Breakdown.from_dict(read_manifest(folder)["breakdown"])
    duration = (film.settings or {}).get("duration")
    return film, build_breakdown(film.script, requested_seconds=duration)


@click.command()
@click.argument("film_id")
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the plan's PDF, CSV and ICS files.",
)
@click.option(
    "--rate-card",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="JSON rate card (fields as in models/plan/ratecard.py); unknown or negative values are refused.",
)
@click.option(
    "--start", "start_day", default=None, metavar="YYYY-MM-DD", help="First shooting day (default: tomorrow)."
)
@click.option("--day-hours", type=float, default=None, help="Shooting hours in a day (overrides the rate card).")
def plan(film_id: str, out_dir: Path, rate_card: Path | None, start_day: str | None, day_hours: float | None) -> None:
    """Write FILM_ID's breakdown sheets, schedule, budget, call sheets and calendar into --out."""
    from models.errors import ScriptError
    from models.plan import PlanError, RateCard, make_plan, write_plan
    from studio.store.repository import FilmNotFound

    try:
        card = RateCard.load(rate_card) if rate_card else RateCard()
        if day_hours is not None:
            card = RateCard.from_dict({**card.to_dict(), "day_hours": day_hours})
        try:
            start = date.fromisoformat(start_day) if start_day else date.today() + timedelta(days=1)
        except ValueError:
            raise PlanError(f"--start takes a date like 2027-01-04, not {start_day!r}.") from None
        film, breakdown = film_breakdown(Settings.from_env(), film_id)
        result = make_plan(breakdown, card, start)
        files = write_plan(result, out_dir, film.id, breakdown.title)
    except (PlanError, ScriptError, FilmNotFound, ValueError) as error:
        _fail(str(error).strip("'\""))
    totals = result.totals
    click.echo(f"Plan for {breakdown.title}: {len(result.sheets)} scene(s), {len(result.days)} shooting day(s), "
               f"budget {totals['Total']:,.2f} {card.currency}")  # fmt: skip
    for kind in ("breakdown", "schedule", "budget", "call_sheets"):
        for name in files[kind]:
            click.echo(str((out_dir / name).resolve()))
