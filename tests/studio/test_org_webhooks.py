"""film.finished webhooks: signed with HMAC-SHA256, delivered to a real HTTP receiver on 127.0.0.1, retried."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from orgs_support import World, make_world
from sqlalchemy import update

from dagster_project import sensors
from studio.services import webhooks
from studio.services.accounts import now
from studio.store.accounts import RenderRequestRow
from studio.store.organisations import WebhookDeliveryRow


class Receiver:
    """An HTTP endpoint that checks the signature the way the README tells integrators to."""

    def __init__(self, failures: int = 0) -> None:
        self.secret = ""
        self.failures = failures
        self.received: list[dict] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                body = self.rfile.read(int(self.headers["Content-Length"]))
                fields = dict(p.split("=", 1) for p in self.headers["Studio-Signature"].split(","))
                expected = hmac.new(
                    owner.secret.encode(), f"{fields['t']}.".encode() + body, hashlib.sha256
                ).hexdigest()
                valid = hmac.compare_digest(expected, fields["v1"]) and abs(time.time() - int(fields["t"])) < 300
                status = 500 if owner.failures > 0 else (204 if valid else 400)
                owner.failures -= 1
                owner.received.append(
                    {
                        "valid": valid,
                        "status": status,
                        "event": json.loads(body),
                        "delivery": self.headers["Studio-Delivery"],
                    }
                )
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/studio"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def world(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> World:
    for name in ("STUDIO_HOME", "STUDIO_DATABASE_URL", "DAGSTER_HOME"):
        monkeypatch.setenv(name, "")
    return make_world(tmp_path / "home", sqlite_url)


def _finished_render(world: World, who: str, run_id: str) -> None:
    """A render request of the user's organisation film, as `_render` records it (the run itself is not needed)."""
    user_id = world.service.user(world.tokens[who]).id
    with world.service.store.session() as session:
        session.add(
            RenderRequestRow(
                key=f"{user_id}:{run_id}",
                user_id=user_id,
                film_id=world.films[who],
                run_id=run_id,
                cost=1,
                charged=0,
                state="done",
                created_at=now(),
            )
        )


def test_a_finished_film_is_posted_signed_to_each_subscriber_of_its_organisation(world: World) -> None:
    receiver, other = Receiver(), Receiver()
    try:
        made = world.api("POST", "/api/v1/webhooks", "a", json={"url": receiver.url})
        assert made.status_code == 201
        receiver.secret = made.json()["secret"]
        assert world.api("GET", "/api/v1/webhooks", "a").json() == [
            {"id": made.json()["id"], "url": receiver.url, "events": ["film.finished"]}
        ]  # the secret is not shown again
        other.secret = world.api("POST", "/api/v1/webhooks", "b", json={"url": other.url}).json()["secret"]
        _finished_render(world, "a", "run-a-1")
        with world.service.store.session() as session:
            assert webhooks.enqueue_film_finished(session, "run-a-1") == 1
            assert webhooks.enqueue_film_finished(session, "run-a-1") == 0  # once per run
        assert webhooks.deliver_due(world.service.store) == {"sent": 1, "retry": 0, "dead": 0}
        assert [r["valid"] for r in receiver.received] == [True]
        event = receiver.received[0]["event"]
        assert event["type"] == "film.finished" and event["data"]["film_id"] == world.films["a"]
        assert receiver.received[0]["delivery"] == "film.finished:run-a-1"
        assert other.received == []  # globex hears nothing of acme's film
        assert webhooks.deliver_due(world.service.store) == {"sent": 0, "retry": 0, "dead": 0}  # sent once
    finally:
        receiver.close()
        other.close()


def test_a_failing_receiver_is_retried_with_backoff_until_it_answers(world: World) -> None:
    receiver = Receiver(failures=2)
    try:
        receiver.secret = world.service.add_webhook(world.tokens["a"], receiver.url)["secret"]
        _finished_render(world, "a", "run-a-2")
        with world.service.store.session() as session:
            webhooks.enqueue_film_finished(session, "run-a-2")
        assert webhooks.deliver_due(world.service.store)["retry"] == 1
        assert webhooks.deliver_due(world.service.store)["retry"] == 0  # not due yet: backoff
        org_id = world.service.organisations(world.tokens["a"])[0].id
        first_wait = webhooks.deliveries(world.service.store, org_id)[0]["next_attempt_at"] - now()
        assert timedelta(seconds=20) < first_wait <= timedelta(seconds=30)
        for expected in ("retry", "sent"):
            with world.service.store.session() as session:
                session.execute(update(WebhookDeliveryRow).values(next_attempt_at=now()))
            assert webhooks.deliver_due(world.service.store)[expected] == 1
        assert [r["status"] for r in receiver.received] == [500, 500, 204]
        assert webhooks.deliveries(world.service.store, org_id)[0]["state"] == "sent"
    finally:
        receiver.close()


def test_signatures_fail_when_tampered_stale_or_signed_with_another_secret() -> None:
    body = b'{"id":"film.finished:r","type":"film.finished"}'
    header = webhooks.sign_header("whsec_one", body)
    assert webhooks.verify("whsec_one", header, body)
    assert not webhooks.verify("whsec_one", header, body.replace(b"r", b"s"))
    assert not webhooks.verify("whsec_two", header, body)
    assert not webhooks.verify("whsec_one", webhooks.sign_header("whsec_one", body, int(time.time()) - 600), body)
    assert not webhooks.verify("whsec_one", "garbage", body)


def test_webhook_subscriptions_refuse_bad_urls_and_plain_members(world: World) -> None:
    for url in ("ftp://example.com/x", "not a url", "javascript:alert(1)", "http://"):
        answer = world.api("POST", "/api/v1/webhooks", "a", json={"url": url})
        assert answer.status_code == 400 and "http://" in answer.json()["error"], url
    from studio.services.studio_service import Forbidden

    with pytest.raises(Forbidden):
        world.service.add_webhook(world.tokens["a2"], "https://example.com/hook")  # a member, not an admin
    assert world.service.webhooks(world.tokens["a"]) == []


def test_the_retry_sensor_sends_what_is_due(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    import dagster as dg

    receiver = Receiver()
    try:
        receiver.secret = world.service.add_webhook(world.tokens["a"], receiver.url)["secret"]
        _finished_render(world, "a", "run-a-3")
        with world.service.store.session() as session:
            webhooks.enqueue_film_finished(session, "run-a-3")
        monkeypatch.setenv("STUDIO_HOME", str(world.service.settings.home))
        monkeypatch.setenv("STUDIO_DATABASE_URL", world.service.settings.database_url)
        result = sensors.retry_webhooks(dg.build_sensor_context())
        assert "'sent': 1" in result.skip_message
        assert [r["valid"] for r in receiver.received] == [True]
    finally:
        receiver.close()
