"""`studio render`: create a film partition, materialise it through Dagster, deliver files to DIR."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from assets.manifests import FinalCutManifest, Manifest, MixManifest, TrailerManifest
from models.breakdown import Breakdown
from models.film.sound import check_sound_options
from studio.cli.characters import check_film_references
from studio.compose import render_film_job
from studio.domain.checks import STATUSES, check_status
from studio.domain.errors import RenderFailed, UserError
from studio.domain.formats import FilmFormat
from studio.domain.runs import TAG_SOURCE
from studio.domain.validation import check_voice_overrides, preflight, read_script
from studio.orchestration.execute import open_instance
from studio.orchestration.follow import Instance, OnProgress, RenderOutcome, render_through_queue
from studio.orchestration.runs import execution_config
from studio.services.rerender import check_locks, scene_report
from studio.services.uploads import keep_upload
from studio.settings import Settings
from studio.store import FilmStore
from studio.store.media import asset_dir, read_manifest

DELIVERABLES = ("film.mp4", "film.srt", "film.vtt", "breakdown.json")


@dataclass
class RenderRequest:
    script: Path
    out_dir: Path
    film_format: FilmFormat
    film_id: str | None = None  # re-render this existing film (its settings already merged in)


def _check_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(f"Output path {out_dir} exists and is not a folder.")


M = TypeVar("M", bound=Manifest)


def _load_manifest(settings: Settings, film_id: str, kind: type[M]) -> M:
    """An asset's typed manifest; ManifestError names the asset when the file is of another schema."""
    return kind.from_dict(read_manifest(asset_dir(settings.media_root, film_id, kind.asset)))


def _deliver(settings: Settings, film_id: str, out_dir: Path) -> tuple[FinalCutManifest, TrailerManifest, MixManifest]:
    final = _load_manifest(settings, film_id, FinalCutManifest)
    trailer = _load_manifest(settings, film_id, TrailerManifest)
    mix = _load_manifest(settings, film_id, MixManifest)
    out_dir.mkdir(parents=True, exist_ok=True)
    # Translated subtitles (film.es.srt, ...) travel with the film.
    translations = sorted(path.name for path in final.path(".").glob("film.*.*t"))
    for name in (*DELIVERABLES, *final.thumbnails, *([final.poster] if final.poster else []), *translations):
        shutil.copy2(final.path(name), out_dir / name)
    shutil.copy2(trailer.path(trailer.file), out_dir / "trailer.mp4")
    return final, trailer, mix


@dataclass
class PreparedScript:
    text: str
    breakdown: Breakdown


def prepare(request: RenderRequest, settings: Settings | None = None) -> PreparedScript:
    """Every check that can refuse the request, before anything is created; raises UserError."""
    _check_out_dir(request.out_dir)
    text = read_script(request.script)
    breakdown = preflight(text, request.film_format.duration)
    check_voice_overrides(breakdown, request.film_format.voices)
    check_sound_options(request.film_format.music_file, request.film_format.subtitle_languages)
    check_film_references(request.film_format.references, breakdown)  # uploaded reference images
    _check_delivery(request, settings)
    if request.film_id is not None:  # approved (locked) scenes are never rendered again
        check_locks(settings or Settings.from_env(), request.film_id, text, breakdown, request.film_format)
    return PreparedScript(text, breakdown)


def _check_delivery(request: RenderRequest, settings: Settings | None) -> None:
    """Burned-in subtitle options are valid and a re-render names a film that exists."""
    from models.edit.overlays import subtitle_style
    from studio.services.rerender import stored_settings

    try:
        subtitle_style(request.film_format.burn_subtitles)
    except ValueError as error:
        raise UserError(str(error)) from None
    if request.film_id is not None:
        stored_settings(settings or Settings.from_env(), request.film_id)


def render(
    request: RenderRequest,
    settings: Settings,
    progress: OnProgress | None = None,
    prepared: PreparedScript | None = None,
) -> dict[str, Any]:
    """Render a film through the render queue and return its report; raises UserError (nothing
    created) or RenderFailed.

    The render is submitted and followed exactly as the app's are (`submit_render`, then
    `follow_render`): it waits its turn behind the app's renders, a worker that dies is retried from
    its failure, and Ctrl-C cancels it.
    """
    prepared = prepared or prepare(request, settings)
    text, breakdown = prepared.text, prepared.breakdown

    instance = open_instance(settings)
    store = FilmStore(settings.database_url)
    store.migrate()
    if request.film_format.music_file:  # the creator's music, validated in prepare(), kept by content
        kept = keep_upload(settings.home, Path(request.film_format.music_file), "music")
        request = replace(request, film_format=replace(request.film_format, music_file=str(kept)))
    if request.film_id is not None:  # a re-render: same partition, new script; unchanged scenes are reused
        store.update_script(request.film_id, text, breakdown.format, request.film_format.to_dict())
        film = store.get_film(request.film_id)
    else:
        film = store.create_film(breakdown.title, text, breakdown.format, request.film_format.to_dict())
    store.set_status(film.id, "rendering")
    outcome = _render_through_queue(settings, instance, film.id, progress)
    if not outcome.succeeded:
        store.set_status(film.id, "failed", outcome.message)
        raise RenderFailed(f"Render of film {film.id} failed at {outcome.message}")
    store.set_status(film.id, "ready")

    final, trailer, mix = _deliver(settings, film.id, request.out_dir)
    checks = [c | {"status": check_status(c)} for c in outcome.checks]
    report = {
        "film_id": film.id,
        "run_id": outcome.run_id,
        "attempts": len(outcome.attempts),
        "title": breakdown.title,
        "format": request.film_format.to_dict(),
        "duration": final.duration,
        "trailer_duration": trailer.duration,
        "loudness": {"integrated_lufs": mix.integrated_lufs, "true_peak_dbtp": mix.true_peak_dbtp},
        "checks": checks,
        "checks_passed": all(c["status"] == "passed" for c in checks),  # not measured is not passed
        "checks_summary": {status: [c["check"] for c in checks if c["status"] == status] for status in STATUSES},
        "seconds_per_asset": outcome.seconds_per_step,
        "media_dir": str(settings.media_root / film.id),
        "poster": final.poster,
        **scene_report(settings, film.id, final.scenes),
    }
    (request.out_dir / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return report


def _render_through_queue(
    settings: Settings, instance: Instance, film_id: str, progress: OnProgress | None
) -> RenderOutcome:
    """Submit and follow the render; with no daemon serving the queue, this process starts one for it."""
    from studio.cli.queue_daemon import QueueDaemon

    daemon = QueueDaemon(settings, instance)
    try:
        config = execution_config(instance, film_id, settings)
        return render_through_queue(
            instance, render_film_job(), film_id, {TAG_SOURCE: "cli"}, progress, daemon.keep_served, config
        )
    finally:
        daemon.close()
