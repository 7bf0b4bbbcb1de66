"""A user's data: "download my data" (one zip) and everything "delete my account" must remove
besides the database rows (media, per-scene cache entries, uploads, MLflow runs, Dagster runs).

Shared by content. The per-scene caches under STUDIO_HOME/cache and the uploads folder are keyed
by content, so two users whose scenes (or uploads) are byte-identical share one entry. Deleting
one user must not break the other's re-renders, so an entry is removed only when no other film
uses it:
- scene cache entries (voice takes, plates, lip-sync clips, character sheets) are hard-linked into
  each film's media folder when a render uses them (models/film/scene_cache.py); an entry whose
  files share an inode with this user's media and with no other film's media is this user's only.
- uploads are named by their SHA-256 and referenced from a film's settings; an upload referenced
  by this user's films and no other film goes.
- the recognizer's cache (cache/asr: words heard in a stretch of the user's dialogue) is keyed by
  a hash; an entry goes when its words are this user's lines and no other film's.
Caches that hold no user content (music calibration levels, real-time factors, voice previews)
stay.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, select
from sqlalchemy.orm import Session

from studio.services.ports import RenderRuns
from studio.settings import Settings
from studio.store import FilmRow, FilmStore
from studio.store.accounts import LedgerRow, RenderRequestRow, UserRow
from studio.store.media_store import open_media_store
from studio.store.production import (
    ApprovalRow,
    AuditErasureRow,
    AuditRow,
    ProjectMemberRow,
    ProjectRow,
    ScriptVersionRow,
)

log = logging.getLogger(__name__)
SCENE_CACHES = ("voice_tracks", "scene_images", "lipsync_clips", "character_sheets")
_WORD = re.compile(r"[a-z0-9']+")


# ----- export --------------------------------------------------------------------------------
def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _row(row: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {c.key: _iso(getattr(row, c.key)) for c in row.__table__.columns if c.key not in skip}


def export_user(store: FilmStore, settings: Settings, user_id: str) -> Path:
    """Write `STUDIO_HOME/exports/<user>-<time>.zip`: account.json (no password hash or 2FA secret),
    ledger.json, renders.json, projects.json (memberships and roles), audit.json (the changes the user
    made), and per film film.json (script, settings, scenes, lines), script.txt, script_versions.json,
    approvals.json and its media files. Returns the zip's path."""
    folder = settings.home / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{user_id}-*.zip"):  # one export per user on disk at a time
        old.unlink(missing_ok=True)
    target = folder / f"{user_id}-{datetime.now(UTC):%Y%m%dT%H%M%S}.zip"
    temp = target.with_suffix(".part")
    published = open_media_store(settings.media_store, settings.media_root)
    with store.session() as session, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive:
        user = session.get(UserRow, user_id)
        if user is None:
            raise LookupError("No such account.")
        archive.writestr("account.json", json.dumps(_row(user, ("password_hash", "totp_secret")), indent=2))
        ledger = session.scalars(select(LedgerRow).where(LedgerRow.user_id == user_id).order_by(LedgerRow.id))
        archive.writestr("ledger.json", json.dumps([_row(r) for r in ledger], indent=2))
        renders = session.scalars(select(RenderRequestRow).where(RenderRequestRow.user_id == user_id))
        archive.writestr("renders.json", json.dumps([_row(r) for r in renders], indent=2))
        memberships = session.execute(select(ProjectRow, ProjectMemberRow.role)
                                      .join(ProjectMemberRow, ProjectMemberRow.project_id == ProjectRow.id)
                                      .where(ProjectMemberRow.user_id == user_id)).all()  # fmt: skip
        archive.writestr("projects.json", json.dumps([{**_row(project), "role": role} for project, role in memberships],
                                                     indent=2, ensure_ascii=False))  # fmt: skip
        actions = session.scalars(select(AuditRow).where(AuditRow.actor_id == user_id).order_by(AuditRow.id))
        archive.writestr("audit.json", json.dumps([_row(a) for a in actions], indent=2, ensure_ascii=False))
        for film in session.scalars(select(FilmRow).where(FilmRow.owner_id == user_id).order_by(FilmRow.created_at)):
            record = _row(film)
            record["scenes"] = [
                {**_row(s), "lines": [_row(line) for line in getattr(s, "lines", [])]} for s in film.scenes
            ]
            record["characters"] = [_row(c) for c in film.characters]
            archive.writestr(f"films/{film.id}/film.json", json.dumps(record, indent=2, ensure_ascii=False))
            archive.writestr(f"films/{film.id}/script.txt", film.script)
            versions = session.scalars(select(ScriptVersionRow).where(ScriptVersionRow.film_id == film.id)
                                       .order_by(ScriptVersionRow.number))  # fmt: skip
            archive.writestr(f"films/{film.id}/script_versions.json", json.dumps([_row(v) for v in versions], indent=2,
                                                                                  ensure_ascii=False))  # fmt: skip
            approvals = session.scalars(
                select(ApprovalRow).where(ApprovalRow.film_id == film.id).order_by(ApprovalRow.id)
            )
            archive.writestr(f"films/{film.id}/approvals.json", json.dumps([_row(a) for a in approvals], indent=2,
                                                                            ensure_ascii=False))  # fmt: skip
            for asset in published.assets(film.id):  # made on another machine: fetched from the bucket first
                published.ensure_local(film.id, asset)
            media = settings.media_root / film.id
            for path in sorted(media.rglob("*")) if media.is_dir() else []:
                if path.is_file() and ".staging" not in path.parts and not path.name.endswith(".old"):
                    archive.write(path, f"films/{film.id}/media/{path.relative_to(media).as_posix()}")
    temp.replace(target)
    return target


