"""The Production page in a real browser: a producer approves a writer's scene with a comment, reads
the script's diff, restores an older version, and finds both in the audit log and its CSV export."""

from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path

from playwright.sync_api import Browser, expect

from studio.compose import open_studio
from studio.settings import Settings
from tests.studio_ui.conftest import Studio, call_event, sign_up_over_http

PASSWORD = "a-producer-password"
SCRIPT = "Title: Two Rooms\n\nScene 1\nALEX: Good morning, Sam.\nSAM: Hello Alex.\n\nScene 2\nALEX: Sun.\nSAM: Walk.\n"
HOSTILE = "<img src=x onerror=alert(1)> fine by me"


def _parsers_ready(url: str, token: str, deadline: float = 600) -> None:
    """Wait until the server's parse workers answer within their limit (they load spaCy at start, which
    takes long on a busy machine); approving a scene reads the script in them."""
    import time

    end = time.monotonic() + deadline
    while True:
        summary = call_event(url, "estimate", [SCRIPT, "auto", "auto", 0, []], {"studio_session": token})[0]
        if "words" in str(summary) or time.monotonic() > end:
            return
        time.sleep(2)


def test_a_producer_approves_diffs_restores_and_exports(studio: Studio, browser: Browser, screenshots: Path) -> None:
    tag = uuid.uuid4().hex[:6]
    producer = sign_up_over_http(studio.url, "Pat", f"producer-{tag}@example.com", PASSWORD)
    writer = sign_up_over_http(studio.url, "Wren", f"writer-{tag}@example.com", PASSWORD)
    # The same store the server uses: set the scene up without rendering anything.
    service = open_studio(Settings(studio.home, f"sqlite:///{studio.home / 'studio.db'}", studio.home / "dagster"))
    film_id = service.create_film(producer, SCRIPT, {})
    project = service.create_project(producer, f"Rooms {tag}")
    service.add_film_to_project(producer, project, film_id)
    service.set_project_member(producer, project, f"writer-{tag}@example.com", "writer")
    service.store.update_script(film_id, SCRIPT.replace("Sun.", "Rain again."), "fountain")
    request = service.request_approval(writer, film_id, "scene", "s01", "ready")

    _parsers_ready(studio.url, producer)
    context = browser.new_context(viewport={"width": 1280, "height": 1400}, accept_downloads=True)
    context.add_cookies([{"name": "studio_session", "value": producer, "url": studio.url}])
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(studio.url + "/production")
        queue = page.locator("#production-approvals")
        expect(queue).to_contain_text(f"writer-{tag}@example.com", timeout=90_000)
        expect(queue).to_contain_text("pending")
        expect(page.locator("#production-members")).to_contain_text(f"writer-{tag}@example.com", timeout=30_000)
        page.locator("#production-approval-id input").fill(str(request))
        page.locator("#production-comment textarea").fill(HOSTILE)
        page.locator("#production-approve").click()
        expect(page.locator("#production-status")).to_contain_text(f"Request {request} approved", timeout=60_000)
        expect(queue).to_contain_text("approved", timeout=30_000)
        expect(queue).to_contain_text(HOSTILE)  # shown as text: no image element, no script ran
        assert queue.locator("img").count() == 0 and dialogs == []
        assert service.film_locks(producer, film_id) == ["scene:s01"]

        page.locator("#production-show-diff").click()
        diff = page.locator("#production-diff")
        expect(diff).to_contain_text("Rain again.", timeout=60_000)
        expect(diff).to_contain_text("Sun.")
        page.screenshot(path=str(screenshots / "production-01-approved-diff.png"), full_page=True)

        page.locator("#production-restore").click()  # restore version 1 (scene 1 is locked but unchanged)
        expect(page.locator("#production-status")).to_contain_text("Version 1 restored as version 3", timeout=60_000)
        expect(page.locator("#production-versions")).to_contain_text("restored version 1", timeout=30_000)
        assert service.store.get_film(film_id).script == SCRIPT

        audit = page.locator("#production-audit")
        expect(audit).to_contain_text("approval.approve", timeout=30_000)
        expect(audit).to_contain_text("film.restore_script")
        page.locator("#production-export-csv").click()
        link = page.locator("#production-export a").first
        expect(link).to_be_visible(timeout=60_000)
        with page.expect_download() as download:
            link.click()
        rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
        actions = [r["action"] for r in rows]
        assert "approval.approve" in actions and actions[-1] == "film.restore_script"
        page.screenshot(path=str(screenshots / "production-02-audit.png"), full_page=True)
    finally:
        context.close()

    # The writer may request but not approve: the page says so and nothing changes.
    context = browser.new_context(viewport={"width": 1280, "height": 1400})
    context.add_cookies([{"name": "studio_session", "value": writer, "url": studio.url}])
    page = context.new_page()
    try:
        page.goto(studio.url + "/production")
        expect(page.locator("#production-approvals")).to_contain_text("approved", timeout=90_000)
        page.locator("#production-approval-id input").fill(str(request))
        page.locator("#production-comment textarea").fill("unlocking myself")
        page.locator("#production-unlock").click()
        expect(page.locator("#production-status")).to_contain_text("producer can unlock", timeout=60_000)
        expect(page.locator("#production-audit")).not_to_contain_text("approval")  # writers do not read the log
        assert service.film_locks(producer, film_id) == ["scene:s01"]
    finally:
        context.close()
