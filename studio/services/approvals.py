"""Review and approval of a film's scenes, its final cut and its characters; approved items are locks.

An approval records what was approved (a scene's text and the film's render settings, a
character's voice and active version). While it stands, nothing may change that: a script edit
or restore that changes a locked scene, a render with other settings (every scene would be drawn
again), any edit or render of a film whose cut is approved, a new version of a locked character.
`check_unlocked` is the one gate, called by every path that changes a script or starts a render;
only a producer (or the film's owner) unlocks.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.breakdown import Breakdown
from studio.domain.errors import UserError
from studio.domain.production import ITEM_KINDS
from studio.domain.scene_text import scene_source
from studio.store.production import ApprovalRow
from studio.store.tables import FilmRow

MAX_COMMENT = 2000
# Settings that change only the score, mix or delivery of the assembled film, not any scene's
# pictures or voices (the per-scene assets), so they may change while scenes are locked.
DELIVERY_ONLY = frozenset(
    {"watermark", "burn_subtitles", "subtitle_languages", "loudness", "music_file", "music_style"}
)


class Locked(UserError):
    """The change would alter an approved (locked) item."""


def check_comment(comment: object, required: bool = False) -> str:
    """A comment as given (trimmed): text without control characters, at most MAX_COMMENT characters.
    Markup is kept as typed and escaped wherever it is shown."""
    if comment is None:
        comment = ""
    if not isinstance(comment, str):
        raise UserError("A comment must be text.")
    text = comment.strip()
    if required and not text:
        raise UserError("Say why in a comment.")
    if len(text) > MAX_COMMENT:
        raise UserError(f"A comment can be at most {MAX_COMMENT} characters; this one is {len(text):,}.")
    if any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0 or 0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise UserError("A comment cannot hold control characters.")
    if any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in text):  # text-direction overrides
        raise UserError("A comment cannot hold text-direction override characters.")
    return text


def _settings_key(settings: dict[str, Any] | None) -> dict[str, Any]:
    # Through JSON, as the stored snapshot was: tuples and lists compare equal.
    return json.loads(json.dumps({k: v for k, v in (settings or {}).items() if k not in DELIVERY_ONLY}))


def item_snapshot(film: FilmRow, breakdown: Breakdown, kind: object, key: object, media: Any = None) -> dict[str, Any]:
    """What approving (kind, key) would lock; UserError for an item the film does not have."""
    if kind not in ITEM_KINDS:
        raise UserError(f"Items to approve are {', '.join(ITEM_KINDS)}, not {str(kind)[:40]!r}.")
    key_text = key.strip() if isinstance(key, str) else ""
    if kind == "scene":
        sources = scene_source(film.draft_script or film.script, breakdown)  # what the team reads now
        if key_text not in sources:
            known = ", ".join(s.scene_id for s in breakdown.scenes) or "none"
            raise UserError(f"This film has no scene {key_text[:40]!r} (its scenes: {known}).")
        return {"text": sources[key_text], "settings": _settings_key(film.settings)}
    if kind == "cut":
        if key_text not in ("", "final"):
            raise UserError("A film has one cut to approve: 'final'.")
        if media is None:
            raise UserError("This film has no final cut yet; render it first.")
        return {"script": film.script, "settings": dict(film.settings or {}), "video": str(media)}
    names = {c.name: c for c in film.characters}
    if key_text not in names:
        known = ", ".join(names) or "none"
        raise UserError(f"This film has no character {key_text[:60]!r} (its characters: {known}).")
    return {"voice": names[key_text].voice_id, "voices": dict((film.settings or {}).get("voices") or {})}


def item_key(kind: str, key: object) -> str:
    text = key.strip() if isinstance(key, str) else ""
    return "final" if kind == "cut" else text


def locks(session: Session, film_id: str) -> list[ApprovalRow]:
    return list(
        session.scalars(
            select(ApprovalRow)
            .where(ApprovalRow.film_id == film_id, ApprovalRow.state == "approved")
            .order_by(ApprovalRow.id)
        )
    )


def check_unlocked(
    session: Session, film_id: str, script: str, breakdown: Breakdown, settings: dict[str, Any] | None
) -> None:
    """Refuse (Locked) a script change or render of the film that would alter an approved item.

    `script`/`breakdown`/`settings` are what the film would have after the change."""
    held = locks(session, film_id)
    if not held:
        return
    sources: dict[str, str] | None = None
    for lock in held:
        if lock.item_kind == "cut":
            raise Locked("The final cut of this film is approved and locked; a producer must unlock it "
                         "before the film is edited or rendered again.")  # fmt: skip
        if lock.item_kind == "scene":
            if sources is None:
                sources = scene_source(script, breakdown)
            if sources.get(lock.item_key) != lock.snapshot.get("text"):
                raise Locked(f"Scene {lock.item_key} is approved and locked; a producer must unlock it "
                             "before it is edited.")  # fmt: skip
            if _settings_key(settings) != lock.snapshot.get("settings"):
                raise Locked(f"Scene {lock.item_key} is approved and locked; changing the render settings "
                             "would render it again. A producer must unlock it first.")  # fmt: skip
        if lock.item_kind == "character":
            voices = dict((settings or {}).get("voices") or {})
            if voices.get(lock.item_key) != lock.snapshot.get("voices", {}).get(lock.item_key):
                raise Locked(f"The character {lock.item_key} is approved and locked; a producer must unlock "
                             "it before its voice changes.")  # fmt: skip


def check_character_unlocked(session: Session, film_id: str, name: str) -> None:
    """Refuse a new or re-activated version of a locked character."""
    held = session.scalar(
        select(ApprovalRow.id).where(
            ApprovalRow.film_id == film_id,
            ApprovalRow.state == "approved",
            ApprovalRow.item_kind == "character",
            ApprovalRow.item_key == name,
        )  # fmt: skip
    )
    if held is not None:
        raise Locked(f"The character {name} is approved and locked; a producer must unlock it before "
                     "its versions change.")  # fmt: skip


def approval(session: Session, approval_id: object) -> ApprovalRow:
    try:
        number = int(approval_id)  # type: ignore[call-overload]  # any value a caller sends; a bad one is caught below
    except (TypeError, ValueError):
        number = 0
    row = session.get(ApprovalRow, number) if 0 < number < 2**31 and not isinstance(approval_id, bool) else None
    if row is None:
        raise UserError(f"No approval request {str(approval_id)[:40]!r}.")
    return row
