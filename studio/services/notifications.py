"""The emails a render's owner gets when it finishes: "your film is ready", and "credits are
running low" when this render took the balance under the low-balance line.

A Dagster run-status sensor (dagster_project/sensors.py) sends them after the run succeeded, outside any database
transaction, so a mail server that is down never fails or delays a render: the mailer logs the
reason and the sensor moves on. Each run is seen once by the sensor, so each email goes once.
"""

from __future__ import annotations

from sqlalchemy import select

from integrations.mailer import Mailer, notify_film_ready, notify_low_balance
from studio.services.billing import LOW_BALANCE
from studio.store.accounts import RenderRequestRow, UserRow
from studio.store.tables import FilmRow

LOCAL_URL = "http://127.0.0.1:7860"  # `studio up`'s address when no public URL is set


def finished_run_emails(database_url: str, run_id: str, mailer: Mailer, public_url: str = "") -> list[str]:
    """Email the owner of the studio render `run_id`; returns which emails went out."""
    from studio.store import FilmStore

    store = FilmStore(database_url)
    try:
        with store.session() as session:
            request = session.scalar(select(RenderRequestRow).where(RenderRequestRow.run_id == run_id))
            user = session.get(UserRow, request.user_id) if request else None
            film = session.get(FilmRow, request.film_id) if request else None
            if request is None or user is None or film is None:
                return []
            email, title, film_id, balance = user.email, film.title, film.id, user.balance
            # Only the render that crossed the line warns, not every render made while low.
            crossed = user.tier != "enterprise" and balance < LOW_BALANCE <= balance + request.charged
    finally:
        store.engine.dispose()
    base = (public_url or LOCAL_URL).rstrip("/")
    sent = []
    if notify_film_ready(mailer, email, title, f"{base}/watch?film={film_id}"):
        sent.append("film_ready")
    if crossed and notify_low_balance(mailer, email, balance, f"{base}/credits"):
        sent.append("low_balance")
    return sent
