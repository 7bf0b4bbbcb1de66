"""Turn a parsed Fountain document into scenes of action and spoken lines."""

from __future__ import annotations

from models.breakdown import NARRATOR, Line, LineKind, Scene
from models.script.fountain import FountainDocument, parse_fountain
from models.script.markup import squash
from models.script.parsed import ParsedScript, narrator_alias
from models.script.verse import join_lines

# Elements that keep a dialogue block open (notes may sit between a cue and its lines).
_IN_BLOCK = {"parenthetical", "dialogue", "lyrics", "note", "boneyard"}


def parse_screenplay(text: str) -> ParsedScript:
    return screenplay_from_document(parse_fountain(text))


def screenplay_from_document(doc: FountainDocument) -> ParsedScript:
    scenes: list[Scene] = []
    current: Scene | None = None
    speaker: str | None = None  # the cue whose block is open
    extension: str | None = None
    parenthetical: str | None = None
    dual = False
    title = squash(doc.title_page.get("title", ""))

    def scene() -> Scene:
        nonlocal current
        if current is None:
            current = Scene(scene_id="", heading="")
            scenes.append(current)
        return current

    for element in doc.elements:
        if speaker is not None and element.type not in _IN_BLOCK:
            speaker = None
        kind = element.type
        if kind == "scene_heading":
            current = Scene(scene_id="", heading=squash(element.text))
            scenes.append(current)
        elif kind == "centered" and not title and not scenes:
            title = squash(element.text)  # "> THE LIGHTHOUSE <" before anything else is a title card
        elif kind in ("action", "centered"):
            if squash(element.text):
                scene().action.append(squash(element.text))
        elif kind == "character":
            speaker = narrator_alias(element.name or "")
            extension = ", ".join(element.extensions) or None
            parenthetical, dual = None, element.dual
        elif kind == "parenthetical":
            parenthetical = squash(element.text) or None
        elif kind in ("dialogue", "lyrics"):
            text = join_lines(element.text, parenthetical)
            if not text:
                continue
            who = speaker or _last_speaker(current) or NARRATOR
            line_kind: LineKind = "lyric" if kind == "lyrics" else ("narration" if who == NARRATOR else "dialogue")
            scene().lines.append(
                Line(
                    speaker=who,
                    text=text,
                    parenthetical=parenthetical if speaker else None,
                    kind=line_kind,
                    extension=extension if speaker else None,
                    dual=dual if speaker else False,
                )
            )
            parenthetical = None
        elif kind == "transition" and current is not None:
            current.transition = squash(element.text)

    return ParsedScript(
        format="fountain",
        scenes=_fold_preamble(scenes),
        title=title,
        author=squash(doc.title_page.get("author", doc.title_page.get("authors", ""))),
        credit=squash(doc.title_page.get("credit", "")),
    )


def _last_speaker(scene: Scene | None) -> str | None:
    return scene.lines[-1].speaker if scene and scene.lines else None


def _fold_preamble(scenes: list[Scene]) -> list[Scene]:
    """Action before the first heading opens the first scene; only lines make it a scene."""
    if scenes and not scenes[0].heading:
        first = scenes[0]
        if not first.lines and len(scenes) > 1:
            scenes[1].action[:0] = first.action
            scenes = scenes[1:]
    for number, scene in enumerate(scenes, start=1):
        if not scene.heading:
            scene.heading = f"Scene {number}"
    return scenes
