"""Voice every line of a film and place the takes on the film's timeline."""

from __future__ import annotations

import time
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import soundfile as sf

from models.breakdown import Breakdown, Line, Scene
from models.film.scene_cache import FileCache, SceneCache, build_workers, per_scene, scene_key
from models.timeline import SceneInput, Timeline, build_timeline
from models.voice.base import Take, Timed
from models.voice.catalogue import get_voice
from models.voice.delivery import delivery_for
from models.voice.dsp import DSP_VERSION
from models.voice.pacing import PODCAST_STRETCH_CAP, line_gaps
from models.voice.speak import backend_versions, synthesize


def _timed(items: list[Timed]) -> list[list[Any]]:
    return [[t.label, round(t.start, 4), round(t.end, 4)] for t in items]


def line_voice_key(line: Line, voice_id: str) -> str:
    """Everything one take depends on: its words and delivery, its voice (with its processing) and
    the engine's and the processing's versions; not its scene or its place in it."""
    voice = get_voice(voice_id)
    engine = backend_versions().get(voice.engine, "")
    return scene_key("take", [line.speaker, line.text, line.parenthetical, line.emotion, line.kind,
                              delivery_for(line).key()], voice_id, engine, [list(p) for p in voice.params],
                     DSP_VERSION)  # fmt: skip


def _take(line: Line, voice_id: str, path: Path) -> dict[str, Any]:
    """Synthesize one line into `path`; the take's record without its place in the film."""
    delivery = delivery_for(line)
    started = time.perf_counter()
    take: Take = synthesize(line.text, voice_id, delivery)
    seconds = time.perf_counter() - started  # the engine's real-time factor, logged to MLflow
    sf.write(path, take.samples, take.sample_rate, subtype="PCM_16")
    return {
        "speaker": line.speaker,
        "text": line.text,
        "voice": voice_id,
        "kind": line.kind,
        "delivery": delivery.to_dict(),
        "sample_rate": take.sample_rate,
        "duration": round(take.duration, 4),
        "synth_seconds": round(seconds, 4),
        "phonemes": _timed(take.phonemes),
        "words": _timed(take.words),
    }


def voice_scene(
    scene: Scene, voices: dict[str, str], out_dir: Path, takes_cache: FileCache | None = None,
    pool: Executor | None = None,
) -> tuple[list[str], dict[str, Any]]:  # fmt: skip
    """Synthesize one take per line of a scene, delivered as its emotion, parenthetical and kind
    ask (rate, pitch, level, chant melody); returns the files written and the takes. With
    `takes_cache`, a line whose words, delivery and voice are unchanged reuses its earlier take;
    with `pool`, the lines are synthesized on it side by side."""

    def spoken(index: int, line: Line) -> dict[str, Any]:
        voice_id = voices[line.speaker]
        name = f"{scene.scene_id}_{index:03d}.wav"
        key = line_voice_key(line, voice_id) if takes_cache else ""
        take = takes_cache.fetch(key, out_dir / name) if takes_cache else None
        if take is None:
            take = _take(line, voice_id, out_dir / name)
            if takes_cache:
                takes_cache.store(key, out_dir / name, take)
        return {"scene_id": scene.scene_id, "index": index, "file": name, **take}

    numbered = list(enumerate(scene.lines))
    takes = list(pool.map(lambda item: spoken(*item), numbered) if pool else (spoken(*item) for item in numbered))
    return [take["file"] for take in takes], {"takes": takes}


def scene_voice_key(scene: Scene, voices: dict[str, str]) -> str:
    """Everything a scene's takes depend on: its lines' takes, in order (no scene_id: it is a position)."""
    return scene_key("voice", [line_voice_key(line, voices[line.speaker]) for line in scene.lines])


def voice_film(
    breakdown: Breakdown, voices: dict[str, str], out_dir: Path, cache: SceneCache | None = None,
    takes_cache: FileCache | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Synthesize one take per line (wav + phoneme and word timings) and lay out the timeline.

    With a cache, scenes whose lines and voices are unchanged reuse their earlier takes; with
    `takes_cache`, so do the unchanged lines of an edited scene.
    """
    scenes = {scene.scene_id: scene for scene in breakdown.scenes}
    # The engines run outside Python (ONNX, subprocesses), so threads use every core. The scenes
    # being built queue their lines on one pool of a thread per core, so no core waits on a short scene.
    workers = build_workers()
    with ThreadPoolExecutor(workers) as lines_pool:
        records, report = per_scene(
            cache,
            scenes,
            lambda scene_id: scene_voice_key(scenes[scene_id], voices),
            lambda scene_id: voice_scene(scenes[scene_id], voices, out_dir, takes_cache, lines_pool),
            out_dir,
            workers,
        )
    takes: list[dict[str, Any]] = []
    scene_inputs: list[SceneInput] = []
    for scene in breakdown.scenes:
        scene_takes = records[scene.scene_id]["takes"]
        takes.extend(scene_takes)
        seconds = [take["duration"] for take in scene_takes]
        # Pauses come from punctuation, mood, delivery and mode; podcasts stay conversational.
        gaps = line_gaps(scene, breakdown.mode)
        max_gap = PODCAST_STRETCH_CAP if breakdown.mode == "podcast" else None
        scene_inputs.append(
            SceneInput(
                scene.scene_id, scene.target_seconds, seconds, [line.dual for line in scene.lines], gaps, max_gap
            )
        )
    timeline = build_timeline(scene_inputs, breakdown.requested_seconds)
    return {
        "takes": takes, "timeline": timeline.to_dict(), "duration": round(timeline.duration, 3),
        "mode": breakdown.mode, **report.to_dict(),
    }  # fmt: skip


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
