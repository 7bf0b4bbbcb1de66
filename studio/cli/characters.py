"""`studio characters`: list a film's character versions, add one, promote or roll back; plus the
`--reference` helpers `studio render` uses to validate and keep reference images."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from studio.domain.errors import UserError
from studio.settings import Settings


def parse_references(values: tuple[str, ...] | list[str]) -> list[dict[str, Any]]:
    """`--reference PATH` / `--reference NAME=PATH` -> validated reference dicts (nothing kept yet)."""
    from models.image.references import check_references, parse_reference

    references = [parse_reference(value) for value in values]
    try:
        check_references(references)
    except ValueError as error:
        raise UserError(str(error)) from None
    return references


def keep_references(home: Path, references: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copy each validated reference into the studio's uploads (by content) and point at the copy."""
    from studio.services.uploads import keep_upload

    return [
        {**reference, "path": str(keep_upload(home, Path(reference["path"]), "references"))} for reference in references
    ]


def _trait_value(key: str, raw: str) -> Any:
    if key == "height":
        try:
            return float(raw)
        except ValueError:
            raise UserError(f"Trait height takes a number like 1.05, not {raw!r}.") from None
    if key == "accessories":
        return [item.strip() for item in raw.split(",") if item.strip()]
    return raw.strip()


def parse_traits(pairs: tuple[str, ...]) -> dict[str, Any]:
    traits: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key.strip():
            raise UserError(f"--trait takes KEY=VALUE (e.g. hair_colour=#b5472a), not {pair!r}.")
        traits[key.strip()] = _trait_value(key.strip(), raw)
    return traits


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


@click.command("characters")
@click.argument("film_id")
@click.option("--rollback", nargs=2, metavar="NAME VERSION", default=None, help="Make an older version active.")
@click.option("--promote", nargs=2, metavar="NAME VERSION", default=None, help="Mark a version final and active.")
@click.option("--add", "add_name", metavar="NAME", default=None, help="Add a version of NAME with --trait changes.")
@click.option("--trait", "trait_pairs", multiple=True, metavar="KEY=VALUE", help="A changed trait for --add.")
@click.option("--mode", type=click.Choice(["avatar", "mascot", "actor"]), default=None, help="Mode for --add.")
@click.option(
    "--stage",
    type=click.Choice(["concept", "casting", "final", "alternate"]),
    default="casting",
    show_default=True,
    help="Stage for --add.",
)
@click.option("--note", default="", help="Why this version exists (for --add).")
@click.option("--json", "as_json", is_flag=True, help="Print the versions as JSON.")
def characters(
    film_id: str, rollback: tuple[str, str] | None, promote: tuple[str, str] | None, add_name: str | None,
    trait_pairs: tuple[str, ...], mode: str | None, stage: str, note: str, as_json: bool,
) -> None:  # fmt: skip
    """List FILM_ID's characters and their versions; add, promote or roll back a version.

    The active version is the one the next render draws (`studio render SCRIPT --film FILM_ID`).
    """
    from studio.services.characters import CharacterVersions
    from studio.store import FilmNotFound, FilmStore

    store = FilmStore(Settings.from_env().database_url)
    store.migrate()
    history = CharacterVersions(store)
    try:
        if add_name:
            made = history.add(film_id, add_name, parse_traits(trait_pairs), stage=stage, mode=mode, note=note)
            click.echo(f"{made.name}: added v{made.version} ({made.stage}, {made.mode}), now active")
        elif trait_pairs or mode:
            raise UserError("--trait and --mode need --add NAME.")
        for option, action in ((rollback, history.rollback), (promote, history.promote)):
            if option:
                name, number = option
                if not number.isdigit():
                    raise UserError(f"VERSION must be a number, not {number!r}.")
                made = action(film_id, name, int(number))
                click.echo(f"{made.name}: v{made.version} ({made.stage}) is now active")
        versions = history.list(film_id)
    except (UserError, FilmNotFound) as error:
        _fail(str(error))
    if as_json:
        click.echo(json.dumps([v.__dict__ for v in versions], indent=2, ensure_ascii=False))
        return
    if not versions:
        click.echo(f"Film {film_id} has no character versions yet (they are made by its first render).")
    for v in versions:
        marker = "*" if v.active else " "
        changed = ", ".join(f"{k}={v2}" for k, v2 in v.traits.items()) or "derived from the script"
        click.echo(f"{marker} {v.name:16} v{v.version:<3} {v.stage:9} {v.mode:7} {changed}")


def check_film_references(references: list[dict[str, Any]], breakdown: Any) -> None:
    """A film's reference images: at most 20, each a real JPG/PNG/WEBP within limits, and every
    character reference naming a character of the script; UserError otherwise."""
    from models.image.references import check_references

    try:
        check_references(references, [character.name for character in breakdown.characters])
    except ValueError as error:
        raise UserError(str(error)) from None


def keep_request_references(request: Any, home: Path) -> Any:
    """The render request with its reference images kept under the studio's uploads."""
    from dataclasses import replace

    if not request.film_format.references:
        return request
    kept = keep_references(home, request.film_format.references)
    return replace(request, film_format=replace(request.film_format, references=kept))
