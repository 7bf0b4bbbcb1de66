"""Bad input in the browser: wrong uploads and a script too long for the tier get a clear message
in the page, and nothing is created or charged."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, expect


def test_bad_uploads_and_a_too_long_script_are_refused_in_the_page(
    browser: Browser, studio: Any, screenshots: Path, tmp_path: Path
) -> None:
    url = studio.url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url + "/account")
    page.get_by_role("tab", name="Sign up").click()
    page.locator("#signup-name").get_by_role("textbox").fill("Refused")
    page.locator("#signup-email").get_by_role("textbox").fill(f"refused-{uuid.uuid4().hex[:6]}@example.com")
    page.locator("#signup-password input").fill("a-long-password")
    page.locator("#signup-button").click()
    page.wait_for_url(url + "/", timeout=60_000)
    expect(page.locator("#home-balance")).to_contain_text("3 credits", timeout=60_000)

    page.goto(url + "/create")
    fake_picture = tmp_path / "face.png"
    fake_picture.write_text("this is text, not a picture")
    page.locator("#create-references input[type=file]").set_input_files(str(fake_picture))
    expect(page.locator("#create-upload-note")).to_contain_text("face.png", timeout=60_000)
    expect(page.locator("#create-upload-note")).to_contain_text("⚠")
    shoot = screenshots / "12-create-bad-upload.png"
    page.screenshot(path=str(shoot), full_page=True)
    print(f"screenshot: {shoot}")

    # A dialogue of about two minutes runs past the Free tier's one minute: refused before anything is made.
    page.goto(url + "/create")
    long_script = "Title: Long Talk\n\n" + "\n".join(
        f"{'ASHA' if i % 2 else 'RAVI'}: We walked along the river for hours and talked about everything, line {i}."
        for i in range(24)
    )
    page.locator("#create-script textarea").fill(long_script)
    expect(page.locator("#create-estimate")).to_contain_text("credit", timeout=60_000)
    page.locator("#create-render").click()
    expect(page.locator("#create-status")).to_contain_text("⚠", timeout=60_000)
    assert re.search(r"minute|credit", page.locator("#create-status").inner_text(), re.I)
    expect(page).to_have_url(url + "/create")
    shoot = screenshots / "13-create-refused.png"
    page.screenshot(path=str(shoot), full_page=True)
    print(f"screenshot: {shoot}")
    page.goto(url + "/")
    expect(page.locator("#home-films")).to_contain_text("No films yet", timeout=60_000)
    expect(page.locator("#home-balance")).to_contain_text("3 credits")
    context.close()
