"""Publishing to YouTube: connecting a channel (OAuth), tokens encrypted at rest and refreshed before
they expire, and releases (a finished film uploaded with its metadata, thumbnail, playlist, schedule).

The FastAPI OAuth routes, the Watch page, `studio publish` and the `youtube_release` asset all come
through here; every permission check (the film is finished, the film is yours) lives here.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import delete, select

from integrations import youtube
from studio.domain.errors import UserError
from studio.domain.youtube_metadata import VideoMetadata, read_json, read_json_list, video_metadata
from studio.services.accounts import aware, now
from studio.services.deliverables import film_files
from studio.settings import Settings
from studio.store import FilmRow, FilmStore
from studio.store.accounts import UserRow
from studio.store.media import asset_dir, read_manifest
from studio.store.media_store import open_media_store
from studio.store.publishing import OAuthStateRow, YouTubeConnectionRow, YouTubeReleaseRow

PRIVACY = ("public", "unlisted", "private")
STATE_MINUTES = 10  # how long a "Connect YouTube" link stays valid
REFRESH_MARGIN = timedelta(minutes=5)  # refresh an access token this long before it expires
PLAYLIST_LIMIT = 150


class NotConfigured(UserError):
    """YouTube publishing has no OAuth client or token key in the settings."""


class OAuthStateInvalid(UserError):
    """The OAuth callback's `state` is unknown, used or expired: nothing is stored."""


class ReconnectYouTube(UserError):
    """The user must connect YouTube (again)."""


@dataclass(frozen=True)
class YouTubeStatus:
    configured: bool
    connected: bool
    channel_id: str | None = None
    channel_title: str | None = None
    message: str = ""


@dataclass(frozen=True)
class PublishOptions:
    privacy: str = "private"
    publish_at: datetime | None = None
    playlist: str | None = None
    thumbnail: int = 1


# ----- configuration and secrets -------------------------------------------------------------
def configured(settings: Settings) -> bool:
    return bool(settings.youtube_client_id and settings.youtube_client_secret and settings.token_key)


def youtube_config(settings: Settings, **overrides: Any) -> youtube.YouTubeConfig:
    if not configured(settings):
        raise NotConfigured(
            "YouTube publishing is not configured: set STUDIO_YOUTUBE_CLIENT_ID, STUDIO_YOUTUBE_CLIENT_SECRET "
            "and STUDIO_TOKEN_KEY."
        )
    config = youtube.YouTubeConfig(
        client_id=settings.youtube_client_id or "", client_secret=settings.youtube_client_secret or "",
        auth_uri=settings.youtube_auth_uri, token_uri=settings.youtube_token_uri, api_base=settings.youtube_api_base,
    )  # fmt: skip
    return replace(config, **overrides)


def _fernet(settings: Settings) -> Fernet:
    try:
        return Fernet((settings.token_key or "").encode())
    except (ValueError, TypeError):
        raise NotConfigured(
            "STUDIO_TOKEN_KEY is not a Fernet key (32 url-safe base64-encoded bytes; make one with "
            "`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`)."
        ) from None


def _seal(settings: Settings, secret: str) -> str:
    return _fernet(settings).encrypt(secret.encode()).decode()


def _open(settings: Settings, sealed: str) -> str:
    try:
        return _fernet(settings).decrypt(sealed.encode()).decode()
    except InvalidToken:
        raise ReconnectYouTube(
            "The stored YouTube token cannot be read (the token key changed); connect YouTube again."
        ) from None


