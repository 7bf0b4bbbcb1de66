"""The Storyboard's edits behind the facade: what a re-render will cost before it is charged, the cast
(voice, age and gender per character) and the timeline (reorder and delete scenes).

A film that has been rendered pays only for the scenes an edit changes (the per-scene cache reuses the
rest); a film never rendered pays its whole length, since its first render makes every scene.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.breakdown import Breakdown, Scene
from studio.domain.errors import UserError
from studio.domain.formats import FilmFormat
from studio.domain.scene_text import arrange_scenes, replace_scene
from studio.services import credits
from studio.services.approvals import check_character_unlocked
from studio.services.audit import audited
from studio.services.characters import CharacterVersions
from studio.services.deliverables import watchable
from studio.store import FilmRow

if TYPE_CHECKING:
    from studio.services.core import ServiceCore
    from studio.services.film_service import FilmService  # which imports `edit_charge` from here

AGE_BANDS = ("child", "teen", "adult", "senior")
GENDERS = ("male", "female")


@dataclass(frozen=True)
class RenderQuote:
    """What confirming an edit will charge, shown before anything is charged."""

    credits: int
    seconds: float  # the length paid for
    scenes: list[str]  # the scenes that will be made again (every scene for a film never rendered)
    whole_film: bool  # the film has never been rendered: its first render is a full one
    balance: int | None  # None = unlimited


def _fingerprint(scene: Scene) -> tuple[Any, ...]:
    """What makes a scene's per-scene assets: its id (cache keys hold it), words, speakers and mood."""
    lines = tuple((ln.speaker, ln.text, ln.parenthetical, ln.emotion, ln.kind) for ln in scene.lines)
    return (scene.scene_id, scene.heading, tuple(scene.action), lines, scene.mood, round(scene.target_seconds, 1))


def changed_scenes(before: Breakdown | None, after: Breakdown) -> list[str]:
    """Scenes of `after` that `before` (the rendered film) does not have exactly as they are."""
    if before is None:
        return [s.scene_id for s in after.scenes]
    old = {_fingerprint(s) for s in before.scenes}
    return [s.scene_id for s in after.scenes if _fingerprint(s) not in old]


def edit_charge(
    parse: Callable[[str, float | None], Breakdown], media_root: Path, film_id: str, rendered_script: str,
    breakdown: Breakdown, whole: float, duration: float | None,
) -> tuple[float, list[str], bool]:  # fmt: skip
    """Seconds to charge for rendering `breakdown` (an edit of the film), the scenes it makes again, and
    whether it is a whole-film render (the film was never rendered, so its first render makes everything)."""
    if not watchable(media_root, film_id):
        return whole, [s.scene_id for s in breakdown.scenes], True
    try:
        before: Breakdown | None = parse(rendered_script, duration)
    except UserError:
        before = None
    changed = changed_scenes(before, breakdown)
    return sum(s.target_seconds for s in breakdown.scenes if s.scene_id in changed), changed, False


