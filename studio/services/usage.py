"""Usage metering per organisation and month: films made, renders, video minutes, storage, pool credits.

Figures are read from what the studio already records rather than counted twice:
- renders: render requests for the organisation's films made in the month (refunded failures excluded);
- video minutes: the delivered length (final cut) of each film whose render finished in the month;
- storage: the bytes under the organisation's films' media folders, measured when the report is made
  (a past month shows today's figure; the CSV says so in its `storage_measured` column);
- credits: the pool's render charges less refunds in the month.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from studio.domain.errors import UserError
from studio.services.accounts import now
from studio.services.deliverables import duration_and_thumbnail
from studio.store.accounts import RenderRequestRow
from studio.store.organisations import OrganisationRow, OrgFilmRow, OrgLedgerRow
from studio.store.tables import FilmRow

COLUMNS = ("organisation", "month", "films_created", "renders", "video_minutes", "storage_mb", "credits_spent",
           "storage_measured")  # fmt: skip


def parse_month(month: object) -> datetime:
    """The first instant (UTC) of a YYYY-MM month; None or "" is this month."""
    if month in (None, ""):
        today = now()
        return datetime(today.year, today.month, 1, tzinfo=UTC)
    if not isinstance(month, str) or not re.fullmatch(r"\d{4}-\d{2}", month):
        raise UserError(f"A month reads YYYY-MM, e.g. 2027-01, not {str(month)[:20]!r}.")
    year, number = int(month[:4]), int(month[5:])
    if not 1 <= number <= 12 or not 2000 <= year <= 2999:
        raise UserError(f"There is no month {month!r}.")
    return datetime(year, number, 1, tzinfo=UTC)


def _next(start: datetime) -> datetime:
    return start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)


def _folder_bytes(folder: Path) -> int:
    if not folder.is_dir():
        return 0
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def org_usage(session: Session, media_root: Path, org: OrganisationRow, start: datetime) -> dict:
    """One organisation's usage in the month beginning at `start`."""
    end = _next(start)
    film_ids = list(session.scalars(select(OrgFilmRow.film_id).where(OrgFilmRow.org_id == org.id)))
    in_month = (RenderRequestRow.created_at >= start) & (RenderRequestRow.created_at < end)
    created = (
        session.scalar(
            select(func.count())
            .select_from(FilmRow)
            .where(FilmRow.id.in_(film_ids), FilmRow.created_at >= start, FilmRow.created_at < end)
        )
        or 0
    )
    requests = session.execute(
        select(RenderRequestRow.film_id, RenderRequestRow.state).where(RenderRequestRow.film_id.in_(film_ids), in_month)
    ).all()
    renders = sum(1 for _, state in requests if state != "refunded")
    seconds = 0.0
    for film_id, state in requests:
        if state == "done":
            duration, _ = duration_and_thumbnail(media_root, film_id)
            seconds += duration or 0.0
    moved = (
        session.scalar(
            select(func.coalesce(func.sum(OrgLedgerRow.amount), 0)).where(
                OrgLedgerRow.org_id == org.id,
                OrgLedgerRow.reason.in_(("render", "refund")),
                OrgLedgerRow.created_at >= start,
                OrgLedgerRow.created_at < end,
            )
        )
        or 0
    )
    storage = sum(_folder_bytes(media_root / film_id) for film_id in film_ids)
    return {
        "organisation": org.slug, "month": start.strftime("%Y-%m"), "films_created": int(created),
        "renders": renders, "video_minutes": round(seconds / 60.0, 2), "storage_mb": round(storage / 1e6, 3),
        "credits_spent": -int(moved), "storage_measured": now().date().isoformat(),
    }  # fmt: skip


def usage_rows(session: Session, media_root: Path, start: datetime) -> list[dict]:
    """Every organisation's usage in the month, by short name."""
    return [org_usage(session, media_root, org, start)
            for org in session.scalars(select(OrganisationRow).order_by(OrganisationRow.slug))]  # fmt: skip


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row[k] for k in COLUMNS})
    return out.getvalue()
