"""Storyboard, Watch, Render and Home in a real browser, as a creator reads them: scene titles, cast
lines and voice names in words; a re-render quoted before it is charged (Cancel spends nothing,
Confirm charges the changed scene only); the timeline strip reorders, trims and removes scenes; the cast
panel corrects a character into a new version; the queue position of a waiting render; the quality
checks of a render in sentences; "1 credit" and "This film failed".

The studio runs without a dagster-daemon, so submitted renders wait in the queue; a rendered film is
set up the way the pipeline leaves one (a published final cut), and the quality checks are real
Dagster asset-check evaluations written to the studio's own instance.
"""

from __future__ import annotations

import json
import os
import re
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest
from playwright.sync_api import Browser, Page, expect

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from studio.compose import open_studio
from studio.services.studio_service import StudioService
from studio.settings import Settings
from studio.store import FilmRow
from studio.store.media import asset_dir
from tests.studio_ui.conftest import ROOT, TMP, _free_port, _start, _stop, _wait_for, sign_up_over_http

PASSWORD = "a-storyboard-password"
SCRIPT = (ROOT / "samples" / "lighthouse.fountain").read_text(encoding="utf-8")  # 3 scenes, about a minute
FILMS = dg.DynamicPartitionsDefinition(name="films")


@dg.asset(partitions_def=FILMS, name="final_cut")
def checked_cut() -> int:
    return 1


@dg.asset_check(asset=checked_cut, partitions_def=FILMS, name="speech_is_intelligible")
def speech_check() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=False, description="Not measured: no recognizer installed.",
                               metadata={"measured": False})  # fmt: skip


@dg.asset_check(asset=checked_cut, partitions_def=FILMS, name="loudness_meets_preset")
def loudness_check() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=True, description="-14.0 LUFS.")


@dg.asset_check(asset=checked_cut, partitions_def=FILMS, name="lipsync_follows_speech")
def lipsync_check() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=False, description="Mouth and voice agree only 12% of the time.",
                               metadata={"measured": True})  # fmt: skip


@pytest.fixture(scope="module")
def studio_server() -> Iterator[tuple[str, StudioService]]:
    """The web server (FastAPI + Gradio) without a daemon, and a service on the same store for set-up."""
    home = TMP / "studio_ui_storyboard" / uuid.uuid4().hex[:10]
    (home / "dagster").mkdir(parents=True)
    env = {**os.environ, "STUDIO_HOME": str(home), "DAGSTER_HOME": str(home / "dagster"),
           "STUDIO_DATABASE_URL": f"sqlite:///{home / 'studio.db'}", "PYTHONUNBUFFERED": "1"}  # fmt: skip
    settings = Settings.from_env(env)
    settings.export(env)
    port = _free_port()
    process = _start([str(ROOT / ".venv" / "bin" / "uvicorn"), "studio.web.server:app_from_env", "--factory",
                      "--host", "127.0.0.1", "--port", str(port)], env, home / "server.log")  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url + "/healthz", process, home / "server.log")
        yield url, open_studio(settings)
    finally:
        _stop(process)