class StoryboardService:
    """The Storyboard's edits: quotes before charging, the cast (voice, age, gender) and the timeline."""

    def __init__(self, core: ServiceCore, films: FilmService) -> None:
        self.core, self.films, self.store = core, films, core.store

    def _editable(self, token: str, film_id: str) -> tuple[str, str, FilmFormat, int | None]:
        """The script an edit starts from (the pending draft, else the film's), the rendered script,
        the format and the caller's balance; refusals first."""
        with self.store.session() as session:
            user = self.core.me(session, token)
            film = self.core.film_row(session, user, film_id, write=True, action="edit_script")
            balance = None if credits.unlimited(user) else int(user.balance)
            return film.draft_script or film.script, film.script, FilmFormat.from_dict(film.settings or {}), balance

    def _quote(self, token: str, film_id: str, new_script: str) -> RenderQuote:
        _, rendered, fmt, balance = self._editable(token, film_id)
        breakdown = self.core.parse(new_script, fmt.duration)
        whole = self.films.plan_script(new_script, fmt)[2]
        seconds, scenes, whole_film = edit_charge(
            self.core.parse,
            self.core.settings.media_root,
            film_id,
            rendered,
            breakdown,
            whole,
            fmt.duration,
        )
        return RenderQuote(credits.cost_for(seconds), round(seconds, 1), scenes, whole_film, balance)

    def _scene_script(self, token: str, film_id: str, scene_id: str, scene_text: str) -> str:
        if not isinstance(scene_text, str) or not scene_text.strip():
            raise UserError("A scene needs some text; to remove a scene, use the timeline.")
        script, _, fmt, _ = self._editable(token, film_id)
        try:
            return replace_scene(script, self.core.parse(script, fmt.duration), str(scene_id), scene_text)
        except ValueError as error:
            raise UserError(str(error)) from None

    def scene_edit_quote(self, token: str, film_id: str, scene_id: str, scene_text: str) -> RenderQuote:
        """What saving this scene's text and re-rendering will charge; nothing is saved or charged."""
        return self._quote(token, film_id, self._scene_script(token, film_id, scene_id, scene_text))

    # ----- timeline -------------------------------------------------------------------------
    def _timeline_script(self, token: str, film_id: str, order: list[str], trims: dict[str, Any] | None = None) -> str:
        if not isinstance(order, list) or not all(isinstance(s, str) for s in order):
            raise UserError("The timeline must be a list of scene ids.")
        kept = _check_trims(trims)
        script, _, fmt, _ = self._editable(token, film_id)
        try:
            return arrange_scenes(script, self.core.parse(script, fmt.duration), order, kept)
        except ValueError as error:
            raise UserError(str(error)) from None

    def timeline_quote(
        self, token: str, film_id: str, order: list[str], trims: dict[str, Any] | None = None
    ) -> RenderQuote:
        """What re-rendering with the scenes in `order` (missing ones deleted, those in `trims` cut to
        their beats first..last) will charge; nothing changes."""
        return self._quote(token, film_id, self._timeline_script(token, film_id, order, trims))

    @audited("film.edit_timeline", "film", target="film_id")
    def edit_timeline(
        self, token: str, film_id: str, order: list[str], request_key: str, trims: dict[str, Any] | None = None
    ) -> str:
        """Reorder, delete and trim scenes (keep those in `order`, in that order; a scene in `trims` keeps
        beats first..last of its text) and re-render; the charge is for the scenes that change. Returns the run id."""
        new_script = self._timeline_script(token, film_id, order, trims)
        return self.films.submit_render(token, film_id, request_key, new_script=new_script)

    # ----- cast -----------------------------------------------------------------------------
    def cast_sheet(self, token: str, film_id: str) -> list[dict[str, Any]]:
        """Per character: name, age band and gender (the active version's corrections win), voice id,
        and the versions of their identity (newest last)."""
        with self.store.session() as session:
            film = self.core.film_row(session, self.core.me(session, token), film_id)
            script, settings = film.draft_script or film.script, dict(film.settings or {})
            stored = {c.name: c.voice_id for c in film.characters if c.voice_id}
        fmt = FilmFormat.from_dict(settings)
        breakdown = self.core.parse(script, fmt.duration)
        voices = {**self.films.cast_voices(breakdown, fmt), **stored, **fmt.voices}
        versions = CharacterVersions(self.store).list(film_id)
        sheet = []
        for character in breakdown.characters:
            mine = [v for v in versions if v.name == character.name]
            traits = next((v.traits for v in mine if v.active), {})
            sheet.append(
                {
                    "name": character.name,
                    "age_band": traits.get("age_band", character.age_band),
                    "gender": traits.get("gender", character.gender),
                    "voice": voices.get(character.name),
                    "versions": [
                        {"version": v.version, "stage": v.stage, "active": v.active, "note": v.note} for v in mine
                    ],  # fmt: skip
                }
            )
        return sheet

    @audited("film.recast", "film", target="film_id")
    def recast(
        self, token: str, film_id: str, name: str, voice: str | None = None, age_band: str | None = None,
        gender: str | None = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Choose a character's voice and correct their age and gender. A correction is a new version of
        the character (the next render draws it); a new age or gender without a chosen voice recasts the
        voice to fit. Nothing is rendered or charged here. Returns the character's cast line."""
        from models.film.picture import derived_looks
        from models.voice.casting import cast
        from models.voice.catalogue import UnknownVoice

        if age_band not in (None, "", *AGE_BANDS):
            raise UserError(f"Age must be one of {', '.join(AGE_BANDS)}.")
        if gender not in (None, "", *GENDERS):
            raise UserError(f"Gender must be one of {', '.join(GENDERS)}.")
        sheet = {c["name"]: c for c in self.cast_sheet(token, film_id)}
        if name not in sheet:
            raise UserError(f"This film has no character named {str(name)[:40]!r}.")
        current = sheet[name]
        corrected = {
            key: value for key, value in (("age_band", age_band), ("gender", gender))
            if value and value != current[key]
        }  # fmt: skip
        with self.store.session() as session:
            film = self.core.film_row(session, self.core.me(session, token), film_id, write=True, action="edit_script")
            check_character_unlocked(session, film_id, name)  # an approved character keeps voice and look
            fmt = FilmFormat.from_dict(film.settings or {})
            script = film.draft_script or film.script
        breakdown = self.core.parse(script, fmt.duration)
        character = next(c for c in breakdown.characters if c.name == name)
        if voice:
            try:
                chosen = cast([character], {name: voice}, pool=self.films.voice_pool)[name]
            except UnknownVoice:
                raise UserError(f"Unknown voice {str(voice)[:40]!r}; pick one from the list.") from None
        elif corrected:  # the voice follows the corrected person unless the creator chose one
            from dataclasses import replace

            fixed = replace(character, **{k: v for k, v in {**current, **corrected}.items() if k in corrected})
            chosen = cast([fixed], {}, pool=self.films.voice_pool)[name]
        else:
            chosen = None
        if corrected:
            history = CharacterVersions(self.store)
            history.ensure_concepts(film_id, {n: look.to_dict() for n, look in derived_looks(breakdown).items()})
            words = ", ".join(f"{k.replace('_band', '')} {v}" for k, v in corrected.items())
            history.add(film_id, name, corrected, stage="casting", note=f"corrected on the Storyboard: {words}")
        if chosen:
            with self.store.session() as session:
                stored = session.get(FilmRow, film_id)
                if stored is None:
                    raise UserError(f"No film with id {film_id!r}.")  # deleted since the checks above
                film = stored
                settings = dict(film.settings or {})
                settings["voices"] = {**dict(settings.get("voices") or {}), name: chosen}
                film.settings = settings  # the next render casts this voice (FilmFormat.voices)
                for row in film.characters:
                    if row.name == name:
                        row.voice_id = chosen
        return {c["name"]: c for c in self.cast_sheet(token, film_id)}[name]


def _check_trims(trims: object) -> dict[str, tuple[int, int]]:
    """Scene id -> (first, last) beat kept, from what a page or an API client sent."""
    if trims is None:
        return {}
    if not isinstance(trims, dict) or len(trims) > 500:
        raise UserError("Trims must map scene ids to the first and last beat kept.")
    kept = {}
    for scene_id, pair in trims.items():
        if not isinstance(scene_id, str) or not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise UserError("Trims must map scene ids to the first and last beat kept.")
        try:
            first, last = (int(n) for n in pair)
        except (TypeError, ValueError):
            raise UserError(f"The trim of scene {scene_id[:20]!r} needs two whole beat numbers.") from None
        if (first, last) != tuple(pair):
            raise UserError(f"The trim of scene {scene_id[:20]!r} needs two whole beat numbers.")
        kept[scene_id] = (first, last)
    return kept
