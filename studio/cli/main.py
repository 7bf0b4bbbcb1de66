"""The `studio` command line."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from studio.domain.errors import RenderFailed, UserError
from studio.settings import Settings


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def _delivery(film_format: Any, options: dict[str, Any]) -> tuple[Any, str | None]:
    """Add the watermark and burned-in subtitle options; with --film, start from the film's stored
    settings and replace only the options given on the command line."""
    from dataclasses import replace

    from studio.services.rerender import burn_options, given_fields, merged_format, stored_settings

    burn = burn_options(options["burn"], options["subtitle_size"], options["subtitle_colour"],
                        options["subtitle_position"], options["subtitle_background"])  # fmt: skip
    film_format = replace(film_format, watermark=options["watermark"], burn_subtitles=burn)
    film_id = options["film_id"]
    if film_id is None:
        return film_format, None
    context = click.get_current_context()
    given = {name: context.get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE
             for name in context.params}  # fmt: skip
    merged = merged_format(stored_settings(Settings.from_env(), film_id), film_format, given_fields(given))
    return replace(merged, draft=film_format.draft), film_id  # a draft is per pass: the next render is final


def _check_media_store() -> None:
    """STUDIO_MEDIA_STORE=s3: the bucket exists and takes these credentials (studio/store/media_store.py)."""
    from studio.store.media_store import check_media_store

    settings = Settings.from_env()
    check_media_store(settings.media_store, settings.media_root)


@click.group()
def main() -> None:
    """Film Studio: turn a script into a short film."""


@main.command()
@click.argument("script", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Folder for the film's files.")
@click.option("--duration", type=float, default=None, help="Target length in seconds (default: natural length).")
@click.option("--aspect", type=click.Choice(["16:9", "9:16"]), default="16:9", show_default=True)
@click.option("--resolution", type=click.Choice(["480p", "720p", "1080p"]), default="720p", show_default=True)
@click.option("--fps", type=click.Choice(["24", "30"]), default="24", show_default=True)
@click.option("--voice", "voice_pairs", multiple=True, metavar="NAME=VOICE_ID", help="Cast a character's voice.")
@click.option(
    "--mode",
    type=click.Choice(["auto", "film", "podcast"]),
    default="auto",
    show_default=True,
    help="podcast: two hosts, conversational pauses; auto: podcast for two-person NAME: line scripts.",
)
@click.option("--watermark/--no-watermark", default=False, help="Mark every frame (the free tier's watermark).")
@click.option("--burn-subtitles", "burn", is_flag=True, help="Burn the subtitles into the picture.")
@click.option("--subtitle-size", type=int, default=None, help="Burned-in subtitle size in pixels (12-160).")
@click.option("--subtitle-colour", default=None, help="Burned-in subtitle colour: a name or #rrggbb.")
@click.option("--subtitle-position", type=click.Choice(["top", "bottom"]), default=None)
@click.option("--subtitle-background/--no-subtitle-background", default=None, help="A box behind the subtitles.")
@click.option("--film", "film_id", default=None, metavar="ID", help="Re-render this existing film after an edit.")
@click.option(
    "--music",
    "music_file",
    type=click.Path(path_type=Path),
    default=None,
    help="Your own MP3/WAV (at most 50 MB) instead of the composed score; looped or trimmed to fit.",
)
@click.option(
    "--music-style",
    "music_style",
    default="auto",
    show_default=True,
    type=click.Choice(["auto", "indian", "devotional", "orchestral", "ambient", "contemporary"]),
    help="Style of the composed score; auto follows each scene's mood and culture.",
)
@click.option(
    "--loudness",
    type=click.Choice(["youtube", "broadcast"]),
    default="youtube",
    show_default=True,
    help="youtube: -14 LUFS; broadcast: -23 LUFS (EBU R 128); true peak -1 dBTP either way.",
)
@click.option(
    "--subtitle-language",
    "subtitle_languages",
    multiple=True,
    metavar="LANG",
    help="Also write subtitles translated to LANG (es: English<->Spanish through apertium).",
)
@click.option(
    "--culture",
    default="auto",
    show_default=True,
    type=click.Choice(["auto", "indian", "western", "middle_eastern", "east_asian", "african", "latin"]),
    help="Cultural context of pictures and score; auto reads it from the script.",
)
@click.option(
    "--style",
    type=click.Choice(["flat", "storybook"]),
    default="flat",
    show_default=True,
    help="The illustrator's visual style.",
)
@click.option(
    "--reference",
    "references",
    multiple=True,
    metavar="[NAME=]PATH",
    help="A JPG/PNG/WEBP (at most 10 MB, 20 per film): PATH is a scene background, NAME=PATH a "
    "character's reference photo (actor-reference mode).",
)
@click.option("--strict", is_flag=True, help="Exit with code 3 when a quality check failed.")
@click.option("--draft", is_flag=True, help="A quick review pass: 480p, 12 fps, the same timing and sound.")
def render(
    script: Path, out_dir: Path, duration: float | None, aspect: str, resolution: str, fps: str,
    voice_pairs: tuple[str, ...], mode: str = "auto", **delivery: Any,
) -> None:  # fmt: skip
    """Render SCRIPT (Fountain, prose or NAME: dialogue) into a film in --out."""
    strict = bool(delivery.pop("strict", False))
    from studio.cli.characters import keep_request_references, parse_references
    from studio.cli.render import RenderRequest, prepare
    from studio.domain.formats import FilmFormat
    from studio.domain.validation import check_duration, parse_voice_overrides

    try:
        film_format = FilmFormat(
            aspect=aspect,
            resolution=resolution,
            fps=int(fps),
            duration=check_duration(duration),
            voices=parse_voice_overrides(voice_pairs),
            mode=mode,
            music_file=str(delivery.pop("music_file")) if delivery.get("music_file") else None,
            music_style=delivery.pop("music_style", "auto"),
            loudness=delivery.pop("loudness", "youtube"),
            subtitle_languages=list(delivery.pop("subtitle_languages", ())),
            style=delivery.pop("style", "flat"),
            culture=delivery.pop("culture", "auto"),
            references=parse_references(delivery.pop("references", ())),
            draft=bool(delivery.pop("draft", False)),
        )
        film_format, film_id = _delivery(film_format, delivery)
        request = RenderRequest(script, out_dir, film_format, film_id)
        prepared = prepare(request, Settings.from_env())  # the script and options, checked without writing
        _check_media_store()  # S3 settings wrong: fail before anything is written (a local store makes its folder)
        request = keep_request_references(request, Settings.from_env().home)  # after every check passed
    except (UserError, ValueError) as error:
        _fail(str(error))

    from tqdm import tqdm

    from studio.cli.render import render as render_film
    from studio.domain.runs import RunProgress

    settings = Settings.from_env()
    # This process is the entry point: the daemon it may start, and the run's step processes, inherit
    # the environment and the pipeline's resources read the settings from it (EnvVar).
    settings.export()
    try:
        # The same progress the app's Render page shows: status, current step, percent of the attempt.
        with tqdm(total=100.0, desc="queued", file=sys.stderr, bar_format="{desc}: {percentage:3.0f}%|{bar}|") as bar:

            def progress(state: RunProgress) -> None:
                bar.set_description_str(f"{state.status} {state.current_asset or ''}".strip(), refresh=False)
                bar.update(state.percent - bar.n)

            report = render_film(request, settings, progress, prepared)
    except (UserError, RenderFailed) as error:
        _fail(str(error))
    from studio.domain.checks import checks_summary

    click.echo(f"Film {report['film_id']}: {report['duration']:.1f} s")
    click.echo(f"MP4: {(out_dir / 'film.mp4').resolve()}")
    lines, failed = checks_summary(report["checks"])
    for line in lines:
        click.echo(line)
    if strict and failed:
        sys.exit(3)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of {id, name, engine, age, gender, language}.")
def voices(as_json: bool) -> None:
    """List the voice catalogue."""
    from studio.cli.voices import voices_text

    click.echo(voices_text(as_json))


@main.command()
@click.option("--voice", "voice_id", required=True, help="Voice id (see `studio voices`).")
@click.option("--out", required=True, type=click.Path(path_type=Path), help="WAV file to write.")
@click.argument("text")
def say(voice_id: str, out: Path, text: str) -> None:
    """Speak TEXT with one voice into a WAV file."""
    from studio.cli.voices import say as speak

    try:
        result = speak(voice_id, text, out)
    except UserError as error:
        _fail(str(error))
    click.echo(f"{result['file']}: {result['seconds']:.2f} s ({result['voice']})")


@main.command()
@click.option("--port", default=3000, show_default=True)
def dagster(port: int) -> None:
    """Open the Dagster UI on 127.0.0.1 for the same instance the CLI renders into."""
    from studio.orchestration.execute import open_instance

    try:  # the same engine profile as `studio render` and `studio up`, checked before anything is written
        settings = Settings.from_env()
        open_instance(settings)
    except (ValueError, UserError) as error:
        _fail(str(error))
    settings.export()  # `dagster dev` and its code location read the studio's settings from the environment
    root = Path(__file__).resolve().parents[2]
    workspace = root / "workspace.yaml"
    exe = Path(sys.executable).with_name("dagster")
    os.execv(str(exe), [str(exe), "dev", "-w", str(workspace), "-h", "127.0.0.1", "-p", str(port)])


from studio.cli.up import up  # noqa: E402  (its own module: the studio app, Dagster UI and daemon)

main.add_command(up)
from studio.cli.admin import admin  # noqa: E402  (accounts from the shell)

main.add_command(admin)

from studio.cli.characters import characters  # noqa: E402  (character versions: list, add, rollback)

main.add_command(characters)
from studio.cli.plan import plan  # noqa: E402  (pre-production documents)

main.add_command(plan)

from studio.cli.crm import crm  # noqa: E402  (Salesforce outbox, dead letter, backfill)

main.add_command(crm)
from studio.cli.publish import publish  # noqa: E402  (YouTube publishing)

main.add_command(publish)
from studio.cli.backup import backup  # noqa: E402  (encrypted store backups)

main.add_command(backup)
from studio.cli.apikey import apikey  # noqa: E402  (public API keys: create, list, revoke)

main.add_command(apikey)
from studio.cli.org import org, usage  # noqa: E402  (organisations, credit pools, usage report)

main.add_command(org)
main.add_command(usage)
from studio.cli.films import films  # noqa: E402  (films with live status; --json)

main.add_command(films)
from studio.cli.audit import audit  # noqa: E402  (audit log export)

main.add_command(audit)
