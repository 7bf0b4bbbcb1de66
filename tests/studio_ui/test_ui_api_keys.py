"""API keys made on the Account page in a real browser: the key is shown once, opens the public API,
and stops working the moment it is revoked on the same page."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
from playwright.sync_api import Browser, expect

from tests.studio_ui.conftest import sign_up_over_http

PASSWORD = "an-account-password"


def test_a_key_made_on_the_account_page_opens_the_api_until_revoked(browser: Browser, studio: Any) -> None:
    url = studio.url
    token = sign_up_over_http(url, "Key Maker", f"keys-{uuid.uuid4().hex[:6]}@example.com", PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "studio_session", "value": token, "url": url}])
    page = context.new_page()
    page.goto(url + "/account")
    page.get_by_text("API keys (the public API at /api/v1)").click()
    expect(page.locator("#apikeys-table")).to_contain_text("no API keys yet", timeout=60_000)
    page.locator("#apikeys-name").get_by_role("textbox").fill("<b>nightly</b> export")
    page.locator("#apikeys-create").click()
    shown = page.locator("#apikeys-new textarea, #apikeys-new input").first
    expect(shown).to_have_value(re.compile(r"^fsk_[0-9a-f]{8}_"), timeout=60_000)
    key = shown.input_value()
    prefix = key.split("_")[1]
    expect(page.locator("#apikeys-table")).to_contain_text(f"fsk_{prefix}_", timeout=60_000)
    expect(page.locator("#apikeys-table")).to_contain_text("<b>nightly</b> export")  # shown as text
    assert key not in page.locator("#apikeys-table").inner_text()  # the secret is never listed

    headers = {"Authorization": f"Bearer {key}"}
    assert httpx.get(url + "/api/v1/films", headers=headers, timeout=60).status_code == 200

    page.locator("#apikeys-prefix").get_by_role("textbox").fill(f"fsk_{prefix}")
    page.locator("#apikeys-revoke").click()
    expect(page.locator("#apikeys-status")).to_contain_text("revoked", timeout=60_000)
    expect(page.locator("#apikeys-table")).to_contain_text("revoked")
    assert httpx.get(url + "/api/v1/films", headers=headers, timeout=60).status_code == 401
    # Another user's key cannot be revoked from this page (nor learned to exist).
    page.locator("#apikeys-prefix").get_by_role("textbox").fill("0000abcd")
    page.locator("#apikeys-revoke").click()
    expect(page.locator("#apikeys-status")).to_contain_text("No API key", timeout=60_000)
    context.close()
