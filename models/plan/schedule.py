"""The stripboard: scenes grouped by location, interior/exterior, time of day and cast, packed
into shooting days of the rate card's length.

Scenes at the same set and light are shot together whatever their order in the script (the
point of a stripboard); within a set, scenes sharing the most cast go next to each other so
actors are called for as few days as possible. A scene longer than a day carries over.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from models.plan.ratecard import RateCard
from models.plan.sheets import SceneSheet

MAX_DAYS = 400  # a short film never needs more; a bound so no input schedules forever


@dataclass
class Strip:
    sheet: SceneSheet
    minutes: float  # shooting minutes on this day (a carried-over scene is split across days)
    part: str = ""  # "1/2" when a scene spans days


@dataclass
class ShootingDay:
    number: int
    day: date
    call: datetime
    wrap: datetime
    strips: list[Strip] = field(default_factory=list)
    moves: int = 0  # company moves between locations

    @property
    def locations(self) -> list[str]:
        return list(dict.fromkeys(s.sheet.location for s in self.strips))

    @property
    def cast_numbers(self) -> list[int]:
        return sorted({m.number for s in self.strips for m in s.sheet.cast})


def shooting_minutes(sheet: SceneSheet, card: RateCard) -> float:
    """Minutes of shooting for a scene: its pages at the card's pages-per-day pace."""
    return sheet.eighths / 8 / card.pages_per_day * card.day_hours * 60


def stripboard(sheets: list[SceneSheet]) -> list[SceneSheet]:
    """Scenes in shooting order: sets in order of first appearance, then by shared cast."""
    groups: dict[tuple[str, str, str], list[SceneSheet]] = {}
    for sheet in sheets:
        groups.setdefault((sheet.location.upper(), sheet.int_ext, sheet.time_of_day), []).append(sheet)
    ordered: list[SceneSheet] = []
    for group in groups.values():
        remaining = list(group)
        current = remaining.pop(0)
        ordered.append(current)
        while remaining:  # greedy: the next scene shares the most cast with the last one
            cast = {m.number for m in current.cast}
            current = max(remaining, key=lambda s: (len(cast & {m.number for m in s.cast}), -s.number))
            remaining.remove(current)
            ordered.append(current)
    return ordered


def _next_day(day: date, card: RateCard) -> date:
    day += timedelta(days=1)
    while not card.shoot_weekends and day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def schedule(sheets: list[SceneSheet], card: RateCard, start: date) -> list[ShootingDay]:
    """Pack the stripboard into shooting days starting on `start` (moved to a weekday if needed)."""
    capacity = card.day_hours * 60
    call_clock = time.fromisoformat(card.call_time)
    day = start if card.shoot_weekends or start.weekday() < 5 else _next_day(start, card)
    days: list[ShootingDay] = []
    used, last_location = capacity, None  # forces a first day
    for sheet in stripboard(sheets):
        left = shooting_minutes(sheet, card)
        parts = []
        while left > 1e-6:
            move = card.company_move_minutes if last_location not in (None, sheet.location) else 0.0
            if used + move >= capacity - 1e-6:
                if days:
                    day = _next_day(day, card)
                if len(days) >= MAX_DAYS:
                    raise ValueError(f"The schedule needs more than {MAX_DAYS} shooting days.")
                call = datetime.combine(day, call_clock)
                days.append(ShootingDay(len(days) + 1, day, call, call))
                used, move = 0.0, 0.0
            shoot = min(left, capacity - used - move)
            days[-1].moves += 1 if move else 0
            strip = Strip(sheet, round(shoot, 1))
            days[-1].strips.append(strip)
            parts.append(strip)
            used += move + shoot
            days[-1].wrap = days[-1].call + timedelta(minutes=used)
            left -= shoot
            last_location = sheet.location
        if len(parts) > 1:
            for i, strip in enumerate(parts, start=1):
                strip.part = f"{i}/{len(parts)}"
    return days
