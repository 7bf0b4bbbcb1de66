"""The scene breakdown: the structured form of a script that every later asset reads.

Plain dataclasses with lossless `to_dict`/`from_dict` so the breakdown can be stored as JSON,
in the film store, and passed between Dagster steps.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

AgeBand = Literal["child", "teen", "adult", "senior", "unknown"]
Gender = Literal["male", "female", "unknown"]
ScriptFormat = Literal["fountain", "prose", "dialogue"]
LineKind = Literal["dialogue", "narration", "lyric", "verse", "chant"]  # verse: a poem's line; chant: a sloka
FilmMode = Literal["film", "podcast"]

NARRATOR = "Narrator"


@dataclass
class Character:
    name: str  # display name as the script spells it ("MAYA" in Fountain, "Lila" in prose, NARRATOR)
    age_band: AgeBand = "unknown"
    age: int | None = None  # years, when the script states it ("(60s" -> 65, "12" -> 12)
    gender: Gender = "unknown"
    description: str = ""  # the script's words about the character, verbatim where possible
    wardrobe: str = ""
    language: str = "en"  # BCP-47 primary tag of what the character speaks
    kind: str = ""  # non-human speakers: what they are ("fox", "robot"), for the illustrator; "" = a person
    # Attributes the script never told, with the fallback used: "age_band: adult (not told)".
    assumed: list[str] = field(default_factory=list)


@dataclass
class Line:
    speaker: str  # Character.name
    text: str  # exactly what is spoken: no parentheticals, no emphasis markers
    parenthetical: str | None = None  # "(whispering)" -> "whispering"
    emotion: str = "neutral"  # neutral|happy|sad|angry|surprised|afraid|tender
    kind: LineKind = "dialogue"
    extension: str | None = None  # "V.O.", "O.S.", "CONT'D"
    dual: bool = False  # Fountain dual dialogue (^): spoken alongside the previous line


@dataclass
class Scene:
    scene_id: str  # stable within the film: "s01", "s02", ...
    heading: str  # "INT. LIGHTHOUSE - NIGHT" (forced '.' removed); prose: "Scene 1"
    location: str = ""  # "LIGHTHOUSE"
    time_of_day: str = "day"  # dawn|day|dusk|night
    interior: bool | None = None
    mood: str = "calm"  # joyful|calm|tense|sad|mysterious (from vaderSentiment and words)
    mood_why: str = ""  # set when the meaning of the text chose `mood`: the sentence, the mood, the cosine
    sentiment: float = 0.0  # vader compound score of the scene's text
    culture: str = "western"  # indian|western|middle_eastern|east_asian|african|latin
    action: list[str] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    characters: list[str] = field(default_factory=list)  # names present, speakers first
    target_seconds: float = 0.0
    transition: str | None = None  # "CUT TO:", "FADE OUT." after this scene
    objects: list[str] = field(default_factory=list)  # things the scene's text names (lantern, cart, letter)
    place_reason: str = ""  # why `location` was chosen: the heading, or the matched words and their count
    prop_matcher: str = "keyword"  # how the illustrator finds an icon for an unknown object: keyword | embedding

    @property
    def identity(self) -> str:
        """What the scene is, whatever its position: a hash of its heading, action and lines. `scene_id`
        counts scenes, so seeds and cache keys built on it would change for every scene after an insert."""
        content = [self.heading, self.action, [[line.speaker, line.text] for line in self.lines]]
        return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


@dataclass
class Breakdown:
    title: str
    format: ScriptFormat
    culture: str
    characters: list[Character]
    scenes: list[Scene]
    requested_seconds: float | None = None
    duration_note: str | None = None  # why the film cannot meet the requested length, if so
    credit: str = ""
    author: str = ""
    mode: FilmMode = "film"  # podcast: two hosts, conversational pauses, room tone, alternating close-ups
    notes: list[str] = field(default_factory=list)  # fallbacks the parser took (a quote with no speaker, …)

    def character(self, name: str) -> Character:
        for character in self.characters:
            if character.name == name:
                return character
        raise KeyError(name)

    def spoken_lines(self) -> list[tuple[Scene, int, Line]]:
        return [(scene, i, line) for scene in self.scenes for i, line in enumerate(scene.lines)]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Breakdown:
        scenes = [Scene(**{**s, "lines": [Line(**line) for line in s["lines"]]}) for s in data["scenes"]]
        characters = [Character(**c) for c in data["characters"]]
        # Breakdowns stored before a field existed read with its default ("mode" -> "film").
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**{**known, "scenes": scenes, "characters": characters})
