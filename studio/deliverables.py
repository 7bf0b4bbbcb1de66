"""A finished film's downloadable files, read from the published asset manifests."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from studio.media import asset_dir, read_manifest


def _manifest(media_root: Path, film_id: str, asset: str) -> dict[str, Any] | None:
    folder = asset_dir(media_root, film_id, asset)
    return read_manifest(folder) if (folder / "manifest.json").is_file() else None


def film_files(media_root: Path, film_id: str) -> dict[str, Path]:
    """mp4, srt, vtt, thumbnail_N, trailer and poster (when they exist); empty before a render."""
    files: dict[str, Path] = {}
    final = _manifest(media_root, film_id, "final_cut")
    if final:
        folder = Path(final["dir"])
        for key, name in (("mp4", final.get("film")), ("srt", final.get("srt")), ("vtt", final.get("vtt"))):
            if name and (folder / name).is_file():
                files[key] = folder / name
        for number, name in enumerate(final.get("thumbnails", []), start=1):
            if (folder / name).is_file():
                files[f"thumbnail_{number}"] = folder / name
        for key in ("poster",):
            if final.get(key) and (folder / final[key]).is_file():
                files[key] = folder / final[key]
    trailer = _manifest(media_root, film_id, "trailer")
    if trailer:
        folder = Path(trailer["dir"])
        if trailer.get("file") and (folder / trailer["file"]).is_file():
            files["trailer"] = folder / trailer["file"]
        if trailer.get("poster") and (folder / trailer["poster"]).is_file():
            files["poster"] = folder / trailer["poster"]
    poster = _manifest(media_root, film_id, "poster")
    if poster and poster.get("file") and (Path(poster["dir"]) / poster["file"]).is_file():
        files["poster"] = Path(poster["dir"]) / poster["file"]
    return files


def duration_and_thumbnail(media_root: Path, film_id: str) -> tuple[float | None, Path | None]:
    final = _manifest(media_root, film_id, "final_cut")
    if not final:
        return None, None
    thumbs = [Path(final["dir"]) / name for name in final.get("thumbnails", [])]
    thumb = next((p for p in thumbs if p.is_file()), None)
    duration = final.get("duration")
    return (float(duration) if duration is not None else None), thumb


def zip_path(media_root: Path, film_id: str) -> Path:
    """Where the film's zip of every deliverable is built (on its first download)."""
    return media_root / film_id / "downloads" / f"film-{film_id}.zip"


def zip_of(media_root: Path, film_id: str, files: dict[str, Path]) -> Path:
    """All deliverables in one zip, rebuilt only when a file is newer than the zip."""
    target = zip_path(media_root, film_id)
    newest = max((p.stat().st_mtime for p in files.values()), default=0.0)
    if target.is_file() and target.stat().st_mtime >= newest:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as archive:  # MP4s do not compress
        for path in files.values():
            archive.write(path, arcname=path.name)
    partial.replace(target)
    return target


def watchable(media_root: Path, film_id: str) -> bool:
    """Whether a finished version of the film can be played: its final cut is published."""
    return "mp4" in film_files(media_root, film_id)
