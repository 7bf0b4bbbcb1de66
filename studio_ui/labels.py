"""Words for numbers and tier rules as people read them: "1 credit", "Monthly credits", "Free"."""

from __future__ import annotations

from typing import Any

# Tier rule field (StudioService.tiers) -> column heading.
TIER_HEADINGS = {
    "monthly_credits": "Monthly credits",
    "max_minutes": "Longest film",
    "max_resolution": "Best resolution",
    "watermark": "Watermark",
    "priority": "Render priority",
    "credits_per_minute": "Credits per minute",
}


def credits_text(count: int) -> str:
    return f"{count} credit" if abs(count) == 1 else f"{count} credits"


def tier_cell(field: str, value: Any) -> str:
    """One tier rule as a table cell."""
    if field == "monthly_credits":
        return "Unlimited" if value is None else str(value)
    if field == "max_minutes":
        return f"{value:g} minute" + ("s" if value != 1 else "")
    if field == "watermark":
        return "Yes" if value else "No"
    if field == "priority":
        return str(value).capitalize()
    return str(value)


def tier_table(tiers: dict[str, dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """Headings and rows of the tier table: human names, one row per tier."""
    fields = [f for f in TIER_HEADINGS if any(f in rules for rules in tiers.values())]
    rows = [[name.title(), *(tier_cell(f, rules.get(f)) for f in fields)] for name, rules in tiers.items()]
    return ["Plan", *(TIER_HEADINGS[f] for f in fields)], rows
