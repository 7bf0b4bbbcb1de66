"""The creator's whole journey in a real browser against a real `studio up`:

sign up, create a short film from a template, follow the render (a queued Dagster run executed by
the daemon), play it, download it; a second user is refused the film and its media; an admin
grants credits and the creator's balance changes. A screenshot of every page is saved.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, expect

RENDER_SECONDS = 600  # a 10 s 480p film on a busy 2-core machine, queue wait included
PASSWORD = "a-creator-password"


def shoot(page: Page, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    page.wait_for_timeout(800)  # let Gradio finish fading in the outputs it just updated
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")


def sign_up(browser: Browser, url: str, name: str) -> tuple[BrowserContext, Page, str]:
    """A new browser profile that signs up on the Account page and lands on Home."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(url + "/account")
    page.get_by_role("tab", name="Sign up").click()
    email = f"{name.lower()}-{uuid.uuid4().hex[:6]}@example.com"
    page.locator("#signup-name").get_by_role("textbox").fill(name)
    page.locator("#signup-email").get_by_role("textbox").fill(email)
    page.locator("#signup-password input").fill(PASSWORD)
    page.locator("#signup-button").click()
    page.wait_for_url(url + "/", timeout=60_000)
    expect(page.locator("#home-balance")).to_contain_text("Signed in as", timeout=60_000)
    return context, page, email


def balance(page: Page, url: str) -> int:
    page.goto(url + "/credits")
    text = page.locator("#credits-balance")
    expect(text).to_contain_text("credit", timeout=60_000)
    return int(re.search(r"(\d+) credits?\b", text.inner_text()).group(1))


def sign_in(browser: Browser, url: str, email: str, password: str, screenshots: Path) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url + "/account")
    page.locator("#signin-email").get_by_role("textbox").fill(email)
    page.locator("#signin-password input").fill("not-the-password")
    page.locator("#signin-button").click()
    expect(page.locator("#account-status")).to_contain_text("⚠", timeout=60_000)  # refused, in the page
    shoot(page, screenshots, "00-account-sign-in-refused")
    page.locator("#signin-password input").fill(password)
    page.locator("#signin-button").click()
    page.wait_for_url(url + "/", timeout=60_000)
    expect(page.locator("#home-balance")).to_contain_text("Signed in as", timeout=60_000)
    return context, page


