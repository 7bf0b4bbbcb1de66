"""What each format parser hands to the breakdown builder before analysis and timing."""

from __future__ import annotations

from dataclasses import dataclass, field

from models.breakdown import NARRATOR, Gender, Scene, ScriptFormat


@dataclass
class ParsedScript:
    """Scenes with headings, action, lines and transitions filled in; analysis fields left at
    their defaults (scene ids, mood, culture, emotions, targets come later)."""

    format: ScriptFormat
    scenes: list[Scene]
    title: str = ""
    author: str = ""
    credit: str = ""
    # Text that describes characters, in order; empty means "every scene's action".
    passages: list[str] = field(default_factory=list)
    # Genders the parser learned while resolving pronouns ("she said" -> Lila is female).
    gender_hints: dict[str, Gender] = field(default_factory=dict)
    # Ages said aloud of a "he" or "she" ("He's fourteen, Doña Asunta."): the years, and who the
    # pronoun may mean, nearest first; the nearest whose age the story does not contradict takes them.
    told_ages: list[tuple[int, list[str]]] = field(default_factory=list)

    def speakers(self) -> list[str]:
        """Every speaker in order of first line."""
        seen: dict[str, None] = {}
        for scene in self.scenes:
            for line in scene.lines:
                seen.setdefault(line.speaker, None)
        return list(seen)


def narrator_alias(name: str) -> str:
    """A character literally called "Narrator" is the film's narrator voice."""
    return NARRATOR if name.strip().lower() in {"narrator", "the narrator"} else name
