"""Projects: films grouped under a team whose members have roles, and what each role may do.

A film's owner may do everything with it; an account admin may act on films made with the CLI
(no owner); anyone else acts through a project membership, with the permissions of their role.
Every check here raises `Forbidden` with a sentence naming the role that is missing.
"""

from __future__ import annotations

import re
import uuid

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from studio.domain.errors import UserError
from studio.domain.production import PROJECT_ROLES
from studio.domain.views import Forbidden
from studio.store.accounts import UserRow
from studio.store.production import ProjectFilmRow, ProjectMemberRow, ProjectRow
from studio.store.tables import FilmRow

OWNER = "owner"  # the film's owner (or an admin on a CLI film): every permission
# What each project role may do. A viewer only watches; writers change the script; editors render;
# directors approve; producers also unlock approved items and manage the team.
PERMISSIONS: dict[str, frozenset[str]] = {
    "viewer": frozenset({"view"}),
    "writer": frozenset({"view", "edit_script", "request_approval"}),
    "editor": frozenset({"view", "render", "request_approval"}),
    "director": frozenset({"view", "edit_script", "render", "request_approval", "approve"}),
    "producer": frozenset(
        {"view", "edit_script", "render", "request_approval", "approve", "unlock", "manage_members", "view_audit"}
    ),  # fmt: skip
}
ACTIONS = frozenset().union(*PERMISSIONS.values())
WHO_MAY = {action: sorted(role for role, allowed in PERMISSIONS.items() if action in allowed) for action in ACTIONS}
_PROJECT_ID = re.compile(r"^[0-9a-f]{12}$")


def allows(role: str | None, action: str) -> bool:
    """Whether `role` (a project role, OWNER, or None for no access) may do `action`."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}.")
    return role == OWNER or (role in PERMISSIONS and action in PERMISSIONS[role])


def refusal(action: str) -> Forbidden:
    """The Forbidden error for a missing permission, naming the roles that have it."""
    words = action.replace("_", " ")
    return Forbidden(f"Only the film's owner or a project {' or '.join(WHO_MAY[action])} can {words}.")


def film_role(session: Session, user: UserRow, film: FilmRow) -> str | None:
    """The user's standing on the film: OWNER, a project role, or None."""
    if film.owner_id == user.id or (film.owner_id is None and user.role == "admin"):
        return OWNER
    return session.scalar(
        select(ProjectMemberRow.role)
        .join(ProjectFilmRow, ProjectFilmRow.project_id == ProjectMemberRow.project_id)
        .where(ProjectFilmRow.film_id == film.id, ProjectMemberRow.user_id == user.id)
    )


def require_film(session: Session, user: UserRow, film: FilmRow, action: str) -> str:
    """The user's role on the film if it allows `action`; Forbidden otherwise."""
    role = film_role(session, user, film)
    if not allows(role, action):
        if role is None:
            raise Forbidden("This film belongs to another account.")
        raise refusal(action)
    return role  # type: ignore[return-value]


def member_films(user_id: str) -> Select[str]:
    """A subquery of the ids of films in projects the user is a member of (for film lists)."""
    return (
        select(ProjectFilmRow.film_id)
        .join(ProjectMemberRow, ProjectMemberRow.project_id == ProjectFilmRow.project_id)
        .where(ProjectMemberRow.user_id == user_id)
    )


# ----- projects and members ---------------------------------------------------------------
def check_name(name: object) -> str:
    text = " ".join(name.split()) if isinstance(name, str) else ""
    if not text or len(text) > 120 or any(ord(c) < 32 for c in text):
        raise UserError("A project needs a name of 1-120 characters.")
    return text


def check_role(role: object) -> str:
    if role not in PROJECT_ROLES:
        raise UserError(f"Project roles are {', '.join(PROJECT_ROLES)}, not {str(role)[:40]!r}.")
    return role  # type: ignore[return-value]


def project(session: Session, project_id: object) -> ProjectRow:
    row = session.get(ProjectRow, project_id) if isinstance(project_id, str) and _PROJECT_ID.match(project_id) else None
    if row is None:
        raise UserError(f"No project with id {str(project_id)[:40]!r}.")
    return row


def project_role(session: Session, user: UserRow, project_id: str) -> str | None:
    return session.scalar(
        select(ProjectMemberRow.role).where(
            ProjectMemberRow.project_id == project_id, ProjectMemberRow.user_id == user.id
        )
    )


