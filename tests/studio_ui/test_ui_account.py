"""The Account page in a real browser: sign-up, sign-in and sign-out post to /auth/*, and the
session cookie they get is HttpOnly and SameSite=Strict, so page scripts cannot read it."""

from __future__ import annotations

import re
import uuid
from typing import Any

from playwright.sync_api import Browser, Route, expect

PASSWORD = "an-account-password"


def test_the_session_cookie_is_out_of_reach_of_page_scripts(browser: Browser, studio: Any) -> None:
    url = studio.url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url + "/account")
    page.get_by_role("tab", name="Sign up").click()
    email = f"cookie-{uuid.uuid4().hex[:6]}@example.com"
    page.locator("#signup-name").get_by_role("textbox").fill("Cookie Test")
    page.locator("#signup-email").get_by_role("textbox").fill(email)
    page.locator("#signup-password input").fill(PASSWORD)
    page.locator("#signup-button").click()
    page.wait_for_url(url + "/", timeout=60_000)
    expect(page.locator("#home-balance")).to_contain_text("Signed in as", timeout=60_000)
    cookie = next(c for c in context.cookies() if c["name"] == "studio_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    assert "studio_session" not in page.evaluate("document.cookie")  # was readable before
    # Sign out through the server; the cookie is gone and the page shows the sign-in form.
    page.goto(url + "/account")
    page.locator("#account-signout").click()
    expect(page.locator("#signin-button")).to_be_visible(timeout=60_000)
    assert not [c for c in context.cookies() if c["name"] == "studio_session" and c["value"]]
    # A wrong password is a message in the page; the right one signs in again.
    page.locator("#signin-email").get_by_role("textbox").fill(email)
    page.locator("#signin-password input").fill("not the password")
    page.locator("#signin-button").click()
    expect(page.locator("#account-status")).to_contain_text("Wrong email or password", timeout=60_000)
    page.locator("#signin-password input").fill(PASSWORD)
    page.locator("#signin-button").click()
    page.wait_for_url(url + "/", timeout=60_000)
    expect(page.locator("#home-balance")).to_contain_text("Signed in as", timeout=60_000)
    context.close()


def test_a_slow_page_load_does_not_erase_the_sign_in_message(browser: Browser, studio: Any) -> None:
    """On a busy server the page's load event can answer after the creator has already clicked
    Sign in; the refusal they were shown must stay on the page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    held: list[Route | None] = []

    def hold(route: Route) -> None:
        if held and held[0] is None:  # released: later events go straight through
            route.continue_()
        else:
            held.append(route)

    page.route("**/queue/join*", hold)  # every Gradio event waits until released
    page.goto(studio.url + "/account")
    page.locator("#signin-email").get_by_role("textbox").fill("nobody-here@example.com")
    page.locator("#signin-password input").fill("not the password")
    page.locator("#signin-button").click()  # posts to /auth/sign-in, not through the queue
    status = page.locator("#account-status")
    expect(status).to_contain_text("Wrong email or password", timeout=60_000)
    assert held, "the page's load event never reached the queue"
    waiting, held[:] = list(held), [None]
    for route in waiting:
        if route is not None:
            route.continue_()
    # The load has answered once the pending-event timer has gone from the status.
    expect(status).not_to_contain_text(re.compile(r"\d\.\ds"), timeout=60_000)
    expect(status).to_contain_text("Wrong email or password")
    context.close()
