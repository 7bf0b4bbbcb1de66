"""Organisations (tenants): membership, which films they own, and their credit pool.

Pure rules on an open database session; `studio.services.org_service` is the door the app, the CLI and the
API use. A film belongs to the organisation it was made in: an API key's organisation, or in the
app the creator's organisation when they belong to exactly one. Members see and render the
organisation's films; nobody else does (a platform admin still reads everything, as before).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from studio.domain.errors import UserError
from studio.services.accounts import now
from studio.store.accounts import UserRow
from studio.store.organisations import ORG_ROLES, OrganisationRow, OrgFilmRow, OrgLedgerRow, OrgMemberRow

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,58}[a-z0-9]$")


class NotEnoughOrgCredits(UserError):
    """The organisation's pool does not cover the render; nothing was charged."""


@dataclass(frozen=True)
class OrgView:
    id: str
    slug: str
    name: str
    balance: int
    role: str | None = None  # the caller's role in it, where that is asked


def view(org: OrganisationRow, role: str | None = None) -> OrgView:
    return OrgView(org.id, org.slug, org.name, int(org.balance), role)


def check_slug(slug: object) -> str:
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise UserError("An organisation's short name is 3-60 lower-case letters, digits and dashes, e.g. acme-films.")
    return slug


def create(session: Session, slug: str, name: str | None = None) -> OrganisationRow:
    slug = check_slug(slug)
    title = " ".join((name or slug).split())
    if not title or len(title) > 200:
        raise UserError("An organisation's name is 1-200 characters.")
    if session.scalar(select(OrganisationRow.id).where(OrganisationRow.slug == slug)) is not None:
        raise UserError(f"There is already an organisation {slug!r}.")
    org = OrganisationRow(id=uuid.uuid4().hex, slug=slug, name=title, balance=0, created_at=now())
    session.add(org)
    session.flush()
    return org


def by_slug(session: Session, slug: object) -> OrganisationRow:
    org = session.scalar(select(OrganisationRow).where(OrganisationRow.slug == slug)) if isinstance(slug, str) else None
    if org is None:
        raise UserError(f"No organisation {str(slug)[:60]!r}.")
    return org


def add_member(session: Session, org: OrganisationRow, user: UserRow, role: str = "member") -> OrgMemberRow:
    if role not in ORG_ROLES:
        raise UserError(f"Organisation roles are {', '.join(ORG_ROLES)}, not {role!r}.")
    member = session.get(OrgMemberRow, (org.id, user.id))
    if member is None:
        member = OrgMemberRow(org_id=org.id, user_id=user.id, role=role, joined_at=now())
        session.add(member)
    else:
        member.role = role
    session.flush()
    return member


def remove_member(session: Session, org: OrganisationRow, user: UserRow) -> None:
    member = session.get(OrgMemberRow, (org.id, user.id))
    if member is None:
        raise UserError(f"{user.email} is not a member of {org.slug}.")
    session.delete(member)
    session.flush()


def role_in(session: Session, org_id: str, user_id: str) -> str | None:
    member = session.get(OrgMemberRow, (org_id, user_id))
    return member.role if member is not None else None


def memberships(session: Session, user_id: str) -> list[tuple[OrganisationRow, str]]:
    rows = session.execute(
        select(OrganisationRow, OrgMemberRow.role)
        .join(OrgMemberRow, OrgMemberRow.org_id == OrganisationRow.id)
        .where(OrgMemberRow.user_id == user_id)
        .order_by(OrganisationRow.slug)
    ).all()
    return [(org, role) for org, role in rows]


def org_of_film(session: Session, film_id: str) -> str | None:
    return session.scalar(select(OrgFilmRow.org_id).where(OrgFilmRow.film_id == film_id))


def attach_film(session: Session, org_id: str, film_id: str) -> None:
    session.add(OrgFilmRow(film_id=film_id, org_id=org_id))
    session.flush()


def film_ids(session: Session, org_ids: list[str]) -> list[str]:
    if not org_ids:
        return []
    return list(session.scalars(select(OrgFilmRow.film_id).where(OrgFilmRow.org_id.in_(org_ids))))


def _entry(
    session: Session, org_id: str, user_id: str | None, amount: int, reason: str, reference: str | None, key: str | None
) -> OrgLedgerRow:
    balance = session.scalar(select(OrganisationRow.balance).where(OrganisationRow.id == org_id))
    if balance is None:
        raise LookupError(f"No organisation {org_id!r} to record credits for.")
    row = OrgLedgerRow(org_id=org_id, user_id=user_id, created_at=now(), amount=amount, reason=reason,
                       reference=reference, balance_after=int(balance), key=key)  # fmt: skip
    session.add(row)
    session.flush()
    return row


def grant(session: Session, org: OrganisationRow, amount: int, reason: str) -> OrgLedgerRow:
    """Add credits to the pool, or take them back with a negative amount (never below zero)."""
    if not isinstance(amount, int) or isinstance(amount, bool) or amount == 0 or abs(amount) > 1_000_000:
        raise UserError("Grant a whole number of credits between -1000000 and 1000000, not zero.")
    note = " ".join((reason or "").split())
    if not note or len(note) > 200:
        raise UserError("Say why you grant these credits (up to 200 characters).")
    if amount < 0:
        amount = -min(-amount, int(org.balance))
    session.execute(
        update(OrganisationRow)
        .where(OrganisationRow.id == org.id)
        .values(balance=OrganisationRow.balance + amount)
        .execution_options(synchronize_session=False)
    )
    return _entry(session, org.id, None, amount, "grant", note, None)


def charge(session: Session, org_id: str, user_id: str, cost: int, reference: str, key: str) -> OrgLedgerRow:
    """Take `cost` from the pool in one conditional UPDATE (concurrent renders cannot both win the last credits)."""
    # an UPDATE/DELETE gives a CursorResult (rowcount); SQLAlchemy types execute() as Result
    taken = cast(
        CursorResult[Any],
        session.execute(
            update(OrganisationRow)
            .where(OrganisationRow.id == org_id, OrganisationRow.balance >= cost)
            .values(balance=OrganisationRow.balance - cost)
            .execution_options(synchronize_session=False)
        ),
    ).rowcount
    if taken != 1:
        balance = session.scalar(select(OrganisationRow.balance).where(OrganisationRow.id == org_id))
        raise NotEnoughOrgCredits(
            f"This render costs {cost} credit{'s' * (cost != 1)} and your organisation's pool has {balance}. "
            "Ask an organisation admin to add credits."
        )
    return _entry(session, org_id, user_id, -cost, "render", reference, key)


def refund(session: Session, request_key: str, run_id: str) -> bool:
    """Give a failed render's pool charge back (once per run); False when the pool paid nothing."""
    paid = session.scalar(select(OrgLedgerRow).where(OrgLedgerRow.key == f"render:{request_key}"))
    key = f"refund:{run_id}"
    if paid is None or session.scalar(select(OrgLedgerRow.id).where(OrgLedgerRow.key == key)) is not None:
        return False
    session.execute(
        update(OrganisationRow)
        .where(OrganisationRow.id == paid.org_id)
        .values(balance=OrganisationRow.balance - paid.amount)
        .execution_options(synchronize_session=False)
    )
    _entry(session, paid.org_id, paid.user_id, -paid.amount, "refund", run_id, key)
    return True
