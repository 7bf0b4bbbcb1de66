"""Place every spoken line on the film's clock.

Scenes get a short lead-in, gaps between lines and a tail. With a requested length the slack is
spread over the scenes in proportion to how far each falls short of its target, so the film lands
on the requested length whenever the speech fits in it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

LEAD_IN = 0.5
GAP = 0.35
TAIL = 0.8


@dataclass
class SceneInput:
    scene_id: str
    target_seconds: float
    line_seconds: list[float]
    dual: list[bool] = field(default_factory=list)  # line i is spoken over line i-1


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


def _speech_layout(scene: SceneInput, gap: float) -> tuple[list[tuple[float, float]], float]:
    """Line spans relative to the end of the lead-in, and the length of all speech with its gaps."""
    spans: list[tuple[float, float]] = []
    cursor = 0.0
    for i, seconds in enumerate(scene.line_seconds):
        overlapping = 0 < i < len(scene.dual) and scene.dual[i]
        start = spans[-1][0] if overlapping else cursor
        spans.append((start, start + seconds))
        cursor = max(cursor, start + seconds + gap)
    speech = max((end for _, end in spans), default=0.0)
    return spans, speech


def natural_seconds(scene: SceneInput) -> float:
    _, speech = _speech_layout(scene, GAP)
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
        # Spread extra time over the lead-in, the gaps and the tail so no pause becomes a hole.
        pauses = 2 + max(len(scene.line_seconds) - 1, 0)
        gap = GAP + extra / pauses if scene.line_seconds else GAP
        lead = LEAD_IN + extra / pauses if scene.line_seconds else LEAD_IN + extra / 2
        layout, _ = _speech_layout(scene, gap)
        lines = [PlacedLine(scene.scene_id, i, lead + s, lead + e) for i, (s, e) in enumerate(layout)]
        spans.append(SceneSpan(scene.scene_id, clock, duration, lines))
        clock += duration
    return Timeline(spans)
