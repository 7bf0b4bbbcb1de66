"""Characters (the character engine's sheets) and the illustrated scene plates of a film."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from models.breakdown import Breakdown, Scene
from models.film.scene_cache import SceneCache, per_scene, scene_key
from models.image.art import ART_VERSION
from models.image.backends import IllustratorBackend, ImageBackend
from models.image.backgrounds import archetype_choice
from models.image.identity import resolve
from models.image.illustrator import SceneArt, render_character_sheet
from models.image.look import CharacterLook, cast_looks
from models.image.photo import sample_colours
from models.image.references import background_for, character_reference, check_reference_image
from models.image.sheets import write_reference_set
from models.voice.casting import cast


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in name.lower()).strip("_") or "character"


def derived_looks(breakdown: Breakdown) -> dict[str, CharacterLook]:
    """Each character's concept look, derived from the script alone (version 1 of its identity)."""
    return cast_looks(breakdown.characters, breakdown.culture)


def _identity(
    derived: CharacterLook, version: dict[str, Any] | None, photo_path: str | None
) -> tuple[str, CharacterLook]:
    """The look that renders: the active version's mode and traits over the derived look.

    A character reference photo puts a character that has no explicit mode into actor mode.
    """
    version = version or {}
    mode = version.get("mode") or "avatar"
    if mode == "avatar" and photo_path:
        mode = "actor"
    photo = sample_colours(photo_path) if mode == "actor" and photo_path else None
    return mode, resolve(derived, mode, version.get("traits") or {}, photo)


SHEETS_VERSION = 1  # bump when the character pictures change, so cached sheets are redrawn


def _draw_character(
    look: CharacterLook, name: str, slug: str, out_dir: Path, backend: ImageBackend | None
) -> tuple[list[str], dict[str, Any]]:
    """Model sheet, turnaround, expressions, visemes: files and their map."""
    sheet = f"{slug}.png"
    render_character_sheet(look, name, out_dir / sheet)
    drawn = write_reference_set(look, name, out_dir / slug)
    pictures: dict[str, Any] = {
        "sheet": sheet, "turnaround": f"{slug}/{drawn['turnaround']}", "blink": f"{slug}/{drawn['blink']}",
        "expressions": {k: f"{slug}/{v}" for k, v in drawn["expressions"].items()},
        "visemes": {k: f"{slug}/{v}" for k, v in drawn["visemes"].items()},
    }  # fmt: skip
    files = [
        str(path.relative_to(out_dir))
        for path in [out_dir / sheet, *sorted((out_dir / slug).rglob("*"))]
        if path.is_file()
    ]
    return files, pictures


