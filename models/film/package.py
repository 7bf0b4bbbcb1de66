"""The deliverables: final cut with subtitles, thumbnails and poster, and the trailer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from integrations.ffmpeg import write_image
from models.breakdown import Breakdown
from models.edit.assemble import final_cut
from models.edit.clip_scan import scan_film
from models.edit.stills import KeyMoment, key_moments, view, with_title
from models.edit.trailer import Digests, Moment, choose_moments, clip_budget, clip_pieces, render_trailer, trailer_key
from models.film.captions import deliver_subtitles
from models.film.picture import scene_art
from models.film.scene_cache import FileCache, JsonCache
from models.film.voicing import placed_takes
from models.image.art import SceneArt
from models.image.illustrator import title_card

THUMBNAIL_SIZE = (1280, 720)
POSTER_SIZE = (1080, 1600)


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


def film_moments(breakdown: Breakdown, arts: dict[str, SceneArt], count: int = 3) -> list[KeyMoment]:
    """Three different key moments: the opening wide, the strongest line in close-up, a contrast."""
    on_screen = {s.scene_id: set(arts[s.scene_id].actors) for s in breakdown.scenes}
    lines = [(scene.scene_id, line.speaker, line.emotion, line_strength(line.text, line.emotion))
             for scene, _, line in breakdown.spoken_lines()]  # fmt: skip
    ids = [s.scene_id for s in breakdown.scenes]
    return key_moments(lines, on_screen, ids[0], ids[-1], count)


def stills_of(breakdown: Breakdown, images: dict[str, Any], out_dir: Path) -> tuple[list[str], str]:
    """thumbnail_1..3.jpg (1280x720, three different moments, titled) and poster.jpg (1080x1600)."""
    arts = {s.scene_id: scene_art(images, s.scene_id) for s in breakdown.scenes}
    moments = film_moments(breakdown, arts)
    thumbnails = []
    for number, moment in enumerate(moments, 1):
        name = f"thumbnail_{number}.jpg"
        write_image(out_dir / name, with_title(view(arts[moment.scene_id], moment), breakdown.title, THUMBNAIL_SIZE))
        thumbnails.append(name)
    hero = moments[1] if len(moments) > 1 else moments[0]
    poster = with_title(view(arts[hero.scene_id], hero), breakdown.title, POSTER_SIZE)
    write_image(out_dir / "poster.jpg", poster)
    return thumbnails, "poster.jpg"


def package_film(
    breakdown: Breakdown,
    voice_manifest: dict[str, Any],
    images: dict[str, Any],
    clips: dict[str, Any],
    mix_manifest: dict[str, Any],
    out_dir: Path,
    subtitles: dict[str, Any] | None = None,
    scans: JsonCache | None = None,
) -> dict[str, Any]:
    """Join the clips into film.mp4 with the mix, write SRT/VTT and breakdown.json, three thumbnails and a poster.
    `scans` keeps each clip's scan for frozen and black stretches, so a re-render decodes only new clips."""
    clip_paths = [Path(clips["dir"]) / c["file"] for c in clips["clips"]]
    final_cut(clip_paths, Path(mix_manifest["dir"]) / mix_manifest["file"], out_dir / "film.mp4")
    cues = deliver_subtitles(subtitles, voice_manifest, out_dir)  # the subtitles asset's SRT/VTT (+ translations)
    (out_dir / "breakdown.json").write_text(
        json.dumps(film_breakdown_json(breakdown, voice_manifest), indent=2, ensure_ascii=False), encoding="utf-8"
    )
    thumbnails, poster = stills_of(breakdown, images, out_dir)
    # One decode of each new clip finds frozen and black stretches; the picture checks read it from the manifest.
    scan = scan_film(out_dir / "film.mp4", clip_paths, scans)
    # CC BY art must be credited wherever the film goes: the record travels with it.
    (out_dir / "licences.json").write_text(json.dumps(images.get("licences", []), indent=2), encoding="utf-8")
    return {"film": "film.mp4", "srt": "film.srt", "vtt": "film.vtt", "breakdown": "breakdown.json",
            "thumbnails": thumbnails, "poster": poster, "duration": mix_manifest["duration"], "cues": len(cues),
            "scenes": [c["scene_id"] for c in clips["clips"]], "scan": scan.to_dict(),
            "licences": "licences.json"}  # fmt: skip


def line_strength(text: str, emotion: str) -> float:
    """How striking a line is: emotion, exclamation, length."""
    words = len(text.split())
    return (2.0 if emotion != "neutral" else 0.0) + text.count("!") + text.count("?") * 0.5 + min(words, 20) / 10


def _strength(take: dict[str, Any], emotion: str) -> float:
    return line_strength(take["text"], emotion)


def trailer(
    breakdown: Breakdown, voice_manifest: dict[str, Any], clips: dict[str, Any], mix_manifest: dict[str, Any],
    size: tuple[int, int], fps: int, out_dir: Path, cache: FileCache | None = None, parts: FileCache | None = None,
) -> dict[str, Any]:  # fmt: skip
    """15-30 s (at most 40% of the film): the title, the strongest lines of the film, and an end card,
    cut from the scene clips and the mix (what the final cut joins, so it need not wait for it).
    `cache` keeps whole trailers, `parts` each stretch of their pictures."""
    film_seconds = float(mix_manifest["duration"])
    emotions = {(s.scene_id, i): line.emotion for s, i, line in breakdown.spoken_lines()}
    moments = [Moment(start, end, _strength(take, emotions[(take["scene_id"], take["index"])]))
               for take, start, end in placed_takes(voice_manifest)]  # fmt: skip
    chosen = choose_moments(moments, film_seconds, clip_budget(film_seconds))
    cards = (out_dir / "title.png", out_dir / "end.png")
    write_image(cards[0], title_card(breakdown.title, "A Film Studio film", size))
    write_image(cards[1], title_card(breakdown.title, "Coming soon", size))
    sources = [(Path(clips["dir"]) / c["file"], float(c["duration"])) for c in clips["clips"]]
    pieces = clip_pieces(sources, Path(mix_manifest["dir"]) / mix_manifest["file"], chosen)
    files = Digests()  # each clip is read once for the trailer's key and its parts' keys
    out, key = out_dir / "trailer.mp4", trailer_key(pieces, cards, fps, film_seconds, files)
    out.unlink(missing_ok=True)  # the cache links its file here: never write through an old link
    kept = cache.fetch(key, out) if cache is not None else None
    if kept is not None:
        seconds = float(kept["duration"])
    else:
        seconds = render_trailer(pieces, *cards, out, fps, film_seconds, parts, files)
        if cache is not None:
            cache.store(key, out, {"duration": seconds})
    return {"file": "trailer.mp4", "duration": round(seconds, 3), "moments": [list(m) for m in chosen],
            "reused": kept is not None}  # fmt: skip