def publish_final_cut(service: StudioService, film_id: str) -> None:
    """What a finished render leaves: a published final cut (the film counts as rendered)."""
    folder = asset_dir(service.settings.media_root, film_id, "final_cut")
    folder.mkdir(parents=True)
    (folder / "film.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    (folder / "manifest.json").write_text(json.dumps({"film": "film.mp4", "duration": 59.0}))


def open_storyboard(page: Page, url: str, film_id: str) -> None:
    page.goto(f"{url}/storyboard?film={film_id}")
    expect(page.locator("#storyboard-scenes .studio-scene").first).to_be_visible(timeout=120_000)


def pick(page: Page, elem_id: str, option: str) -> None:
    page.locator(f"#{elem_id}").get_by_role("combobox").click()
    page.get_by_role("option", name=option, exact=True).click()


def test_storyboard_watch_render_and_home_speak_plainly(studio_server, browser: Browser) -> None:
    url, service = studio_server
    admin = sign_up_over_http(url, "Owner", f"owner-{uuid.uuid4().hex[:6]}@example.com", PASSWORD)  # the first
    token = sign_up_over_http(url, "Maker", f"maker-{uuid.uuid4().hex[:6]}@example.com", PASSWORD)
    service.grant(admin, service.user(token).id, 17, "test credits")  # 20 in all
    # One script for all three films: the server reads (parses) each text once, which keeps this test
    # inside the parser's time limit on a busy machine.
    fresh = service.create_film(token, SCRIPT, {})
    rendered = service.create_film(token, SCRIPT, {})
    publish_final_cut(service, rendered)
    timeline = service.create_film(token, SCRIPT, {})
    publish_final_cut(service, timeline)

    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.add_cookies([{"name": "studio_session", "value": token, "url": url}])
    page = context.new_page()
    try:
        # Human labels: scene titles, cast lines with voice names, no pipeline keys.
        open_storyboard(page, url, fresh)
        cards = page.locator("#storyboard-scenes")
        expect(cards).to_contain_text("Scene 1: Rocky island (dusk)")
        expect(cards).to_contain_text("Scene 2: Lighthouse, lamp room (night)")
        cast = page.locator("#storyboard-cast")
        expect(cast).to_contain_text("Eli · boy · voice:")
        expect(cast).to_contain_text("Maya · older woman · voice:")
        for raw in ("unknown", "piper-", "espeak-", "kokoro-", "Scene 1: Scene 1"):
            assert raw not in cast.inner_text() + cards.inner_text(), raw

        # A scene edit of a film never rendered is quoted as a full render; Cancel spends nothing.
        text = page.locator("#storyboard-scene-text textarea")
        pick(page, "storyboard-scene", "Scene 2: Lighthouse, lamp room (night)")
        expect(text).to_have_value(re.compile("LAMP ROOM"), timeout=30_000)
        text.fill(text.input_value().replace("Not one night", "Not one single night"))
        page.locator("#storyboard-rerender").click()
        quote = page.locator("#storyboard-quote")
        expect(quote).to_contain_text("has not been rendered yet", timeout=60_000)
        expect(quote).to_contain_text("3 credits")
        page.locator("#storyboard-cancel").click()
        expect(page.locator("#storyboard-status")).to_contain_text("nothing was saved or charged", timeout=30_000)
        expect(quote).to_be_hidden()
        assert service.user(token).balance == 20

        # Cast: a gender correction makes version 2 and recasts the voice to fit.
        pick(page, "cast-character", "Eli")
        page.locator("#cast-gender").get_by_label("Woman / girl").check()
        page.locator("#cast-save").click()
        expect(page.locator("#cast-status")).to_contain_text("Saved: Eli · girl · voice:", timeout=60_000)
        expect(cast).to_contain_text("Eli · girl · voice:", timeout=60_000)
        expect(page.locator("#storyboard-characters")).to_contain_text("v2 casting (in use)")
        eli = next(c for c in service.cast_sheet(token, fresh) if c["name"] == "ELI")
        assert (
            eli["gender"] == "female"
            and {v["id"]: v for v in service.voice_choices()}[eli["voice"]]["gender"] == "female"
        )

        # A rendered film: the quote is for the changed scene; Confirm charges exactly that.
        open_storyboard(page, url, rendered)
        pick(page, "storyboard-scene", "Scene 2: Lighthouse, lamp room (night)")
        expect(text).to_have_value(re.compile("LAMP ROOM"), timeout=30_000)
        text.fill(text.input_value().replace("Not one night", "Not one single night"))
        page.locator("#storyboard-rerender").click()
        expect(quote).to_contain_text("makes 1 scene again", timeout=60_000)
        cost = int(re.search(r"(\d+) credits?\*?\*?\.", quote.inner_text()).group(1))
        assert cost == 2  # scene 2 runs 25 s: 2 credits, where the whole film would cost 3
        page.locator("#storyboard-confirm").click()
        expect(page.locator("#storyboard-status")).to_contain_text("Scene saved", timeout=60_000)
        assert service.user(token).balance == 20 - cost

        # Render: a waiting render says where it stands in the queue, in words.
        page.goto(f"{url}/render?film={rendered}")
        progress = page.locator("#render-progress .studio-progress")
        expect(progress).to_contain_text("next in the render queue", timeout=60_000)
        assert "—" not in progress.inner_text() and "<code>" not in progress.inner_html()

        # The timeline strip: move scene 3 before scene 2 and remove scene 1, quoted then confirmed.
        open_storyboard(page, url, timeline)
        strip = page.locator("#storyboard-timeline")
        pick(page, "storyboard-timeline-pick", "Scene 3: Rocky island (dawn)")
        page.locator("#storyboard-timeline-earlier").click()
        expect(strip.locator("li").nth(1)).to_contain_text("Scene 3", timeout=30_000)
        pick(page, "storyboard-timeline-pick", "Scene 1: Rocky island (dusk)")
        page.locator("#storyboard-timeline-remove").click()
        expect(strip).to_contain_text("Removed: Scene 1: Rocky island (dusk)", timeout=30_000)
        # Trim the lamp room to its beats 2-6: the numbered beats say what the numbers keep.
        pick(page, "storyboard-timeline-pick", "Scene 2: Lighthouse, lamp room (night)")
        beats = page.locator("#storyboard-beats li")
        expect(beats).to_have_count(8, timeout=30_000)
        expect(beats.first).to_contain_text("Rain hammers the glass")
        page.locator("#storyboard-trim-from input").fill("2")
        page.locator("#storyboard-trim-to input").fill("6")
        page.locator("#storyboard-timeline-trim").click()
        expect(strip).to_contain_text("trimmed to beats 2–6 of 8", timeout=30_000)
        expect(beats.first.locator("del, s")).to_have_count(1)  # the first beat is struck through: it goes
        page.locator("#storyboard-timeline-apply").click()
        # The dawn scene, now first, and the trimmed lamp room are made again.
        expect(quote).to_contain_text("makes 2 scenes again", timeout=60_000)
        before = service.user(token).balance
        timeline_cost = int(re.search(r"(\d+) credits?\*?\*?\.", quote.inner_text()).group(1))
        page.locator("#storyboard-confirm").click()
        expect(page.locator("#storyboard-status")).to_contain_text("Timeline saved", timeout=60_000)
        page.screenshot(path=str(TMP / "storyboard-timeline-cast.png"), full_page=True)
        assert service.user(token).balance == before - timeline_cost
        headings = [s["heading"] for s in service.storyboard(token, timeline)["scenes"]]
        assert headings == ["EXT. ROCKY ISLAND - DAWN", "INT. LIGHTHOUSE - LAMP ROOM - NIGHT"]
        lamp_room = service.storyboard(token, timeline)["scenes"][1]["text"]
        assert "Rain hammers" not in lamp_room and "It works!" in lamp_room

        # Watch: the quality checks in sentences, failed first; a failed film says so plainly.
        service.runs.instance.add_dynamic_partitions("films", [rendered])
        result = dg.materialize([checked_cut, speech_check, loudness_check, lipsync_check], partition_key=rendered,
                                instance=service.runs.instance, raise_on_error=False)  # fmt: skip
        assert result.success
        page.goto(f"{url}/watch?film={rendered}")
        checks = page.locator("#watch-checks")
        expect(checks).to_contain_text("1 passed, 1 failed, 1 not measured", timeout=60_000)
        expect(checks).to_contain_text("Failed: Mouths move with the voices.")
        expect(checks).to_contain_text("Not measured: Viewers can understand every spoken line.")
        expect(checks).to_contain_text("We could not measure this")
        expect(checks).to_contain_text("Passed: Sound is at the right loudness.")
        assert "_" not in checks.inner_text()  # no raw check keys
        with service.store.session() as session:
            session.get(FilmRow, fresh).status = "failed"
        page.goto(f"{url}/watch?film={fresh}")
        expect(page.locator("#watch-heading")).to_contain_text("This film failed.", timeout=60_000)
        assert "is failed" not in page.locator("#watch-heading").inner_text()

        # Home: one credit is "1 credit"; statuses are words.
        service.take_back(admin, service.user(token).id, service.user(token).balance - 1, "test")
        page.goto(url + "/")
        expect(page.locator("#home-balance")).to_contain_text("1 credit", timeout=60_000)
        assert "1 credits" not in page.locator("#home-balance").inner_text()
        expect(page.locator("#home-films")).to_contain_text("Waiting to render")
        page.screenshot(path=str(TMP / "home-plain-words.png"), full_page=True)
    finally:
        context.close()
