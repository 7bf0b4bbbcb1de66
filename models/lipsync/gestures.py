"""Action beats: the scene's action lines, read by verb, become gestures a character makes on screen.

"Asha waves the lantern" raises Asha's arm and waves it; "Ravi points at the reef" holds his arm out
toward it; "she hands him the letter" reaches out; "strikes a match" moves the hand in short strokes;
"nods" nods the head; "sits", "kneels", "crouches", "stands", "enters" and "leaves" move the whole figure
(models/lipsync/body.py); "lights the lamp" warms the picture from that moment (a state change), "blows
out the candle" darkens it. An arm is one limb drawn over the plate from the figure's shoulder, in the
colours of its own sleeve and face, as cached poses blended into the frame, so a beat costs array
copies like the mouths do. Action lines carry no times of their own: they are spread over the scene in
script order, each beat lasting BEAT_SECONDS.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from models.image.art import ActorArt

BEAT_SECONDS = 1.8
EASE_SECONDS = 0.25
NARRATOR_WORDS = {"they", "them"}  # he/she are resolved by gender

# verb stem -> gesture; the first verb of a sentence that names a gesture wins
VERBS: dict[str, str] = {
    "wave": "wave",
    "waves": "wave",
    "waved": "wave",
    "waving": "wave",
    "beckon": "wave",
    "beckons": "wave",
    "point": "point",
    "points": "point",
    "pointed": "point",
    "pointing": "point",
    "gestures": "point",
    "hand": "give",
    "hands": "give",
    "handed": "give",
    "give": "give",
    "gives": "give",
    "gave": "give",
    "offer": "give",
    "offers": "give",
    "passes": "give",
    "pass": "give",
    "holds out": "give",
    "reaches": "give",
    "strike": "strike",
    "strikes": "strike",
    "struck": "strike",
    "light": "strike",
    "lights": "strike",
    "lit": "strike",
    "knock": "strike",
    "knocks": "strike",
    "hammers": "strike",
    "writes": "strike",
    "raise": "raise",
    "raises": "raise",
    "lifts": "raise",
    "lift": "raise",
    "salutes": "raise",
    "nod": "nod",
    "nods": "nod",
    "nodded": "nod",
    "bows": "nod",
}
ARM_KINDS = {"wave", "point", "give", "strike", "raise"}
# whole-figure moves (models/lipsync/body.py): phrases, since "walks in" and "walks out" differ by one word
BODY_PHRASES: dict[str, re.Pattern[str]] = {
    "exit": re.compile(
        r"\b(?:walks|goes|storms|runs|steps|heads|hurries|slips|wanders) (?:out|off|away)\b"
        r"|\b(?:exits|exited|departs|departed)\b|(?<!the )\bleaves\b"
    ),
    "enter": re.compile(
        r"\b(?:walks|comes|came|steps|runs|rushes|hurries|slips|wanders|bursts) in(?:to)?\b"
        r"|\b(?:enters|entered|arrives|arrived)\b"
    ),
    "stand": re.compile(r"\b(?:stands|stood|gets up|got up|rises|rose|jumps up|springs up)\b"),
    "sit": re.compile(r"\b(?:sits|sat|sitting|seats (?:himself|herself))\b"),
    "kneel": re.compile(r"\b(?:kneels|knelt|kneeling)\b"),
    "crouch": re.compile(r"\b(?:crouches|crouched|crouching|squats|ducks|dives under|hides under|huddles)\b"),
}
DOWN = ("sit", "kneel", "crouch")  # the moves that need a figure drawn in a pose


def goes_down(action: list[str]) -> bool:
    """Whether any action line takes someone down (sits, kneels, crouches): only then does the
    illustrator draw its figures' poses."""
    text = " ".join(action).lower()
    return any(BODY_PHRASES[kind].search(text) for kind in DOWN)


LIGHT_ON = re.compile(r"\b(lights?|lit|switch(es)? on|turns? on|kindles?|strikes? a match)\b")
LIGHT_OFF = re.compile(r"\b(blows? out|puts? out|snuffs?|switch(es)? off|turns? off|extinguish(es)?)\b")
LIGHT_THINGS = re.compile(r"\b(lamp|lantern|candles?|fire|match|torch|light|stove|bulb|fireplace)\b")


@dataclass(frozen=True)
class Gesture:
    """One character's gesture during [start, end) clip seconds."""

    actor: str
    kind: str  # wave | point | give | strike | raise | nod | sit | kneel | crouch | stand | enter | exit
    start: float
    end: float
    text: str = ""  # the action sentence it came from


@dataclass(frozen=True)
class LightChange:
    """The scene's light after `at` seconds: brighter (a lamp lit) or darker (a candle put out)."""

    at: float
    brightness: float  # ffmpeg eq brightness, -1..1

    def filter(self) -> str:
        return f"eq=brightness={self.brightness:.3f}:enable='gte(t,{self.at:.3f})'"


