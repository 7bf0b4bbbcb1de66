"""From script text to a `Breakdown`: detect the format, parse, analyse, time."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable

from models.breakdown import NARRATOR, Breakdown, Character, Line, Scene, ScriptFormat
from models.errors import ScriptError
from models.script import lexicon
from models.script.analysis import (
    count_words,
    describe_character,
    detect_culture,
    establishing_place,
    line_emotion,
    parse_heading,
    sentiment,
    setting_from_words,
    time_from_words,
)
from models.script.characters import (
    band_for,
    kin_age,
    mentions,
    pronoun_age,
    spoken_pronoun_votes,
    vocative_votes,
)
from models.script.detect import detect_format
from models.script.dialogue import HEADING, parse_dialogue
from models.script.durations import fit_durations
from models.script.limits import OBJECT_SCENE_CHARS, OBJECT_TOTAL_CHARS, check_size
from models.script.markup import sentences, squash, word_count
from models.script.mood_meaning import MoodMatcher, decide_mood
from models.script.names import gender_from_name
from models.script.objects import scene_objects
from models.script.parsed import ParsedScript
from models.script.place_meaning import PlaceMatcher
from models.script.prose import parse_prose
from models.script.screenplay import parse_screenplay
from models.script.verse import mark_verse
from models.script.wardrobe_meaning import WardrobeMatcher

PARSERS: dict[ScriptFormat, Callable[[str], ParsedScript]] = {
    "fountain": parse_screenplay,
    "prose": parse_prose,
    "dialogue": parse_dialogue,
}

_NOTHING_TO_SAY = {
    "fountain": "The screenplay has no dialogue to speak (only notes, boneyard, sections, synopses or action).",
    "prose": "The story has no sentences to read aloud.",
    "dialogue": "The dialogue script has no lines to speak.",
}


def build_breakdown(
    text: str,
    requested_seconds: float | None = None,
    title: str | None = None,
    places: PlaceMatcher | None = None,
    moods: MoodMatcher | None = None,
    garments: WardrobeMatcher | None = None,
) -> Breakdown:
    """Parse any supported script into scenes, characters and lines with target durations.

    `places`, `moods` and `garments` find a place, a mood and clothing by meaning where the words
    decide nothing (see place_meaning, mood_meaning, wardrobe_meaning); the default leaves the
    lexicon alone in charge.

    Raises ScriptError (one-line message) when the text is empty or has nothing to speak.
    """
    if not text or not text.strip():
        raise ScriptError("The script is empty.")
    if requested_seconds is not None and not (math.isfinite(requested_seconds) and requested_seconds > 0):
        raise ScriptError(f"The requested length must be a positive number of seconds, not {requested_seconds}.")
    script_format = detect_format(text)
    parsed = PARSERS[script_format](text)
    scenes = parsed.scenes
    # Refused before any analysis: the per-speaker and per-scene work grows with these counts.
    check_size(len(parsed.speakers()), len(scenes), sum(len(scene.lines) for scene in scenes))
    for scene in scenes:
        # "..." or "—" alone is a silence, not a line a voice can say.
        scene.lines = [line for line in scene.lines if word_count(line.text)]
    if not any(scene.lines for scene in scenes):
        raise ScriptError(_NOTHING_TO_SAY[script_format])
    chanted = mark_verse(scenes)
    film_title = parsed.title or (title or "").strip() or "Untitled"

    for number, scene in enumerate(scenes, start=1):
        scene.scene_id = f"s{number:02d}"
    _place_and_time(scenes, script_format, places)
    culture = _film_culture(film_title, scenes)
    if chanted and culture == "western":
        culture = "indian"  # a sloka is evidence enough, whatever else the words say
    object_budget = OBJECT_TOTAL_CHARS
    for scene in scenes:
        text_of_scene = scene_text(scene)
        scene.mood, scene.sentiment, scene.mood_why = decide_mood(text_of_scene, moods)
        if any(line.kind == "chant" for line in scene.lines):
            scene.culture = "indian"
        else:
            scene.culture = detect_culture(f"{scene.heading} {text_of_scene}", default=culture)
        for line in scene.lines:
            line.emotion = _emotion(line)
        if object_budget > 0:  # a film's objects come from its first OBJECT_TOTAL_CHARS of text
            scene.objects = scene_objects(text_of_scene, [*scene.location.split(" - "), *(parsed.speakers())])
            object_budget -= min(len(text_of_scene), OBJECT_SCENE_CHARS)

    characters = _characters(parsed, garments)
    names = [c.name for c in characters]
    for scene in scenes:
        # The narrator is heard, never seen, so it is not among the people present.
        speakers = [n for n in dict.fromkeys(line.speaker for line in scene.lines) if n != NARRATOR]
        seen = [n for n in names if n not in speakers and n != NARRATOR and any(mentions(n, a) for a in scene.action)]
        scene.characters = speakers + seen

    note = fit_durations(scenes, requested_seconds)
    notes = _parser_notes(script_format, scenes)
    return Breakdown(
        title=film_title,
        format=script_format,
        culture=culture,
        characters=characters,
        scenes=scenes,
        requested_seconds=requested_seconds,
        duration_note=note,
        credit=parsed.credit,
        author=parsed.author,
        notes=notes,
    )


def _parser_notes(script_format: ScriptFormat, scenes: list[Scene]) -> list[str]:
    """Fallbacks worth telling the creator: nothing is dropped or guessed silently."""
    notes: list[str] = []
    unattributed = [
        line for scene in scenes for line in scene.lines if line.speaker == NARRATOR and line.kind == "dialogue"
    ]  # fmt: skip
    if unattributed:
        notes.append(
            f"{len(unattributed)} quoted speech(es) name no speaker and are read by the narrator "
            f'(first: "{unattributed[0].text[:60]}").'
        )
    if not any(line.speaker != NARRATOR for scene in scenes for line in scene.lines):
        notes.append("The script has no character speech: the narrator reads it all.")
    return notes


def _emotion(line: Line) -> str:
    """Narration stays even unless its words are strongly charged; vader reads "stopped" or
    "sniffed" as mildly negative, which would make a storyteller sound gloomy."""
    if line.kind == "narration" and abs(sentiment(line.text)) < 0.5:
        return "neutral"
    return line_emotion(line.text, line.parenthetical)


def scene_text(scene: Scene) -> str:
    """Action and speech once each (prose narration is both action and a line)."""
    pieces = dict.fromkeys(squash(a) for a in scene.action)
    pieces.update(dict.fromkeys(squash(line.text) for line in scene.lines))
    return " ".join(pieces)


def _place_and_time(scenes: list[Scene], script_format: ScriptFormat, places: PlaceMatcher | None = None) -> None:
    """Headings first (INT./EXT., DAY/NIGHT, CONTINUOUS = the scene before), then the words,
    then (with `places`) the meaning of the words when none of them is a place noun."""
    previous: str | None = None
    before: Scene | None = None
    for scene in scenes:
        words = scene_text(scene)
        time: str | None = None
        generated = re.fullmatch(r"Scene \d+", scene.heading) is not None
        setting = establishing_place(scene.action[0]) if scene.action else None
        if not generated and (script_format == "fountain" or HEADING.match(scene.heading)):
            scene.location, time, scene.interior = parse_heading(scene.heading.lstrip("."))
        elif setting is not None:
            scene.location, scene.interior = setting
        elif not scene.location:
            # Stage directions say where we are; the lines only talk of places.
            scene.location, scene.interior = setting_from_words(" ".join(scene.action))
            if not scene.location and not (before and before.location):
                # "I cracked on the bridge": a later scene's lines talk of places; where the
                # directions name none, the scene stays where the last one was.
                scene.location, scene.interior = setting_from_words(words)
        from_heading = (
            not generated
            and bool(scene.location)
            and (script_format == "fountain" or HEADING.match(scene.heading) is not None)
        )
        scene.place_reason = place_reason(scene, words, from_heading=from_heading)
        if setting is not None and not from_heading:
            scene.place_reason = f"the scene opens on it: {sentences(scene.action[0])[0]!r}"
        if places is not None and not from_heading and not _names_a_place(scene.location):
            found = places.match(words)
            if found is not None:
                scene.location = " - ".join(p for p in [scene.location, found.place.upper()] if p)
                scene.interior = found.interior
                scene.place_reason = found.reason()
        same_town = (
            before is not None
            and bool(scene.location)
            and not _names_a_place(scene.location)
            and before.location.startswith(f"{scene.location} - ")
        )
        if (not scene.location or same_town) and before is not None and before.location:
            # A scene the story moves to by time alone ("That night ...") stays where it was; so
            # does one that names only the town the last scene was in.
            scene.location, scene.interior = before.location, before.interior
            scene.place_reason = f"no place named: the previous scene's place, {before.location}"
        before = scene
        # A scene that opens on its time ("That night, …", "On the afternoon of …") says when it is.
        opening = _opening(scene)
        if time == "previous":  # LATER, CONTINUOUS: the time before, unless the opening tells another
            time = _explicit_time(opening) or _told_time(opening) or previous
        # Dawn is brief: a later scene that tells no time of its own is in the day that followed.
        moved_on = "day" if previous == "dawn" else previous
        scene.time_of_day = (
            time or _explicit_time(opening) or _told_time(opening) or time_from_words(words) or moved_on or "day"
        )
        previous = scene.time_of_day


def _names_a_place(location: str) -> bool:
    """Whether a location has a place noun of the lexicon ("PARIS - CAFE"), not only a name."""
    return any(part.strip().lower() in lexicon.PLACES for part in location.split(" - "))


_SMALL_HOURS = (
    r"(?:one|two|three|four|[1-4])(?:[:.]\d\d)?\s*(?:in\s+the\s+morning|a\.?m\b\.?)|0[0-4][:.]?[0-5]\d"  # "02:47"
)
# "a quarter to six in the morning", "at 5.30 a.m.": the hour before the day begins.
_EARLY_HOURS = r"(?:(?:half\s+past|(?:a\s+)?quarter\s+(?:past|to))\s+)?(?:five|six|[56])(?:[:.]\d\d)?\s*(?:in\s+the\s+morning|a\.?m\b\.?)"
_EXPLICIT_TIMES = [
    # "at two in the morning" is night, not the morning of the day's pattern below.
    ("night", rf"small hours|wee hours|moonrise|{_SMALL_HOURS}"),
    (
        "dawn",
        r"dawn|sunrise|daybreak|first light|sun (?:rose|rises|came up)|early morning|before the sun"
        rf"|sun\s+(?:was\s+|is\s+)?(?:barely|just|hardly|only\s+just|not\s+yet)\s+(?:up|clear|above)|{_EARLY_HOURS}",
    ),
    ("night", r"night|midnight|nightfall"),
    (
        "dusk",
        r"dusk|sunset|sundown|evening|twilight|sun (?:set|sets|went down|was going down|was setting|was down|had gone down"
        r"|drops|dropped|sinks|sank|dips|goes down|is going down|is setting)",
    ),
    ("day", r"morning|afternoon|noon|midday"),
]
# Times a scene's opening tells without naming them: the sky, the sun, the lamps, the hours of prayer.
_SKY = (
    r"sky\s+(?:over\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}?)?(?:was\s+|is\s+|had\s+|has\s+)?(?:only\s+|just\s+|still\s+)?"
    r"(?:beginning\s+to\s+|starting\s+to\s+)?(?:turned\s+|turning\s+|went\s+|going\s+|grew\s+|growing\s+|gone\s+)?"
)
_TOLD_TIMES = [
    (
        "dawn",
        rf"{_SKY}(?:grey|gray|greying|graying|pale|paling|lighten\w*|from\s+black)"
        r"|mist\s+(?:still\s+lay|had\s+not\s+yet\s+lifted|was\s+still)|(?:cock|rooster)s?\s+crow|first\s+birds|matins|lauds|fajr|woke\s+(?:to|at|before|with)",
    ),
    ("night", r"stars|moon(?:light|lit)?|after\s+dark|compline|in\s+the\s+dark\b"),
    (
        "dusk",
        rf"lamps\s+(?:were\s+|being\s+)?lit|lamps\s+(?:flickered|came|blinked)\s+on|lamplighting|lighting[- ]up\s+time|vespers|maghrib|shadows?\b[^.]{{0,40}}?\b(?:stretched|lengthened|grew\s+long|crept|climbed)"
        rf"|sun\s+(?:was\s+)?(?:low|behind|sinking|dipping|dipped)|lights\s+of\s+the\s+\w+\s+(?:were\s+)?coming\s+on|last\s+of\s+the\s+light"
        rf"|{_SKY}(?:orange|pink|red|purple)",
    ),
    (
        "day",
        r"sun\s+(?:stood|was|hung)\s+(?:straight\s+|high\s+|directly\s+)?(?:overhead|high|straight\s+over)|hottest\s+hour|noon|midday|siesta",
    ),
]


def place_reason(scene: Scene, words: str, from_heading: bool) -> str:
    """Why the scene's place was chosen: its heading, or the place words the text matched."""
    if not scene.location:
        return "no place named in the heading or the text"
    if from_heading:
        return f"heading: {scene.heading}"
    matched = []
    for part in scene.location.lower().split(" - "):
        count = count_words(words, {part})
        matched.append(f'"{part}" x{count}' if count else f'"{part}" (named place)')
    return "matched " + ", ".join(matched) + " in the scene's text"


