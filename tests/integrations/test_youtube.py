"""integrations.youtube with google-api-python-client against the local YouTube/OAuth server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from integrations import youtube
from tests.fakes.youtube_server import FakeYouTube


@pytest.fixture
def fake() -> Iterator[FakeYouTube]:
    server = FakeYouTube().start()
    yield server
    server.stop()


@pytest.fixture
def config(fake: FakeYouTube, monkeypatch: pytest.MonkeyPatch) -> youtube.YouTubeConfig:
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")  # the local server speaks plain http
    return youtube.YouTubeConfig(client_id=fake.client_id, client_secret=fake.client_secret,
                                 auth_uri=f"{fake.url}/o/oauth2/auth", token_uri=f"{fake.url}/token",
                                 api_base=fake.url, timeout=3.0, chunk_size=256 * 1024, backoff_seconds=0.01)  # fmt: skip


def _video(tmp_path: Path, size: int = 900_000) -> Path:
    path = tmp_path / "film.mp4"
    path.write_bytes(os.urandom(size))
    return path


def test_upload_resumes_after_a_dropped_connection_and_a_503(fake: FakeYouTube, config: youtube.YouTubeConfig,
                                                              tmp_path: Path) -> None:  # fmt: skip
    path = _video(tmp_path)
    fake.faults = {2: "drop", 3: "drop", 4: "503"}  # two drops in a row: httplib2's own resend fails too
    progress: list[int] = []
    client = youtube.YouTubeClient(config, fake.issue()["access_token"], sleep=lambda _s: None)
    video = client.upload(path, {"snippet": {"title": "Lamp", "categoryId": "1"}, "status": {"privacyStatus": "private"}},
                          on_progress=lambda done, total: progress.append(done))  # fmt: skip
    stored = fake.videos[video["id"]]
    assert stored["bytes"] == path.read_bytes()  # every byte, once, in order
    assert stored["snippet"]["title"] == "Lamp"
    assert any(entry.startswith("drop at") for entry in fake.log) and any(e.startswith("503") for e in fake.log)
    # After each failure the client asked where to resume and went on from the server's offset.
    assert sum(entry.startswith("query") for entry in fake.log) >= 2
    dropped_at = int(next(e for e in fake.log if e.startswith("drop at")).split()[-1])
    assert dropped_at % (256 * 1024) != 0  # a resume from a non-chunk boundary: the server's Range, not a guess
    assert progress[-1] == path.stat().st_size


def test_upload_gives_up_after_repeated_failures(
    fake: FakeYouTube, config: youtube.YouTubeConfig, tmp_path: Path
) -> None:
    path = _video(tmp_path, 300_000)
    fake.faults = {n: "503" for n in range(1, 50)}
    client = youtube.YouTubeClient(config, fake.issue()["access_token"], sleep=lambda _s: None)
    with pytest.raises(youtube.UploadFailed, match="failed 9 times"):
        client.upload(path, {"snippet": {"title": "x"}, "status": {"privacyStatus": "private"}})
    assert not fake.videos


def test_oauth_code_flow_and_refresh(fake: FakeYouTube, config: youtube.YouTubeConfig) -> None:
    url, verifier = youtube.authorization_url(config, "http://127.0.0.1:9/oauth/youtube/callback", "state-123")
    query = parse_qs(urlparse(url).query)
    assert set(query["scope"][0].split()) == set(youtube.SCOPES) and query["access_type"] == ["offline"]
    consent = requests.get(url, allow_redirects=False, timeout=5)
    answer = parse_qs(urlparse(consent.headers["Location"]).query)
    assert answer["state"] == ["state-123"]
    tokens = youtube.exchange_code(config, "http://127.0.0.1:9/oauth/youtube/callback", answer["code"][0], verifier)
    assert tokens.refresh_token and tokens.access_token in fake.access and tokens.expiry is not None
    fresh = youtube.refresh(config, tokens.refresh_token)
    assert fresh.access_token != tokens.access_token and fresh.access_token in fake.access
    assert youtube.YouTubeClient(config, fresh.access_token).channel() == (fake.channel["id"], fake.channel["title"])
    fake.revoke_all()
    with pytest.raises(youtube.TokenRevoked, match="connect YouTube again"):
        youtube.refresh(config, tokens.refresh_token)


def test_a_wrong_code_verifier_is_refused(fake: FakeYouTube, config: youtube.YouTubeConfig) -> None:
    url, _ = youtube.authorization_url(config, "http://127.0.0.1:9/cb", "s")
    code = parse_qs(urlparse(requests.get(url, allow_redirects=False, timeout=5).headers["Location"]).query)["code"][0]
    with pytest.raises(youtube.YouTubeError, match="refused the authorisation"):
        youtube.exchange_code(config, "http://127.0.0.1:9/cb", code, "not-the-verifier-" + "x" * 40)
