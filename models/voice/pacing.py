"""Pauses between lines: punctuation, who speaks next, the scene's mood, delivery and mode.

Returns the silence after each line but the last, in seconds; negative means the next speaker
cuts in before the line is over (a line ending in a dash or an ellipsis, answered by someone
else). Podcasts keep every pause in the range of natural conversation (0.15-1.5 s) and vary
it deterministically, so re-renders sound the same.
"""

from __future__ import annotations

import hashlib

from models.breakdown import Scene
from models.voice.delivery import Delivery, delivery_for

PODCAST_GAP_RANGE = (0.15, 1.5)
FILM_GAP_RANGE = (0.1, 2.5)
# A requested length may stretch a podcast pause up to here; the takes' own edges (about 0.1 s
# of breath either side of the words) keep what is heard inside PODCAST_GAP_RANGE.
PODCAST_STRETCH_CAP = 1.2
INTERRUPTION_OVERLAP = 0.25  # seconds the next speaker talks over a cut-off line

_CUT_OFF = ("—", "–", "--", "…", "...")
# How long a pause a line's last mark asks for.
_END_PAUSE = {"?": 0.45, "!": 0.3, ".": 0.35, ",": 0.25, ";": 0.3, ":": 0.3, "…": 0.7}
# Tense scenes tumble on, sad and mysterious ones linger.
_MOOD_PACE = {"tense": 0.75, "joyful": 0.9, "calm": 1.0, "sad": 1.3, "mysterious": 1.25}


def _jitter(scene_identity: str, index: int) -> float:
    """A stable number in [0, 1) per line: natural variety without randomness between renders."""
    digest = hashlib.sha256(f"{scene_identity}:{index}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32


def is_cut_off(text: str) -> bool:
    """A line left unfinished: it ends in a dash or an ellipsis."""
    return text.rstrip().rstrip("\"'”’)").endswith(_CUT_OFF)


def _end_pause(text: str) -> float:
    stripped = text.rstrip().rstrip("\"'”’)")
    if stripped.endswith(("...", "…")):
        return _END_PAUSE["…"]
    return _END_PAUSE.get(stripped[-1:], 0.3)


def line_gaps(scene: Scene, mode: str = "film", deliveries: list[Delivery] | None = None) -> list[float]:
    """Seconds after line i before line i+1 (len = lines - 1)."""
    lines = scene.lines
    deliveries = deliveries if deliveries is not None else [delivery_for(line) for line in lines]
    pace = _MOOD_PACE.get(scene.mood, 1.0)
    low, high = (PODCAST_GAP_RANGE[0], PODCAST_STRETCH_CAP) if mode == "podcast" else FILM_GAP_RANGE
    gaps: list[float] = []
    for i, (line, following) in enumerate(zip(lines, lines[1:])):
        turn = following.speaker != line.speaker
        if turn and is_cut_off(line.text) and not following.dual:
            gaps.append(-INTERRUPTION_OVERLAP)
            continue
        gap = _end_pause(line.text)
        if mode == "podcast":
            # Replies to a question come quickly; otherwise a beat of 0.3-0.75 s, varied per turn.
            gap = (0.2 if line.text.rstrip().endswith("?") else 0.3) + 0.45 * _jitter(scene.identity, i)
            gap += 0.0 if turn else 0.15  # the same host carrying on takes a breath
        elif turn:
            gap += 0.1
        gap = gap * pace + deliveries[i].pause_after
        gaps.append(round(min(max(gap, low), high), 3))
    return gaps
