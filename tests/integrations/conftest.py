"""Fixtures for the Stripe tests: the local fake Stripe, and a studio wired to it over HTTP."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # `tests.fakes` whatever the pytest mode

from studio.compose import open_studio
from studio.services.billing import BillingService, billing_of
from studio.services.studio_service import StudioService
from studio.settings import Settings
from tests.fakes.stripe_server import FakeStripe
from tests.fakes.studio_server import serve


@dataclass
class Shop:
    service: StudioService
    billing: BillingService
    fake: FakeStripe
    url: str
    admin: str  # session tokens
    token: str

    @property
    def user_id(self) -> str:
        return self.service.user(self.token).id

    def balance(self) -> int | None:
        return self.service.user(self.token).balance


@pytest.fixture
def fake_stripe() -> Iterator[FakeStripe]:
    fake = FakeStripe().start()
    yield fake
    fake.stop()


def _shop(tmp_path: Path, url: str, fake: FakeStripe) -> Iterator[Shop]:
    home = tmp_path / "home"
    settings = Settings(
        home=home,
        database_url=url,
        dagster_home=home / "dagster",
        stripe_secret_key=fake.api_key,
        stripe_webhook_secret=fake.webhook_secret,
        stripe_api_base=fake.url,
        stripe_return_url="http://studio.invalid",
    )
    service = open_studio(settings)
    with serve(service) as api:
        fake.webhook_url = f"{api}/webhooks/stripe"
        admin = service.sign_up("owner@example.com", "password one", "Owner")
        token = service.sign_up("buyer@example.com", "password two", "Buyer")
        yield Shop(service, billing_of(service), fake, api, admin, token)
    service.store.engine.dispose()


@pytest.fixture
def shop(tmp_path: Path, sqlite_url: str, fake_stripe: FakeStripe) -> Iterator[Shop]:
    yield from _shop(tmp_path, sqlite_url, fake_stripe)


@pytest.fixture
def pg_shop(tmp_path: Path, postgres_url: str, fake_stripe: FakeStripe) -> Iterator[Shop]:
    yield from _shop(tmp_path, postgres_url, fake_stripe)