def _sentences(action: list[str]) -> list[str]:
    return [s.strip() for line in action for s in re.split(r"(?<=[.!?])\s+", line) if s.strip()]


def _actor_in(sentence: str, actors: list[str], named: list[str], genders: Mapping[str, str]) -> str | None:
    """Who does it: the first character named in the sentence; for he/she, the latest named character
    of that gender (any latest one when genders are unknown); `named` is who was named so far."""
    lowered = sentence.lower()
    found = [(m.start(), name) for name in actors
             for m in [re.search(rf"\b{re.escape(name.lower().split()[0])}\b", lowered)] if m]  # fmt: skip
    if found:
        return min(found)[1]
    tokens = re.findall(r"[a-z]+", lowered)
    pronouns = {"she": "female", "her": "female", "he": "male", "him": "male", "his": "male"}
    first = next((t for t in tokens if t in pronouns), None)  # the subject comes first: "he hands her"
    if first is not None:
        fitting = [n for n in named if genders.get(n, pronouns[first]) == pronouns[first]]
        return fitting[-1] if fitting else None
    return named[-1] if named and set(tokens) & NARRATOR_WORDS else None


def _verb(sentence: str) -> str | None:
    """The sentence's first verb that names a gesture or a move of the whole figure."""
    lowered = sentence.lower()
    found = [(m.start(), VERBS[m.group()]) for m in re.finditer(r"[a-z]+", lowered) if m.group() in VERBS]
    found += [(m.start(), "give") for m in re.finditer(r"\bholds out\b", lowered)]
    found += [(m.start(), kind) for kind, phrase in BODY_PHRASES.items() for m in [phrase.search(lowered)] if m]
    return min(found)[1] if found else None


def plan_gestures(action: list[str], actors: list[str], duration: float,
                  genders: Mapping[str, str] | None = None) -> tuple[list[Gesture], list[LightChange]]:  # fmt: skip
    """Gestures and light changes of a scene's action lines, spread over `duration` seconds in order;
    `genders` (name -> female/male) tells who "she" and "he" are."""
    sentences = _sentences(action)
    if not sentences or duration <= 0:
        return [], []
    slot = duration / len(sentences)
    length = min(BEAT_SECONDS, max(slot * 0.9, 0.6))
    gestures: list[Gesture] = []
    lights: list[LightChange] = []
    named: list[str] = []
    for index, sentence in enumerate(sentences):
        start = min(index * slot + min(0.4, slot * 0.1), max(duration - length, 0.0))
        actor = _actor_in(sentence, actors, named, genders or {})
        if actor:
            named = [n for n in named if n != actor] + [actor]
        lowered = sentence.lower()
        if LIGHT_THINGS.search(lowered):
            if LIGHT_OFF.search(lowered):
                lights.append(LightChange(round(start + length * 0.6, 3), -0.12))
            elif LIGHT_ON.search(lowered):
                lights.append(LightChange(round(start + length * 0.6, 3), 0.08))
        kind = _verb(sentence)
        if kind and actor:
            gestures.append(Gesture(actor, kind, round(start, 3), round(min(start + length, duration), 3), sentence))
    return gestures, lights


def _envelope(t: np.ndarray, start: float, end: float) -> np.ndarray:
    rise = np.clip((t - start) / EASE_SECONDS, 0, 1)
    fall = np.clip((end - t) / EASE_SECONDS, 0, 1)
    x = np.minimum(rise, fall)
    return x * x * (3 - 2 * x)


def arm_angles(gesture: Gesture, n_frames: int, fps: int) -> np.ndarray:
    """The arm's angle per frame (radians from hanging straight down, outward positive; NaN: at rest)."""
    t = (np.arange(n_frames) + 0.5) / fps
    on = _envelope(t, gesture.start, gesture.end)
    u = t - gesture.start
    if gesture.kind == "wave":
        target = 2.55 + 0.35 * np.sin(2 * math.pi * 2.2 * u)
    elif gesture.kind == "point":
        target = np.full(n_frames, math.pi / 2)
    elif gesture.kind == "give":
        target = np.full(n_frames, 1.15)
    elif gesture.kind == "strike":
        target = 1.1 + 0.35 * np.abs(np.sin(2 * math.pi * 1.8 * u))
    elif gesture.kind == "raise":
        target = np.full(n_frames, 2.8)
    else:
        return np.full(n_frames, np.nan)
    angles = on * target
    angles[on <= 0.02] = np.nan
    return angles


def nod_offsets(gestures: list[Gesture], name: str, n_frames: int, fps: int) -> np.ndarray:
    """Extra head dy per frame for this character's nods (two dips per beat)."""
    t = (np.arange(n_frames) + 0.5) / fps
    dy = np.zeros(n_frames, dtype=np.float32)
    for g in gestures:
        if g.actor == name and g.kind == "nod":
            dy += _envelope(t, g.start, g.end) * 3.0 * np.abs(np.sin(2 * math.pi * 1.2 * (t - g.start)))
    return dy


