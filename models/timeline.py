"""Place every spoken line on the film's clock.

Scenes get a short lead-in, gaps between lines and a tail. Each gap can be set per line (pacing
from punctuation, mood and delivery; a negative gap lets the next speaker cut in). With a
requested length the slack is spread over the scenes in proportion to how far each falls short
of its target, so the film lands on the requested length whenever the speech fits in it; a
scene with `max_gap` (a podcast) never stretches a pause past it and puts the rest in its
lead-in and tail instead.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

LEAD_IN = 0.5
GAP = 0.35
TAIL = 0.8
DUAL_CUT_IN = 0.5  # seconds: a dual-dialogue line cuts in this much before the line it answers ends


@dataclass
class SceneInput:
    scene_id: str
    target_seconds: float
    line_seconds: list[float]
    dual: list[bool] = field(default_factory=list)  # line i is spoken over line i-1
    gaps: list[float] = field(default_factory=list)  # pause after line i (negative: overlap); default GAP
    max_gap: float | None = None  # slack never stretches a pause beyond this

    def gap_after(self, index: int) -> float:
        return self.gaps[index] if index < len(self.gaps) else GAP

    def is_dual(self, index: int) -> bool:
        return 0 < index < len(self.dual) and self.dual[index]


@dataclass
class PlacedLine:
    scene_id: str
    index: int  # position within the scene
    start: float  # seconds from the start of the scene
    end: float


@dataclass
class SceneSpan:
    scene_id: str
    start: float  # seconds from the start of the film
    duration: float
    lines: list[PlacedLine]

    @property
    def end(self) -> float:
        return self.start + self.duration


@dataclass
class Timeline:
    scenes: list[SceneSpan]

    @property
    def duration(self) -> float:
        return self.scenes[-1].end if self.scenes else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"scenes": [asdict(s) for s in self.scenes]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Timeline:
        return cls(
            [
                SceneSpan(s["scene_id"], s["start"], s["duration"], [PlacedLine(**line) for line in s["lines"]])
                for s in data["scenes"]
            ]
        )


def _speech_layout(scene: SceneInput, gaps: list[float]) -> tuple[list[tuple[float, float]], float]:
    """Line spans relative to the end of the lead-in, and the length of all speech with its gaps.

    A negative gap starts the next line before this one ends (an interruption), but never
    before this line is half said. A dual-dialogue line (Fountain `^`) is a natural cut-in: it
    starts DUAL_CUT_IN before the line beside it ends (never before that line starts), so the
    two overlap by at most half a second and both stay intelligible, rather than being spoken
    fully on top of each other.
    """
    spans: list[tuple[float, float]] = []
    cursor = 0.0
    for i, seconds in enumerate(scene.line_seconds):
        if scene.is_dual(i):
            before_start, before_end = spans[-1]
            start = max(before_start, before_end - DUAL_CUT_IN)
        else:
            start = cursor
        spans.append((start, start + seconds))
        latest = max(end for _, end in spans)
        gap = gaps[i] if i < len(gaps) else GAP
        cursor = max(start + 0.5 * seconds, latest + gap)
    speech = max((end for _, end in spans), default=0.0)
    return spans, speech


def _base_gaps(scene: SceneInput) -> list[float]:
    return [scene.gap_after(i) for i in range(max(len(scene.line_seconds) - 1, 0))]


def natural_seconds(scene: SceneInput) -> float:
    _, speech = _speech_layout(scene, _base_gaps(scene))
    return LEAD_IN + speech + TAIL


def build_timeline(scenes: list[SceneInput], requested_seconds: float | None) -> Timeline:
    """Lay out the scenes; without `requested_seconds` every scene runs at its natural length."""
    naturals = [natural_seconds(s) for s in scenes]
    durations = list(naturals)
    if requested_seconds is not None and sum(naturals) < requested_seconds:
        shortfalls = [max(s.target_seconds - n, 0.0) for s, n in zip(scenes, naturals)]
        weights = shortfalls if sum(shortfalls) > 0 else [max(s.target_seconds, 1.0) for s in scenes]
        slack = requested_seconds - sum(naturals)
        durations = [n + slack * w / sum(weights) for n, w in zip(naturals, weights)]

    spans: list[SceneSpan] = []
    clock = 0.0
    for scene, natural, duration in zip(scenes, naturals, durations):
        extra = duration - natural
        # Spread extra time over the lead-in, the gaps and the tail so no pause becomes a hole;
        # overlaps and dual lines keep their timing, and a capped pause hands its share on.
        base = _base_gaps(scene)
        stretchable = [i for i, gap in enumerate(base) if gap >= 0 and not scene.is_dual(i + 1)]
        share = extra / (2 + len(stretchable))
        added = [0.0] * len(base)
        for i in stretchable:
            added[i] = share if scene.max_gap is None else min(share, max(0.0, scene.max_gap - base[i]))
        lead = LEAD_IN + (extra - sum(added)) / 2
        layout, _ = _speech_layout(scene, [gap + more for gap, more in zip(base, added)])
        lines = [PlacedLine(scene.scene_id, i, lead + s, lead + e) for i, (s, e) in enumerate(layout)]
        spans.append(SceneSpan(scene.scene_id, clock, duration, lines))
        clock += duration
    return Timeline(spans)
