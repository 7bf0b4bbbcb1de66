"""Files creators upload (music, reference images), kept by content under the studio's home.

A kept file is named by the SHA-256 of its bytes, so the same upload is stored once and a film's
settings (and the per-scene cache keys built from them) refer to content, not to a path that can
change under us. Callers validate the file first (see models/audio and models/image).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path


def keep_upload(home: Path, source: Path, kind: str) -> Path:
    """Copy an already-validated upload into `home/uploads/<kind>/` and return the kept path."""
    digest = hashlib.sha256()
    with source.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    target_dir = home / "uploads" / kind
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{digest.hexdigest()}{source.suffix.lower()}"
    if not target.exists():
        temp = target.with_name(target.name + ".part")
        shutil.copyfile(source, temp)
        temp.replace(target)
    return target


UPLOAD_MAX_AGE_SECONDS = 6 * 3600  # a kept upload no film uses is deleted after this long


def referenced_uploads(store: object) -> set[str]:
    """Every kept-upload path some film's settings point at (music and reference images)."""
    from sqlalchemy import select

    from studio.store import FilmRow

    used: set[str] = set()
    with store.session() as session:  # type: ignore[attr-defined]
        for (settings,) in session.execute(select(FilmRow.settings)):
            settings = settings or {}
            if settings.get("music_file"):
                used.add(str(Path(settings["music_file"]).resolve()))
            for reference in settings.get("references") or []:
                if isinstance(reference, dict) and reference.get("path"):
                    used.add(str(Path(reference["path"]).resolve()))
    return used


def sweep_uploads(
    home: Path, store: object, max_age_seconds: float = UPLOAD_MAX_AGE_SECONDS, now: float | None = None
) -> list[Path]:
    """Delete kept uploads older than `max_age_seconds` that no film refers to; returns what went.

    Uploads are kept when a creator picks them, before the film is created, so a refused or
    abandoned request leaves its files behind; this is what takes them away.
    """
    import time

    moment = time.time() if now is None else now
    used = referenced_uploads(store)
    removed = []
    for path in sorted((home / "uploads").glob("*/*")):
        try:
            old = moment - path.stat().st_mtime > max_age_seconds
        except OSError:
            continue
        if path.is_file() and old and str(path.resolve()) not in used:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
