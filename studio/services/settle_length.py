"""Settle a finished render's charge on the length it actually rendered.

A render is charged on its estimate when it is queued (so a creator can never queue more than
they can pay for). When the run succeeds, the final cut's real duration decides the price: the
difference is refunded, or the remainder charged (never below a zero balance), each as its own
ledger entry keyed by the run so settling twice changes nothing. The tier's length limit caps
what is charged: a film that ran past the plan's limit is charged at the limit.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.services import credits
from studio.store.accounts import LedgerRow, RenderRequestRow, UserRow
from studio.store.media_store import MediaStore


def rendered_seconds(media: MediaStore, film_id: str) -> float | None:
    """The final cut's duration from its published manifest (in the bucket when media is on S3, so a
    machine that did not render the film reads it too), or None when there is none to read."""
    try:
        manifest = media.manifest(film_id, "final_cut")
        duration = float((manifest or {}).get("duration") or 0)
    except (TypeError, ValueError, OSError):
        return None
    return duration if duration > 0 else None


def settle_on_length(session: Session, request: RenderRequestRow, media: MediaStore) -> int:
    """Refund or charge the difference between the estimate's cost and the rendered length's.

    Returns the credits moved (+ refunded, - charged, 0 when nothing changes). Scene edits are
    charged for their scene only and are not re-priced on the whole film's length.
    """
    user = session.get(UserRow, request.user_id)
    if user is None or credits.unlimited(user) or request.charged <= 0:
        return 0
    charge_row = session.scalar(select(LedgerRow).where(LedgerRow.key == f"render:{request.key}"))
    if charge_row is not None and " scene " in (charge_row.reference or ""):
        return 0
    seconds = rendered_seconds(media, request.film_id)
    if seconds is None:
        return 0
    limit = credits.tier(user.tier).max_minutes * 60
    actual = credits.cost_for(min(seconds, limit))
    delta = request.charged - actual
    if delta == 0:
        return 0
    note = f"run {request.run_id}: rendered {seconds:.1f} s, estimated cost {request.charged}, actual {actual}"
    reason = "refund" if delta > 0 else "render"
    row = credits.credit(session, user.id, delta, reason, note[:200], f"settle:{request.run_id}")
    return row.amount if row is not None else 0