def character_sheets(
    breakdown: Breakdown, voice_overrides: dict[str, str], out_dir: Path,
    versions: dict[str, dict[str, Any]] | None = None, references: list[dict[str, Any]] | None = None,
    style: str = "flat", backend: ImageBackend | None = None, cache: SceneCache | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Lock each character's identity: look, voice, model sheet, turnaround, expressions and visemes.

    `versions` maps a name to its active version ({"version", "stage", "mode", "traits"}); without
    one the derived look renders. The manifest lists every picture, relative to `out_dir`. With a
    cache, a character whose look is unchanged reuses its pictures (a re-render redraws nobody).
    """
    voices = cast(breakdown.characters, voice_overrides)
    derived = derived_looks(breakdown)
    backend_id = f"{backend.name}:{backend.version}" if backend else "illustrator"
    resolved: dict[str, tuple[str, CharacterLook, str]] = {}
    for position, character in enumerate(breakdown.characters):
        version = (versions or {}).get(character.name) or {}
        mode, look = _identity(derived[character.name], version, character_reference(references or [], character.name))
        resolved[character.name] = (mode, look, f"{position:02d}_{_slug(character.name)}")

    def key_of(name: str) -> str:
        mode, look, slug = resolved[name]
        return scene_key("character_sheet", SHEETS_VERSION, ART_VERSION, name, slug, look.to_dict(), backend_id)

    def build(name: str) -> tuple[list[str], dict[str, Any]]:
        _, look, slug = resolved[name]
        return _draw_character(look, name, slug, out_dir, backend)

    records, report = per_scene(cache, list(resolved), key_of, build, out_dir)
    characters: dict[str, Any] = {}
    for name, (mode, look, _) in resolved.items():
        version = (versions or {}).get(name) or {}
        characters[name] = {
            "look": look.to_dict(),
            "derived": derived[name].to_dict(),
            "voice": voices[name],
            "version": version.get("version", 1),
            "stage": version.get("stage", "concept"),
            "mode": mode,
            **records[name],
        }
    return {
        "characters": characters,
        "style": style,
        "characters_recomputed": report.recomputed,
        "characters_reused": report.reused,
        "backend": {
            "name": (backend.name if backend else "illustrator"),
            "version": (backend.version if backend else IllustratorBackend().version),
        },
    }


def looks(sheets: dict[str, Any]) -> dict[str, CharacterLook]:
    return {name: CharacterLook.from_dict(entry["look"]) for name, entry in sheets["characters"].items()}


def voices(sheets: dict[str, Any]) -> dict[str, str]:
    return {name: entry["voice"] for name, entry in sheets["characters"].items()}


def scene_image_key(
    scene_data: dict[str, Any],
    scene_looks: dict[str, Any],
    size: tuple[int, int],
    style: str = "flat",
    backend: str = "illustrator",
    backdrop: str | None = None,
) -> str:
    """A plate depends on its scene (heading, lines, who is present), the looks staged, the size, the
    visual style, the backend (name and version) and the background reference it is painted on."""
    return scene_key("scene_image", ART_VERSION, scene_data, scene_looks, list(size), style, backend, backdrop)


def _drawn_from(scene: Scene) -> dict[str, Any]:
    """The scene as its plate sees it: not its id (a position, so an inserted scene would redraw every later one)
    nor its length (fitted to the film's, so it moves with any other scene)."""
    data = asdict(scene)
    del data["scene_id"], data["target_seconds"]
    return data


def _backdrop(path: str | None) -> np.ndarray | None:
    if path is None:
        return None
    check_reference_image(path)
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"), dtype=np.uint8)


def scene_images(
    breakdown: Breakdown, sheets: dict[str, Any], size: tuple[int, int], out_dir: Path, cache: SceneCache | None = None,
    style: str = "flat", references: list[dict[str, Any]] | None = None, backend: ImageBackend | None = None,
) -> dict[str, Any]:  # fmt: skip
    """One illustrated plate per scene with its characters staged; unchanged scenes come from the cache.

    Background references are used as scene backdrops in turn (scene 1 the first upload, ...).
    """
    backend = backend or IllustratorBackend()
    cast_looks = looks(sheets)
    scenes = {scene.scene_id: scene for scene in breakdown.scenes}
    backdrops = {scene.scene_id: background_for(references or [], i) for i, scene in enumerate(breakdown.scenes)}
    keys = {}
    for scene in breakdown.scenes:
        present = sorted({line.speaker for line in scene.lines} | set(scene.characters))
        scene_looks = {name: cast_looks[name].to_dict() for name in present if name in cast_looks}
        keys[scene.scene_id] = scene_image_key(
            _drawn_from(scene), scene_looks, size, style, f"{backend.name}:{backend.version}", backdrops[scene.scene_id]
        )

    def build(scene_id: str) -> tuple[list[str], dict[str, Any]]:
        art = backend.draw_scene(scenes[scene_id], cast_looks, size, style, _backdrop(backdrops[scene_id]))
        art.save(out_dir / scene_id)
        files = [str(path.relative_to(out_dir)) for path in sorted((out_dir / scene_id).rglob("*")) if path.is_file()]
        why = "an uploaded background" if art.archetype == "backdrop" else archetype_choice(scenes[scene_id])[1]
        return files, {"archetype": art.archetype, "archetype_reason": why, "weather": art.weather,
                       "expressions": art.expressions, "licences": art.licences}  # fmt: skip

    records, report = per_scene(cache, scenes, keys.__getitem__, build, out_dir)
    return {"size": list(size), "scenes": list(scenes), "keys": keys, "style": style,
            "backend": {"name": backend.name, "version": backend.version},
            "archetypes": {sid: rec.get("archetype") for sid, rec in records.items()},
            "archetype_reasons": {sid: rec.get("archetype_reason", "") for sid, rec in records.items()},
            "licences": _licences(records.values()), **report.to_dict()}  # fmt: skip


def _licences(records: Iterable[dict[str, Any]]) -> list[dict[str, str]]:
    """Each third-party art set any plate drew from, once: the film's licence record."""
    found = {json.dumps(lic, sort_keys=True): lic for rec in records for lic in rec.get("licences", [])}
    return [found[k] for k in sorted(found)]


def scene_art(images: dict[str, Any], scene_id: str) -> SceneArt:
    # A cached plate may have been drawn for the same scene at another position: it is this scene now.
    return replace(SceneArt.load(Path(images["dir"]) / scene_id), scene_id=scene_id)