class ArmRig:
    """One character's gesturing arm: poses drawn once per quantised angle, blended into frames."""

    STEP = 0.05  # radians between cached poses

    def __init__(self, plate: np.ndarray, actor: ActorArt, side: int) -> None:
        height, width = plate.shape[:2]
        hx, hy, hw, hh = actor.head_box
        self.side = 1 if side >= 0 else -1
        self.length = hh * 1.25
        self.thick = max(4.0, hw * 0.17)
        self.shoulder = (hx + hw / 2 + self.side * hw * 0.55, hy + hh * 1.2)
        reach = self.length + self.thick * 2
        sx, sy = self.shoulder
        x0, y0 = int(max(0, sx - reach)), int(max(0, sy - reach))
        x1, y1 = int(min(width, sx + reach)), int(min(height, sy + reach))
        self.region = (x0, y0, max(0, x1 - x0), max(0, y1 - y0))
        self.skin = self._sample(plate, hx + hw * 0.5, hy + hh * 0.42, hw * 0.08)
        self.sleeve = self._sample(plate, hx + hw / 2, hy + hh * 1.6, hw * 0.1)
        self._poses: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    @staticmethod
    def _sample(plate: np.ndarray, x: float, y: float, radius: float) -> np.ndarray:
        height, width = plate.shape[:2]
        r = max(1, int(radius))
        xi, yi = int(np.clip(x, 0, width - 1)), int(np.clip(y, 0, height - 1))
        patch = plate[max(0, yi - r) : yi + r + 1, max(0, xi - r) : xi + r + 1].reshape(-1, 3)
        return np.median(patch, axis=0).astype(np.float32)

    def hand(self, angle: float) -> tuple[float, float]:
        sx, sy = self.shoulder
        return sx + self.side * self.length * math.sin(angle), sy + self.length * math.cos(angle)

    def pose(self, angle: float) -> tuple[np.ndarray, np.ndarray]:
        """(alpha (h, w, 1), colour (h, w, 3)) of the arm at `angle` over the region."""
        key = int(round(angle / self.STEP))
        if key not in self._poses:
            x0, y0, w, h = self.region
            ys, xs = np.mgrid[y0 : y0 + h, x0 : x0 + w].astype(np.float32) + 0.5
            sx, sy = self.shoulder
            ex, ey = self.hand(key * self.STEP)
            vx, vy = ex - sx, ey - sy
            along = np.clip(((xs - sx) * vx + (ys - sy) * vy) / max(vx * vx + vy * vy, 1e-6), 0, 1)
            dist = np.hypot(xs - (sx + along * vx), ys - (sy + along * vy))
            arm = np.clip(self.thick / 2 - dist + 0.5, 0, 1)
            palm = np.clip(self.thick * 0.7 - np.hypot(xs - ex, ys - ey) + 0.5, 0, 1)
            skin_share = np.maximum(palm, (along > 0.72) * arm)  # forearm and hand bare, the rest sleeve
            colour = self.sleeve * (1 - skin_share[..., None]) + self.skin * skin_share[..., None]
            self._poses[key] = (np.maximum(arm, palm)[..., None].astype(np.float32), colour.astype(np.float32))
        return self._poses[key]

    def draw(self, frame: np.ndarray, angle: float, dx: int = 0, dy: int = 0) -> tuple[int, int, int, int]:
        """Blend the arm at `angle` into `frame` in place, moved by (dx, dy) with its figure (models/lipsync/
        body.py); returns the region it touched."""
        x, y, w, h = self.region
        x0, y0 = max(0, x + dx), max(0, y + dy)
        x1, y1 = min(frame.shape[1], x + dx + w), min(frame.shape[0], y + dy + h)
        if x1 <= x0 or y1 <= y0:
            return x0, y0, 0, 0
        alpha, colour = self.pose(angle)
        cut = (slice(y0 - y - dy, y1 - y - dy), slice(x0 - x - dx, x1 - x - dx))
        view = frame[y0:y1, x0:x1]
        view[:] = np.rint(view * (1 - alpha[cut]) + colour[cut] * alpha[cut]).astype(np.uint8)
        return x0, y0, x1 - x0, y1 - y0


def arm_side(actor: ActorArt, others: list[ActorArt]) -> int:
    """The arm toward the nearest other character (who a gift or a point goes to), else the right."""
    centre = actor.head_box[0] + actor.head_box[2] / 2
    if others:
        nearest = min(others, key=lambda o: abs(o.head_box[0] + o.head_box[2] / 2 - centre))
        return 1 if nearest.head_box[0] + nearest.head_box[2] / 2 >= centre else -1
    return actor.facing if actor.facing else 1