# ----- deletion ------------------------------------------------------------------------------
def _inodes(folder: Path) -> set[tuple[int, int]]:
    found = set()
    for path in folder.rglob("*") if folder.is_dir() else []:
        if path.is_file():
            info = path.stat()
            found.add((info.st_dev, info.st_ino))
    return found


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def purge_scene_caches(home: Path, media_root: Path, mine: list[str]) -> list[Path]:
    """Remove scene cache entries used by the films `mine` and by no other film; returns them."""
    own: set[tuple[int, int]] = set()
    for film_id in mine:
        own |= _inodes(media_root / film_id)
    others: set[tuple[int, int]] = set()
    for folder in media_root.iterdir() if media_root.is_dir() else []:
        if folder.is_dir() and folder.name not in mine:
            others |= _inodes(folder)
    removed = []
    for kind in SCENE_CACHES:
        for record in (home / "cache" / kind).glob("*/*/record.json"):
            entry = record.parent
            files = _inodes(entry) - {(record.stat().st_dev, record.stat().st_ino)}
            if files & own and not files & others:
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry)
    return removed


def purge_asr_cache(home: Path, my_scripts: list[str], other_scripts: list[str]) -> list[Path]:
    """Remove recognizer cache entries whose heard words come from this user's scripts only."""
    mine = set(_words(" ".join(my_scripts)))
    others = [set(_words(s)) for s in other_scripts]
    removed = []
    for path in (home / "cache" / "asr").glob("*/*.json"):
        try:
            heard = [str(w[0]) for w in json.loads(path.read_text())]
        except (OSError, ValueError, TypeError, IndexError, KeyError):
            continue
        words = [w for text in heard for w in _words(text)]
        if not words:
            continue
        share = sum(w in mine for w in words) / len(words)
        elsewhere = max((sum(w in o for w in words) / len(words) for o in others), default=0.0)
        if share >= 0.8 and elsewhere < 0.8:  # recognition errors aside, these are this user's lines
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def purge_uploads(home: Path, my_settings: list[dict], other_settings: list[dict]) -> list[Path]:
    """Remove uploads named in this user's films' settings and in no other film's."""
    mine_text = json.dumps(my_settings, default=str)
    others_text = json.dumps(other_settings, default=str)
    removed = []
    for path in (home / "uploads").glob("*/*"):
        if path.is_file() and path.name in mine_text and path.name not in others_text:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def purge_mlflow_runs(settings: Settings, film_ids: list[str]) -> int:
    """Hard-delete the MLflow runs (params, metrics, tags, artifacts) of these films."""
    database = settings.home / "mlflow.db"
    if not film_ids or not database.exists():
        return 0
    from integrations.tracking import RENDERS_EXPERIMENT, _mlflow

    mlflow = _mlflow()
    client = mlflow.MlflowClient(tracking_uri=settings.mlflow_uri)
    experiment = client.get_experiment_by_name(RENDERS_EXPERIMENT)
    if experiment is None:
        return 0
    from mlflow.entities import ViewType

    store = client._tracking_client.store  # the SQLAlchemy store: MLflow's public API only soft-deletes
    count = 0
    for film_id in film_ids:
        if not re.fullmatch(r"[0-9a-f]{6,32}", film_id):
            continue
        runs = client.search_runs(
            [experiment.experiment_id],
            f"tags.`studio.film_id` = '{film_id}'",
            run_view_type=ViewType.ALL,
            max_results=10_000,
        )
        for run in runs:
            artifacts = run.info.artifact_uri or ""
            if artifacts.startswith("file://") or artifacts.startswith("/"):
                folder = Path(artifacts.removeprefix("file://"))
                if folder.name == "artifacts" and folder.parent.name == run.info.run_id:
                    folder = folder.parent  # <experiment>/<run id>/artifacts: the run's whole folder
                shutil.rmtree(folder, ignore_errors=True)
            store._hard_delete_run(run.info.run_id)
            count += 1
    return count


