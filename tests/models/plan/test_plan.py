"""Pre-production documents from a script nobody tuned for: what each department reads."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest

from models.breakdown import Breakdown
from models.plan import PlanError, RateCard, make_plan, write_plan
from models.script import build_breakdown

HARBOUR = """\
Title: The Night Ferry

EXT. HARBOUR - NIGHT

Rain hammers the quay. A horse and cart wait by the ferry. NINA, a young sailor in a blue coat, checks a brass compass.

NINA
The ferry leaves at midnight.

OSCAR
Then we must hurry.

INT. TICKET OFFICE - DAY

OSCAR counts coins into a tin box on the desk. A bell rings.

OSCAR
One ticket, please.

NINA
Two. He is coming with me.

OSCAR
Fine.

EXT. HARBOUR - NIGHT

A crowd of passengers pushes toward the gangway. NINA lifts a heavy suitcase.

NINA
Hold my hand.
"""


@pytest.fixture(scope="module")
def breakdown() -> Breakdown:
    return build_breakdown(HARBOUR)


def test_sheets_fill_the_departments_boxes(breakdown: Breakdown) -> None:
    plan = make_plan(breakdown, RateCard(), date(2027, 1, 4))
    first, office, last = plan.sheets
    assert (first.int_ext, first.time_of_day, office.int_ext, office.time_of_day) == ("EXT", "night", "INT", "day")
    assert any("compass" in p for p in first.props)
    assert {"horse", "cart"} <= {v.split()[-1] for v in first.vehicles_animals}
    assert "rain" in first.sound_effects and "bell" in " ".join(office.sound_effects)
    assert any("tin box" in p or "coins" in p for p in office.props)
    assert "desk" in office.set_dressing
    assert any("passengers" in e for e in last.extras)
    assert any("suitcase" in p for p in last.props)
    # Cast ids by how much each speaks: Nina has 3 lines and Oscar 3; script order breaks the tie.
    assert [(m.number, m.name) for m in plan.cast] == [(1, "NINA"), (2, "OSCAR")]
    assert all(s.eighths >= 1 for s in plan.sheets)


def test_stripboard_shoots_the_same_set_together(breakdown: Breakdown) -> None:
    plan = make_plan(breakdown, RateCard(), date(2027, 1, 4))
    order = [st.sheet.number for day in plan.days for st in day.strips]
    assert order.index(3) == order.index(1) + 1  # both harbour-night scenes in a row, before the office


def test_days_respect_their_length_and_weekends(breakdown: Breakdown) -> None:
    card = RateCard(day_hours=1.0, pages_per_day=0.1)  # a slow unit: a scene spans several short days
    plan = make_plan(breakdown, card, date(2027, 1, 8))  # a Friday
    assert len(plan.days) > 3
    for day in plan.days:
        assert (day.wrap - day.call).total_seconds() <= 3600 + 1
        assert day.day.weekday() < 5
    parts = [st.part for day in plan.days for st in day.strips if st.part]
    assert parts and parts[0].startswith("1/")


def test_budget_totals_add_up_and_price_the_render(breakdown: Breakdown) -> None:
    plan = make_plan(breakdown, RateCard(), date(2027, 1, 4))
    totals = plan.totals
    assert totals["Total"] == pytest.approx(sum(v for k, v in totals.items() if k != "Total"), abs=0.05)
    credits = [line for line in plan.budget if line.unit == "credit"]
    assert credits and credits[0].quantity >= 1
    assert {"Cast", "Crew", "Locations", "Post-production", "AI render"} <= set(totals)


@pytest.mark.parametrize(
    ("card", "message"),
    [({"cast_day_rate": -5}, "negative"), ({"crew_day_rate": "lots"}, "number"), ({"day_hours": 0}, "more than 0"),
     ({"catering": 10}, "Unknown"), ({"call_time": "7am"}, "HH:MM"), ([1, 2], "JSON object"),
     ({"prop_rate": float("nan")}, "number")],
)  # fmt: skip
def test_bad_rate_cards_are_refused_by_name(card: object, message: str) -> None:
    with pytest.raises(PlanError, match=message):
        RateCard.from_dict(card)


def test_a_film_with_no_scenes_cannot_be_planned() -> None:
    empty = Breakdown(title="Nothing", format="prose", culture="western", characters=[], scenes=[])
    with pytest.raises(PlanError, match="no scenes"):
        make_plan(empty, RateCard(), date(2027, 1, 4))


def test_documents_open_in_ordinary_tools(breakdown: Breakdown, tmp_path: Path) -> None:
    from icalendar import Calendar
    from pypdf import PdfReader

    plan = make_plan(breakdown, RateCard(day_hours=2.0, pages_per_day=1.0), date(2027, 1, 4))
    files = write_plan(plan, tmp_path, "abc123", breakdown.title)
    sheets = PdfReader(tmp_path / "breakdown_sheets.pdf")
    assert len(sheets.pages) == 3
    assert "TICKET OFFICE" in sheets.pages[1].extract_text()
    with (tmp_path / "budget.csv").open() as f:
        rows = list(csv.DictReader(f))
    total = next(r for r in rows if r["category"] == "Total")
    assert float(total["amount"]) == pytest.approx(plan.totals["Total"])
    with (tmp_path / "schedule.csv").open() as f:
        assert {int(r["scene"]) for r in csv.DictReader(f)} == {1, 2, 3}
    calendar = Calendar.from_ical((tmp_path / "schedule.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == len(plan.days) == len(files["call_sheets"])
    assert events[0].decoded("dtstart") == datetime(2027, 1, 4, 7, 0)
    call = PdfReader(tmp_path / files["call_sheets"][0]).pages[0].extract_text()
    assert "Day 1 of" in call and "07:00" in call and "NINA" in call


def test_a_shorter_replan_removes_stale_call_sheets(breakdown: Breakdown, tmp_path: Path) -> None:
    long = make_plan(breakdown, RateCard(day_hours=1.0, pages_per_day=0.1), date(2027, 1, 4))
    write_plan(long, tmp_path, "abc123", breakdown.title)
    short = make_plan(breakdown, RateCard(), date(2027, 1, 4))
    files = write_plan(short, tmp_path, "abc123", breakdown.title)
    assert sorted(p.name for p in tmp_path.glob("call_sheet_day*.pdf")) == files["call_sheets"]
