"""Script version history: every script a film has had, a diff between two versions, and restore.

Versions are written by the store's flush hook (studio/store/production.py) whenever a film's
script changes, whoever changed it; restoring is one more change (a new version saying which
one it restores), so history is never rewritten.
"""

from __future__ import annotations

import difflib
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.domain.errors import UserError
from studio.services import accounts
from studio.store.accounts import UserRow
from studio.store.production import ScriptVersionRow


def versions(session: Session, film_id: str) -> list[dict[str, Any]]:
    """Every version of the film's script, newest first: number, created_at, author, note, lines."""
    rows = session.execute(
        select(ScriptVersionRow, UserRow.email)
        .outerjoin(UserRow, UserRow.id == ScriptVersionRow.author_id)
        .where(ScriptVersionRow.film_id == film_id)
        .order_by(ScriptVersionRow.number.desc())
    ).all()
    return [
        {"number": row.number, "created_at": accounts.aware(row.created_at).isoformat(timespec="seconds"),
         "author": email or ("(deleted account)" if row.author_id else "(command line)"), "note": row.note,
         "lines": len(row.script.splitlines())}
        for row, email in rows
    ]  # fmt: skip


def version(session: Session, film_id: str, number: object) -> ScriptVersionRow:
    """One version of this film's script; UserError for a number the film does not have."""
    try:
        wanted = int(number)  # type: ignore[call-overload]  # any value a caller sends; a bad one is caught below
    except (TypeError, ValueError, OverflowError):
        wanted = 0
    row = None
    if 0 < wanted < 2**31 and not isinstance(number, bool):
        row = session.scalar(
            select(ScriptVersionRow).where(ScriptVersionRow.film_id == film_id, ScriptVersionRow.number == wanted)
        )
    if row is None:
        raise UserError(f"This film has no script version {str(number)[:20]!r}.")
    return row


def unified(old: ScriptVersionRow, new: ScriptVersionRow) -> str:
    """A unified diff from one version to another (empty when they are the same)."""
    return "".join(
        difflib.unified_diff(
            old.script.splitlines(keepends=True),
            new.script.splitlines(keepends=True),
            fromfile=f"version {old.number}",
            tofile=f"version {new.number}",
        )  # fmt: skip
    )


def html(old: ScriptVersionRow, new: ScriptVersionRow) -> str:
    """A side-by-side HTML table of the changes (difflib escapes the script's markup)."""
    return difflib.HtmlDiff(wrapcolumn=70).make_table(
        old.script.splitlines(), new.script.splitlines(), f"version {old.number}", f"version {new.number}",
        context=True, numlines=2,
    )  # fmt: skip