def purge_user_files(
    store: FilmStore, settings: Settings, user_id: str, film_ids: list[str], runs: RenderRuns | None
) -> dict[str, int]:
    """Everything of the user's outside the database rows (called before the rows are deleted)."""
    with store.session() as session:
        mine = list(session.execute(select(FilmRow.script, FilmRow.settings).where(FilmRow.owner_id == user_id)))
        others = list(
            session.execute(
                select(FilmRow.script, FilmRow.settings).where(
                    (FilmRow.owner_id != user_id) | FilmRow.owner_id.is_(None)
                )
            )
        )
    report = {
        "cache_entries": len(purge_scene_caches(settings.home, settings.media_root, film_ids)),
        "asr_entries": len(purge_asr_cache(settings.home, [m[0] for m in mine], [o[0] for o in others])),
        "uploads": len(purge_uploads(settings.home, [m[1] or {} for m in mine], [o[1] or {} for o in others])),
        "mlflow_runs": 0,
        "dagster_runs": 0,
    }
    try:
        report["mlflow_runs"] = purge_mlflow_runs(settings, film_ids)
    except Exception:  # noqa: BLE001 - logged: deletion of the account goes on
        log.exception("could not delete the MLflow runs of user %s", user_id)
    if runs is not None:
        try:
            report["dagster_runs"] = runs.forget_films(film_ids)
        except Exception:  # noqa: BLE001
            log.exception("could not delete the Dagster runs of user %s", user_id)
    for export in (settings.home / "exports").glob(f"{user_id}-*.zip"):
        export.unlink(missing_ok=True)
    log.info("deleted files of user %s: %s", user_id, report)
    return report


def purge_user_rows(store: FilmStore, user_id: str, film_ids: list[str]) -> int:
    """Delete rows that name the user or their films by id but have no foreign key to cascade from:
    the CRM outbox (pending Salesforce updates about them). Core deletes, so the outbox listener
    does not queue new rows about the deletion itself."""
    from sqlalchemy import delete

    from studio.store.publishing import CrmOutboxRow

    with store.session() as session:
        # an UPDATE/DELETE gives a CursorResult (rowcount); SQLAlchemy types execute() as Result
        result = cast(
            CursorResult[Any], session.execute(delete(CrmOutboxRow).where(CrmOutboxRow.key.in_([user_id, *film_ids])))
        )
        return int(result.rowcount or 0) + _forget_in_production(session, user_id, film_ids)


def _forget_in_production(session: Session, user_id: str, film_ids: list[str]) -> int:
    """Redact the audit entries about the person or their films (who, target and before/after go;
    what was done and when stay), and clear their id from rows other people keep (a project they
    created, approvals and script versions of others' films)."""
    from sqlalchemy import delete, or_, update

    about = or_(AuditRow.actor_id == user_id, AuditRow.target_id.in_([user_id, *film_ids]),
                AuditRow.film_id.in_(film_ids))  # fmt: skip
    marker = AuditErasureRow()
    session.add(marker)
    session.flush()  # the triggers allow changes to audit_log while this row exists
    # An UPDATE gives a CursorResult (rowcount); SQLAlchemy types execute() as Result.
    changed = cast(CursorResult[Any], session.execute(update(AuditRow).where(about).values(
        actor_id=None, actor_email="", target_id="erased", film_id=None, before=None, after=None,
    ))).rowcount or 0  # fmt: skip
    session.execute(delete(AuditErasureRow).where(AuditErasureRow.id == marker.id))
    session.execute(update(ProjectRow).where(ProjectRow.created_by == user_id).values(created_by=None))
    session.execute(update(ApprovalRow).where(ApprovalRow.requested_by == user_id).values(requested_by=None))
    session.execute(update(ApprovalRow).where(ApprovalRow.decided_by == user_id).values(decided_by=None))
    session.execute(update(ScriptVersionRow).where(ScriptVersionRow.author_id == user_id).values(author_id=None))
    return int(changed)
