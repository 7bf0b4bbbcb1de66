"""The rate card a budget is priced from, and the shooting-day assumptions a schedule uses.

A producer edits it as a JSON file (`studio plan --rate-card FILE`); every field is checked before
anything is written, so a negative or non-numeric rate is refused with its name.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from models.plan.sheets import PlanError

MAX_RATE_CARD_BYTES = 64_000
_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True)
class RateCard:
    currency: str = "USD"
    cast_day_rate: float = 400.0  # per on-set cast member per shooting day
    voice_session_rate: float = 250.0  # narration / V.O. recorded in one session per voice
    crew_size: float = 8.0
    crew_day_rate: float = 350.0  # per crew member per shooting day
    location_day_rate: float = 600.0  # per location per day it is used
    prop_rate: float = 25.0  # per prop or set-dressing item to source
    wardrobe_rate: float = 60.0  # per wardrobe item
    vehicle_animal_rate: float = 150.0  # per vehicle or animal per day
    extra_day_rate: float = 120.0  # per group of extras per day
    post_per_minute: float = 500.0  # edit, grade, mix per finished minute
    render_minutes_per_film_minute: float = 1.2  # AI render compute, from bench/render_bench.py
    compute_per_minute: float = 0.05  # cost of one compute minute
    credits_per_minute: float = 3.0  # the studio's price: ceil(minutes x 3) credits per render
    credit_price: float = 0.5  # $5 buys 10 credits
    day_hours: float = 10.0  # shooting hours in a day (configurable day length)
    pages_per_day: float = 4.0  # pages a unit shoots in a full day
    company_move_minutes: float = 45.0  # moving the unit between locations within a day
    call_time: str = "07:00"
    shoot_weekends: bool = False

    @classmethod
    def from_dict(cls, data: Any) -> RateCard:
        if not isinstance(data, dict):
            raise PlanError("A rate card is a JSON object of field names and values.")
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise PlanError(f"Unknown rate card field(s): {', '.join(map(str, unknown))} "
                            f"(known: {', '.join(known)}).")  # fmt: skip
        values: dict[str, Any] = {}
        for name, value in data.items():
            default = getattr(cls, name)
            if isinstance(default, bool):
                if not isinstance(value, bool):
                    raise PlanError(f"Rate card field {name} must be true or false, not {value!r}.")
            elif isinstance(default, float):
                if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                    raise PlanError(f"Rate card field {name} must be a number, not {value!r}.")
                if value < 0:
                    raise PlanError(f"Rate card field {name} cannot be negative ({value}).")
                value = float(value)
            elif not isinstance(value, str) or not value.strip() or len(value) > 40:
                raise PlanError(f"Rate card field {name} must be a short text, not {value!r}.")
            values[name] = value
        card = cls(**values)
        for name in ("day_hours", "pages_per_day"):
            if getattr(card, name) <= 0:
                raise PlanError(f"Rate card field {name} must be more than 0.")
        if card.day_hours > 20:
            raise PlanError("Rate card field day_hours cannot exceed 20 hours.")
        if not _CLOCK.match(card.call_time):
            raise PlanError(f"Rate card field call_time must be HH:MM (24-hour), not {card.call_time!r}.")
        return card

    @classmethod
    def load(cls, path: Path) -> RateCard:
        try:
            if path.stat().st_size > MAX_RATE_CARD_BYTES:
                raise PlanError(f"The rate card {path.name} is larger than {MAX_RATE_CARD_BYTES // 1000} KB.")
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            raise PlanError(f"Cannot read the rate card {path}: {error}.") from None
        except json.JSONDecodeError as error:
            raise PlanError(
                f"The rate card {path.name} is not valid JSON ({error.msg}, line {error.lineno})."
            ) from None
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
