"""Write a film's production plan into a folder: breakdown sheets (PDF and CSV), the schedule
(CSV and an ICS calendar), the budget (CSV with totals) and one call sheet PDF per shooting day.

Everything is computed and written into a staging folder first and moved in at the end, so a
refused or failed plan leaves the destination as it was.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from models.breakdown import Breakdown
from models.plan.budget import BudgetLine, budget, totals
from models.plan.pdf import breakdown_pdf, call_sheet_pdf
from models.plan.ratecard import RateCard
from models.plan.schedule import ShootingDay, schedule
from models.plan.sheets import CastMember, SceneSheet, build_sheets


@dataclass(frozen=True)
class Plan:
    sheets: list[SceneSheet]
    cast: list[CastMember]
    days: list[ShootingDay]
    budget: list[BudgetLine]
    card: RateCard

    @property
    def totals(self) -> dict[str, float]:
        return totals(self.budget)


def make_plan(breakdown: Breakdown, card: RateCard, start: date) -> Plan:
    sheets, cast = build_sheets(breakdown)
    days = schedule(sheets, card, start)
    return Plan(sheets, cast, days, budget(sheets, cast, days, card), card)


def _join(items: list[str]) -> str:
    return "; ".join(items)


def _breakdown_csv(path: Path, plan: Plan) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "scene",
                "heading",
                "int_ext",
                "time_of_day",
                "pages",
                "eighths",
                "seconds",
                "cast",
                "voice_only",
                "extras",
                "props",
                "wardrobe",
                "set_dressing",
                "vehicles_animals",
                "sound_effects",
                "synopsis",
            ]
        )
        for s in plan.sheets:
            w.writerow([s.number, s.heading, s.int_ext, s.time_of_day, s.pages, s.eighths, s.seconds,
                        _join([f"{m.number}. {m.name}" for m in s.cast]), _join(s.voice_only), _join(s.extras),
                        _join(s.props), _join(s.wardrobe), _join(s.set_dressing), _join(s.vehicles_animals),
                        _join(s.sound_effects), s.synopsis])  # fmt: skip


def _schedule_csv(path: Path, plan: Plan) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["day", "date", "call", "wrap", "scene", "part", "heading", "int_ext", "time_of_day", "pages",
                    "minutes", "cast", "location"])  # fmt: skip
        for d in plan.days:
            for strip in d.strips:
                s = strip.sheet
                w.writerow([d.number, d.day.isoformat(), f"{d.call:%H:%M}", f"{d.wrap:%H:%M}", s.number, strip.part,
                            s.heading, s.int_ext, s.time_of_day, s.pages, strip.minutes,
                            _join([str(m.number) for m in s.cast]), s.location])  # fmt: skip


def _budget_csv(path: Path, plan: Plan) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["category", "item", "quantity", "unit", "rate", "amount", "currency"])
        for line in plan.budget:
            w.writerow([line.category, line.item, line.quantity, line.unit, line.rate, f"{line.amount:.2f}",
                        plan.card.currency])  # fmt: skip
        for category, amount in plan.totals.items():
            w.writerow([category if category == "Total" else f"Subtotal: {category}", "", "", "", "",
                        f"{amount:.2f}", plan.card.currency])  # fmt: skip


def _calendar(path: Path, plan: Plan, film_id: str, title: str) -> None:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Film Studio//production plan//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{title}: shooting schedule")
    for d in plan.days:
        event = Event()
        event.add("uid", f"{film_id}-day{d.number}@film-studio")
        event.add("dtstamp", datetime.now(UTC))
        event.add("dtstart", d.call)
        event.add("dtend", d.wrap)
        event.add("summary", f"{title}: shoot day {d.number} of {len(plan.days)}")
        event.add("location", ", ".join(d.locations))
        scenes = "\n".join(f"Sc {st.sheet.number} {st.part} {st.sheet.heading}".replace("  ", " ") for st in d.strips)
        cast = ", ".join(f"{m.number}. {m.name}" for m in plan.cast if m.number in d.cast_numbers)
        event.add("description", f"{scenes}\nCast: {cast or 'none'}")
        cal.add_component(event)
    path.write_bytes(cal.to_ical())


def write_plan(plan: Plan, out_dir: Path, film_id: str, title: str) -> dict[str, list[str]]:
    """Write every document into `out_dir`; returns the file names by kind."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".plan-", dir=out_dir) as tmp:
        staging = Path(tmp)
        breakdown_pdf(staging / "breakdown_sheets.pdf", title, plan.sheets)
        _breakdown_csv(staging / "breakdown_sheets.csv", plan)
        _schedule_csv(staging / "schedule.csv", plan)
        _budget_csv(staging / "budget.csv", plan)
        _calendar(staging / "schedule.ics", plan, film_id, title)
        calls = []
        for d in plan.days:
            name = f"call_sheet_day{d.number:02d}.pdf"
            call_sheet_pdf(staging / name, title, d, len(plan.days), plan.cast)
            calls.append(name)
        for stale in out_dir.glob("call_sheet_day*.pdf"):  # a shorter schedule than last time
            if stale.name not in calls:
                stale.unlink()
        for file in staging.iterdir():
            shutil.move(str(file), out_dir / file.name)
    return {"breakdown": ["breakdown_sheets.pdf", "breakdown_sheets.csv"], "schedule": ["schedule.csv", "schedule.ics"],
            "budget": ["budget.csv"], "call_sheets": calls}  # fmt: skip
