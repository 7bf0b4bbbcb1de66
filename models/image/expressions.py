"""The expression set: brows, eye openness and the resting mouth for each feeling.

Head units, as in face.py. A brow is described by how far its inner and outer ends move
(negative is up) and how much it arches; the resting mouth is drawn around the mouth centre and
stays inside the box every viseme fits in (mouths.MOUTH_HALF_WIDTH, MOUTH_DEPTH).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import skia

from models.image.colours import fill, stroke

EXPRESSIONS = ("neutral", "happy", "sad", "angry", "surprised", "afraid", "thinking")


@dataclass(frozen=True)
class Brows:
    inner: float  # vertical shift of the end nearest the nose
    outer: float
    arch: float  # extra lift of the middle
    eye_scale: float = 1.0  # how wide the eyes open


BROWS: dict[str, Brows] = {
    "neutral": Brows(0.0, 0.0, 0.0),
    "happy": Brows(-0.02, -0.01, -0.025),
    "sad": Brows(-0.05, 0.03, 0.0, 0.92),
    "angry": Brows(0.05, -0.03, 0.0, 0.9),
    "surprised": Brows(-0.07, -0.06, -0.03, 1.18),
    "afraid": Brows(-0.07, -0.01, 0.0, 1.12),
    "thinking": Brows(0.02, 0.0, 0.0),  # the second brow is raised in brow_for()
}

# Line emotions from the breakdown -> expressions; scene moods give non-speakers a feeling too.
FROM_EMOTION = {
    "happy": "happy",
    "tender": "happy",
    "sad": "sad",
    "angry": "angry",
    "surprised": "surprised",
    "afraid": "afraid",
    "neutral": "neutral",
}
FROM_MOOD = {"joyful": "happy", "sad": "sad", "tense": "afraid", "mysterious": "thinking", "calm": "neutral"}


def brow_for(expression: str, eye_index: int) -> Brows:
    brows = BROWS.get(expression, BROWS["neutral"])
    if expression == "thinking" and eye_index == 1:
        return Brows(-0.05, -0.05, -0.02)
    return brows


def expression_of(emotions: list[str], mood: str) -> str:
    """A character's expression in a scene: their most frequent non-neutral line emotion, else the mood."""
    felt = Counter(FROM_EMOTION.get(e, "neutral") for e in emotions if FROM_EMOTION.get(e, "neutral") != "neutral")
    if felt:
        return felt.most_common(1)[0][0]
    return FROM_MOOD.get(mood, "neutral")


def draw_rest_mouth(canvas: skia.Canvas, expression: str, lip: str, line: skia.Paint) -> bool:
    """Draw the resting mouth for `expression`; False for neutral (the caller draws its own)."""
    path = skia.Path()
    if expression == "happy":
        path.moveTo(-0.1, -0.02)
        path.quadTo(0, 0.09, 0.1, -0.02)
        canvas.drawPath(path, line)
    elif expression == "sad":
        path.moveTo(-0.08, 0.035)
        path.quadTo(0, -0.03, 0.08, 0.035)
        canvas.drawPath(path, line)
    elif expression == "angry":
        path.moveTo(-0.08, 0.01)
        path.lineTo(0.08, 0.01)
        canvas.drawPath(path, stroke(lip, 0.032))
    elif expression in ("surprised", "afraid"):
        h = 0.07 if expression == "surprised" else 0.05
        oval = skia.Rect(-0.045, -0.02, 0.045, -0.02 + h)
        canvas.drawOval(oval, fill("#5a1c24"))
        canvas.drawOval(oval, stroke(lip, 0.02))
    elif expression == "thinking":
        path.moveTo(-0.07, 0.015)
        path.quadTo(0.02, 0.02, 0.08, -0.015)
        canvas.drawPath(path, line)
    else:
        return False
    return True
