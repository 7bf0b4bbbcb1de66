"""A budget estimate priced from the rate card: cast and crew days, locations, props, wardrobe,
vehicles and animals, extras, post-production, and, for the AI render, compute minutes and credits."""

from __future__ import annotations

import math
from dataclasses import dataclass

from models.plan.ratecard import RateCard
from models.plan.schedule import ShootingDay
from models.plan.sheets import CastMember, SceneSheet


@dataclass(frozen=True)
class BudgetLine:
    category: str
    item: str
    quantity: float
    unit: str
    rate: float

    @property
    def amount(self) -> float:
        return round(self.quantity * self.rate, 2)


def budget(
    sheets: list[SceneSheet], cast: list[CastMember], days: list[ShootingDay], card: RateCard
) -> list[BudgetLine]:
    lines: list[BudgetLine] = []
    for member in cast:
        worked = sum(1 for d in days if member.number in d.cast_numbers)
        if worked:
            lines.append(BudgetLine("Cast", f"{member.number}. {member.name}", worked, "day", card.cast_day_rate))
    voices = sorted({name for s in sheets for name in s.voice_only})
    for name in voices:
        lines.append(BudgetLine("Cast", f"{name} (voice session)", 1, "session", card.voice_session_rate))
    lines.append(BudgetLine("Crew", f"Crew of {card.crew_size:g}", len(days) * card.crew_size, "person-day",
                            card.crew_day_rate))  # fmt: skip
    for location in dict.fromkeys(s.location for s in sheets):
        used = sum(1 for d in days if location in d.locations)
        lines.append(BudgetLine("Locations", location, used, "day", card.location_day_rate))
    props = {p for s in sheets for p in s.props + s.set_dressing}
    if props:
        lines.append(BudgetLine("Props & set dressing", f"{len(props)} items", len(props), "item", card.prop_rate))
    wardrobe = {w for s in sheets for w in s.wardrobe}
    if wardrobe:
        lines.append(BudgetLine("Wardrobe", f"{len(wardrobe)} items", len(wardrobe), "item", card.wardrobe_rate))
    for kind, rate in (("vehicles_animals", card.vehicle_animal_rate), ("extras", card.extra_day_rate)):
        for name in dict.fromkeys(x for s in sheets for x in getattr(s, kind)):
            used = sum(1 for d in days if any(name in getattr(st.sheet, kind) for st in d.strips))
            category = "Vehicles & animals" if kind == "vehicles_animals" else "Extras"
            lines.append(BudgetLine(category, name, used, "day", rate))
    minutes = sum(s.seconds for s in sheets) / 60
    lines.append(BudgetLine("Post-production", "Edit, grade and mix", round(minutes, 2), "finished minute",
                            card.post_per_minute))  # fmt: skip
    compute = round(minutes * card.render_minutes_per_film_minute, 2)
    lines.append(BudgetLine("AI render", "Compute", compute, "compute minute", card.compute_per_minute))
    credits = math.ceil(round(minutes * card.credits_per_minute, 6))
    lines.append(BudgetLine("AI render", f"Studio credits ({credits})", credits, "credit", card.credit_price))
    return lines


def totals(lines: list[BudgetLine]) -> dict[str, float]:
    """Amount per category, in the order categories first appear, and the grand total."""
    out: dict[str, float] = {}
    for line in lines:
        out[line.category] = round(out.get(line.category, 0.0) + line.amount, 2)
    out["Total"] = round(sum(line.amount for line in lines), 2)
    return out
