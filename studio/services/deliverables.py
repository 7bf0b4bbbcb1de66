"""A finished film's downloadable files, read from the published asset manifests.

With a media store (studio/store/media_store.py) the manifests and the list of published files come from
the store, so a web server without the render's local folder still knows what a film has.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.store.media import asset_dir, read_manifest

if TYPE_CHECKING:
    from studio.store.media_store import MediaStore


def _manifest(media_root: Path, film_id: str, asset: str) -> dict[str, Any] | None:
    folder = asset_dir(media_root, film_id, asset)
    return read_manifest(folder) if (folder / "manifest.json").is_file() else None


def film_files(media_root: Path, film_id: str, store: MediaStore | None = None) -> dict[str, Path]:
    """mp4, srt, vtt, thumbnail_N, trailer and poster (when they exist); empty before a render.

    Paths are under the film's local media folder; with a remote store they name the published
    files (`store.url` turns them into presigned URLs) and need not exist on this machine.
    """
    manifest_of = store.manifest if store is not None else (lambda film, asset: _manifest(media_root, film, asset))

    def has(manifest: dict[str, Any], name: Any) -> bool:
        if not name:
            return False
        return store.has_file(manifest, name) if store is not None else (Path(manifest["dir"]) / name).is_file()

    files: dict[str, Path] = {}
    final = manifest_of(film_id, "final_cut")
    if final:
        folder = Path(final["dir"])
        # "" rather than None when missing: has() refuses both, and the names stay typed as text
        for key, name in (("mp4", final.get("film", "")), ("srt", final.get("srt", "")), ("vtt", final.get("vtt", ""))):
            if has(final, name):
                files[key] = folder / name
        for number, name in enumerate(final.get("thumbnails", []), start=1):
            if has(final, name):
                files[f"thumbnail_{number}"] = folder / name
        if has(final, final.get("poster")):
            files["poster"] = folder / final["poster"]
    trailer = manifest_of(film_id, "trailer")
    if trailer:
        folder = Path(trailer["dir"])
        if has(trailer, trailer.get("file")):
            files["trailer"] = folder / trailer["file"]
        if has(trailer, trailer.get("poster")):
            files["poster"] = folder / trailer["poster"]
    poster = manifest_of(film_id, "poster")
    if poster and has(poster, poster.get("file")):
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
