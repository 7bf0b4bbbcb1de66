"""ProductionService: projects and members, approvals and locks, script history, audit.

Every permission is checked here (studio.services.projects says which role may do what); each mutating
method is recorded in the audit log by `studio.services.audit.audited`. Bad input raises a UserError with a
sentence fit for the page, before anything is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from studio.domain.errors import UserError
from studio.domain.formats import FilmFormat
from studio.services import approvals, audit, projects, script_history
from studio.services.audit import audited
from studio.services.deliverables import film_files
from studio.store.accounts import UserRow
from studio.store.production import CHANGE_NOTE, ApprovalRow
from studio.store.render_lock import lock_film
from studio.store.tables import FilmRow

if TYPE_CHECKING:
    from studio.services.core import ServiceCore
    from studio.services.film_service import FilmService

MAX_EXPORT = 100_000


class ProductionService:
    """Projects and members, approvals and locks, script history and the audit log."""

    def __init__(self, core: ServiceCore, films: FilmService) -> None:
        self.core, self.films, self.store = core, films, core.store

    # ----- projects -------------------------------------------------------------------------
    @audited("project.create", "project", target="result")
    def create_project(self, token: str, name: str) -> str:
        """A new project with the caller as its producer; returns its id."""
        with self.store.session() as session:
            return projects.create(session, self.core.me(session, token), name).id

    def my_projects(self, token: str) -> list[dict]:
        """The caller's projects: id, name, role."""
        with self.store.session() as session:
            return projects.projects_of(session, self.core.me(session, token))

    def project(self, token: str, project_id: str) -> dict:
        """A project the caller belongs to: id, name, organisation_id, role, members, films (id, title)."""
        with self.store.session() as session:
            user = self.core.me(session, token)
            row = projects.require_project(session, user, project_id, "view")
            film_ids = projects.films_of(session, row.id)
            titles = dict(session.execute(select(FilmRow.id, FilmRow.title).where(FilmRow.id.in_(film_ids))).all())
            return {"id": row.id, "name": row.name, "organisation_id": row.organisation_id,
                    "role": projects.project_role(session, user, row.id) or user.role,
                    "members": projects.members(session, row.id),
                    "films": [{"id": f, "title": titles.get(f, "")} for f in film_ids]}  # fmt: skip

    @audited("project.set_member", "project", target="project_id")
    def set_project_member(self, token: str, project_id: str, email: str, role: str) -> None:
        """Add a member by email or change their role (project producers)."""
        with self.store.session() as session:
            row = projects.require_project(session, self.core.me(session, token), project_id, "manage_members")
            projects.set_member(session, row, email, role)

    @audited("project.remove_member", "project", target="project_id")
    def remove_project_member(self, token: str, project_id: str, user_id: str) -> None:
        """Take a member off the project (project producers); a project keeps at least one producer."""
        with self.store.session() as session:
            row = projects.require_project(session, self.core.me(session, token), project_id, "manage_members")
            projects.remove_member(session, row, user_id)

    @audited("project.add_film", "project", target="project_id")
    def add_film_to_project(self, token: str, project_id: str, film_id: str) -> None:
        """Put one of the caller's own films in a project they produce."""
        with self.store.session() as session:
            user = self.core.me(session, token)
            row = projects.require_project(session, user, project_id, "manage_members")
            film = self.core.film_row(session, user, film_id, write=True)
            if projects.film_role(session, user, film) != projects.OWNER:
                raise UserError("Only the film's owner can put it in a project.")
            projects.add_film(session, row, film)

    # ----- approvals ------------------------------------------------------------------------
    def _snapshot(self, film: FilmRow, kind: object, key: object) -> dict[str, Any]:
        text = film.draft_script or film.script  # a scene edit waiting for its render is what is approved
        breakdown = self.core.parse(text, FilmFormat.from_dict(film.settings or {}).duration)
        media = film_files(self.core.settings.media_root, film.id).get("mp4") if kind == "cut" else None
        return approvals.item_snapshot(film, breakdown, kind, key, media)

    @audited("approval.request", "approval", target="result")
    def request_approval(self, token: str, film_id: str, kind: str, key: str, note: str = "") -> int:
        """Ask for approval of a scene ("s01"), the cut ("final") or a character (its name); returns its id."""
        note = approvals.check_comment(note)
        with self.store.session() as session:
            user = self.core.me(session, token)
            film = self.core.film_row(session, user, film_id, action="request_approval")
            snapshot = self._snapshot(film, kind, key)
            item = approvals.item_key(kind, key)
            open_request = session.scalar(
                select(ApprovalRow.state).where(
                    ApprovalRow.film_id == film.id,
                    ApprovalRow.item_kind == kind,
                    ApprovalRow.item_key == item,
                    ApprovalRow.state.in_(("pending", "approved")),
                )  # fmt: skip
            )
            if open_request is not None:
                raise UserError(
                    f"This {kind} already has an {'open request' if open_request == 'pending' else 'approval'}."
                )
            row = ApprovalRow(film_id=film.id, item_kind=kind, item_key=item, state="pending", snapshot=snapshot,
                              requested_by=user.id, request_note=note, comment="")  # fmt: skip
            session.add(row)
            session.flush()
            return row.id

    def _decide(self, token: str, approval_id: object, comment: object, action: str, states: tuple[str, ...],
                new_state: str, comment_required: bool = False) -> None:  # fmt: skip
        text = approvals.check_comment(comment, required=comment_required)
        with self.store.session() as session:
            user = self.core.me(session, token)
            row = approvals.approval(session, approval_id)
            film = self.core.film_row(session, user, row.film_id, action=action)
            # A render or restore checks the locks under the film's row lock; taking it here too means
            # an approval never lands between such a check and its commit.
            lock_film(session, film.id)
            if row.state not in states:
                raise UserError(f"This request is {row.state}; only a {' or '.join(states)} one can be {new_state}.")
            if new_state == "approved":  # lock the item as it is now (the script may have moved on)
                row.snapshot = self._snapshot(film, row.item_kind, row.item_key)
            row.state, row.comment, row.decided_by = new_state, text, user.id
            from studio.services.accounts import now

            row.decided_at = now()

    @audited("approval.approve", "approval", target="approval_id")
    def approve(self, token: str, approval_id: int, comment: str = "") -> None:
        """Approve a pending request: the item is locked until a producer unlocks it (directors, producers)."""
        self._decide(token, approval_id, comment, "approve", ("pending",), "approved")

    @audited("approval.reject", "approval", target="approval_id")
    def reject(self, token: str, approval_id: int, comment: str) -> None:
        """Reject a pending request with a comment saying why (directors, producers)."""
        self._decide(token, approval_id, comment, "approve", ("pending",), "rejected", comment_required=True)

    @audited("approval.unlock", "approval", target="approval_id")
    def unlock(self, token: str, approval_id: int, comment: str) -> None:
        """Lift an approval's lock, saying why (producers and the film's owner)."""
        self._decide(token, approval_id, comment, "unlock", ("approved",), "unlocked", comment_required=True)

    def approval_queue(self, token: str, film_id: str | None = None, state: str | None = "pending") -> list[dict]:
        """Approval requests of the films the caller can see (or of one film), newest first, with
        `can_decide` (may approve or reject) and `can_unlock`."""
        with self.store.session() as session:
            user = self.core.me(session, token)
            if film_id:
                film_ids = [self.core.film_row(session, user, film_id).id]
            else:
                film_ids = [f.id for f in self.films.films(token)]
            query = select(ApprovalRow).where(ApprovalRow.film_id.in_(film_ids)).order_by(ApprovalRow.id.desc())
            if state:
                query = query.where(ApprovalRow.state == state)
            rows = list(session.scalars(query))
            people = {r.requested_by for r in rows} | {r.decided_by for r in rows}
            emails = dict(
                session.execute(select(UserRow.id, UserRow.email).where(UserRow.id.in_(people - {None}))).all()
            )
            result = []
            for row in rows:
                film = session.get(FilmRow, row.film_id)
                if film is None:  # approvals are deleted with their film (ON DELETE CASCADE)
                    raise LookupError(f"Approval {row.id} names a film that no longer exists: {row.film_id}.")
                role = projects.film_role(session, user, film)
                result.append({
                    "id": row.id, "film_id": row.film_id, "title": film.title, "kind": row.item_kind,
                    "item": row.item_key, "state": row.state, "note": row.request_note, "comment": row.comment,
                    "requested_by": emails.get(row.requested_by or "", ""),
                    "decided_by": emails.get(row.decided_by or "", ""),
                    "can_decide": projects.allows(role, "approve"), "can_unlock": projects.allows(role, "unlock"),
                })  # fmt: skip
            return result

    def film_locks(self, token: str, film_id: str) -> list[str]:
        """The film's approved items as "kind:item" (e.g. "scene:s01")."""
        with self.store.session() as session:
            self.core.film_row(session, self.core.me(session, token), film_id)
            return [f"{row.item_kind}:{row.item_key}" for row in approvals.locks(session, film_id)]

    # ----- script history -------------------------------------------------------------------
    def script_versions(self, token: str, film_id: str) -> list[dict]:
        """Every version of the film's script, newest first."""
        with self.store.session() as session:
            self.core.film_row(session, self.core.me(session, token), film_id)
            return script_history.versions(session, film_id)

    def script_diff(self, token: str, film_id: str, old: int, new: int, as_html: bool = False) -> str:
        """The changes from version `old` to version `new`: a unified diff, or an HTML table."""
        with self.store.session() as session:
            self.core.film_row(session, self.core.me(session, token), film_id)
            before, after = script_history.version(session, film_id, old), script_history.version(session, film_id, new)
            return script_history.html(before, after) if as_html else script_history.unified(before, after)

    @audited("film.restore_script", "film", target="film_id")
    def restore_script(self, token: str, film_id: str, number: int) -> int:
        """Make an earlier version the film's script again (a new version; a scene edit still waiting
        for its render is dropped); render it afterwards.
        Refused when it would change an approved (locked) item or while the film renders. Returns
        the new version's number."""
        with self.store.session() as session:
            user = self.core.me(session, token)
            film = self.core.film_row(session, user, film_id, write=True, action="edit_script")
            old = script_history.version(session, film.id, number)
            if old.script == film.script and film.draft_script is None:
                raise UserError(f"Version {old.number} is the film's script already.")
            script, settings = old.script, dict(film.settings or {})
        breakdown = self.core.parse(script, FilmFormat.from_dict(settings).duration)
        note = CHANGE_NOTE.set(f"restored version {old.number}")
        try:
            with self.store.session() as session:
                film = self.core.film_row(
                    session, self.core.me(session, token), film_id, write=True, action="edit_script"
                )
                lock_film(session, film.id)  # no approval or render slips in between the checks and the change
                approvals.check_unlocked(session, film.id, script, breakdown, settings)
                if self.films.busy(session, film.id):
                    raise UserError("This film is rendering; restore its script when the render is done.")
                film.script, film.script_format = script, breakdown.format
                film.draft_script, film.draft_run_id = None, None  # a scene edit not yet rendered is dropped
        finally:
            CHANGE_NOTE.reset(note)
        self.store.save_breakdown(film_id, breakdown)
        with self.store.session() as session:
            return script_history.versions(session, film_id)[0]["number"]

    @audited("film.save_script", "film", target="film_id")
    def save_script(self, token: str, film_id: str, script: str, options: dict | None = None, note: str = "") -> int:
        """Keep the Create page's script (and, when given, its form options) on its draft film: a new
        script version when the text changed, nothing charged. Refused for a script that does not
        parse, while the film renders, or when it would change an approved item. Returns the number
        of the film's newest script version."""
        with self.store.session() as session:
            user = self.core.me(session, token)
            film = self.core.film_row(session, user, film_id, write=True, action="edit_script")
            tier_name, settings = user.tier, dict(film.settings or {})
        fmt = self.films.film_format(settings if options is None else options, tier_name)
        text, breakdown, _ = self.films.plan_script(script, fmt)
        changed = CHANGE_NOTE.set(str(note or "saved from the Create page"))
        try:
            with self.store.session() as session:
                film = self.core.film_row(
                    session, self.core.me(session, token), film_id, write=True, action="edit_script"
                )
                lock_film(session, film.id)
                approvals.check_unlocked(session, film.id, text, breakdown, fmt.to_dict())
                if self.films.busy(session, film.id):
                    raise UserError("This film is rendering; its script can change when the render is done.")
                film.title, film.script, film.script_format = breakdown.title, text, breakdown.format
                film.settings = fmt.to_dict()
        finally:
            CHANGE_NOTE.reset(changed)
        self.store.save_breakdown(film_id, breakdown)
        self.store.set_voices(film_id, self.films.cast_voices(breakdown, fmt))
        with self.store.session() as session:
            return script_history.versions(session, film_id)[0]["number"]

    # ----- audit ----------------------------------------------------------------------------
    def audit_log(self, token: str, film_id: str | None = None, limit: int = 500) -> list[dict]:
        """Audit entries, newest first (account admins and producers: all; project producers: their projects')."""
        with self.store.session() as session:
            user = self.core.me(session, token)
            if film_id:
                self.core.film_row(session, user, film_id)
            return audit.entries(session, user, film_id or None, limit)

    def export_audit(self, token: str, fmt: str = "csv", film_id: str | None = None) -> str:
        """The audit entries this caller may read, oldest first, as CSV or JSON lines."""
        if fmt not in ("csv", "jsonl"):
            raise UserError(f"Audit exports are csv or jsonl, not {str(fmt)[:20]!r}.")
        rows = list(reversed(self.audit_log(token, film_id, MAX_EXPORT)))
        return audit.to_csv(rows) if fmt == "csv" else "".join(audit.to_jsonl(rows))
