"""Characters, scene plates and lip-synced scene clips of a film."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import soundfile as sf

from models.breakdown import Breakdown
from models.image.illustrator import SceneArt, draw_scene, render_character_sheet
from models.image.look import CharacterLook, cast_looks
from models.lipsync.animator import Speech, render_clip
from models.voice.base import Timed
from models.voice.casting import cast
from models.film.voicing import film_timeline, take_path


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in name.lower()).strip("_") or "character"


def character_sheets(breakdown: Breakdown, voice_overrides: dict[str, str], out_dir: Path) -> dict[str, Any]:
    """Lock each character's identity: look, voice and a turnaround sheet."""
    voices = cast(breakdown.characters, voice_overrides)
    cast_look = cast_looks(breakdown.characters, breakdown.culture)
    characters: dict[str, Any] = {}
    for position, character in enumerate(breakdown.characters):
        look = cast_look[character.name]
        sheet = f"{position:02d}_{_slug(character.name)}.png"
        render_character_sheet(look, character.name, out_dir / sheet)
        characters[character.name] = {"look": look.to_dict(), "voice": voices[character.name], "sheet": sheet}
    return {"characters": characters}


def looks(sheets: dict[str, Any]) -> dict[str, CharacterLook]:
    return {name: CharacterLook.from_dict(entry["look"]) for name, entry in sheets["characters"].items()}


def voices(sheets: dict[str, Any]) -> dict[str, str]:
    return {name: entry["voice"] for name, entry in sheets["characters"].items()}


def scene_images(breakdown: Breakdown, sheets: dict[str, Any], size: tuple[int, int], out_dir: Path) -> dict[str, Any]:
    """One illustrated plate per scene with its characters staged."""
    cast_looks = looks(sheets)
    for scene in breakdown.scenes:
        draw_scene(scene, cast_looks, size).save(out_dir / scene.scene_id)
    return {"size": list(size), "scenes": [scene.scene_id for scene in breakdown.scenes]}


def scene_art(images: dict[str, Any], scene_id: str) -> SceneArt:
    return SceneArt.load(Path(images["dir"]) / scene_id)


def lipsync_clips(images: dict[str, Any], voice_manifest: dict[str, Any], fps: int, out_dir: Path) -> dict[str, Any]:
    """Animate each scene: mouths follow the phonemes of its lines, eyes blink, the camera moves."""
    timeline = film_timeline(voice_manifest)
    takes = {(t["scene_id"], t["index"]): t for t in voice_manifest["takes"]}
    clips: list[dict[str, Any]] = []
    for span in timeline.scenes:
        speech = []
        for line in span.lines:
            take = takes[(span.scene_id, line.index)]
            samples, rate = sf.read(take_path(voice_manifest, take), dtype="float32")
            phonemes = [Timed(label, start, end) for label, start, end in take["phonemes"]]
            speech.append(Speech(take["speaker"], line.start, phonemes, samples, rate))
        name = f"{span.scene_id}.mp4"
        stats = render_clip(scene_art(images, span.scene_id), speech, span.duration, fps, out_dir / name)
        # Per-frame mouth openness per speaker, kept for the lip-sync quality check.
        np.savez_compressed(out_dir / f"{span.scene_id}_mouth.npz", **{k: np.asarray(v) for k, v in stats.mouth.items()})
        clips.append({"scene_id": span.scene_id, "file": name, "frames": stats.frames, "duration": span.duration,
                      "mouth": f"{span.scene_id}_mouth.npz"})  # fmt: skip
    return {"fps": fps, "clips": clips}
