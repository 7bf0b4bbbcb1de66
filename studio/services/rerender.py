"""Re-rendering an existing film (`studio render SCRIPT --film ID`) and the delivery options of a render.

A re-render keeps the film's stored settings except the options given on the command line, and
reports which scenes the per-scene assets recomputed and which came from the cache.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from studio.domain.errors import UserError
from studio.domain.formats import FilmFormat
from studio.settings import Settings
from studio.store import FilmStore
from studio.store.media import asset_dir, read_manifest
from studio.store.media_store import open_media_store
from studio.store.repository import FilmNotFound

PER_SCENE_ASSETS = ("voice_tracks", "scene_images", "lipsync_clips")
# CLI parameters whose name differs from the FilmFormat field they set.
PARAMETER_FIELDS = {"voice_pairs": "voices", "burn": "burn_subtitles", "subtitle_size": "burn_subtitles",
                    "subtitle_colour": "burn_subtitles", "subtitle_position": "burn_subtitles",
                    "subtitle_background": "burn_subtitles"}  # fmt: skip


def stored_settings(settings: Settings, film_id: str) -> dict[str, Any]:
    """The film's stored render settings; a clear UserError (and nothing changed) for an unknown id."""
    store = FilmStore(settings.database_url)
    store.migrate()
    try:
        return dict(store.get_film(film_id).settings or {})
    except FilmNotFound:
        raise UserError(f"No film with id {film_id!r}; `studio films` lists the films in the store.") from None


def check_locks(settings: Settings, film_id: str, text: str, breakdown: Any, film_format: FilmFormat) -> None:
    """Refuse (studio.services.approvals.Locked) a re-render that would change an approved scene, cut or character."""
    from studio.services.approvals import check_unlocked

    store = FilmStore(settings.database_url)
    with store.session() as session:
        check_unlocked(session, film_id, text, breakdown, film_format.to_dict())


def given_fields(parameters: dict[str, bool]) -> set[str]:
    """FilmFormat fields set on the command line, from {parameter name: given?}."""
    fields = set(FilmFormat.__dataclass_fields__)
    names = {PARAMETER_FIELDS.get(name, name) for name, given in parameters.items() if given}
    return names & fields


def merged_format(stored: dict[str, Any], given: FilmFormat, fields: set[str]) -> FilmFormat:
    """The stored settings with the given fields replaced."""
    base = FilmFormat.from_dict(stored)
    return replace(base, **{name: getattr(given, name) for name in fields})


def burn_options(burn: bool, size: int | None, colour: str | None, position: str | None,
                 background: bool | None) -> dict[str, Any] | None:  # fmt: skip
    """FilmFormat.burn_subtitles from the CLI flags (validated later by models.edit.overlays)."""
    styled = any(v is not None for v in (size, colour, position, background))
    if not burn:
        if styled:
            raise UserError("--subtitle-size/--subtitle-colour/--subtitle-position/--subtitle-background "
                            "need --burn-subtitles.")  # fmt: skip
        return None
    options: dict[str, Any] = {}
    if size is not None:
        options["size"] = size
    if colour is not None:
        options["colour"] = colour
    if position is not None:
        options["position"] = position
    if background is not None:
        options["background"] = background
    return options


def scene_report(settings: Settings, film_id: str, scene_ids: list[str]) -> dict[str, Any]:
    """scenes_recomputed (by any per-scene asset) and scenes_reused (by all), in film order."""
    recomputed: set[str] = set()
    per_asset = {}
    media = open_media_store(settings.media_store, settings.media_root)
    for asset in PER_SCENE_ASSETS:
        # The store's manifest (the bucket's when media is on S3); a missing asset fails as before.
        manifest = media.manifest(film_id, asset) or read_manifest(asset_dir(settings.media_root, film_id, asset))
        per_asset[asset] = {"recomputed": manifest.get("scenes_recomputed", []),
                            "reused": manifest.get("scenes_reused", [])}  # fmt: skip
        recomputed |= set(per_asset[asset]["recomputed"])
    return {"scenes_recomputed": [s for s in scene_ids if s in recomputed],
            "scenes_reused": [s for s in scene_ids if s not in recomputed], "scenes_per_asset": per_asset}  # fmt: skip
