"""Creators' uploads checked the moment they arrive, so the page can say what is wrong at once.

The checks are the pipeline's own (models/audio/upload.py, models/image/references.py); a file
that passes is kept by content under STUDIO_HOME/uploads (studio/services/uploads.py), so the film's
settings point at a stable copy rather than Gradio's temporary upload.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from models.audio.upload import check_music_file
from models.image.references import check_reference_image
from studio.services.uploads import keep_upload


def check_music(path: str | Path, home: Path | None = None) -> Path:
    """The music file if usable (ValueError saying why not), kept under `home` when given."""
    music = check_music_file(path)
    return keep_upload(home, music, "music") if home is not None else music


def check_references(paths: Sequence[str | Path], home: Path | None = None) -> list[dict[str, Any]]:
    """Background references for the illustrator; each image is checked before any is kept."""
    infos = [check_reference_image(Path(p)) for p in paths]
    kept = [keep_upload(home, Path(i.path), "references") if home is not None else Path(i.path) for i in infos]
    return [{"path": str(p), "role": "background", "character": None} for p in kept]
