"""The deliverables: final cut with subtitles and thumbnails, and the trailer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from integrations.ffmpeg import write_image
from models.breakdown import Breakdown
from models.edit.assemble import final_cut
from models.edit.trailer import MAX_SECONDS, Moment, choose_moments, render_trailer
from models.film.picture import scene_art
from models.film.voicing import placed_takes
from models.image.illustrator import title_card
from models.subtitles import Cue, split_cues, to_srt, to_vtt

THUMBNAIL_SIZE = (1280, 720)


def subtitle_cues(voice_manifest: dict[str, Any]) -> list[Cue]:
    cues: list[Cue] = []
    for take, start, end in placed_takes(voice_manifest):
        words = [(label, start + s, start + e) for label, s, e in take["words"]]
        cues.extend(split_cues(start, end, take["text"], words))
    return cues


def film_breakdown_json(breakdown: Breakdown, voice_manifest: dict[str, Any]) -> dict[str, Any]:
    """The breakdown as creators read it: every line with its voice and its time in the film."""
    placed = {(t["scene_id"], t["index"]): (t, s, e) for t, s, e in placed_takes(voice_manifest)}
    scenes = []
    for scene in breakdown.scenes:
        lines = []
        for index, line in enumerate(scene.lines):
            take, start, end = placed[(scene.scene_id, index)]
            lines.append({"speaker": line.speaker, "text": line.text, "parenthetical": line.parenthetical,
                          "emotion": line.emotion, "voice": take["voice"], "start": round(start, 3),
                          "end": round(end, 3)})  # fmt: skip
        scenes.append({"scene_id": scene.scene_id, "heading": scene.heading, "location": scene.location,
                       "time_of_day": scene.time_of_day, "mood": scene.mood, "culture": scene.culture,
                       "lines": lines})  # fmt: skip
    characters = [{"name": c.name, "age_band": c.age_band, "gender": c.gender, "description": c.description}
                  for c in breakdown.characters]  # fmt: skip
    return {"title": breakdown.title, "format": breakdown.format, "culture": breakdown.culture,
            "duration_note": breakdown.duration_note, "characters": characters, "scenes": scenes}  # fmt: skip


def thumbnail_scenes(breakdown: Breakdown, count: int = 3) -> list[str]:
    """Key moments: the first scene, the scene with most speech, the last; distinct where possible."""
    ids = [s.scene_id for s in breakdown.scenes]
    busiest = max(breakdown.scenes, key=lambda s: len(s.lines)).scene_id
    picks = list(dict.fromkeys([ids[0], busiest, ids[-1], *ids]))
    return (picks * count)[:count]


def package_film(
    breakdown: Breakdown,
    voice_manifest: dict[str, Any],
    images: dict[str, Any],
    clips: dict[str, Any],
    mix_manifest: dict[str, Any],
    out_dir: Path,
) -> dict[str, Any]:
    """Encode film.mp4, write SRT/VTT and breakdown.json, and draw three thumbnails."""
    clip_paths = [Path(clips["dir"]) / c["file"] for c in clips["clips"]]
    final_cut(clip_paths, Path(mix_manifest["dir"]) / mix_manifest["file"], out_dir / "film.mp4")
    cues = subtitle_cues(voice_manifest)
    (out_dir / "film.srt").write_text(to_srt(cues), encoding="utf-8")
    (out_dir / "film.vtt").write_text(to_vtt(cues), encoding="utf-8")
    (out_dir / "breakdown.json").write_text(
        json.dumps(film_breakdown_json(breakdown, voice_manifest), indent=2, ensure_ascii=False), encoding="utf-8"
    )
    thumbnails = []
    for number, scene_id in enumerate(thumbnail_scenes(breakdown), 1):
        name = f"thumbnail_{number}.jpg"
        write_image(out_dir / name, scene_art(images, scene_id).thumbnail(breakdown.title, THUMBNAIL_SIZE))
        thumbnails.append(name)
    return {"film": "film.mp4", "srt": "film.srt", "vtt": "film.vtt", "breakdown": "breakdown.json",
            "thumbnails": thumbnails, "duration": mix_manifest["duration"], "cues": len(cues)}  # fmt: skip


def _strength(take: dict[str, Any], emotion: str) -> float:
    words = len(take["text"].split())
    return (2.0 if emotion != "neutral" else 0.0) + take["text"].count("!") + min(words, 20) / 10


def trailer(
    breakdown: Breakdown, voice_manifest: dict[str, Any], final: dict[str, Any], size: tuple[int, int], fps: int,
    out_dir: Path,
) -> dict[str, Any]:  # fmt: skip
    """15-30 s: the title, the strongest lines of the film, and an end card."""
    emotions = {(s.scene_id, i): line.emotion for s, i, line in breakdown.spoken_lines()}
    moments = [Moment(start, end, _strength(take, emotions[(take["scene_id"], take["index"])]))
               for take, start, end in placed_takes(voice_manifest)]  # fmt: skip
    budget = MAX_SECONDS - 6.0
    chosen = choose_moments(moments, final["duration"], budget)
    write_image(out_dir / "title.png", title_card(breakdown.title, "A Film Studio film", size))
    write_image(out_dir / "end.png", title_card(breakdown.title, "Coming soon", size))
    seconds = render_trailer(Path(final["dir"]) / final["film"], chosen, out_dir / "title.png",
                             out_dir / "end.png", out_dir / "trailer.mp4", fps)  # fmt: skip
    return {"file": "trailer.mp4", "duration": round(seconds, 3), "moments": [list(m) for m in chosen]}
