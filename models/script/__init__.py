"""Script understanding: Fountain screenplays, prose stories and `NAME: line` dialogue become a
`models.breakdown.Breakdown` (scenes, characters, lines, moods, timings).

    from models.script import build_breakdown, detect_format
    breakdown = build_breakdown(text, requested_seconds=60)
"""

from models.script.build import build_breakdown
from models.script.detect import detect_format

__all__ = ["build_breakdown", "detect_format"]
