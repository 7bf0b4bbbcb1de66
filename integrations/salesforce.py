"""Salesforce through simple-salesforce: a token by the OAuth client-credentials flow, upserts by
external id, and Bulk API 2.0 ingest jobs.

simple-salesforce's own username/password login always goes to login.salesforce.com, so the token
is obtained here (POST to the org's `/services/oauth2/token`) and the client is built with
`Salesforce(instance_url=..., session_id=..., session=...)`. Errors are sorted into two kinds the
outbox cares about: `SalesforceRejected` (the record is wrong: a 400 validation error, retrying will
not help) and `SalesforceUnavailable` (down, timing out, 5xx, refused token: try again later).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests
from simple_salesforce import Salesforce
from simple_salesforce.exceptions import (
    SalesforceError,
    SalesforceMalformedRequest,
    SalesforceOperationError,
)

API_VERSION = "59.0"
TIMEOUT_SECONDS = 10.0


class SalesforceUnavailable(RuntimeError):
    """Salesforce could not be reached or failed on its side; the change is kept and retried."""


class SalesforceRejected(RuntimeError):
    """Salesforce refused the record itself (validation error); retrying the same data will not help."""


@dataclass(frozen=True)
class SalesforceConfig:
    instance_url: str
    client_id: str
    client_secret: str
    token_url: str = ""  # default: <instance_url>/services/oauth2/token
    ca_bundle: str | None = None  # a private CA (a test server's throwaway certificate)
    api_version: str = API_VERSION


def http_session(config: SalesforceConfig) -> requests.Session:
    """A requests session that trusts `ca_bundle` when given (and ignores REQUESTS_CA_BUNDLE then)."""
    session = requests.Session()
    if config.ca_bundle:
        session.verify = config.ca_bundle
        session.trust_env = False  # otherwise REQUESTS_CA_BUNDLE from the environment wins over verify
    return session


def _timeout_adapter(session: requests.Session) -> None:
    """Every request of the session gives up after TIMEOUT_SECONDS: a hung CRM must not hang the sensor."""
    original = session.request

    def request(method: str, url: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", TIMEOUT_SECONDS)
        return original(method, url, **kwargs)

    # A deliberate per-instance wrapper; it forwards every argument, but is not spelled like typeshed's signature.
    session.request = request  # type: ignore[method-assign,assignment]


def connect(config: SalesforceConfig, session: requests.Session | None = None) -> Salesforce:
    """A signed-in client: client-credentials token from the org, then simple-salesforce on it."""
    session = session or http_session(config)
    _timeout_adapter(session)
    token_url = config.token_url or config.instance_url.rstrip("/") + "/services/oauth2/token"
    try:
        response = session.post(
            token_url,
            data={"grant_type": "client_credentials", "client_id": config.client_id,
                  "client_secret": config.client_secret},
        )  # fmt: skip
    except requests.RequestException as error:
        raise SalesforceUnavailable(f"Salesforce token endpoint unreachable: {type(error).__name__}") from error
    if response.status_code != 200:
        raise SalesforceUnavailable(f"Salesforce refused the token request (HTTP {response.status_code}).")
    token = response.json()
    instance_url = token.get("instance_url") or config.instance_url
    return Salesforce(instance_url=instance_url, session_id=token["access_token"], session=session,
                      version=config.api_version)  # fmt: skip


def upsert(client: Salesforce, sobject: str, external_field: str, external_id: str, fields: dict[str, Any]) -> int:
    """PATCH sobjects/<sobject>/<external_field>/<external_id>: 201 created, 204 updated."""
    try:
        return int(getattr(client, sobject).upsert(f"{external_field}/{external_id}", fields))
    except SalesforceMalformedRequest as error:
        raise SalesforceRejected(f"{sobject} {external_id}: {_messages(error.content)}") from error
    except SalesforceError as error:
        raise SalesforceUnavailable(f"{sobject} {external_id}: HTTP {error.status}") from error
    except requests.RequestException as error:
        raise SalesforceUnavailable(f"{sobject} {external_id}: {type(error).__name__}") from error


def bulk_upsert(
    client: Salesforce, sobject: str, external_field: str, records: list[dict[str, Any]], wait: float = 1.0
) -> dict[str, int]:
    """Bulk API 2.0: create an ingest job, upload the CSV, close it, poll until it completes."""
    if not records:
        return {"numberRecordsProcessed": 0, "numberRecordsFailed": 0, "numberRecordsTotal": 0}
    rows = [{k: "" if v is None else v for k, v in record.items()} for record in records]
    try:
        results = getattr(client.bulk2, sobject).upsert(records=rows, external_id_field=external_field, wait=wait)
    except (SalesforceError, SalesforceOperationError, requests.RequestException) as error:
        raise SalesforceUnavailable(f"bulk upsert of {sobject} failed: {error}") from error
    totals = {"numberRecordsProcessed": 0, "numberRecordsFailed": 0, "numberRecordsTotal": 0}
    for result in results:
        for name in totals:
            totals[name] += int(result.get(name, 0))
    return totals


def _messages(content: Any) -> str:
    """Salesforce errors come as [{"message": ..., "errorCode": ..., "fields": [...]}]."""
    if isinstance(content, list):
        return "; ".join(f"{e.get('errorCode', '')}: {e.get('message', '')}".strip(": ") for e in content
                         if isinstance(e, dict)) or str(content)  # fmt: skip
    return str(content)