def test_create_render_watch_download_share_and_admin(browser: Browser, studio: Any, screenshots: Path) -> None:
    url = studio.url
    creator, page, creator_email = sign_up(browser, url, "Creator")
    shoot(page, screenshots, "01-home-empty")

    # Create: a template, cut to two lines so the film is about ten seconds, at 480p.
    page.goto(url + "/create")
    page.locator("#create-template").get_by_role("combobox").click()
    page.get_by_role("option", name="podcast").click()  # the two-speaker sample
    script = page.locator("#create-script textarea")
    expect(script).not_to_have_value("", timeout=30_000)
    lines = [line for line in script.input_value().splitlines() if line.strip()]
    spoken = [line for line in lines if re.match(r"^[A-Z][A-Z .'-]*:", line)][:2]
    assert spoken, f"the template has no NAME: lines to keep: {lines[:5]}"
    script.fill("Title: Short Brew\n\n" + "\n".join(spoken) + "\n")
    page.locator("#create-resolution").get_by_label("480p").check()
    page.locator("#create-duration input").fill("10")
    page.locator("#create-duration input").blur()
    expect(page.locator("#create-estimate")).to_contain_text("credit", timeout=60_000)
    expect(page.locator("#create-estimate")).to_contain_text("words")
    shoot(page, screenshots, "02-create")
    page.locator("#create-render").click()
    # The cost is shown first; nothing is charged until the creator confirms it.
    expect(page.locator("#create-confirm-text")).to_contain_text("credit", timeout=60_000)
    page.locator("#create-confirm-yes").click()
    page.wait_for_url(re.compile(r".*/render\?film=[0-9a-f]+"), timeout=120_000)
    film_id = page.url.split("film=")[1]

    # Render: the progress bar follows the Dagster run until the film is ready.
    bar = page.locator("#render-progress .studio-progress")
    expect(bar).to_be_visible(timeout=60_000)
    shoot(page, screenshots, "03-render-progress")
    expect(page.locator("#render-progress [data-status='ready']")).to_be_attached(timeout=RENDER_SECONDS * 1000)
    expect(page.locator("#render-done")).to_contain_text("watch it")
    shoot(page, screenshots, "04-render-done")

    # Watch: the player loads the film through the cookie-checked media route, and plays.
    page.goto(f"{url}/watch?film={film_id}")
    page.wait_for_function(
        "() => { const v = document.querySelector('#studio-player'); return v && v.readyState >= 1 && v.duration > 0 }",
        timeout=60_000,
    )
    duration = page.evaluate("() => document.querySelector('#studio-player').duration")
    assert 3 < duration < 60, duration
    played = page.evaluate(
        "async () => { const v = document.querySelector('#studio-player'); v.muted = true; await v.play();"
        " await new Promise(r => setTimeout(r, 1500)); v.pause(); return v.currentTime; }"
    )
    assert played > 0
    shoot(page, screenshots, "05-watch")
    with page.expect_download(timeout=60_000) as download:
        page.locator("a[data-media='mp4']").click()
    data = Path(download.value.path()).read_bytes()
    assert data[4:8] == b"ftyp" and len(data) > 10_000, "the download is not an MP4"
    media_url = page.locator("a[data-media='mp4']").get_attribute("href")
    assert creator.request.get(url + media_url).status == 200
    # The quality checks read as sentences (no check keys), and the trailer is at most 40% of the film.
    checks = page.locator("#watch-checks")
    expect(checks).to_contain_text("passed,", timeout=60_000)
    assert "_" not in checks.inner_text()
    trailer = page.locator("a[data-media='trailer']")
    if trailer.count():
        length = page.evaluate(
            "async (src) => { const v = document.createElement('video'); v.src = src; v.preload = 'metadata';"
            " await new Promise(r => v.onloadedmetadata = r); return v.duration; }",
            trailer.get_attribute("href"),
        )
        assert length <= 0.4 * duration + 0.3, (length, duration)

    # A share link plays the film to someone who is not signed in.
    page.locator("#watch-share").click()
    share_link = page.locator("#watch-share-link code")
    expect(share_link).to_contain_text("/share/", timeout=60_000)
    link = share_link.inner_text().strip()
    link = link if link.startswith("http") else url + link
    stranger = browser.new_context()
    shared = stranger.new_page()
    shared.goto(link)
    expect(shared.locator("video")).to_have_count(1)
    shoot(shared, screenshots, "05b-share")
    stranger.close()

    # Storyboard and Home show the film.
    page.goto(f"{url}/storyboard?film={film_id}")
    expect(page.locator("#storyboard-scenes .studio-scene").first).to_be_visible(timeout=60_000)
    shoot(page, screenshots, "06-storyboard")
    page.goto(url + "/")
    expect(page.locator(f".studio-film[data-film='{film_id}']")).to_contain_text("Ready", timeout=60_000)
    shoot(page, screenshots, "07-home")
    before = balance(page, url)
    shoot(page, screenshots, "08-credits")

    # Another user cannot open the film page or its media.
    intruder, intruder_page, _ = sign_up(browser, url, "Intruder")
    intruder_page.goto(f"{url}/watch?film={film_id}")
    expect(intruder_page.locator("#watch-heading")).to_contain_text("⚠", timeout=60_000)
    expect(intruder_page.locator("#studio-player")).to_have_count(0)
    shoot(intruder_page, screenshots, "09-watch-refused")
    assert intruder.request.get(url + media_url).status in (403, 404)
    anonymous = browser.new_context()
    assert anonymous.request.get(url + media_url).status in (401, 403, 404)

    # The admin (the studio's first account) signs in and grants the creator credits.
    admin, admin_page = sign_in(browser, url, studio.admin_email, studio.admin_password, screenshots)
    admin_page.goto(url + "/admin")
    expect(admin_page.locator("#admin-users")).to_contain_text(creator_email, timeout=60_000)
    admin_page.locator("#admin-user").get_by_role("combobox").fill(creator_email)
    admin_page.get_by_role("option", name=re.compile(re.escape(creator_email))).click()
    admin_page.locator("#admin-amount input").fill("5")
    admin_page.locator("#admin-grant").click()
    expect(admin_page.locator("#admin-status")).to_contain_text("Granted 5", timeout=60_000)
    shoot(admin_page, screenshots, "10-admin")
    assert balance(page, url) == before + 5
    page.goto(url + "/account")
    expect(page.locator("#account-profile")).to_contain_text(creator_email, timeout=60_000)
    shoot(page, screenshots, "11-account")
    for context in (admin, creator, intruder, anonymous):
        context.close()