def _explicit_time(text: str) -> str | None:
    """A period of the day named outright ("afternoon", "two evenings later"), not suggested ("moon")."""
    for time, pattern in _EXPLICIT_TIMES:
        if re.search(rf"\b(?:{pattern})s?\b", text, re.IGNORECASE):
            return time
    return None


def _told_time(text: str) -> str | None:
    """A period of the day an opening tells by the sky, the sun, the lamps or the hour of prayer:
    "the sky was only beginning to grey" is dawn, "when the lamps were lit" dusk, "stars over the
    rooftops" night."""
    for time, pattern in _TOLD_TIMES:
        if re.search(rf"\b(?:{pattern})\b", text, re.IGNORECASE):
            return time
    return None


def _opening(scene: Scene) -> str:
    """The first sentence of a scene's first passage (action or narration)."""
    first = scene.action[0] if scene.action else (scene.lines[0].text if scene.lines else "")
    parts = sentences(first)
    return parts[0] if parts else ""


def _film_culture(title: str, scenes: list[Scene]) -> str:
    """Strong evidence (two or more culture words) decides; one word decides a short film."""
    text = " ".join([title] + [f"{s.heading} {scene_text(s)}" for s in scenes])
    threshold = 1 if word_count(text) < 200 else 2
    return detect_culture(text, threshold=threshold)