def require_project(session: Session, user: UserRow, project_id: object, action: str) -> ProjectRow:
    """The project if the user's role in it allows `action` (account admins may do everything)."""
    row = project(session, project_id)
    role = OWNER if user.role == "admin" else project_role(session, user, row.id)
    if role is None:
        raise Forbidden("You are not a member of this project.")
    if not allows(role, action):
        raise Forbidden(f"Only a project {' or '.join(WHO_MAY[action])} can {action.replace('_', ' ')}.")
    return row


def create(session: Session, user: UserRow, name: object) -> ProjectRow:
    """A new project with its creator as producer."""
    row = ProjectRow(id=uuid.uuid4().hex[:12], name=check_name(name), created_by=user.id)
    session.add(row)
    session.flush()
    session.add(ProjectMemberRow(project_id=row.id, user_id=user.id, role="producer"))
    return row


def set_member(session: Session, project_row: ProjectRow, email: object, role: object) -> ProjectMemberRow:
    """Add the account with this email to the project, or change its role."""
    role = check_role(role)
    address = email.strip().lower() if isinstance(email, str) else ""
    user = session.scalar(select(UserRow).where(UserRow.email == address)) if 0 < len(address) <= 320 else None
    if user is None:
        raise UserError(f"No account with the email {address[:80]!r}.")
    member = session.scalar(
        select(ProjectMemberRow).where(
            ProjectMemberRow.project_id == project_row.id, ProjectMemberRow.user_id == user.id
        )
    )
    if member is None:
        member = ProjectMemberRow(project_id=project_row.id, user_id=user.id, role=role)
        session.add(member)
    else:
        if member.role == "producer" and role != "producer":
            _keep_a_producer(session, project_row.id, member.user_id)
        member.role = role
    return member


def remove_member(session: Session, project_row: ProjectRow, user_id: object) -> None:
    member = session.scalar(
        select(ProjectMemberRow).where(
            ProjectMemberRow.project_id == project_row.id, ProjectMemberRow.user_id == user_id
        )
    )
    if member is None:
        raise UserError("That account is not a member of this project.")
    if member.role == "producer":
        _keep_a_producer(session, project_row.id, member.user_id)
    session.delete(member)


def _keep_a_producer(session: Session, project_id: str, leaving: str) -> None:
    others = session.scalars(
        select(ProjectMemberRow.user_id).where(
            ProjectMemberRow.project_id == project_id,
            ProjectMemberRow.role == "producer",
            ProjectMemberRow.user_id != leaving,
        )  # fmt: skip
    ).all()
    if not others:
        raise UserError("A project needs at least one producer; make someone else producer first.")


def add_film(session: Session, project_row: ProjectRow, film: FilmRow) -> None:
    current = session.get(ProjectFilmRow, film.id)
    if current is not None:
        if current.project_id == project_row.id:
            return
        raise UserError("This film is already in another project; remove it there first.")
    session.add(ProjectFilmRow(film_id=film.id, project_id=project_row.id))


def members(session: Session, project_id: str) -> list[dict]:
    rows = session.execute(
        select(UserRow.id, UserRow.email, UserRow.name, ProjectMemberRow.role)
        .join(ProjectMemberRow, ProjectMemberRow.user_id == UserRow.id)
        .where(ProjectMemberRow.project_id == project_id)
        .order_by(ProjectMemberRow.id)
    ).all()
    return [{"user_id": r[0], "email": r[1], "name": r[2], "role": r[3]} for r in rows]


def films_of(session: Session, project_id: str) -> list[str]:
    return list(session.scalars(select(ProjectFilmRow.film_id).where(ProjectFilmRow.project_id == project_id)))


def projects_of(session: Session, user: UserRow) -> list[dict]:
    """The user's projects (every project for an account admin): id, name, role."""
    if user.role == "admin":
        rows = session.execute(select(ProjectRow.id, ProjectRow.name, ProjectRow.created_at)).all()
        mine = dict(session.execute(
            select(ProjectMemberRow.project_id, ProjectMemberRow.role).where(ProjectMemberRow.user_id == user.id)
        ).all())  # fmt: skip
        return [{"id": r[0], "name": r[1], "role": mine.get(r[0], "admin")} for r in sorted(rows, key=lambda r: r[2])]
    member_rows = session.execute(
        select(ProjectRow.id, ProjectRow.name, ProjectMemberRow.role)
        .join(ProjectMemberRow, ProjectMemberRow.project_id == ProjectRow.id)
        .where(ProjectMemberRow.user_id == user.id)
        .order_by(ProjectRow.created_at)
    ).all()
    return [{"id": r[0], "name": r[1], "role": r[2]} for r in member_rows]


def project_of_film(session: Session, film_id: str) -> str | None:
    row = session.get(ProjectFilmRow, film_id)
    return row.project_id if row is not None else None
