"""A Salesforce org on 127.0.0.1 over TLS: OAuth client-credentials token, sObject upsert by external
id (PATCH /services/data/vXX.X/sobjects/Obj/Field/value) and Bulk API 2.0 ingest jobs.

Validation rules like a real org's: AI_Project__c needs a non-empty Title__c; AI_Credit__c's
Balance__c cannot be negative. `down = True` answers 503 SERVER_UNAVAILABLE to everything (an outage).
"""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.fakes.tls import make_certificate

_UPSERT = re.compile(r"^/services/data/v\d+\.\d+/sobjects/(\w+)/(\w+)/([^/]+)$")
_JOBS = re.compile(r"^/services/data/v\d+\.\d+/jobs/ingest(?:/(\w+)(/batches)?)?$")


def _validate(sobject: str, fields: dict[str, Any]) -> list[dict[str, Any]]:
    errors = []
    if sobject == "AI_Project__c" and not str(fields.get("Title__c") or "").strip():
        errors.append({"message": "Required fields are missing: [Title__c]", "errorCode": "REQUIRED_FIELD_MISSING",
                       "fields": ["Title__c"]})  # fmt: skip
    if sobject == "AI_Credit__c" and float(fields.get("Balance__c") or 0) < 0:
        errors.append({"message": "Balance cannot be negative", "errorCode": "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                       "fields": ["Balance__c"]})  # fmt: skip
    return errors


class FakeSalesforce:
    def __init__(self, folder: Path, client_id: str = "studio-app", client_secret: str = "s3cret") -> None:
        self.cert, key = make_certificate(folder)
        self.client_id, self.client_secret = client_id, client_secret
        self.records: dict[str, dict[str, dict[str, Any]]] = {}  # sObject -> external id -> fields
        self.requests: list[tuple[str, str]] = []
        self.jobs: dict[str, dict[str, Any]] = {}
        self.tokens: set[str] = set()
        self.down = False
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, key)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> FakeSalesforce:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- behaviour ---------------------------------------------------------------------------
    def upsert(self, sobject: str, field: str, value: str, fields: dict[str, Any]) -> tuple[int, Any]:
        errors = _validate(sobject, fields)
        if errors:
            return 400, errors
        with self.lock:
            table = self.records.setdefault(sobject, {})
            created = value not in table
            table[value] = {**table.get(value, {}), **fields, field: value}
        if created:
            return 201, {"id": secrets.token_hex(9), "success": True, "errors": [], "created": True}
        return 204, None

    def close_job(self, job: dict[str, Any]) -> None:
        """Process the uploaded CSV like Salesforce does after UploadComplete."""
        job["state"] = "InProgress"
        processed = failed = 0
        for row in csv.DictReader(io.StringIO(job["data"])):
            fields = {k: v for k, v in row.items() if v != ""}
            status, _ = self.upsert(job["object"], job["externalIdFieldName"], row[job["externalIdFieldName"]], fields)
            processed += 1
            failed += status >= 400
        job.update(state="JobComplete", numberRecordsProcessed=processed, numberRecordsFailed=failed)


def _handler(fake: FakeSalesforce) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_args: Any) -> None:
            pass

        def _send(self, status: int, body: Any = None, content_type: str = "application/json") -> None:
            data = b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
            self.send_response(status)
            if data:
                self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def _authorised(self) -> bool:
            header = self.headers.get("Authorization", "")
            if header.removeprefix("Bearer ") in fake.tokens:
                return True
            self._send(401, [{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}])
            return False

        def _route(self, method: str) -> None:
            body = self._body()
            fake.requests.append((method, self.path))
            if fake.down:
                self._send(503, [{"message": "Service unavailable", "errorCode": "SERVER_UNAVAILABLE"}])
                return
            if method == "POST" and self.path == "/services/oauth2/token":
                from urllib.parse import parse_qs

                form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
                if (form.get("grant_type"), form.get("client_id"), form.get("client_secret")) != (
                        "client_credentials", fake.client_id, fake.client_secret):  # fmt: skip
                    self._send(400, {"error": "invalid_client", "error_description": "invalid client credentials"})
                    return
                token = secrets.token_urlsafe(24)
                fake.tokens.add(token)
                self._send(200, {"access_token": token, "instance_url": fake.url, "token_type": "Bearer",
                                 "issued_at": "0", "signature": "x"})  # fmt: skip
                return
            if not self._authorised():
                return
            match = _UPSERT.match(self.path)
            if match and method == "PATCH":
                status, answer = fake.upsert(*match.groups(), json.loads(body or b"{}"))
                self._send(status, answer)
                return
            match = _JOBS.match(self.path)
            if match:
                self._job(method, match.group(1), bool(match.group(2)), body)
                return
            self._send(404, [{"message": f"no route {method} {self.path}", "errorCode": "NOT_FOUND"}])

        def _job(self, method: str, job_id: str | None, batches: bool, body: bytes) -> None:
            if job_id is None and method == "POST":
                spec = json.loads(body)
                job = {"id": "750" + secrets.token_hex(6), "operation": spec["operation"], "object": spec["object"],
                       "externalIdFieldName": spec.get("externalIdFieldName"), "state": "Open",
                       "contentType": spec.get("contentType", "CSV"), "data": "", "steps": ["created"]}  # fmt: skip
                fake.jobs[job["id"]] = job
                self._send(200, {k: v for k, v in job.items() if k not in ("data", "steps")})
                return
            job = fake.jobs.get(job_id or "")
            if job is None:
                self._send(404, [{"message": "job not found", "errorCode": "NOT_FOUND"}])
            elif batches and method == "PUT":
                if job["state"] != "Open":
                    self._send(400, [{"message": "job not open", "errorCode": "INVALIDJOBSTATE"}])
                    return
                job["data"] += body.decode("utf-8")
                job["steps"].append("uploaded")
                self._send(201)
            elif method == "PATCH":
                state = json.loads(body)["state"]
                job["steps"].append(state)
                if state == "UploadComplete":
                    fake.close_job(job)
                    job["state"] = "UploadComplete" if job["state"] != "JobComplete" else "JobComplete"
                else:
                    job["state"] = state
                self._send(200, {k: v for k, v in job.items() if k not in ("data", "steps")})
            elif method == "GET":
                job["steps"].append("polled")
                self._send(200, {k: v for k, v in job.items() if k not in ("data", "steps")})
            else:
                self._send(405, [{"message": "method not allowed", "errorCode": "METHOD_NOT_ALLOWED"}])

        def do_GET(self) -> None:  # noqa: N802
            self._route("GET")

        def do_POST(self) -> None:  # noqa: N802
            self._route("POST")

        def do_PATCH(self) -> None:  # noqa: N802
            self._route("PATCH")

        def do_PUT(self) -> None:  # noqa: N802
            self._route("PUT")

        def do_DELETE(self) -> None:  # noqa: N802
            self._route("DELETE")

    return Handler