def _fallbacks(character: Character) -> None:
    """What the script never says is assumed, and the breakdown says so: an untold age is an
    adult's; an untold gender stays "unknown" so casting picks a neutral voice."""
    if character.age_band == "unknown":
        character.age_band = "adult"
        character.assumed.append("age_band: adult (the script does not say)")
    if character.gender == "unknown":
        character.assumed.append("gender: unknown (the script does not say; a neutral voice is cast)")


def _characters(parsed: ParsedScript, garments: WardrobeMatcher | None = None) -> list[Character]:
    # Narration says "her nest" and "his paw" too, so narrator lines describe characters as well.
    passages = parsed.passages or [
        text for scene in parsed.scenes
        for text in [*scene.action, *(line.text for line in scene.lines if line.speaker == NARRATOR)]
    ]  # fmt: skip
    speakers = parsed.speakers()
    addressed = vocative_votes([scene.lines for scene in parsed.scenes])
    out: list[Character] = []
    for name in speakers:
        lines = [line for scene in parsed.scenes for line in scene.lines if line.speaker == name]
        heard = [line.text for scene in parsed.scenes for line in scene.lines if line.speaker not in (name, NARRATOR)]
        spoken_of = spoken_pronoun_votes(name, heard, speakers) if name != NARRATOR else None
        character = describe_character(
            name, passages, lines, speakers, (addressed.get(name) or Counter()) + (spoken_of or Counter()), garments
        )
        if character.gender == "unknown" and name in parsed.gender_hints:
            # A "he" the reader resolved to the last name of untold sex is weak: a name that is
            # always one sex ("Layla") outweighs it.
            named = gender_from_name(name, strict=True) if name != NARRATOR else "unknown"
            character.gender = named if named != "unknown" else parsed.gender_hints[name]
        fuller = _fuller_name(name, passages) if name != NARRATOR else name
        if character.gender == "unknown" and name != NARRATOR and (guess := gender_from_name(fuller)) != "unknown":
            character.gender = guess
            character.assumed.append(f"gender: {guess} (from the name {fuller}; the text does not say)")
        role = name.split()[-1].lower() if name != NARRATOR else ""
        if character.gender == "unknown" and role in lexicon.ROLE_PICTURED_GENDER:
            character.gender = lexicon.ROLE_PICTURED_GENDER[role]  # type: ignore[assignment]
            character.assumed.append(
                f"gender: {character.gender} (how a {role} in a story is usually pictured; the text does not say)"
            )
        if character.age_band == "unknown" and character.gender != "unknown" and name != NARRATOR:
            # "He was eighty-two; she was eighty.": needs the gender, which may come from the name.
            character.age_band, character.age = pronoun_age(name, passages, character.gender)
        if character.age_band == "unknown" and name != NARRATOR:
            character.age_band = kin_age(name, passages, character.gender, speakers)
        out.append(character)
    by_name = {c.name: c for c in out if c.name != NARRATOR}
    for years, who in parsed.told_ages:
        # The nearest "he" the age fits: an old man's age told elsewhere means "He is eight" is someone else.
        band = band_for(years)
        meant = next((n for n in who if n not in by_name or by_name[n].age_band in ("unknown", band)), None)
        if meant in by_name and by_name[meant].age_band == "unknown":
            by_name[meant].age_band, by_name[meant].age = band, years
    _the_young_one(out, passages)
    for character in out:
        if character.name != NARRATOR:
            _fallbacks(character)
    return out