def _hash(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()


# ----- connecting ----------------------------------------------------------------------------
def status(store: FilmStore, settings: Settings, user_id: str) -> YouTubeStatus:
    if not configured(settings):
        return YouTubeStatus(False, False, message="YouTube publishing is not configured on this studio.")
    with store.session() as session:
        link = session.get(YouTubeConnectionRow, user_id)
        if link is None:
            return YouTubeStatus(True, False, message="Connect your YouTube channel to publish films.")
        if not link.active:
            return YouTubeStatus(True, False, link.channel_id, link.channel_title,
                                 "YouTube access was revoked or expired; connect YouTube again.")  # fmt: skip
        return YouTubeStatus(True, True, link.channel_id, link.channel_title, f"Connected to {link.channel_title}.")


def start_connect(store: FilmStore, settings: Settings, user_id: str, redirect_uri: str) -> str:
    """The Google consent URL for this user; its `state` is remembered (hashed) for the callback."""
    config = youtube_config(settings)
    _fernet(settings)  # a bad key is reported before the user goes to Google, not after
    state = secrets.token_urlsafe(32)
    url, verifier = youtube.authorization_url(config, redirect_uri, state)
    with store.session() as session:
        session.execute(delete(OAuthStateRow).where(OAuthStateRow.expires_at < now()))
        session.add(OAuthStateRow(state_hash=_hash(state), user_id=user_id, code_verifier=verifier,
                                  expires_at=now() + timedelta(minutes=STATE_MINUTES)))  # fmt: skip
    return url


def finish_connect(store: FilmStore, settings: Settings, state: str, code: str, redirect_uri: str,
                   error: str | None = None, expected_user_id: str | None = None) -> YouTubeStatus:  # fmt: skip
    """The OAuth callback: check `state` (one use, and started by `expected_user_id` when given: the
    browser that finishes is the one that started), trade the code, store the channel and sealed tokens."""
    config = youtube_config(settings)
    if not state or not isinstance(state, str) or len(state) > 200:
        raise OAuthStateInvalid("This YouTube connection link is invalid; start again from the Watch page.")
    with store.session() as session:  # consumed whatever happens next: a state works once
        pending = session.get(OAuthStateRow, _hash(state))
        if pending is None or aware(pending.expires_at) < now() or (
                expected_user_id is not None and pending.user_id != expected_user_id):  # fmt: skip
            raise OAuthStateInvalid(
                "This YouTube connection link is invalid or has expired; start again from the Watch page."
            )
        user_id, verifier = pending.user_id, pending.code_verifier
        session.delete(pending)
    if error:
        raise UserError(f"YouTube access was not granted ({error[:100]}).")
    if not code or len(code) > 2000:
        raise UserError("Google sent no authorisation code; start again from the Watch page.")
    try:
        tokens = youtube.exchange_code(config, redirect_uri, code, verifier)
        channel_id, channel_title = youtube.YouTubeClient(config, tokens.access_token).channel()
    except youtube.YouTubeError as failure:
        raise UserError(str(failure)) from failure
    with store.session() as session:
        link = session.get(YouTubeConnectionRow, user_id) or YouTubeConnectionRow(user_id=user_id)
        link.channel_id, link.channel_title, link.active = channel_id, channel_title[:300], True
        link.refresh_token_enc = _seal(settings, tokens.refresh_token or "")
        link.access_token_enc = _seal(settings, tokens.access_token)
        link.expires_at, link.scopes, link.connected_at = tokens.expiry, " ".join(tokens.scopes), now()
        session.add(link)
    return status(store, settings, user_id)


def disconnect(store: FilmStore, user_id: str) -> None:
    """Forget the tokens; the channel stays on record as inactive (the CRM hears of it)."""
    with store.session() as session:
        link = session.get(YouTubeConnectionRow, user_id)
        if link is not None:
            link.active, link.refresh_token_enc, link.access_token_enc = False, "", None


def access_token(store: FilmStore, settings: Settings, user_id: str, config: youtube.YouTubeConfig) -> str:
    """A usable access token, refreshed when it expires within five minutes. A refused refresh
    marks the link inactive and asks the user to reconnect."""
    with store.session() as session:
        link = session.get(YouTubeConnectionRow, user_id)
        if link is None or not link.active or not link.refresh_token_enc:
            raise ReconnectYouTube("Connect your YouTube channel first (Watch page, Connect YouTube).")
        sealed_access, sealed_refresh, expires = link.access_token_enc, link.refresh_token_enc, link.expires_at
    if sealed_access and expires is not None and aware(expires) - now() > REFRESH_MARGIN:
        return _open(settings, sealed_access)
    try:
        tokens = youtube.refresh(config, _open(settings, sealed_refresh))
    except youtube.TokenRevoked as revoked:
        with store.session() as session:
            link = session.get(YouTubeConnectionRow, user_id)
            if link is not None:
                link.active, link.access_token_enc = False, None
        raise ReconnectYouTube(str(revoked)) from revoked
    except youtube.YouTubeError as failure:
        raise UserError(str(failure)) from failure
    with store.session() as session:
        link = session.get(YouTubeConnectionRow, user_id)
        if link is not None:
            link.access_token_enc, link.expires_at = _seal(settings, tokens.access_token), tokens.expiry
            if tokens.refresh_token:
                link.refresh_token_enc = _seal(settings, tokens.refresh_token)
    return tokens.access_token


# ----- releases ------------------------------------------------------------------------------
def parse_publish_at(text: str | None, moment: datetime | None = None) -> datetime | None:
    """An ISO 8601 time in the future (UTC when no offset is given)."""
    if text is None or not str(text).strip():
        return None
    try:
        when = datetime.fromisoformat(str(text).strip().replace("Z", "+00:00"))
    except ValueError:
        raise UserError(f"--publish-at {text!r} is not an ISO 8601 time such as 2027-01-31T18:00:00+05:30.") from None
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    if when <= (moment or now()) + timedelta(minutes=1):
        raise UserError("The publishing time must be in the future.")
    return when.astimezone(UTC)


def _check_options(options: PublishOptions, thumbnails: int) -> PublishOptions:
    if options.privacy not in PRIVACY:
        raise UserError(f"Privacy must be one of {', '.join(PRIVACY)}.")
    if options.publish_at is not None and options.privacy == "unlisted":
        raise UserError("A scheduled video goes public at its time; choose public or private with --publish-at.")
    playlist = (options.playlist or "").strip() or None
    if playlist is not None and (len(playlist) > PLAYLIST_LIMIT or "<" in playlist or ">" in playlist):
        raise UserError(f"A playlist name has at most {PLAYLIST_LIMIT} characters and no < or >.")
    if not 1 <= options.thumbnail <= max(thumbnails, 1):
        raise UserError(f"Choose thumbnail 1 to {thumbnails}.")
    return replace(options, playlist=playlist)


def request_release(store: FilmStore, settings: Settings, user_id: str, film_id: str, options: PublishOptions,
                    allow_unowned: bool = False) -> int:  # fmt: skip
    """Check everything, then record a release for the `youtube_release` asset; returns its id.

    Refuses (UserError, nothing recorded): publishing not configured, a film that is not the user's
    (`allow_unowned`: command-line films that have no owner), not finished, no connected channel.
    """
    youtube_config(settings)
    with store.session() as session:
        film = session.get(FilmRow, film_id) if isinstance(film_id, str) and len(film_id) <= 32 else None
        if film is None:
            raise UserError(f"No film with id {film_id!r}.")
        if film.owner_id != user_id and not (allow_unowned and film.owner_id is None):
            raise UserError("This film is not yours; only its owner can publish it.")
        if film.status != "ready":
            raise UserError(f"The film is {film.status}; only a finished film can be published.")
    files = film_files(settings.media_root, film_id, open_media_store(settings.media_store, settings.media_root))
    if "mp4" not in files:
        raise UserError("The film has no finished MP4; render it first.")
    options = _check_options(options, sum(name.startswith("thumbnail_") for name in files))
    status_now = status(store, settings, user_id)
    if not status_now.connected:
        raise ReconnectYouTube(status_now.message)
    with store.session() as session:
        release = YouTubeReleaseRow(film_id=film_id, user_id=user_id, privacy=options.privacy,
                                    publish_at=options.publish_at, playlist=options.playlist,
                                    thumbnail=options.thumbnail, state="requested")  # fmt: skip
        session.add(release)
        session.flush()
        return release.id


def latest_release(store: FilmStore, film_id: str, states: tuple[str, ...] = ("requested",)) -> int | None:
    with store.session() as session:
        return session.scalar(
            select(YouTubeReleaseRow.id)
            .where(YouTubeReleaseRow.film_id == film_id, YouTubeReleaseRow.state.in_(states))
            .order_by(YouTubeReleaseRow.id.desc())
            .limit(1)
        )


def film_metadata(store: FilmStore, settings: Settings, film_id: str) -> VideoMetadata:
    """Title, description with chapters, tags and category from the film's script and breakdown."""
    film = store.get_film(film_id)
    media = open_media_store(settings.media_store, settings.media_root)
    final = read_manifest(media.ensure_local(film_id, "final_cut"))  # from the bucket when on S3
    breakdown = read_json(
        asset_dir(settings.media_root, film_id, "final_cut") / final.get("breakdown", "breakdown.json")
    )
    if breakdown is None:
        raise UserError("The film's breakdown.json is missing; render the film again.")
    voices_dir = media.ensure_local(film_id, "voice_tracks")
    voices = read_json(voices_dir / "manifest.json") if voices_dir.is_dir() else None
    licences = read_json_list(
        asset_dir(settings.media_root, film_id, "final_cut") / final.get("licences", "licences.json")
    )
    return video_metadata(film.title, film.script, breakdown, float(final.get("duration", 0.0)), voices, licences)


def video_body(metadata: VideoMetadata, release: YouTubeReleaseRow) -> dict[str, Any]:
    status_part: dict[str, Any] = {"privacyStatus": release.privacy, "selfDeclaredMadeForKids": False}
    if release.publish_at is not None:  # YouTube publishes a private video at publishAt
        status_part.update(privacyStatus="private",
                           publishAt=aware(release.publish_at).strftime("%Y-%m-%dT%H:%M:%S.000Z"))  # fmt: skip
    return {"snippet": {"title": metadata.title, "description": metadata.description, "tags": metadata.tags,
                        "categoryId": metadata.category_id}, "status": status_part}  # fmt: skip


def perform_release(store: FilmStore, settings: Settings, release_id: int,
                    on_progress: Callable[[int, int], None] | None = None, **overrides: Any) -> dict[str, Any]:  # fmt: skip
    """Upload the film (resumably), set its thumbnail, add it to the playlist; returns what was done.
    The release row records each outcome, so the Watch page and the CRM can show it."""
    with store.session() as session:
        release = session.get(YouTubeReleaseRow, release_id)
        if release is None:
            raise UserError(f"No YouTube release {release_id}.")
        session.expunge(release)
    config = youtube_config(settings, **overrides)

    def mark(**fields: Any) -> None:
        with store.session() as session:
            row = session.get(YouTubeReleaseRow, release_id)
            for name, value in fields.items():
                setattr(row, name, value)

    try:
        media = open_media_store(settings.media_store, settings.media_root)
        media.ensure_local(release.film_id, "final_cut")  # the MP4 and thumbnails to upload, from the bucket on S3
        files = film_files(settings.media_root, release.film_id, media)
        metadata = film_metadata(store, settings, release.film_id)
        client = youtube.YouTubeClient(config, access_token(store, settings, release.user_id, config))
        mark(state="uploading", error=None)
        video = client.upload(files["mp4"], video_body(metadata, release), on_progress)
        video_id = video["id"]
        mark(video_id=video_id)
        thumbnail = files.get(f"thumbnail_{release.thumbnail}")
        if thumbnail is not None:
            client.set_thumbnail(video_id, thumbnail)
        playlist_id, created = None, False
        if release.playlist:
            playlist_id, created = client.playlist(
                release.playlist, "private" if release.publish_at else release.privacy
            )
            client.add_to_playlist(playlist_id, video_id)
    except (UserError, youtube.YouTubeError) as failure:
        mark(state="failed", error=str(failure)[:2000])
        if isinstance(failure, UserError):
            raise
        raise UserError(str(failure)) from failure
    mark(state="done", playlist_id=playlist_id)
    return {
        "video_id": video_id, "url": f"https://www.youtube.com/watch?v={video_id}", "privacy": release.privacy,
        "publish_at": aware(release.publish_at).isoformat() if release.publish_at else None,
        "playlist": release.playlist, "playlist_id": playlist_id, "playlist_created": created,
        "thumbnail": thumbnail.name if thumbnail else None, "title": metadata.title, "tags": metadata.tags,
        "chapters": [c.line() for c in metadata.chapters], "chapters_note": metadata.chapters_note,
    }  # fmt: skip


def user_by_email(store: FilmStore, email: str) -> str:
    with store.session() as session:
        user_id = session.scalar(select(UserRow.id).where(UserRow.email == (email or "").strip().lower()))
    if user_id is None:
        raise UserError(f"No account with email {email!r}.")
    return user_id
