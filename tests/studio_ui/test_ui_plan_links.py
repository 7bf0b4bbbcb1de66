"""The plan from the app, in a real browser: Create saves a draft and links its breakdown sheets,
schedule, budget, call sheets and calendar; the Storyboard links them too; every file downloads and
parses back; another user and a signed-out browser are refused. Create also shows the writing
assistant, or how to install it."""

from __future__ import annotations

import csv
import io
import os
import re
import sys
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import icalendar
import pytest
from playwright.sync_api import Browser, expect
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from studio.services.writing import WritingAssistant
from studio.settings import Settings
from tests.studio_ui.conftest import ROOT, TMP, _free_port, _start, _stop, _wait_for, sign_up_over_http

PASSWORD = "a-planner-password"
SCRIPT = (ROOT / "samples" / "lighthouse.fountain").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    home = TMP / "studio_ui_plan" / uuid.uuid4().hex[:10]
    (home / "dagster").mkdir(parents=True)
    env = {**os.environ, "STUDIO_HOME": str(home), "DAGSTER_HOME": str(home / "dagster"),
           "STUDIO_DATABASE_URL": f"sqlite:///{home / 'studio.db'}", "PYTHONUNBUFFERED": "1"}  # fmt: skip
    Settings.from_env(env).export(env)
    port = _free_port()
    process = _start([str(ROOT / ".venv" / "bin" / "uvicorn"), "studio.web.server:app_from_env", "--factory",
                      "--host", "127.0.0.1", "--port", str(port)], env, home / "server.log")  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url + "/healthz", process, home / "server.log")
        yield url
    finally:
        _stop(process)


def _check_file(name: str, body: bytes) -> None:
    """Each plan file opens in the tool it is meant for."""
    if name.endswith(".pdf"):
        assert "Scene" in PdfReader(io.BytesIO(body)).pages[0].extract_text()
    elif name == "budget.csv":
        rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
        lines = sum(float(r["amount"]) for r in rows if r["item"])
        total = next(float(r["amount"]) for r in rows if r["category"] == "Total")
        assert total > 0 and abs(total - lines) < 0.05  # the total adds up the lines
    elif name.endswith(".csv"):
        rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
        assert rows, f"{name} has no rows"
    elif name.endswith(".ics"):
        events = [c for c in icalendar.Calendar.from_ical(body).walk() if c.name == "VEVENT"]
        assert events and "The Last Light" in str(events[0].get("summary"))
    elif name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(body)) as bundle:
            sheets = bundle.namelist()
            assert sheets and all(re.fullmatch(r"call_sheet_day\d+\.pdf", s) for s in sheets)
            PdfReader(io.BytesIO(bundle.read(sheets[0])))


def test_create_and_storyboard_link_the_plan(server: str, browser: Browser) -> None:
    url = server
    sign_up_over_http(url, "Owner", f"owner-{uuid.uuid4().hex[:6]}@example.com", PASSWORD)  # the first is admin
    token = sign_up_over_http(url, "Planner", f"planner-{uuid.uuid4().hex[:6]}@example.com", PASSWORD)
    stranger = sign_up_over_http(url, "Stranger", f"stranger-{uuid.uuid4().hex[:6]}@example.com", PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    context.add_cookies([{"name": "studio_session", "value": token, "url": url}])
    page = context.new_page()
    try:
        page.goto(url + "/create")
        page.locator("#create-writer").get_by_text("Writing assistant").click()
        if WritingAssistant.installed():
            expect(page.locator("#create-draft")).to_be_visible(timeout=60_000)
        else:
            expect(page.locator("#create-writer-note")).to_contain_text("pip install 'film-studio[writer]'",
                                                                         timeout=60_000)  # fmt: skip
        page.locator("#create-script textarea").fill(SCRIPT)
        expect(page.locator("#create-estimate")).to_contain_text("words", timeout=180_000)  # the parser is warm
        page.locator("#create-plan").click()
        links = page.locator("#create-plan-links a")
        expect(links.filter(has_text="Budget (CSV)")).to_be_visible(timeout=120_000)
        hrefs = {links.nth(i).inner_text(): links.nth(i).get_attribute("href") for i in range(links.count())}
        plan = {label: href for label, href in hrefs.items() if href and href.startswith("/plan/")}
        assert set(plan) == {"Breakdown sheets (PDF)", "Breakdown sheets (CSV)", "Schedule (CSV)", "Budget (CSV)",
                             "Call sheets (PDF, zip)", "Calendar (ICS)"}  # fmt: skip
        film_id = plan["Budget (CSV)"].split("/")[2]
        for href in plan.values():
            response = context.request.get(url + href)
            assert response.status == 200, f"{href}: {response.status} {response.text()[:200]}"
            assert "attachment" in response.headers["content-disposition"]
            _check_file(href.rsplit("/", 1)[1], response.body())

        page.goto(f"{url}/storyboard?film={film_id}")
        heading = page.locator("#storyboard-heading")
        expect(heading).to_contain_text("Pre-production plan", timeout=60_000)
        with page.expect_download(timeout=60_000) as caught:
            heading.get_by_role("link", name="Calendar (ICS)").click()
        download = caught.value
        assert download.suggested_filename == "schedule.ics"
        _check_file("schedule.ics", Path(download.path()).read_bytes())
        page.screenshot(path=str(TMP / "storyboard-plan-links.png"), full_page=True)
    finally:
        context.close()

    with httpx.Client(base_url=url) as client:
        refused = client.get(f"/plan/{film_id}/budget.csv", cookies={"studio_session": stranger})
        assert refused.status_code == 403 and "Budget" not in refused.text
        assert client.get(f"/plan/{film_id}/budget.csv").status_code == 401
        assert client.get(f"/plan/{film_id}/passwords.txt", cookies={"studio_session": token}).status_code == 404
        assert client.get(f"/plan/{'0' * 32}/budget.csv", cookies={"studio_session": token}).status_code in (403, 404)
