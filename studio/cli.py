"""The `studio` command line."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from studio.errors import RenderFailed, UserError
from studio.settings import Settings


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


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
def render(
    script: Path, out_dir: Path, duration: float | None, aspect: str, resolution: str, fps: str,
    voice_pairs: tuple[str, ...],
) -> None:  # fmt: skip
    """Render SCRIPT (Fountain, prose or NAME: dialogue) into a film in --out."""
    from studio.formats import FilmFormat
    from studio.render import RenderRequest, prepare
    from studio.validation import check_duration, parse_voice_overrides

    try:
        film_format = FilmFormat(
            aspect=aspect,
            resolution=resolution,
            fps=int(fps),
            duration=check_duration(duration),
            voices=parse_voice_overrides(voice_pairs),
        )
        request = RenderRequest(script, out_dir, film_format)
        prepared = prepare(request)
    except (UserError, ValueError) as error:
        _fail(str(error))

    from tqdm import tqdm

    from dagster_project.definitions import STEP_COUNT
    from studio.render import render as render_film

    try:
        with tqdm(total=STEP_COUNT, desc="rendering", unit="step", file=sys.stderr) as bar:

            def progress(steps: int, step_key: str) -> None:
                bar.set_postfix_str(step_key)
                bar.update(steps)

            report = render_film(request, Settings.from_env(), progress, prepared)
    except (UserError, RenderFailed) as error:
        _fail(str(error))
    failed = [c["check"] for c in report["checks"] if not c["passed"]]
    click.echo(f"Film {report['film_id']}: {report['duration']:.1f} s")
    click.echo(f"MP4: {(out_dir / 'film.mp4').resolve()}")
    click.echo(f"Checks: {'all passed' if not failed else 'failed: ' + ', '.join(failed)}")


@main.command()
def films() -> None:
    """List the films in the store."""
    from studio.store import FilmStore

    store = FilmStore(Settings.from_env().database_url)
    store.migrate()
    for film in store.list_films():
        click.echo(f"{film.id}  {film.status:9}  {film.title}")


@main.command()
@click.option("--port", default=3000, show_default=True)
def dagster(port: int) -> None:
    """Open the Dagster UI on 127.0.0.1 for the same instance the CLI renders into."""
    from studio.dagster_run import open_instance

    settings = Settings.from_env()
    open_instance(settings)
    root = Path(__file__).resolve().parent.parent
    workspace = root / "workspace.yaml"
    exe = Path(sys.executable).with_name("dagster")
    os.execv(str(exe), [str(exe), "dev", "-w", str(workspace), "-h", "127.0.0.1", "-p", str(port)])
