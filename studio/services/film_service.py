"""FilmService: create, estimate, render as Dagster runs, progress, storyboard, media and sharing of films.

A film belongs to the account that created it; films made with the CLI have no owner and are
visible to producers and admins. Every check that can refuse a request runs before anything is
written or charged, and a render's charge, its request row and (for a scene edit) the new script
are committed in one transaction, so a refusal or a failure leaves nothing half-done.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.breakdown import Breakdown
from studio.domain.errors import UserError
from studio.domain.formats import FilmFormat
from studio.domain.runs import TAG_PRIORITY, TAG_REQUEST, TAG_USER
from studio.domain.scene_text import replace_scene, scene_beats, scene_source
from studio.domain.sharing import sign, verify
from studio.domain.validation import _looks_binary, check_duration, check_voice_overrides
from studio.domain.views import Estimate, FilmView, NotEnoughCredits, Progress
from studio.services import api_keys, approvals, credits, projects
from studio.services import organisations as orgs
from studio.services.audit import audited
from studio.services.core import READERS, ServiceCore
from studio.services.deliverables import duration_and_thumbnail, film_files, watchable, zip_of, zip_path
from studio.services.organisations import NotEnoughOrgCredits
from studio.services.render_queue import queue_position
from studio.services.storyboard_service import edit_charge
from studio.settings import MAX_SCRIPT_BYTES
from studio.store import FilmRow
from studio.store.accounts import AppSecretRow, RenderRequestRow, UserRow
from studio.store.organisations import OrganisationRow
from studio.store.render_lock import SUBMIT_GRACE, lock_film

if TYPE_CHECKING:
    pass

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "samples"
_KEEP: Any = object()  # `sync_status`: leave the film's error message as it is


class RenderNotQueued(UserError):
    """The run could not be handed to Dagster; the charge was refunded."""


def _check_script(script: object) -> str:
    if not isinstance(script, str) or not script.strip():
        raise UserError("The script is empty.")
    size = len(script.encode("utf-8", "surrogatepass"))
    if size > MAX_SCRIPT_BYTES:
        raise UserError(f"The script is {size:,} bytes; the limit is {MAX_SCRIPT_BYTES:,} bytes.")
    if _looks_binary(script.encode("utf-8", "replace")):
        raise UserError("This is not a text script (it holds control characters).")
    return script


def _check_delivery_options(fmt: FilmFormat) -> None:
    """Burned-in caption style and subtitle languages are refused here, before a film is made or
    charged, not when the render reaches them (ValueError with the reason)."""
    from models.edit.overlays import subtitle_style
    from models.translate.base import check_subtitle_languages

    subtitle_style(fmt.burn_subtitles)
    check_subtitle_languages(list(fmt.subtitle_languages))


def _seconds(breakdown: Breakdown) -> float:
    """What the film will run: the scenes' targets, but never less than the speech itself."""
    from models.script.durations import spoken_seconds

    return max(sum(s.target_seconds for s in breakdown.scenes), spoken_seconds(breakdown.scenes))


