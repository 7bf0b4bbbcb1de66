"""What the studio's facade returns and raises: frozen views and user-facing errors.

`studio.services.studio_service` re-exports all of these; the Gradio pages import them from there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from studio.domain.errors import UserError


class NotSignedIn(UserError):
    """No session, or the session expired: the page should send the user to sign in."""


class Suspended(NotSignedIn):
    """The session belongs to an account an admin suspended: say so, not "sign in again"."""


class Forbidden(UserError):
    """Signed in, but this user's role or ownership does not allow the action."""


class NotEnoughCredits(UserError):
    """The render costs more credits than the user's balance."""


@dataclass(frozen=True)
class UserView:
    id: str
    email: str
    name: str
    role: str  # creator|producer|admin
    tier: str  # free|pro|enterprise
    balance: int | None  # None = unlimited (enterprise)
    suspended: bool
    created_at: datetime


@dataclass(frozen=True)
class Estimate:
    words: int
    seconds: float
    credits: int
    script_format: str
    scenes: int
    characters: list[dict]  # name, age_band, gender, voice (cast voice id)


@dataclass(frozen=True)
class FilmView:
    id: str
    title: str
    status: str  # draft|queued|rendering|ready|failed|cancelled
    created_at: datetime
    duration: float | None
    thumbnail: Path | None
    run_id: str | None
    owner_id: str | None
    # The last finished version can be watched whatever the newest run is doing (re-rendering,
    # cancelled, failed): a film's visible version changes only when a new render finishes.
    watchable: bool = False


@dataclass(frozen=True)
class Progress:
    status: str
    current_asset: str | None
    percent: float
    elapsed: float
    run_id: str | None
    message: str | None
    queue_position: int | None = None  # 1 = next to start, while the render waits in the queue


@dataclass(frozen=True)
class LedgerEntry:
    id: int
    created_at: datetime
    amount: int
    reason: str
    reference: str | None
    balance_after: int
