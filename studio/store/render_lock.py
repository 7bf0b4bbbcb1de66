"""Serialise render requests of one film inside the transaction that charges for them.

Two clicks on Render for the same film (two tabs, two processes, two web servers) must charge
once and queue one run. Checking "is it already rendering?" before the charging transaction
lets both see "no"; taking the film's row lock first makes the second wait until the first has
committed its request, and then see it.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from studio.store import FilmRow

# A request commits before its run is handed to Dagster; until the run exists, the request alone
# marks the film busy, for at most this long (a web process that died in between frees the film).
SUBMIT_GRACE = timedelta(minutes=5)


def lock_film(session: Session, film_id: str) -> None:
    """Take the film's row lock for the rest of the transaction.

    A no-op UPDATE rather than `SELECT … FOR UPDATE`: PostgreSQL locks the row either way, and
    SQLite (which ignores FOR UPDATE) takes its database write lock at the first write, so the
    same statement serialises the callers on both stores.
    """
    session.execute(
        update(FilmRow)
        .where(FilmRow.id == film_id)
        .values(status=FilmRow.status)
        .execution_options(synchronize_session=False)
    )
