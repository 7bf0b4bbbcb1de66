"""A film's pre-production plan as files for the app's download links: the breakdown sheets (PDF,
CSV), schedule (CSV), calendar (ICS), budget (CSV) and the call sheets (one PDF a day, or all in a zip).

The plan is made by the same export as `studio plan` and the production_plan asset
(models/plan), from the rendered breakdown when the film has one, else from its script, and cached
under STUDIO_HOME/plans by what it was made from, so a second download does not rebuild it.
Ownership is checked by the film service first: another user's film is Forbidden, as for media.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from datetime import date, timedelta
from pathlib import Path

from studio.domain.errors import UserError

PLAN_FILES = {
    "breakdown_sheets.pdf": "Breakdown sheets (PDF)",
    "breakdown_sheets.csv": "Breakdown sheets (CSV)",
    "schedule.csv": "Schedule (CSV)",
    "budget.csv": "Budget (CSV)",
    "call_sheets.zip": "Call sheets (PDF, zip)",
    "schedule.ics": "Calendar (ICS)",
}
_CALL_SHEET = re.compile(r"^call_sheet_day\d{2,3}\.pdf$")


class PlanUnavailable(UserError):
    """The film cannot be planned (no scenes, a bad rate card): the message says why."""


def plan_folder(service, token: str, film_id: str) -> Path:  # noqa: ANN001 - StudioService (no import cycle)
    """The folder holding the film's plan, written if it is missing or stale; the caller must own the film."""
    from models.breakdown import Breakdown
    from models.errors import ScriptError
    from models.plan import PlanError, RateCard, make_plan, write_plan

    service.film(token, film_id)  # NotSignedIn / Forbidden / unknown film, before anything is read
    film = service.store.get_film(film_id)
    settings = dict(film.settings or {})
    try:
        rendered = service.media_store.manifest(film_id, "scene_breakdown")  # the bucket's, when on S3
        if rendered is not None:
            breakdown = Breakdown.from_dict(rendered["breakdown"])
        else:
            breakdown = service.core.parse(film.script, settings.get("duration"))
        card = RateCard.from_dict(settings.get("rate_card") or {})
        start = (date.fromisoformat(settings["shoot_start"]) if settings.get("shoot_start")
                 else date.today() + timedelta(days=1))  # fmt: skip
        key = hashlib.sha256(json.dumps([breakdown.to_dict(), card.to_dict(), start.isoformat()], sort_keys=True,
                                        default=str).encode()).hexdigest()[:16]  # fmt: skip
        folder = service.settings.home / "plans" / film_id / key
        if not (folder / "budget.csv").is_file():
            write_plan(make_plan(breakdown, card, start), folder, film_id, breakdown.title)
    except (PlanError, ScriptError) as error:
        raise PlanUnavailable(str(error).strip("'\"")) from error
    return folder


def plan_file(service, token: str, film_id: str, name: str) -> Path:  # noqa: ANN001
    """One file of the plan by name (PLAN_FILES or call_sheet_dayNN.pdf)."""
    if name not in PLAN_FILES and not _CALL_SHEET.match(name or ""):
        raise UserError(f"A plan has no file {str(name)[:60]!r}; it has {', '.join(PLAN_FILES)}.")
    folder = plan_folder(service, token, film_id)
    if name == "call_sheets.zip":
        sheets = sorted(folder.glob("call_sheet_day*.pdf"))
        target = folder / name
        if not target.is_file():
            tmp = folder / f".{name}.tmp"
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
                for sheet in sheets:
                    bundle.write(sheet, sheet.name)
            tmp.replace(target)
        return target
    path = folder / name
    if not path.is_file():
        raise UserError(f"This plan has no {name}.")
    return path
