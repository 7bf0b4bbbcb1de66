"""Delivery: how a line is spoken, from its emotion, its parenthetical and its kind.

A `Delivery` is a small set of numbers (rate, pitch, level, pauses, whisper, melody) that the
performer turns into engine settings (Piper's length_scale, eSpeak's speed and pitch) or into
pedalboard processing after synthesis. It is part of each scene's cache key, so editing a
parenthetical re-voices exactly that scene.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from typing import Any

from models.breakdown import Line

# Bumped when the tables below change what a line sounds like.
DELIVERY_VERSION = "1"

# A Vedic-style recitation moves between three tones (anudātta, udātta, svarita) and rests on
# the middle one at phrase ends; in semitones from the voice's own pitch, one step per word.
CHANT_MELODY = (0.0, 2.0, 0.0, -2.0, 0.0, 3.0, 2.0, 0.0)


@dataclass(frozen=True)
class Delivery:
    rate: float = 1.0  # speaking rate: above 1 faster
    semitones: float = 0.0  # pitch offset
    gain_db: float = 0.0  # level
    whisper: bool = False  # unvoiced: eSpeak's whisper variant, otherwise a thin, quiet voice
    melody: tuple[float, ...] = ()  # per-word pitch steps (chant)
    pause_after: float = 0.0  # extra seconds of silence after the line (on top of pacing)

    def is_neutral(self) -> bool:
        return self == Delivery()

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "melody": list(self.melody)}

    def key(self) -> list[Any]:
        """Stable, JSON-friendly form for cache keys."""
        return [DELIVERY_VERSION, round(self.rate, 4), round(self.semitones, 3), round(self.gain_db, 2),
                self.whisper, list(self.melody), round(self.pause_after, 3)]  # fmt: skip


NEUTRAL = Delivery()

# Emotion -> (rate, semitones, gain dB, extra pause after).
_EMOTIONS: dict[str, tuple[float, float, float, float]] = {
    "neutral": (1.0, 0.0, 0.0, 0.0),
    "happy": (1.06, 1.5, 1.0, 0.0),
    "sad": (0.88, -1.5, -3.0, 0.3),
    "angry": (1.08, 1.0, 4.0, 0.0),
    "surprised": (1.05, 2.5, 2.0, 0.0),
    "afraid": (1.1, 1.5, -1.0, 0.0),
    "tender": (0.95, -0.5, -1.5, 0.15),
}

# Parenthetical cues, checked in order; each multiplies the rate and adds pitch, level and pause.
# (pattern, rate, semitones, gain dB, pause, whisper)
_CUES: list[tuple[str, float, float, float, float, bool]] = [
    (r"whisper\w*|hushed|under (?:his|her|their|my) breath|sotto voce", 0.96, 0.0, -4.0, 0.1, True),
    (r"shout\w*|yell\w*|scream\w*|bellow\w*|roar\w*|at the top of", 1.15, 3.0, 6.0, 0.0, False),
    (r"excited\w*|eager\w*|thrilled", 1.12, 2.0, 3.0, 0.0, False),
    (r"angr\w*|furious\w*|snap\w*", 1.05, 1.0, 3.0, 0.0, False),
    (r"sad\w*|sorrowful\w*|tearful\w*|crying|sobbing|choked", 0.9, -1.0, -2.0, 0.2, False),
    (r"soft\w*|quiet\w*|gentl\w*|murmur\w*", 0.95, 0.0, -5.0, 0.0, False),
    (r"slow\w*|hesitant\w*|drawl\w*", 0.82, 0.0, 0.0, 0.2, False),
    (r"quick\w*|fast|rushed|hurried\w*|rapid\w*", 1.18, 0.0, 0.0, 0.0, False),
    (r"laugh\w*|giggl\w*|chuckl\w*|amused", 1.05, 1.5, 1.0, 0.0, False),
    (r"nervous\w*|stammer\w*|trembl\w*", 1.06, 1.0, -2.0, 0.1, False),
]


def _cues(parenthetical: str) -> Delivery:
    rate, semitones, gain, pause, whisper = 1.0, 0.0, 0.0, 0.0, False
    for pattern, r, s, g, p, w in _CUES:
        if re.search(rf"\b(?:{pattern})\b", parenthetical, re.IGNORECASE):
            rate, semitones, gain, pause, whisper = rate * r, semitones + s, gain + g, pause + p, whisper or w
    return Delivery(rate, semitones, gain, whisper, (), pause)


def delivery_for(line: Line) -> Delivery:
    """The delivery of `line`: its emotion, then its parenthetical's cues, then its kind.

    Chant is slow, even and melodic (a contour step per word) with a breath at the end; verse
    is a little slower than speech with a pause at each line end.
    """
    rate, semitones, gain, pause = _EMOTIONS.get(line.emotion, _EMOTIONS["neutral"])
    delivery = Delivery(rate, semitones, gain, False, (), pause)
    if line.parenthetical:
        cue = _cues(line.parenthetical)
        delivery = Delivery(
            round(delivery.rate * cue.rate, 4),
            delivery.semitones + cue.semitones,
            delivery.gain_db + cue.gain_db,
            cue.whisper,
            (),
            delivery.pause_after + cue.pause_after,
        )
    if line.kind == "chant":
        # A chant is not rushed or shouted, whatever the scene's mood says.
        return replace(delivery, rate=0.72, semitones=0.0, gain_db=min(delivery.gain_db, 0.0),
                       melody=CHANT_MELODY, whisper=False, pause_after=max(delivery.pause_after, 0.6))  # fmt: skip
    if line.kind in ("verse", "lyric"):
        return replace(
            delivery, rate=round(min(delivery.rate, 1.0) * 0.92, 4), pause_after=max(delivery.pause_after, 0.45)
        )
    return delivery
