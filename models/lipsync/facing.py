"""Who faces whom: a character who speaks to another and the one it speaks to turn toward each other.

Rules, per line of an on-screen speaker:
- the listener is the on-screen character the line names; else, with two on screen, the other one;
  else the previous speaker (when it is someone else and on screen); else nobody;
- speaker and listener face each other (each toward the other's side of the frame); everyone else
  faces front, as does everyone while a narrator (a voice not on screen) speaks or a speaker has
  nobody to address (it speaks to the audience);
- a figure turns only between lines, TURN_LEAD seconds before the line that changes its facing (or
  halfway through a shorter pause), never mid-word: the turn is a cut between two drawn views,
  and at a line boundary it reads as a character turning to speak or to listen;
- before the first line everyone faces front; after the last, each keeps the way it faced.
"""

from __future__ import annotations

import re

import numpy as np

from models.lipsync.heads import LineCue

TURN_LEAD = 0.25  # seconds before a line at which its speaker and listener turn, at most


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9']+", text.lower()))


def listener(lines: list[LineCue], k: int, centres: dict[str, float]) -> str | None:
    """Whom line `k` is spoken to, among the on-screen characters (`centres`: name -> x), by the rules above."""
    speaker = lines[k].speaker
    if speaker not in centres:
        return None
    others = [name for name in centres if name != speaker]
    said = _words(lines[k].text)
    named = [name for name in others if _words(name) and _words(name) <= said]
    if len(named) == 1:
        return named[0]
    if len(others) == 1:
        return others[0]
    earlier = [line.speaker for line in lines[:k] if line.speaker != speaker]
    return earlier[-1] if earlier and earlier[-1] in centres else None


def line_facings(lines: list[LineCue], centres: dict[str, float]) -> list[dict[str, int]]:
    """Per line, each on-screen character's facing while it is spoken (-1 left, 0 front, 1 right)."""
    plans = []
    for k, line in enumerate(lines):
        plan = dict.fromkeys(centres, 0)
        heard = listener(lines, k, centres)
        if heard is not None:
            side = 1 if centres[heard] > centres[line.speaker] else -1
            plan[line.speaker], plan[heard] = side, -side
        plans.append(plan)
    return plans


def facing_frames(lines: list[LineCue], centres: dict[str, float], n_frames: int, fps: int) -> dict[str, np.ndarray]:
    """Each on-screen character's facing per frame (int8), switching only between lines."""
    ordered = sorted(lines, key=lambda line: line.start)
    facings = {name: np.zeros(n_frames, dtype=np.int8) for name in centres}
    previous_end = 0.0
    for line, plan in zip(ordered, line_facings(ordered, centres)):
        turn_at = max(line.start - TURN_LEAD, (previous_end + line.start) / 2, 0.0)
        first = min(max(round(turn_at * fps), 0), n_frames)
        for name, facing in plan.items():
            facings[name][first:] = facing
        previous_end = max(previous_end, line.end)
    return facings
