"""Voice every line of a film and place the takes on the film's timeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import soundfile as sf

from models.breakdown import Breakdown
from models.timeline import SceneInput, Timeline, build_timeline
from models.voice.base import Take, Timed
from models.voice.speak import synthesize


def _timed(items: list[Timed]) -> list[list[Any]]:
    return [[t.label, round(t.start, 4), round(t.end, 4)] for t in items]


def voice_film(breakdown: Breakdown, voices: dict[str, str], out_dir: Path) -> dict[str, Any]:
    """Synthesize one take per line (wav + phoneme and word timings) and lay out the timeline."""
    takes: list[dict[str, Any]] = []
    scene_inputs: list[SceneInput] = []
    for scene in breakdown.scenes:
        seconds: list[float] = []
        for index, line in enumerate(scene.lines):
            voice_id = voices[line.speaker]
            take: Take = synthesize(line.text, voice_id)
            name = f"{scene.scene_id}_{index:03d}.wav"
            sf.write(out_dir / name, take.samples, take.sample_rate, subtype="PCM_16")
            takes.append(
                {
                    "scene_id": scene.scene_id,
                    "index": index,
                    "speaker": line.speaker,
                    "text": line.text,
                    "voice": voice_id,
                    "file": name,
                    "sample_rate": take.sample_rate,
                    "duration": round(take.duration, 4),
                    "phonemes": _timed(take.phonemes),
                    "words": _timed(take.words),
                }
            )
            seconds.append(take.duration)
        scene_inputs.append(
            SceneInput(scene.scene_id, scene.target_seconds, seconds, [line.dual for line in scene.lines])
        )
    timeline = build_timeline(scene_inputs, breakdown.requested_seconds)
    return {"takes": takes, "timeline": timeline.to_dict(), "duration": round(timeline.duration, 3)}


def film_timeline(voice_manifest: dict[str, Any]) -> Timeline:
    return Timeline.from_dict(voice_manifest["timeline"])


def take_path(voice_manifest: dict[str, Any], take: dict[str, Any]) -> Path:
    return Path(voice_manifest["dir"]) / take["file"]


def placed_takes(voice_manifest: dict[str, Any]) -> list[tuple[dict[str, Any], float, float]]:
    """Each take with its start and end in film seconds, in film order."""
    timeline = film_timeline(voice_manifest)
    spans = {(line.scene_id, line.index): (scene.start + line.start, scene.start + line.end)
             for scene in timeline.scenes for line in scene.lines}  # fmt: skip
    placed = [(take, *spans[(take["scene_id"], take["index"])]) for take in voice_manifest["takes"]]
    return sorted(placed, key=lambda item: item[1])
