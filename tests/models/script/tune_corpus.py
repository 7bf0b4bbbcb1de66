"""The understanding corpus's tune half as the script tests read it (bench/understanding/tune)."""

from __future__ import annotations

from pathlib import Path

from models.breakdown import Breakdown, Character
from models.script import build_breakdown

TUNE = Path(__file__).resolve().parents[3] / "bench" / "understanding" / "tune"


def story(name: str) -> Breakdown:
    """The breakdown of tune script `name` (its .txt or .fountain)."""
    path = next(p for p in TUNE.glob(f"{name}.*") if p.suffix in (".txt", ".fountain"))
    return build_breakdown(path.read_text())


def character(breakdown: Breakdown, name: str) -> Character:
    return next(c for c in breakdown.characters if c.name == name)
