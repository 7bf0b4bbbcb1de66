"""Where a queued render stands in the render queue, so the Render page can say "2nd in the queue".

Dagster's queued run coordinator dequeues by the `dagster/priority` tag (the tier's priority) and then
by age, so the renders ahead of one are the unsettled requests still waiting, in that order.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.services import credits
from studio.services.ports import RenderRuns
from studio.store.accounts import RenderRequestRow, UserRow


def queue_position(session: Session, runs: RenderRuns, run_id: str) -> int | None:
    """1 for the next render to start; None when the run is not waiting in the queue."""
    rows = session.execute(
        select(RenderRequestRow.run_id, RenderRequestRow.created_at, UserRow.tier)
        .join(UserRow, UserRow.id == RenderRequestRow.user_id)
        .where(RenderRequestRow.state == "submitted")
    ).all()
    waiting = []
    for request_run, created_at, tier_name in rows:
        run = runs.get(request_run)
        if run is not None and runs.film_status(runs.last_attempt(run)) != "queued":
            continue  # started, finished or cancelled: not ahead of anyone
        waiting.append((-credits.tier(tier_name).priority, credits.aware(created_at), request_run))
    order = [run for _, _, run in sorted(waiting)]
    return order.index(run_id) + 1 if run_id in order else None
