"""Where a film's media lives: `STUDIO_HOME/media/<film>/<asset>/`."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
_FILM_ID = re.compile(r"^[0-9a-f]{6,32}$")


def asset_dir(media_root: Path, film_id: str, asset: str) -> Path:
    """The folder of one asset of one film; film ids are hex so they can never escape the root."""
    if not _FILM_ID.match(film_id):
        raise ValueError(f"Invalid film id {film_id!r}.")
    return media_root / film_id / asset


def fresh_dir(path: Path) -> Path:
    """Empty `path` so a re-materialisation never mixes old and new files."""
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def staging_dir(media_root: Path, film_id: str, asset: str, run_id: str) -> Path:
    """Where a run writes an asset before the IO manager publishes it in one rename."""
    return asset_dir(media_root, film_id, ".staging") / f"{asset}-{run_id}"


def publish(staging: Path, final: Path) -> None:
    """Replace `final` with `staging`; readers see the old asset or the new one, never a mix."""
    final.parent.mkdir(parents=True, exist_ok=True)
    previous = final.with_name(final.name + ".old")
    if previous.exists():
        shutil.rmtree(previous)
    if final.exists():
        final.rename(previous)
    staging.rename(final)
    if previous.exists():
        shutil.rmtree(previous)


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))


def read_manifest(folder: Path) -> dict[str, Any]:
    """An asset's manifest with `dir` set to the asset's folder, so file entries can be resolved."""
    return {**json.loads((folder / MANIFEST).read_text()), "dir": str(folder)}
