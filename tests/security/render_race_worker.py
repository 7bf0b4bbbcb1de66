"""One process of the render race: its threads click Render on the same film at the same moment."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def race(
    home: str,
    database_url: str,
    token: str,
    film_id: str,
    process: int,
    threads: int,
    clicks: int,
    ready: object,
    outcomes: object,
) -> None:
    """Open the studio like a web process would, wait for every process, then click `threads` times."""
    from studio.compose import open_studio
    from studio.domain.errors import UserError
    from studio.settings import Settings

    service = open_studio(Settings(Path(home), database_url, Path(home) / "dagster"))
    service.runs.instance  # noqa: B018 - a running server has Dagster open before anyone clicks
    from studio.orchestration.runs import render_job_origin

    render_job_origin()
    import dagster_project.definitions  # noqa: F401 - imported by the first submit otherwise

    start = threading.Barrier(threads)

    def click(number: int) -> list[str]:
        start.wait()
        outcomes_: list[str] = []
        for again in range(clicks):  # threads stay within the connection pool; each clicks again
            try:  # 50 request keys across the calls: the same tab clicking again, and many tabs
                key = f"tab-{(process * threads * clicks + number * clicks + again) % 50}"
                outcomes_.append("run:" + service.render(token, film_id, key))
            except UserError as error:
                outcomes_.append("refused:" + str(error))
        return outcomes_

    ready.wait()  # type: ignore[attr-defined]
    with ThreadPoolExecutor(threads) as pool:
        results = [r for batch in pool.map(click, range(threads)) for r in batch]
    outcomes.put(results)  # type: ignore[attr-defined]
    service.store.engine.dispose()
