"""Lip-synced scene clips: each scene's plate animated to its lines, shot, cut and finished.

One clip per scene, content-addressed: the key holds everything that changes the scene's pixels
(its plate, its takes and their places, emotions, camera mode, its transitions, the subtitle
style and cues, the watermark), so editing one line re-renders only that line's scene.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import soundfile as sf

from models.breakdown import Breakdown
from models.edit.overlays import subtitle_style
from models.edit.transitions import SceneEdges, scene_edges
from models.film.picture import scene_art
from models.film.scene_cache import SceneCache, per_scene, scene_key
from models.film.voicing import film_timeline, take_path
from models.image.views import mouth_boxes
from models.lipsync.animator import Direction, Speech, render_clip
from models.lipsync.gestures import plan_gestures
from models.subtitles import split_cues
from models.voice.base import Timed

ANIMATOR_VERSION = 10  # bump when the animation of an unchanged scene should change (10: mouths held across short gaps)


@dataclass(frozen=True)
class ClipOptions:
    """Delivery options that change the clips' pixels (from the film's FilmFormat)."""

    mode: str = "film"  # film | podcast
    watermark: bool = False
    burn_subtitles: dict[str, Any] | None = None
    preset: str = "veryfast"
    crf: int = 23
    extra: dict[str, Any] = field(default_factory=dict)  # anything else a key should hold


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _scene_facts(breakdown: Breakdown | None,
                 scene_ids: list[str]) -> tuple[dict[str, list[str]], list[SceneEdges], dict[str, list[str]]]:  # fmt: skip
    """Each scene's line emotions, its edges (fades, dissolves) from the script's transitions, and its
    action lines (the beats the characters act out)."""
    if breakdown is None:
        return {}, scene_edges([None] * len(scene_ids)), {}
    scenes = {s.scene_id: s for s in breakdown.scenes}
    emotions = {sid: [line.emotion for line in scenes[sid].lines] for sid in scene_ids if sid in scenes}
    actions = {sid: list(scenes[sid].action) for sid in scene_ids if sid in scenes}
    return emotions, scene_edges([scenes[sid].transition if sid in scenes else None for sid in scene_ids]), actions


def lipsync_clips(
    images: dict[str, Any], voice_manifest: dict[str, Any], fps: int, out_dir: Path, cache: SceneCache | None = None,
    breakdown: Breakdown | None = None, options: ClipOptions | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Animate each scene: mouths follow the phonemes of its lines, eyes blink, heads move, the camera cuts."""
    options = options or ClipOptions()
    style = subtitle_style(options.burn_subtitles)
    timeline = film_timeline(voice_manifest)
    spans = {span.scene_id: span for span in timeline.scenes}
    order = list(spans)
    takes = {(t["scene_id"], t["index"]): t for t in voice_manifest["takes"]}
    emotions, edge_list, actions = _scene_facts(breakdown, order)
    edges = dict(zip(order, edge_list))
    previous = {sid: order[i - 1] for i, sid in enumerate(order) if i > 0}

    def scene_takes(scene_id: str) -> list[dict[str, Any]]:
        return [takes[(scene_id, line.index)] for line in spans[scene_id].lines]

    def cues(scene_id: str) -> list[tuple[float, float, str]]:
        if style is None:
            return []
        out = []
        for line, take in zip(spans[scene_id].lines, scene_takes(scene_id)):
            words = [(label, line.start + s, line.start + e) for label, s, e in take["words"]]
            out += [(c.start, c.end, c.text) for c in split_cues(line.start, line.end, take["text"], words)]
        return out

    def dissolve_source(scene_id: str) -> str:
        if not edges[scene_id].dissolve_in or scene_id not in previous:
            return ""
        return _sha(Path(images["dir"]) / previous[scene_id] / "frame.png")

    def key_of(scene_id: str) -> str:
        span = spans[scene_id]
        audio = [_sha(take_path(voice_manifest, take)) for take in scene_takes(scene_id)]
        placed = [[line.start, line.end] for line in span.lines]
        return scene_key("lipsync", ANIMATOR_VERSION, images["keys"].get(scene_id, ""), audio, placed,
                         span.duration, fps, emotions.get(scene_id, []), options.mode, options.watermark,
                         style.to_dict() if style else None, cues(scene_id), edges[scene_id].to_dict(),
                         dissolve_source(scene_id), options.preset, options.crf, options.extra,
                         actions.get(scene_id, []))  # fmt: skip

    def build(scene_id: str) -> tuple[list[str], dict[str, Any]]:
        span = spans[scene_id]
        feelings = emotions.get(scene_id, [])
        speech = []
        for line, take in zip(span.lines, scene_takes(scene_id)):
            samples, rate = sf.read(take_path(voice_manifest, take), dtype="float32")
            phonemes = [Timed(label, start, end) for label, start, end in take["phonemes"]]
            emotion = feelings[line.index] if line.index < len(feelings) else "neutral"
            speech.append(Speech(take["speaker"], line.start, phonemes, samples, rate, emotion, take["text"]))
        art = scene_art(images, scene_id)
        edge = edges[scene_id]
        still = scene_art(images, previous[scene_id]).frame if dissolve_source(scene_id) else None
        if still is not None and still.shape != art.frame.shape:
            still = None
        genders = {c.name: c.gender for c in breakdown.characters} if breakdown is not None else {}
        gestures, lights = plan_gestures(actions.get(scene_id, []), list(art.actors), span.duration, genders)
        direction = Direction(mode=options.mode, fade_in=edge.fade_in, fade_out=edge.fade_out, dissolve_from=still,
                              dissolve_seconds=edge.dissolve_in, watermark=options.watermark,
                              subtitles=cues(scene_id), subtitle_style=style, gestures=gestures,
                              lights=lights)  # fmt: skip
        name, mouth = f"{scene_id}.mp4", f"{scene_id}_mouth.npz"
        stats = render_clip(art, speech, span.duration, fps, out_dir / name, options.crf, options.preset, direction)
        # Per-frame mouth openness of each on-screen speaker, kept for the lip-sync quality check.
        shown = {k: np.asarray(v) for k, v in stats.mouth.items() if k in art.actors}
        np.savez_compressed(out_dir / mouth, **shown)  # type: ignore[arg-type]  # numpy's stub: a **dict of arrays might name allow_pickle
        clip = {"scene_id": scene_id, "file": name, "frames": stats.frames, "duration": span.duration, "mouth": mouth,
                "shots": [{"start": round(s.start, 3), "end": round(s.end, 3), "kind": s.kind, "subject": s.subject,
                           # the camera's poses, so a check can find faces in the rendered frames
                           "begin": [s.begin.cx, s.begin.cy, s.begin.zoom],
                           "finish": [s.finish.cx, s.finish.cy, s.finish.zoom]}
                          for s in stats.shots],
                "size": list(art.size), "mouth_boxes": {n: list(a.mouth_box) for n, a in art.actors.items()},
                "view_mouth_boxes": mouth_boxes(art),  # per facing: where a turned figure's mouth is
                "fades": [[round(a, 3), round(b, 3)] for a, b in stats.fades], "edges": edge.to_dict(),
                "figure_moves": stats.figure_moves,  # seated, walked in or out: where each mouth is per frame
                "gestures": [{"actor": g.actor, "kind": g.kind, "start": g.start, "end": g.end, "text": g.text}
                             for g in gestures],
                "light_changes": [{"at": light.at, "brightness": light.brightness} for light in lights]}  # fmt: skip
        return [name, mouth], clip

    records, report = per_scene(cache, order, key_of, build, out_dir)
    return {"fps": fps, "mode": options.mode, "watermark": options.watermark,
            "burn_subtitles": style.to_dict() if style else None,
            "clips": [records[scene_id] for scene_id in order], **report.to_dict()}  # fmt: skip
