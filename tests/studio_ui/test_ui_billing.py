"""Buying credits in a real browser: the studio (uvicorn, FastAPI + Gradio) runs with its Stripe
settings pointed at the local fake Stripe; the Credits page sends the browser to the fake's
Checkout page, Pay completes the session and delivers the signed webhook, Stripe redirects back
and the balance on the Credits page has risen. Then the creator upgrades to Pro the same way."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from studio.settings import Settings
from tests.fakes.stripe_server import FakeStripe
from tests.studio_ui.conftest import (
    ROOT,
    TMP,
    _free_port,
    _start,
    _stop,
    _wait_for,
    sign_up_over_http,
)

PASSWORD = "a-buyer-password"


@pytest.fixture(scope="module")
def shop() -> Iterator[tuple[str, FakeStripe]]:
    fake = FakeStripe().start()
    home = TMP / "studio_ui_billing" / uuid.uuid4().hex[:10]
    (home / "dagster").mkdir(parents=True)
    port = _free_port()
    env = {
        **os.environ,
        "STUDIO_HOME": str(home),
        "DAGSTER_HOME": str(home / "dagster"),
        "STUDIO_DATABASE_URL": f"sqlite:///{home / 'studio.db'}",
        "PYTHONUNBUFFERED": "1",
        "STUDIO_STRIPE_SECRET_KEY": fake.api_key,
        "STUDIO_STRIPE_WEBHOOK_SECRET": fake.webhook_secret,
        "STUDIO_STRIPE_API_BASE": fake.url,
    }
    Settings.from_env(env).export(env)
    server = _start(
        [
            str(ROOT / ".venv" / "bin" / "uvicorn"),
            "studio.web.server:app_from_env",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env,
        home / "server.log",
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url + "/healthz", server, home / "server.log")
        fake.webhook_url = url + "/webhooks/stripe"
        yield url, fake
    finally:
        _stop(server)
        fake.stop()


def test_a_creator_buys_credits_and_upgrades_in_the_browser(shop, browser: Browser, screenshots: Path) -> None:
    url, fake = shop
    sign_up_over_http(url, "Owner", f"owner-{uuid.uuid4().hex[:6]}@example.com", PASSWORD)  # the first is admin
    token = sign_up_over_http(url, "Buyer", f"buyer-{uuid.uuid4().hex[:6]}@example.com", PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.add_cookies([{"name": "studio_session", "value": token, "url": url}])
    page = context.new_page()
    try:
        page.goto(url + "/credits")
        expect(page.locator("#credits-balance")).to_contain_text("3 credits", timeout=60_000)
        expect(page.locator("#credits-low-balance")).to_contain_text("Low balance: 3 credits left", timeout=30_000)
        page.locator("#credits-package").get_by_label("35 credits for $15").check()
        page.locator("#credits-buy").click()
        page.wait_for_url(f"{fake.url}/pay/cs_*", timeout=60_000)
        expect(page.locator("h1")).to_have_text("Pay $15.00")
        page.screenshot(path=str(screenshots / "credits-01-checkout.png"))
        page.locator("#pay").click()
        page.wait_for_url(f"{url}/credits?checkout=success*", timeout=60_000)
        expect(page.locator("#credits-balance")).to_contain_text("38 credits", timeout=60_000)
        expect(page.locator("#credits-low-balance")).not_to_contain_text("Low balance", timeout=30_000)
        expect(page.locator("#credits-ledger")).to_contain_text("purchase", timeout=30_000)
        expect(page.locator("#credits-invoices")).to_contain_text("$15.00", timeout=30_000)
        page.screenshot(path=str(screenshots / "credits-02-bought.png"), full_page=True)

        page.locator("#credits-upgrade").click()
        page.wait_for_url(f"{fake.url}/pay/cs_*", timeout=60_000)
        expect(page.locator("h1")).to_have_text("Pay $29.00")
        page.locator("#pay").click()
        page.wait_for_url(f"{url}/credits?checkout=success*", timeout=60_000)
        expect(page.locator("#credits-balance")).to_contain_text("65 credits · Pro plan", timeout=60_000)
        expect(page.locator("#credits-plan")).to_contain_text("renews on", timeout=30_000)
        page.locator("#credits-downgrade").click()
        expect(page.locator("#credits-status")).to_contain_text("Pro ends on", timeout=60_000)
        page.screenshot(path=str(screenshots / "credits-03-pro.png"), full_page=True)
    finally:
        context.close()