_YOUNG_SEX = {"girl": "female", "lass": "female", "boy": "male", "lad": "male"}
_THE_YOUNG = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+(?:[a-z]+\s+)?(girl|lass|boy|lad)(?:['’]s)?\b(?!\s+(?:named|called)\b)")


def _the_young_one(characters: list[Character], passages: list[str]) -> None:
    """ "Orange light spills across the little girl's face": "the girl" is the story's only child
    who can be a girl (the other is a boy), when her sex is otherwise untold and no other girl is
    brought in ("a girl in a red coat")."""
    told: set[str] = set()
    brought_in: set[str] = set()
    for passage in passages:
        for match in _THE_YOUNG.finditer(passage):
            sex = _YOUNG_SEX[match.group(1)]
            (brought_in if match.group(0)[0] in "Aa" else told).add(sex)
    young = [c for c in characters if c.name != NARRATOR and c.age_band in ("child", "teen")]
    for sex in told - brought_in:
        fits = [c for c in young if c.gender in (sex, "unknown")]
        if len(fits) == 1 and fits[0].gender == "unknown":
            fits[0].gender = sex  # type: ignore[assignment]


def _fuller_name(name: str, passages: list[str]) -> str:
    """A surname cue with the first name the action gives it: QURESHI is "Farida Qureshi" where
    "Detective Sergeant Farida Qureshi sits"; the name itself when there is none."""
    if " " in name or not name.isupper() or name.lower() in lexicon.SPEAKER_NOUNS:
        return name  # "The AUCTIONEER" has no first name
    surname = re.escape(name.capitalize())
    first = re.compile(rf"\b([A-Z][a-z'’-]+)\s+(?:{surname}|{re.escape(name)})\b")
    for passage in passages:
        for match in first.finditer(passage):
            if match.group(1) not in lexicon.NOT_NAMES and gender_from_name(match.group(1)) != "unknown":
                return f"{match.group(1)} {name.capitalize()}"
    return name