class FilmService:
    """Films: create, estimate, render as Dagster runs, progress, storyboard, media and sharing.

    The helpers other parts use (`film_format`, `plan_script`, `cast_voices`, `submit_render`, `busy`,
    `settle_mine`, `views`) are public here and not doors of the facade (studio_service.py).
    """

    def __init__(self, core: ServiceCore) -> None:
        self.core, self.store, self.runs = core, core.store, core.runs

    # ----- checks ---------------------------------------------------------------------------
    def film_format(self, options: object, tier_name: str) -> FilmFormat:
        if options is None:
            options = {}
        if not isinstance(options, dict):
            raise UserError("Render options must be a mapping of FilmFormat fields.")
        opts = dict(options)
        duration = opts.get("duration")
        try:
            opts["duration"] = None if duration in (None, "", 0) else check_duration(float(duration))
            if "fps" in opts:
                opts["fps"] = int(opts["fps"])
            if credits.tier(tier_name).watermark:
                opts["watermark"] = True  # the free tier's mark, whatever the page sent
            fmt = FilmFormat.from_dict(opts)
            _check_delivery_options(fmt)
        except (TypeError, ValueError) as error:
            raise UserError(str(error)) from None
        credits.check_resolution(tier_name, fmt.resolution)
        uploads = (self.core.settings.home / "uploads").resolve()
        for path in [fmt.music_file, *(ref.get("path") for ref in fmt.references if isinstance(ref, dict))]:
            if path and not Path(path).resolve().is_relative_to(uploads):
                raise UserError("Uploaded files must be kept with the studio's upload step first.")
        return fmt

    def plan_script(self, script: object, fmt: FilmFormat) -> tuple[str, Breakdown, float]:
        text = _check_script(script)
        breakdown = self.core.parse(text, fmt.duration)
        check_voice_overrides(breakdown, fmt.voices)
        return text, breakdown, _seconds(breakdown)

    @cached_property
    def voice_pool(self) -> list:
        from models.voice.catalogue import CATALOGUE
        from models.voice.speak import installed_voices

        return installed_voices() or list(CATALOGUE)

    def cast_voices(self, breakdown: Breakdown, fmt: FilmFormat) -> dict[str, str]:
        from models.voice.casting import cast

        return cast(breakdown.characters, fmt.voices, pool=self.voice_pool)

    # ----- catalogue ------------------------------------------------------------------------
    def templates(self) -> dict[str, str]:
        """Sample name -> script text (from samples/)."""
        return {
            path.stem: path.read_text(encoding="utf-8")
            for path in sorted(SAMPLES_DIR.iterdir())
            if path.suffix in (".fountain", ".txt") and path.is_file()
        }

    def voice_choices(self) -> list[dict]:
        """The voice catalogue: id, name, engine, age, gender, language, installed, and its measured
        intelligibility as a person reads it ("not measured" when nobody measured it)."""
        from models.voice.catalogue import CATALOGUE
        from models.voice.intelligibility import intelligibility_label

        usable = {voice.id for voice in self.voice_pool}
        return [
            {"id": v.id, "name": v.name, "engine": v.engine, "age": v.age, "gender": v.gender,
             "language": v.language, "installed": v.id in usable,
             "intelligibility": intelligibility_label(v.id, v.language)}
            for v in CATALOGUE
        ]  # fmt: skip

    # ----- create ---------------------------------------------------------------------------
    def estimate(self, token: str, script: str, options: dict) -> Estimate:
        """Words, estimated seconds, credit cost, format, scenes and cast for a script (no tier limits)."""
        with self.store.session() as session:
            tier_name = self.core.me(session, token).tier
        fmt = self.film_format(options, tier_name)
        _, breakdown, seconds = self.plan_script(script, fmt)
        voices = self.cast_voices(breakdown, fmt)
        words = sum(len(line.text.split()) for _, _, line in breakdown.spoken_lines())
        return Estimate(
            words=words,
            seconds=round(seconds, 1),
            credits=credits.cost_for(seconds),
            script_format=breakdown.format,
            scenes=len(breakdown.scenes),
            characters=[
                {"name": c.name, "age_band": c.age_band, "gender": c.gender, "voice": voices.get(c.name)}
                for c in breakdown.characters
            ],
        )

    @audited("film.create", "film", target="result")
    def create_film(self, token: str, script: str, options: dict, org: str | None = None) -> str:
        """Create a draft film from a script and FilmFormat options (tier limits enforced); returns its id.
        It belongs to the caller's organisation: the key's, the one named, or the creator's only one; a
        creator in no organisation makes a personal film."""
        with self.store.session() as session:
            user = self.core.me(session, token)
            user_id, tier_name = user.id, user.tier
            scope = api_keys.scope_of(user)
            org_id = None
            if org or (scope is not None and scope.org_id) or len(orgs.memberships(session, user.id)) == 1:
                org_id = self.core.org_for(session, user, org).id
        fmt = self.film_format(options, tier_name)
        text, breakdown, seconds = self.plan_script(script, fmt)
        credits.check_length(tier_name, seconds)
        film = self.store.create_film(breakdown.title, text, breakdown.format, fmt.to_dict(), owner_id=user_id)
        self.store.save_breakdown(film.id, breakdown)
        self.store.set_voices(film.id, self.cast_voices(breakdown, fmt))
        if org_id is not None:
            with self.store.session() as session:
                orgs.attach_film(session, org_id, film.id)
        return film.id

    # ----- render ---------------------------------------------------------------------------
    @audited("film.render", "film", target="film_id")
    def render(self, token: str, film_id: str, request_key: str) -> str:
        """Charge the film's cost and submit a queued Dagster run; idempotent per request_key. Returns the run id."""
        return self.submit_render(token, film_id, request_key)

    @audited("film.edit_scene", "film", target="film_id")
    def edit_scene(self, token: str, film_id: str, scene_id: str, scene_text: str, request_key: str) -> str:
        """Replace one scene's text in the script and re-render; only that scene's artifacts recompute
        (the per-scene cache), and the charge is for that scene's length, or the whole film's when it was
        never rendered (`scene_edit_quote` says which before anything is charged). Returns the run id."""
        if not isinstance(scene_text, str) or not scene_text.strip():
            raise UserError("A scene needs some text; to remove a scene, edit the whole script.")
        with self.store.session() as session:
            film = self.core.film_row(session, self.core.me(session, token), film_id, write=True, action="edit_script")
            script, settings = film.draft_script or film.script, dict(film.settings or {})
        fmt = FilmFormat.from_dict(settings)
        try:
            new_script = replace_scene(script, self.core.parse(script, fmt.duration), str(scene_id), scene_text)
        except ValueError as error:
            raise UserError(str(error)) from None
        return self.submit_render(token, film_id, request_key, new_script=new_script, scene_id=str(scene_id))

    def submit_render(
        self, token: str, film_id: str, request_key: str, new_script: str | None = None, scene_id: str | None = None
    ) -> str:
        key_text = request_key.strip() if isinstance(request_key, str) else ""
        if not key_text or len(key_text) > 200:
            raise UserError("A render needs a request key of 1-200 characters (one per click).")
        action = "edit_script" if new_script is not None else "render"
        with self.store.session() as session:
            user = self.core.me(session, token)
            film = self.core.film_row(session, user, film_id, write=True, action=action)
            key = f"{user.id}:{key_text}"
            existing = session.get(RenderRequestRow, key)
            if existing is not None:  # a double click: the first click's run
                return existing.run_id
            # A pending draft (an edit whose render has not succeeded yet) is what a render renders.
            tier_name, settings = user.tier, dict(film.settings or {})
            script = new_script or film.draft_script or film.script
            rendered = film.script  # the finished film's script: an edit pays for what differs from it
            drafted = new_script is not None or film.draft_script is not None
        fmt = self.film_format(settings, tier_name)  # the tier may have changed since the film was made
        if new_script is not None:  # voices for characters the edit removed no longer apply
            names = {c.name for c in self.core.parse(_check_script(new_script), fmt.duration).characters}
            fmt = FilmFormat.from_dict({**fmt.to_dict(), "voices": {k: v for k, v in fmt.voices.items() if k in names}})
        text, breakdown, seconds = self.plan_script(script, fmt)
        credits.check_length(tier_name, seconds)
        if new_script is not None:  # the changed scenes only; a film never rendered pays its whole length
            seconds = edit_charge(self.core.parse, self.core.settings.media_root, film_id, rendered, breakdown, seconds,
                                  fmt.duration)[0]  # fmt: skip
        cost = credits.cost_for(seconds)
        run_id = str(uuid.uuid4())
        tier = credits.tier(tier_name)
        try:
            with self.store.session() as session:
                user = self.core.me(session, token)
                film = self.core.film_row(session, user, film_id, write=True, action=action)
                # One render of a film at a time, decided inside the charge's transaction: the
                # film's row lock (an UPDATE takes it on PostgreSQL; on SQLite it takes the write
                # lock) makes concurrent clicks from several tabs or processes queue up here, and
                # each later one sees the first one's request once it has committed.
                lock_film(session, film_id)
                existing = session.get(RenderRequestRow, key)
                if existing is not None:  # the same click, committed while we waited for the lock
                    return existing.run_id
                approvals.check_unlocked(session, film_id, text, breakdown, fmt.to_dict())  # approved items stay
                if self.busy(session, film_id):
                    raise UserError("This film is already rendering; wait for it to finish or cancel it.")
                try:
                    entry = self.charge_render(
                        session, user, film, cost, f"film {film_id}" + (f" scene {scene_id}" if scene_id else ""), key
                    )
                except (credits.InsufficientCredits, NotEnoughOrgCredits) as error:
                    raise NotEnoughCredits(str(error)) from None
                session.add(
                    RenderRequestRow(
                        key=key,
                        user_id=user.id,
                        film_id=film_id,
                        run_id=run_id,
                        cost=cost,
                        charged=-entry.amount,
                        state="submitted",
                        created_at=credits.now(),
                    )  # fmt: skip
                )
                if drafted:  # the finished film's script stays until this render succeeds (settle_requests)
                    film.draft_script, film.draft_run_id = text, run_id
                else:
                    film.script, film.script_format = text, breakdown.format
                film.settings = fmt.to_dict()
                film.status, film.error = "queued", None
        except IntegrityError:  # the same click raced us and won: return its run
            with self.store.session() as session:
                existing = session.get(RenderRequestRow, key)
            if existing is None:
                raise
            return existing.run_id
        tags = {
            TAG_USER: user.id,
            TAG_REQUEST: key_text[:100],
            TAG_PRIORITY: str(tier.priority),
            "studio/tier": tier.name,
        }
        try:
            self.runs.submit(film_id, run_id, tags)
        except Exception as error:  # noqa: BLE001 - any failure to queue is refunded and reported
            with self.store.session() as session:
                request = session.get(RenderRequestRow, key)
                if request is None:  # _charge_render stored it before the submit
                    raise RuntimeError(f"render request {key!r} vanished before its refund") from error
                if request.charged:
                    credits.credit(session, request.user_id, request.charged, "refund", run_id, f"refund:{run_id}")
                request.state = "refunded"
                failed = session.get(FilmRow, film_id)
                if failed is not None:  # the film may have been deleted meanwhile
                    failed.status, failed.error = "failed", f"could not queue the render: {error}"
            raise RenderNotQueued(f"The render could not be queued ({error}); your credits were refunded.") from error
        return run_id

    def charge_render(self, session: Session, user: UserRow, film: FilmRow, cost: int, reference: str, key: str) -> Any:
        """Take the render's cost from the user's balance; an organisation's film is paid from its pool
        (the member's own balance is untouched, so a refund goes to the pool: studio.orchestration.runs)."""
        org_id = orgs.org_of_film(session, film.id)
        if org_id is None:
            return credits.charge(session, user, cost, "render", reference, key=f"render:{key}")
        orgs.charge(session, org_id, user.id, cost, reference, f"render:{key}")
        return _Paid(0)

    def busy(self, session: Session, film_id: str) -> bool:
        """Whether the film has a render in flight: a request not yet settled whose run is unfinished
        (or not yet handed to Dagster: the request commits before the run is submitted), or a run
        started elsewhere (the CLI, the Dagster UI)."""
        pending = session.scalars(
            select(RenderRequestRow).where(RenderRequestRow.film_id == film_id, RenderRequestRow.state == "submitted")
        )
        for request in pending:
            run = self.runs.get(request.run_id)
            if run is not None:
                run = self.runs.last_attempt(run)
            if run is None:
                # Submitted right after its commit; one never submitted (a crash in between) stops
                # blocking the film after a few minutes.
                if credits.now() - credits.aware(request.created_at) < SUBMIT_GRACE:
                    return True
            elif not self.runs.attempt_settled(run):  # running, or failed with its retry on the way
                return True
        latest = self.runs.latest([film_id]).get(film_id)
        return latest is not None and not self.runs.is_finished(latest)

    def settle_mine(self, token: str) -> None:
        """Refund the user's renders that failed for a system reason (idempotent; the sensor does it too)."""
        try:
            with self.store.session() as session:
                user = self.core.me(session, token)
                pending = list(
                    session.scalars(
                        select(RenderRequestRow).where(
                            RenderRequestRow.user_id == user.id, RenderRequestRow.state == "submitted"
                        )
                    )
                )
                if pending:
                    self.runs.settle(session, pending, self.core.media_store)
        except IntegrityError:  # the daemon's sensor refunded the same run a moment ago
            pass

    def progress(self, token: str, film_id: str) -> Progress:
        """The film's latest run: status, current asset, percent of steps, elapsed seconds."""
        self.settle_mine(token)
        with self.store.session() as session:
            film = self.core.film_row(session, self.core.me(session, token), film_id)
            status, error = film.status, film.error
        run = self.runs.latest([film_id], renders_only=True).get(film_id)
        if run is None:
            percent = 100.0 if status == "ready" else 0.0
            return Progress(status, None, percent, 0.0, None, error)
        run_id = self.runs.run_id(run)
        p = self.runs.progress(run_id)
        self.sync_status({film_id: (p.status, p.message if p.status == "failed" else None)})
        position = None
        if p.status == "queued":  # the request is recorded under the first attempt's id
            with self.store.session() as session:
                position = queue_position(session, self.runs, self.runs.request_run_id(run))
        return Progress(p.status, p.current_asset, p.percent, round(p.elapsed, 1), run_id, p.message, position)

    @audited("film.cancel", "film", target="film_id")
    def cancel(self, token: str, film_id: str) -> None:
        """Cancel the film's queued or running render; credits are not refunded."""
        with self.store.session() as session:
            self.core.film_row(session, self.core.me(session, token), film_id, write=True)
        run = self.runs.latest([film_id]).get(film_id)
        if run is None or self.runs.attempt_settled(run):
            raise UserError("This film is not rendering.")
        with self.store.session() as session:  # recorded first: a cancelled run is never refunded
            request = session.scalar(
                select(RenderRequestRow).where(RenderRequestRow.run_id == self.runs.request_run_id(run))
            )
            if request is not None and request.state == "submitted":
                request.state = "cancelled"
        if self.runs.is_finished(run):  # failed, its retry not yet queued: stop the retry from being made
            self.runs.stop_retry(self.runs.run_id(run))
        else:
            self.runs.cancel(self.runs.run_id(run))
        self.sync_status({film_id: ("cancelled", None)})

    def sync_status(self, statuses: dict[str, tuple[str, str | None]]) -> None:
        """Keep the store's film status in step with Dagster, so `studio films` agrees with the app."""
        with self.store.session() as session:
            for film_id, (status, error) in statuses.items():
                film = session.get(FilmRow, film_id)
                error = film.error if film is not None and error is _KEEP else error
                if film is not None and (film.status, film.error) != (status, error):
                    film.status, film.error = status, error

    # ----- read -----------------------------------------------------------------------------
    def views(self, rows: Sequence[Sequence[Any]]) -> list[FilmView]:  # (id, title, status, created_at, owner_id)
        runs = self.runs.latest([row[0] for row in rows], renders_only=True) if rows else {}
        views, changed = [], {}
        for film_id, title, status, created_at, owner_id in rows:
            run = runs.get(film_id)
            if run is not None:
                live = self.runs.film_status(run)
                if live != status:  # a failure's message is added by progress(), which reads the event log
                    changed[film_id] = (live, _KEEP if live == "failed" else None)
                status = live
            duration, thumb = duration_and_thumbnail(self.core.settings.media_root, film_id)
            views.append(
                FilmView(
                    id=film_id,
                    title=title,
                    status=status,
                    created_at=credits.aware(created_at),
                    duration=duration,
                    thumbnail=thumb,
                    run_id=self.runs.run_id(run) if run else None,
                    owner_id=owner_id,
                    watchable=watchable(self.core.settings.media_root, film_id),
                )  # fmt: skip
            )
        if changed:
            self.sync_status(changed)
        return views

    def films(self, token: str) -> list[FilmView]:
        """The caller's films, newest first: with an organisation's key, that organisation's films; in
        the app, one's own films and those of one's organisations and projects (producers and admins also
        see CLI films); an organisation's film stays in it."""
        self.settle_mine(token)
        with self.store.session() as session:
            user = self.core.me(session, token)
            scope = api_keys.scope_of(user)
            if scope is not None and scope.org_id is not None:
                where: ColumnElement[bool] = FilmRow.id.in_(orgs.film_ids(session, [scope.org_id]))
            else:
                member_of = [org.id for org, _ in orgs.memberships(session, user.id)]
                others = [o for o in session.scalars(select(OrganisationRow.id)) if o not in member_of]
                foreign = orgs.film_ids(session, others)
                where = (FilmRow.owner_id == user.id) | FilmRow.id.in_(orgs.film_ids(session, member_of))
                where = where | FilmRow.id.in_(projects.member_films(user.id))
                if user.role in READERS:
                    where = where | FilmRow.owner_id.is_(None)
                if user.role != "admin" and foreign:
                    where = where & FilmRow.id.not_in(foreign)
            rows = session.execute(
                select(FilmRow.id, FilmRow.title, FilmRow.status, FilmRow.created_at, FilmRow.owner_id)
                .where(where)
                .order_by(FilmRow.created_at.desc())
            ).all()
        return self.views([tuple(row) for row in rows])

    def film(self, token: str, film_id: str) -> FilmView:
        """One film; Forbidden for another user's film."""
        with self.store.session() as session:
            film = self.core.film_row(session, self.core.me(session, token), film_id)
            row = (film.id, film.title, film.status, film.created_at, film.owner_id)
        return self.views([row])[0]

    def storyboard(self, token: str, film_id: str) -> dict:
        """Scenes (id, heading, mood, text as written, picture, lines with speaker/text/voice) and
        characters (voice, sheet picture, versions when the character engine records them)."""
        with self.store.session() as session:
            film = self.core.film_row(session, self.core.me(session, token), film_id)
            # The editor shows the pending draft, if any: the user's edit is not lost while it renders.
            script, settings, title, status = (
                film.draft_script or film.script,
                film.settings or {},
                film.title,
                film.status,
            )
            drafted = film.draft_script is not None
            stored_voices = {c.name: c.voice_id for c in film.characters if c.voice_id}
        fmt = FilmFormat.from_dict(settings)
        breakdown = self.core.parse(script, fmt.duration)
        voices = {**self.cast_voices(breakdown, fmt), **stored_voices, **fmt.voices}
        sources = scene_source(script, breakdown)
        media = self.core.settings.media_root / film_id
        for asset in ("scene_images", "character_sheets"):  # pictures made on another machine: from the bucket
            self.core.media_store.ensure_local(film_id, asset)
        sheets = _read_json(media / "character_sheets" / "manifest.json").get("characters", {})
        scenes = []
        for scene in breakdown.scenes:
            image = _scene_picture(media / "scene_images" / scene.scene_id)
            scenes.append(
                {
                    "id": scene.scene_id, "heading": scene.heading, "location": scene.location,
                    "time_of_day": scene.time_of_day, "mood": scene.mood, "culture": scene.culture,
                    "target_seconds": round(scene.target_seconds, 1), "text": sources.get(scene.scene_id, ""),
                    "editable": scene.scene_id in sources, "image": image,
                    "beats": scene_beats(sources.get(scene.scene_id, ""), scene.heading)[1],
                    "lines": [
                        {"speaker": line.speaker, "text": line.text, "voice": voices.get(line.speaker),
                         "emotion": line.emotion, "parenthetical": line.parenthetical, "kind": line.kind}
                        for line in scene.lines
                    ],
                }
            )  # fmt: skip
        characters = []
        for c in breakdown.characters:
            sheet = sheets.get(c.name, {})
            sheet_path = media / "character_sheets" / sheet["sheet"] if sheet.get("sheet") else None
            characters.append(
                {
                    "name": c.name, "age_band": c.age_band, "gender": c.gender, "description": c.description,
                    "voice": voices.get(c.name), "sheet": sheet_path if sheet_path and sheet_path.is_file() else None,
                    "versions": sheet.get("versions", []), "version": sheet.get("version"),
                }
            )  # fmt: skip
        return {"film_id": film_id, "title": title, "status": status, "script_format": breakdown.format,
                "scenes": scenes, "characters": characters, "draft": drafted}  # fmt: skip

    # ----- media and sharing ----------------------------------------------------------------
    def _files(self, token: str, film_id: str) -> dict[str, Path]:
        with self.store.session() as session:
            self.core.film_row(session, self.core.me(session, token), film_id)
        files = film_files(self.core.settings.media_root, film_id, self.core.media_store)
        if "mp4" not in files:
            raise UserError("This film has no video yet; render it first.")
        return files

    def media_url(self, token: str, film_id: str, name: str, download: bool = False) -> str | None:
        """A presigned URL (7 days) of one deliverable of a film the caller may open, when media is on S3;
        None with the local store (the /media route serves the file). Same checks as `media_file`."""
        if not self.core.media_store.remote:
            return None
        files = self._files(token, film_id)  # ownership first: no URL for another user's film
        if name == "zip" or name.endswith(".zip"):
            return self._zip_url(film_id, files)
        return self.core.media_store.url(film_id, _pick(files, name), download)

    def media_links(self, token: str, film_id: str) -> dict[str, str]:
        """What the Watch page links to: presigned URLs on S3 (the zip stays on the /media route, which
        builds it on the first click), else the server's /media routes."""
        files = self.media(token, film_id)
        if not self.core.media_store.remote:
            return {name: f"/media/{film_id}/{name}" for name in files}
        links = {name: self.core.media_store.url(film_id, path) or "" for name, path in files.items() if name != "zip"}
        return {**links, "zip": f"/media/{film_id}/zip?download=true"}

    def _zip_url(self, film_id: str, files: dict[str, Path]) -> str:
        """The zip of every deliverable, built once per final cut (from local copies, downloaded when
        this machine lacks them) and kept in the store beside the assets."""
        store = self.core.media_store
        version = store.version(film_id, "final_cut") or "current"  # type: ignore[attr-defined]
        name = zip_path(self.core.settings.media_root, film_id).name
        if not store.has_download(film_id, version, name):  # type: ignore[attr-defined]
            for asset in {
                path.relative_to(self.core.settings.media_root / film_id).parts[0] for path in files.values()
            }:
                store.ensure_local(film_id, asset)
            store.publish_download(film_id, zip_of(self.core.settings.media_root, film_id, files), version)
        return store.url(film_id, self.core.settings.media_root / film_id / "downloads" / version / name, True) or ""

    def media(self, token: str, film_id: str) -> dict[str, Path]:
        """Downloadable files: mp4, srt, vtt, thumbnail_N, trailer, poster (if any), and zip, whose file
        is built on demand by its first download (`media_file(..., "zip")`, the /media route)."""
        files = self._files(token, film_id)
        return {**files, "zip": zip_path(self.core.settings.media_root, film_id)}

    def media_file(self, token: str, film_id: str, name: str) -> Path:
        """One deliverable by key ("mp4", "zip", "thumbnail_1") or file name ("film.mp4"); for /media URLs."""
        files = self._files(token, film_id)
        if name == "zip" or name.endswith(".zip"):
            return zip_of(self.core.settings.media_root, film_id, files)
        return _pick(files, name)

    def share_secret(self) -> str:
        with self.store.session() as session:
            row = session.get(AppSecretRow, "share")
            if row is not None:
                return row.value
        try:
            with self.store.session() as session:
                value = secrets.token_hex(32)
                session.add(AppSecretRow(name="share", value=value))
                return value
        except IntegrityError:  # another process created it first
            with self.store.session() as session:
                row = session.get(AppSecretRow, "share")
                if row is None:
                    raise RuntimeError("The share secret could not be stored in the app_secrets table.") from None
                return row.value

    def share_link(self, token: str, film_id: str, hours: float = 24) -> str:
        """A path like /share/<signed token> that plays the film, without signing in, until it expires."""
        self._files(token, film_id)
        return f"/share/{sign(self.share_secret(), film_id, hours)}"

    def shared_file(self, share_token: str, name: str = "mp4") -> tuple[str, Path]:
        """The film id and one file of a shared film; ShareLinkInvalid when altered or expired."""
        film_id = verify(self.share_secret(), share_token)
        files = film_files(self.core.settings.media_root, film_id, self.core.media_store)
        for key, path in files.items():
            if name in (key, path.name) and key in ("mp4", "srt", "vtt", "thumbnail_1", "poster"):
                return film_id, path
        raise UserError("This shared film has no such file.")

    def shared_url(self, share_token: str, name: str = "mp4") -> str | None:
        """A presigned URL of one file of a shared film when media is on S3 (None: served locally);
        ShareLinkInvalid when the link was altered or expired, exactly like `shared_file`."""
        film_id, path = self.shared_file(share_token, name)
        return self.core.media_store.url(film_id, path) if self.core.media_store.remote else None


def _pick(files: dict[str, Path], name: str) -> Path:
    """A deliverable by key ("mp4", "thumbnail_1") or file name ("film.mp4")."""
    for key, path in files.items():
        if name in (key, path.name):
            return path
    raise UserError(f"This film has no file {name[:60]!r}.")


def _scene_picture(folder: Path) -> Path | None:
    """The scene's plate: `frame.png` where the illustrator wrote one, else its first picture."""
    if (folder / "frame.png").is_file():
        return folder / "frame.png"
    return next(iter(sorted(folder.glob("*.png"))), None) if folder.is_dir() else None


def _read_json(path: Path) -> dict:
    import json

    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


class _Paid:
    """What `submit_render` records as taken from the member's balance when the organisation's pool paid."""

    def __init__(self, amount: int) -> None:
        self.amount = amount
