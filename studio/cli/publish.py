"""`studio publish FILM_ID --privacy ...`: publish a finished film to YouTube through the
`youtube_release` asset (so the Dagster UI shows it)."""

from __future__ import annotations

import sys

import click

from studio.settings import Settings


@click.command()
@click.argument("film_id")
@click.option("--privacy", type=click.Choice(["public", "unlisted", "private"]), required=True)
@click.option(
    "--publish-at",
    "publish_at",
    default=None,
    metavar="ISO",
    help="Publish at this time (ISO 8601, e.g. 2027-01-31T18:00:00+05:30); private until then.",
)
@click.option("--playlist", default=None, metavar="NAME", help="Add to this playlist, created if the channel has none.")
@click.option(
    "--thumbnail", type=click.IntRange(1, 3), default=1, show_default=True, help="Which of the three thumbnails."
)
@click.option(
    "--user",
    "email",
    default=None,
    metavar="EMAIL",
    help="The account whose connected channel publishes (default: the film's owner).",
)
def publish(film_id: str, privacy: str, publish_at: str | None, playlist: str | None, thumbnail: int,
            email: str | None) -> None:  # fmt: skip
    """Upload a finished film to YouTube with generated title, description, chapters and tags."""
    from dagster_project.release_run import publish_through_dagster
    from studio.domain.errors import UserError
    from studio.services import publishing
    from studio.store import FilmStore

    settings = Settings.from_env()
    settings.ensure_dirs()
    store = FilmStore(settings.database_url)
    store.migrate()
    try:
        options = publishing.PublishOptions(privacy, publishing.parse_publish_at(publish_at), playlist, thumbnail)
        if email:
            user_id = publishing.user_by_email(store, email)
        else:
            film = store.get_film(film_id) if len(film_id) <= 32 else None
            if film is None or film.owner_id is None:
                raise UserError("This film has no owner in the studio (made on the command line); name the account "
                                "whose channel publishes it with --user EMAIL.")  # fmt: skip
            user_id = film.owner_id
        release_id = publishing.request_release(store, settings, user_id, film_id, options, allow_unowned=bool(email))
        result = publish_through_dagster(settings, film_id, release_id)
    except (UserError, LookupError) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    click.echo(
        f"Published: {result['url']} ({result['privacy']}"
        + (f", goes public {result['publish_at']}" if result.get("publish_at") else "")
        + ")"
    )
    if result.get("playlist"):
        click.echo(f"Playlist: {result['playlist']} ({'created' if result['playlist_created'] else 'existing'})")
    click.echo(
        f"Chapters: {len(result['chapters'])}"
        + (f" ({result['chapters_note']})" if result.get("chapters_note") else "")
    )
