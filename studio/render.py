"""`studio render`: create a film partition, materialise it through Dagster, deliver files to DIR."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studio.dagster_run import (
    ProgressCallback,
    check_results,
    execute_render,
    failure_message,
    open_instance,
    seconds_per_step,
)
from models.breakdown import Breakdown
from studio.errors import RenderFailed, UserError
from studio.formats import FilmFormat
from studio.media import asset_dir, read_manifest
from studio.settings import Settings
from studio.store import FilmStore
from studio.validation import check_voice_overrides, preflight, read_script

DELIVERABLES = ("film.mp4", "film.srt", "film.vtt", "breakdown.json")


@dataclass
class RenderRequest:
    script: Path
    out_dir: Path
    film_format: FilmFormat


def _check_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(f"Output path {out_dir} exists and is not a folder.")


def _load_manifest(settings: Settings, film_id: str, asset: str) -> dict[str, Any]:
    return read_manifest(asset_dir(settings.media_root, film_id, asset))


def _deliver(settings: Settings, film_id: str, out_dir: Path) -> dict[str, Any]:
    final = _load_manifest(settings, film_id, "final_cut")
    trailer = _load_manifest(settings, film_id, "trailer")
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in (*DELIVERABLES, *final["thumbnails"]):
        shutil.copy2(Path(final["dir"]) / name, out_dir / name)
    shutil.copy2(Path(trailer["dir"]) / trailer["file"], out_dir / "trailer.mp4")
    return {"final": final, "trailer": trailer, "mix": _load_manifest(settings, film_id, "mix")}


@dataclass
class PreparedScript:
    text: str
    breakdown: Breakdown


def prepare(request: RenderRequest) -> PreparedScript:
    """Every check that can refuse the request, before anything is created; raises UserError."""
    _check_out_dir(request.out_dir)
    text = read_script(request.script)
    breakdown = preflight(text, request.film_format.duration)
    check_voice_overrides(breakdown, request.film_format.voices)
    return PreparedScript(text, breakdown)


def render(
    request: RenderRequest,
    settings: Settings,
    progress: ProgressCallback | None = None,
    prepared: PreparedScript | None = None,
) -> dict[str, Any]:
    """Render a film and return its report; raises UserError (nothing created) or RenderFailed."""
    prepared = prepared or prepare(request)
    text, breakdown = prepared.text, prepared.breakdown

    instance = open_instance(settings)
    store = FilmStore(settings.database_url)
    store.migrate()
    film = store.create_film(breakdown.title, text, breakdown.format, request.film_format.to_dict())
    store.set_status(film.id, "rendering")
    result = execute_render(instance, film.id, progress)
    if not result.success:
        message = failure_message(instance, result.run_id)
        store.set_status(film.id, "failed", message)
        raise RenderFailed(f"Render of film {film.id} failed at {message}")
    store.set_status(film.id, "ready")

    delivered = _deliver(settings, film.id, request.out_dir)
    checks = check_results(instance, result.run_id)
    report = {
        "film_id": film.id,
        "run_id": result.run_id,
        "title": breakdown.title,
        "format": request.film_format.to_dict(),
        "duration": delivered["final"]["duration"],
        "trailer_duration": delivered["trailer"]["duration"],
        "loudness": {
            "integrated_lufs": delivered["mix"]["integrated_lufs"],
            "true_peak_dbtp": delivered["mix"]["true_peak_dbtp"],
        },
        "checks": checks,
        "checks_passed": all(c["passed"] for c in checks),
        "seconds_per_asset": seconds_per_step(instance, result.run_id),
        "media_dir": str(settings.media_root / film.id),
    }
    (request.out_dir / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return report
