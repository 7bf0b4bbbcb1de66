"""What the services need from the render engine, as an interface: `RenderRuns`.

The services decide who may render what and charge for it; running the render is the engine's
job. `studio.orchestration.render_runs.DagsterRenderRuns` implements this on Dagster, and the
composition root (`studio.compose`) hands it to `StudioService`. A run is an opaque handle here:
the services only pass it back to these methods.
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy.orm import Session

from studio.domain.runs import RunProgress
from studio.store.accounts import RenderRequestRow
from studio.store.media_store import MediaStore


class RenderRuns(Protocol):
    """Render runs of films: submit, follow, cancel, settle and forget them."""

    def submit(self, film_id: str, run_id: str, tags: dict[str, str]) -> str:
        """Queue a render of the film's partition under `run_id`; returns the run id."""

    def get(self, run_id: str) -> Any | None:
        """The run, or None when the engine has no such run."""

    def latest(self, film_ids: list[str], renders_only: bool = False) -> dict[str, Any]:
        """The newest run of each film (whole-film renders only when `renders_only`)."""

    def last_attempt(self, run: Any) -> Any:
        """The newest automatic retry of a run (the run itself when never retried)."""

    def attempt_settled(self, run: Any) -> bool:
        """Whether the attempt is final: finished, and not a failure waiting for its retry."""

    def is_finished(self, run: Any) -> bool:
        """Whether the run has stopped (succeeded, failed or cancelled)."""

    def film_status(self, run: Any) -> str:
        """The film status the run means: queued, rendering, ready, failed or cancelled."""

    def request_run_id(self, run: Any) -> str:
        """The run id the render request is recorded under (a retry's first attempt)."""

    def run_id(self, run: Any) -> str:
        """The run's own id."""

    def progress(self, run_id: str) -> RunProgress:
        """Status, current step, percent done and elapsed seconds of a run."""

    def cancel(self, run_id: str) -> bool:
        """Stop a queued or running run; False when it had already finished."""

    def stop_retry(self, run_id: str) -> None:
        """Keep a failed run from being retried (its render was cancelled)."""

    def settle(self, session: Session, requests: list[RenderRequestRow], media: MediaStore | None) -> int:
        """Close finished render requests (refunds, length settlement); returns the refunds made."""

    def summaries(self, limit: int = 100) -> list[dict]:
        """Recent runs of any film, newest first, for producers and admins."""

    def checks(self, film_id: str) -> list[dict[str, Any]]:
        """The quality checks of the film's newest render that ran any, each with its status."""

    def release(self, film_id: str, release_id: int) -> dict[str, Any]:
        """Run the recorded YouTube release `release_id` of the film; the release's manifest."""

    def forget_films(self, film_ids: list[str]) -> int:
        """Delete the films' runs, event logs and partitions; returns the runs deleted."""
