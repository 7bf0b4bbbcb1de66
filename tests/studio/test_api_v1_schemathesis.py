"""Schemathesis over the public API, from its own OpenAPI document (/api/v1/openapi.json): generated
requests with a valid key never get a server error, and every answer matches the document's status codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from orgs_support import make_world
from schemathesis.checks import not_a_server_error

HOME = Path(__file__).resolve().parents[2] / ".tmp" / "tests" / "studio" / "api_v1_schemathesis"
shutil.rmtree(HOME, ignore_errors=True)
WORLD = make_world(HOME / "home", f"sqlite:///{HOME / 'studio.db'}", api_burst=100_000, api_rate_per_minute=100_000)
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", WORLD.client.app)


@pytest.mark.parametrize("who", ["a", "none"])
@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_api_route_answers_with_a_server_error(case: schemathesis.Case, who: str) -> None:
    headers = {"Authorization": f"Bearer {WORLD.keys['a']}"} if who == "a" else {}
    response = case.call(headers=headers)
    case.validate_response(response, checks=[not_a_server_error])
    assert response.status_code < 500
    if who == "none":  # without a key nothing is answered but a refusal
        assert 400 <= response.status_code < 500 and response.status_code != 403
