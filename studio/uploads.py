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
