"""Plain prose stories: scenes from chapter markers (or paragraph groups), narration read by the
narrator, and quoted speech given to whoever the speech tags and conventions point to.

spaCy's small English model finds the people (PERSON entities, proper-noun subjects) that a
pronoun or an untagged quote may refer to, and the places that are never speakers.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from models.breakdown import NARRATOR, Gender, Line, Scene
from models.script import lexicon, wordnet
from models.script.analysis import setting_from_words
from models.script.attribution import (
    PRONOUNS,
    Cast,
    Segment,
    Tag,
    merge_inline_quotes,
    role_name,
    segment,
    self_named,
    subject_of,
    tag_after,
    tag_before,
)
from models.script.characters import bound_phrases, infer_gender, infer_kind, name_pattern, said_age
from models.script.markup import moves_on, sentences, squash, strip_emphasis, word_count
from models.script.names import gender_from_name
from models.script.nlp import person_and_place_names
from models.script.parsed import ParsedScript
from models.script.verse import VERSE_BREAK, looks_like_poem

_NUMBER = r"(?:\d+|[ivxlcdm]+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
MARKER = re.compile(rf"^\s*(?:#{{1,3}}\s*)?(?:chapter|scene|part|book)\s+{_NUMBER}\b[^\n]*$", re.IGNORECASE)
SEPARATOR = re.compile(r"^\s*(?:(?:\*\s*){3,}|-{3,}|~{3,}|#{3,}|_{3,}|§+|(?:•\s*){3})\s*$")
SCENE_WORDS = 200  # paragraph groups aim for about this many words when there are no markers


def parse_prose(text: str) -> ParsedScript:
    paragraphs = split_paragraphs(text)
    title, author, paragraphs = _title(paragraphs)
    chunks = split_scenes(paragraphs)
    body = [p for _, group in chunks for p in group]
    people, places = _people_and_places(body)
    tagged = _tagged_names(body)
    # A speech tag outranks the NER: "said Yuri" makes Yuri a person even if spaCy saw a city.
    places = [p for p in places if p not in tagged]
    names = [n for n in dict.fromkeys(tagged + people) if n[:1].isupper()]
    places = [p for p in places if p not in names]  # "The ferryman, Teodor, ...": whoever is someone is no place
    # "Thatha shuffled in. Everyone called him Raghavan Sir.": one person, the first name kept.
    also_called = _also_called(body, names) | _short_forms(names, body)
    names = [n for n in names if n not in also_called]
    genders: dict[str, Gender] = {n: infer_gender(n, body, [o for o in names if o != n]) for n in names}
    genders.update(_creatures_told_by_pronoun(body, names, people))
    cast = Cast(genders, set(places), also_called)
    settings = [p for p in places if _is_at(p, _QUOTED_SPEECH.sub(" ", "\n".join(body)))]
    scenes: list[Scene] = []
    told_ages: list[tuple[int, list[str]]] = []
    for heading, group in chunks:
        scene = Scene(scene_id="", heading=heading)
        cast.start_scene()
        reader = _SceneReader(scene, cast, set(people), told_ages)
        for paragraph in group:
            reader.paragraph(paragraph)
        reader.finish()
        scene_text = " ".join(group)
        named = [p for p in settings if _is_at(p, _QUOTED_SPEECH.sub(" ", scene_text))] or settings[:1]
        scene.location, scene.interior = setting_from_words(scene_text, named, spoken=not scenes)
        scenes.append(scene)
    return ParsedScript(
        format="prose",
        scenes=scenes,
        title=title,
        author=author,
        passages=body,
        gender_hints={n: g for n, g in cast.genders.items() if g != "unknown"},
        told_ages=told_ages,
    )


def _is_at(place: str, narration: str) -> bool:
    """Whether the narration names `place` as somewhere the story is, not only where someone comes
    from ("a surveyor from Jaipur", "who had come all the way from Ibadan")."""
    return re.search(rf"(?<!\bfrom\s)\b{re.escape(place)}\b", narration) is not None


def split_paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each on one line; markers and separators stay apart."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        # A marker written directly above its first paragraph is still its own paragraph.
        while lines and (MARKER.match(lines[0]) or SEPARATOR.match(lines[0])) and len(lines) > 1:
            out.append(lines.pop(0))
        if lines:
            # A stanza keeps its line ends; the breakdown turns each into a pause.
            out.append(VERSE_BREAK.join(lines) if looks_like_poem(lines) else squash(" ".join(lines)))
    return out


def _title(paragraphs: list[str]) -> tuple[str, str, list[str]]:
    """A leading "Title: …", "# …" or short unpunctuated line is the title; "by …" the author."""
    if len(paragraphs) < 2:
        return "", "", paragraphs
    first = paragraphs[0]
    title = ""
    if match := re.match(r"^(?:title:\s*|#\s+)(.+)$", first, re.IGNORECASE):
        title = match.group(1).strip()
    elif (
        len(first.split()) <= 12
        and not MARKER.match(first)
        and not SEPARATOR.match(first)
        and not re.search(r"[.!?,;:\"”]$", first)
        and not re.search(r"[\"“”]", first)
    ):
        title = first
    if not title:
        return "", "", paragraphs
    rest = paragraphs[1:]
    author = ""
    if rest and (match := re.match(r"^(?:by|author:)\s+(.{1,60})$", rest[0], re.IGNORECASE)):
        author, rest = match.group(1).strip(), rest[1:]
    return strip_emphasis(title), author, rest


def split_scenes(paragraphs: list[str]) -> list[tuple[str, list[str]]]:
    """Scenes at chapter markers and separators; without any, groups of about SCENE_WORDS words
    that never split a conversation (two quoted paragraphs in a row)."""
    moving = {p for p in paragraphs if moves_on(p)}  # paragraphs that open on a new time or place
    any_shift = any(p in moving for p in paragraphs[1:])
    if any(MARKER.match(p) or SEPARATOR.match(p) for p in paragraphs):
        chunks: list[tuple[str, list[str]]] = [("", [])]
        for paragraph in paragraphs:
            if not (MARKER.match(paragraph) or SEPARATOR.match(paragraph)) and chunks[-1][1] and paragraph in moving:
                chunks.append(("", []))  # a new time or place inside a chapter
            if MARKER.match(paragraph) or SEPARATOR.match(paragraph):
                heading = "" if SEPARATOR.match(paragraph) else paragraph.lstrip("#").strip()
                if chunks[-1][1]:
                    chunks.append((heading, []))
                else:
                    chunks[-1] = (heading or chunks[-1][0], [])
            else:
                chunks[-1][1].append(paragraph)
    else:
        chunks = [("", [])]
        words = 0
        for index, paragraph in enumerate(paragraphs):
            quoted = '"' in paragraph or "“" in paragraph
            previous_quoted = index > 0 and ('"' in paragraphs[index - 1] or "“" in paragraphs[index - 1])
            shift = words > 0 and paragraph in moving
            # Long conversations may still be cut, at twice the usual size; without a shift of
            # time or place, only much longer runs are cut at all.
            limit = SCENE_WORDS * (2 if quoted and previous_quoted else 1) * (1 if not any_shift else 3)
            if shift or words >= limit:
                chunks.append(("", []))
                words = 0
            chunks[-1][1].append(paragraph)
            words += word_count(paragraph)
        # A short last group joins the one before rather than standing alone.
        if (
            len(chunks) > 1
            and sum(word_count(p) for p in chunks[-1][1]) < SCENE_WORDS // 3
            and chunks[-1][1][0] not in moving
        ):
            chunks[-2][1].extend(chunks.pop()[1])
    chunks = [c for c in chunks if c[1]]
    return [(heading or f"Scene {n}", group) for n, (heading, group) in enumerate(chunks, start=1)]


_BEINGS = "|".join(sorted(lexicon.CREATURES | lexicon.PERSON_NOUNS, key=len, reverse=True))


def _people_and_places(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """spaCy's people minus words that are really places, festivals or rivers ("Ganga")."""
    people, places = person_and_place_names(paragraphs)
    places = [p for p in places if p[:1].isupper()]  # a named place is a proper name, never "dustpan"
    # "Fulu the tortoise, who was older than the baobab": spaCy saw a place in "Fulu's back".
    text = "\n".join(paragraphs)
    someone = [p for p in places if re.search(rf"\b{re.escape(p)}\s+the\s+(?:[a-z-]+\s+)?(?:{_BEINGS})\b", text)]
    people += [p for p in someone if p not in people]
    places = [p for p in places if p not in someone]
    # "Her grandson Matti", "his sister Rosa": a name a kin or role noun introduces is a person's,
    # even one spaCy does not know.
    introduced: set[str] = set()
    for paragraph in paragraphs:
        for match in _KIN_NAMED.finditer(paragraph):
            name = match.group("name")
            introduced.add(name)
            if name not in people and name not in lexicon.NOT_NAMES:
                people.append(name)
    # "A small boy called Chidi", "a fluffy yellow thing called Pip": a name given to a person or
    # a creature is a character's, though spaCy may not know it ("a village called X" is not).
    for paragraph in paragraphs:
        for match in _NAMED_AS_PERSON.finditer(paragraph):
            name = match.group("name") or match.group("subject") or match.group("aged") or match.group("told")
            if name not in people and name not in lexicon.NOT_NAMES:
                people.append(name)
                introduced.add(name)
        for match in _CALLED.finditer(paragraph):
            name = match.group("name")
            if match.group("noun") in _CALLABLE and name not in people and name not in lexicon.NOT_NAMES:
                people.append(name)
                introduced.add(name)
        for match in _ALSO_CALLED.finditer(paragraph):  # "the porters called her Didi": her name, if a kin word too
            name = match.group("alias")
            if name not in lexicon.NOT_NAMES:
                if name not in people:
                    people.append(name)
                introduced.add(name)
    # "Hiroko's great-grandmother", "Lupe's daughters": someone with kin is a person.
    for paragraph in paragraphs:
        for match in _HAS_KIN.finditer(paragraph):
            name = match.group("name")
            if name not in people and name not in lexicon.NOT_NAMES:
                people.append(name)
    # "Abuela Lupita's house": a name that opens on a kin word or title is a person's, even
    # where spaCy also saw a place in it.
    kin = lexicon.FEMALE_TITLES | lexicon.MALE_TITLES | lexicon.FEMALE_WORDS | lexicon.MALE_WORDS
    places = [p for p in places if not (p in people and p.split()[0].lower().strip(".") in kin)]
    culture = set().union(*lexicon.CULTURE_WORDS.values())
    # A culture word is dropped ("Diwali", "Ganga"), unless kin introduced it as a person's name:
    # "her only son, Yusuf" is a boy, though Yusuf is also a word that suggests a culture.
    people = [
        p for p in people
        if (p.lower() not in culture or p in introduced) and p.lower() not in lexicon.PLACES
        and p not in lexicon.NOT_NAMES and not (p not in introduced and _a_thing_once(p, text))
    ]  # fmt: skip
    # "The sky over Potosí", "the dry forest below Morondava": a name only ever somewhere is a place.
    somewhere = [p for p in people if p not in introduced and _only_a_place(p, text)]
    people = [p for p in people if p not in somewhere]
    places += [p for p in somewhere if p not in places]
    return people, places


_LOCATIVE = re.compile(
    r"\b(?:over|below|above|beneath|beyond|near|outside|in|across|around|through|towards?|into|within)\s+$",
    re.IGNORECASE,
)


def _only_a_place(name: str, text: str) -> bool:
    """Every mention of `name` follows a preposition of place ("below Morondava", "over Potosí"),
    and WordNet knows it as no other thing ("in Navajo" is a language)."""
    files = wordnet.lexicographer_files(name)
    if files and wordnet.LOCATION not in files:
        return False
    uses = [m.start() for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
    return bool(uses) and all(_LOCATIVE.search(text[max(0, at - 12) : at]) for at in uses)


def _a_thing_once(name: str, text: str) -> bool:
    """A capitalised word the story uses once, opening a sentence, that WordNet knows as a thing
    and no list knows as a first name ("Frost crusted the tailings."; not "Maria", "Rose"): no
    one's name, whatever the tagger says."""
    uses = list(re.finditer(rf"\b{re.escape(name)}\b", text))
    return (
        len(uses) == 1
        and gender_from_name(name) == "unknown"
        and re.search(r"(?:^|[.!?][\"”’]?\s+)$", text[: uses[0].start()]) is not None
        and wordnet.names_a_thing(name)
    )


_ALSO_CALLED = re.compile(r"\b(?:called|call|calls)\s+(?:him|her)\s+(?P<alias>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})")


_QUOTED_SPEECH = re.compile(r"\"[^\"]*\"|“[^”]*”|(?<!\w)['‘][^'’\n]{1,80}['’](?!\w)")


def _short_forms(names: list[str], paragraphs: list[str]) -> dict[str, str]:
    """ "Fathima" and "Fathima Beevi", "Nana" and "Nana Lupe" in one story: the one word alone is
    the one person whose name opens on it (or, for a surname, ends on it), when only one does and
    the narration uses it (not only a quote: "Then put 'Querido Hernán.'")."""
    narration = _QUOTED_SPEECH.sub(" ", "\n".join(paragraphs))
    found: dict[str, str] = {}
    for name in names:
        if " " in name:
            continue
        fuller = [
            n for n in names
            if n != name and name in (n.split()[0], n.split()[-1]) and re.search(rf"\b{re.escape(n)}\b", narration)
        ]  # fmt: skip
        if len(fuller) == 1:
            found[name] = fuller[0]
    return found


def _also_called(paragraphs: list[str], names: list[str]) -> dict[str, str]:
    """Second names of one person: "NAME ... called him ALIAS", where NAME is the last person the
    paragraph named before the alias (the "him" or "her"), so ALIAS speaks as NAME."""
    found: dict[str, str] = {}
    for paragraph in paragraphs:
        for match in _ALSO_CALLED.finditer(paragraph):
            alias = match.group("alias")
            if alias not in names:
                continue
            # The one called so was named in an earlier sentence: in "The keeper, Ingrid, called
            # him Admiral" Ingrid is who calls, not who is called.
            ends = [m.end() for m in re.finditer(r"[.!?][\"”’)]*\s+", paragraph[: match.start()])]
            before = paragraph[: ends[-1]] if ends else ""
            named = [
                (m.start(), n)
                for n in names
                if n != alias
                for m in name_pattern(n).finditer(before)
                if not re.match(r"['’]s\b", before[m.end() :])  # "Hiroko's great-grandmother": not Hiroko
            ]
            if named:
                found[alias] = max(named)[1]
    # A title before a name ("Commander Jordan Okafor"): "the commander said" is that person, when
    # the story gives the title to no one else.
    titled: dict[str, set[str]] = {}
    for paragraph in paragraphs:
        for match in _TITLE_BEFORE.finditer(paragraph):
            if match.group("title").lower() not in lexicon.SPEAKER_NOUNS:
                continue
            rest = paragraph[match.end() :]
            owner = next((n for n in names if name_pattern(n).match(rest)), None)
            if owner is not None:
                titled.setdefault(match.group("title").capitalize(), set()).add(owner)
    for title, owners in titled.items():
        if len(owners) == 1 and title not in found:
            found[title] = next(iter(owners))
    return found


_TITLE_BEFORE = re.compile(r"\b(?P<title>[A-Z][a-z]+)\s+(?=[A-Z])")


_DETERMINERS = {"the", "her", "his", "their", "my", "our", "a", "an"}
_KIN_NAMED = re.compile(
    r"\b(?:[Hh]er|[Hh]is|[Tt]heir|[Mm]y|[Oo]ur)\s+(?:[a-z-]+\s+){0,2}?(?:"
    + "|".join(sorted(lexicon.PERSON_NOUNS - {"one", "soul"}, key=len, reverse=True))
    + r")\s*,?\s+(?P<name>[A-Z][\w'’-]+)\b"
)
_AGE = r"\d{1,3}|(?:" + "|".join(sorted(lexicon.NUMBER_WORDS, key=len, reverse=True)) + r")(?:-[a-z]+)?"
_PERSON_NOUN = "|".join(sorted(lexicon.PERSON_NOUNS | {"one"}, key=len, reverse=True))
# "The smaller one, Onni, who ...", "the eldest girl, Mira, ...": a name set off after a person;
# "Funmilayo was the old man's granddaughter": a name a person noun describes.
_NAMED_AS_PERSON = re.compile(
    rf"\b(?:[Tt]he|[Aa]n?)\s+(?:[a-z-]+\s+){{0,2}}?(?:{_PERSON_NOUN})\s*,\s*(?P<name>[A-Z][\w'’-]+)\s*,"
    rf"|(?:^|[.!?][\"”’]?\s+)(?P<subject>[A-Z][\w'’-]+)\s+(?:was|is)\s+(?:the|an?|his|her|their)\s+"
    rf"(?:[\w'’-]+\s+){{0,3}}?(?:{_PERSON_NOUN})\b"
    # An age belongs to someone: "At thirteen, Nikau was ...", "Onni, who was only six,".
    rf"|\b[Aa]t\s+(?:{_AGE})\s*,\s*(?P<aged>[A-Z][\w'’-]+)\s+[a-z]"
    rf"|(?P<told>[A-Z][\w'’-]+)\s*,\s*who\s+(?:was|is)\s+(?:only\s+|just\s+|nearly\s+|almost\s+)?(?:{_AGE})\b(?!\s+of\b)"
)
_CALLED = re.compile(r"\b(?P<noun>[a-z]+)\s+(?:called|named)\s+(?P<name>[A-Z][\w'’-]+)\b")
_CALLABLE = lexicon.PERSON_NOUNS | lexicon.CREATURES | {"thing", "creature", "fellow", "chap", "lad", "lass"}
_HAS_KIN = re.compile(
    r"\b(?P<name>[A-Z][\w-]+)['’]s\s+(?:[a-z]+\s+)?(?:(?:great-)*(?:grand|step-?)?(?:mother|father|daughter|son|child)"
    r"|sister|brother|aunt|uncle|wife|husband|cousin|nephew|niece|twin|parent)s?\b"
)
_CREATURE_SUBJECT = re.compile(
    r"(?:^|[.!?][\"”’]?\s+|[,;]\s+(?:and|but)\s+)(?:[Tt]he|[Aa]n?)\s+(?:[a-z-]+\s+){0,2}?(?P<kind>[a-z]+)\s+(?=[a-z])"
)


def _creatures_told_by_pronoun(paragraphs: list[str], names: list[str], people: list[str]) -> dict[str, Gender]:
    """In a fable (a speaker is a creature, or spaCy reads an animal as a person), an animal
    that is a sentence's subject and whose gender the story's pronouns tell ("The eagle looked
    at him. She did not trust him.") is someone a later "she said" can mean. Outside fables a
    dog or a horse stays scenery."""
    fable = any(p.lower() in lexicon.CREATURES for p in people) or any(
        n.lower() in lexicon.CREATURES or infer_kind(n, bound_phrases(n, paragraphs, names)) for n in names
    )
    if not fable:
        return {}
    found: dict[str, Gender] = {}
    for paragraph in paragraphs:
        for match in _CREATURE_SUBJECT.finditer(paragraph):
            kind = match.group("kind")
            name = kind.capitalize()
            if kind not in lexicon.CREATURES or kind in lexicon.CREATURE_NOT_PLACES or name in names or name in found:
                continue
            gender = infer_gender(name, paragraphs, names)
            if gender != "unknown":
                found[name] = gender
    return found


def _tagged_names(paragraphs: list[str]) -> list[str]:
    """Names that speech tags attach to quotes anywhere in the story (not pronouns or roles)."""
    names: list[str] = []
    for paragraph in paragraphs:
        segments = segment(paragraph)
        for index, seg in enumerate(segments):
            if seg.kind != "text":
                continue
            found = []
            if index > 0:
                found.append(tag_after(seg.text))
            if index + 1 < len(segments):
                found.append(tag_before(seg.text))
            for tag in found:
                if not tag or tag.who.lower() in PRONOUNS:
                    continue
                if tag.who.split()[0].lower() in _DETERMINERS:
                    names.append(role_name(tag.who))  # "said the fox": the Fox is a character
                elif tag.who[0].isupper():
                    names.append(tag.who)
    return names


@dataclass
class _TextPlan:
    """One narration segment, split into what is read aloud and what only describes."""

    narration: list[str] = field(default_factory=list)
    beats: list[str] = field(default_factory=list)
    tag_after: Tag | None = None  # tags the quote before this text
    tag_before: Tag | None = None  # tags the quote after this text
    subject_first: str | None = None
    subject_last: str | None = None


def plan_text(seg: Segment, after_quote: bool, before_quote: bool, places: set[str]) -> _TextPlan:
    """Which words of a narration segment tag the quotes beside it, and which are read aloud.

    Only the speech tag itself ("said the fox") is left unread: whatever shares its sentence
    ("…," she said, and she opened the gate.) is narration, so no word of the story is lost."""
    plan = _TextPlan()
    parts = sentences(seg.text)
    if not parts:
        return plan
    spoken: list[str] = list(parts)
    first_rest: str | None = None  # the first sentence less its after-quote tag
    if after_quote:
        tag = tag_after(parts[0], places)
        if tag:
            plan.tag_after = tag
            first_rest = parts[0][tag.end :]
            spoken[0] = _clause(first_rest)
        else:
            plan.subject_first = subject_of(parts[0], places)
    if before_quote:
        last = len(parts) - 1
        source = first_rest if last == 0 and first_rest is not None else parts[-1]
        tag = tag_before(source, places) if word_count(source) else None
        if tag:
            plan.tag_before = tag
            spoken[last] = _clause(source[: tag.start])
        elif first_rest is None or last > 0:
            plan.subject_last = subject_of(parts[-1], places)
    plan.narration = [s for s in spoken if word_count(s)]
    return plan


def _clause(text: str) -> str:
    """What is left of a sentence once its speech tag is taken out, as a sentence to read:
    ", and she opened the gate." -> "And she opened the gate." """
    text = text.strip(" ,;:—–-")
    text = re.sub(r"\s+(?:and|then|but)$", "", text)
    if not word_count(text):
        return ""
    if not re.search(r"[.!?…][\"”’)]*$", text):
        text += "."
    return text[0].upper() + text[1:]


class _SceneReader:
    """Walks a scene's paragraphs, emitting narration and attributed lines in order."""

    def __init__(self, scene: Scene, cast: Cast, people: set[str], told_ages: list[tuple[int, list[str]]]) -> None:
        self.scene = scene
        self.cast = cast
        self.people = people
        self.told_ages = told_ages
        self.spoken_to: set[str] = set()  # whom the last speech called by name
        self.carry: str | None = None  # speaker of a quote left open at a paragraph's end
        # The subject of the last narration-only paragraph ("My brother Wei ... held it up to
        # her window."): the one an untagged quote opening the next paragraph most likely is.
        self.actor: str | None = None

    def paragraph(self, paragraph: str) -> None:
        segs = merge_inline_quotes(segment(paragraph), self.cast.non_people)
        plans: dict[int, _TextPlan] = {}
        for i, seg in enumerate(segs):
            if seg.kind == "text":
                after_quote = i > 0 and segs[i - 1].kind == "quote"
                before_quote = i + 1 < len(segs) and segs[i + 1].kind == "quote"
                plans[i] = plan_text(seg, after_quote, before_quote, self.cast.non_people)
        speaker_here: str | None = None
        last_was_line = False
        carry, self.carry = self.carry, None
        actor, self.actor = self.actor, None
        if all(seg.kind == "text" for seg in segs):
            parts = sentences(paragraph)
            self.actor = subject_of(parts[-1], self.cast.non_people) if parts else None
        for i, seg in enumerate(segs):
            if seg.kind == "text":
                plan = plans[i]
                self.scene.action.extend(b for b in plan.beats if b)
                if plan.narration:
                    text = " ".join(plan.narration)
                    self.scene.action.append(text)
                    self.scene.lines.append(Line(speaker=NARRATOR, text=text, kind="narration"))
                    self.cast.mentions_in(text)
                    last_was_line = False
                continue
            before = plans.get(i - 1)
            after = plans.get(i + 1)
            text = squash(strip_emphasis(seg.text))
            if not text:
                continue
            introduced = self_named(text, {*self.cast.genders, *self.people})
            # Whoever the speech calls by name ("Eels can't laugh, Koro.") is spoken to, not speaking.
            spoken_to = self.cast.addressed(text) - {self.cast.canonical(introduced) if introduced else ""}
            speaker, parenthetical = self._speaker(
                before, after, speaker_here, carry if i == 0 else None, actor if i == 0 else None, spoken_to
            )
            if introduced:
                speaker = self.cast.introduced(introduced, speaker)
            self.spoken_to = spoken_to - {speaker}
            self._told_age(text, speaker)
            previous = self.scene.lines[-1] if self.scene.lines else None
            if last_was_line and previous is not None and previous.speaker == speaker:
                # One speech interrupted by its tag; a capital after it starts a new sentence.
                joined = re.sub(r"[,;:—–-]+$", ".", previous.text) if text[:1].isupper() else previous.text
                previous.text = f"{joined} {text}"
                previous.parenthetical = previous.parenthetical or parenthetical
            else:
                self.scene.lines.append(Line(speaker=speaker, text=text, parenthetical=parenthetical))
            self.cast.spoke(speaker)
            speaker_here, last_was_line = speaker, True
            if seg.open_ended:
                self.carry = speaker

    def _told_age(self, said: str, speaker: str) -> None:
        """ "He's fourteen, Doña Asunta.": the pronoun means someone named nearby of that gender,
        not the speaker and not whoever the speech names (the one spoken to)."""
        for pronoun in ("he", "she"):
            years = said_age(said, pronoun)
            if years is None:
                continue
            gender = PRONOUNS[pronoun]
            who = [
                n for n in reversed(self.cast.recent)
                if n in self.cast.named and n not in (speaker, NARRATOR)
                and self.cast.genders.get(n) in (gender, "unknown") and not name_pattern(n).search(said)
            ]  # fmt: skip
            if who:
                self.told_ages.append((years, who))

    def _speaker(
        self,
        before: _TextPlan | None,
        after: _TextPlan | None,
        here: str | None,
        carry: str | None,
        actor: str | None = None,
        spoken_to: Collection[str] = (),
    ) -> tuple[str, str | None]:
        tags = [t for t in (after and after.tag_after, before and before.tag_before) if t]
        named = [t for t in tags if t.who.lower() not in PRONOUNS]
        for tag in named + tags:
            pronoun = tag.who.lower() in ("he", "she")
            recent = [n for n in self.cast.recent if n not in spoken_to] if pronoun else None
            speaker = self.cast.resolve(tag.who, recent)
            if speaker and here is None and pronoun:
                # A new paragraph is a new turn: "she" answering the woman who just spoke is the
                # one that woman called by name ("Mwanaisha! Is that your goat?"), else the
                # other woman in the scene, when there is one.
                called = [
                    n
                    for n in self.spoken_to - set(spoken_to)
                    if self.cast.genders.get(n) == self.cast.genders.get(speaker)
                ]
                turns = [t for t in self.cast.turns if t != NARRATOR]
                if len(called) == 1 and turns and turns[-1] == speaker:
                    speaker = called[0]
                else:
                    speaker = self._other_turn(speaker, spoken_to)
            if speaker:
                return speaker, tag.parenthetical
        hint_before = self._hint(before.subject_last if before else None, self.cast.before_last)
        hint_after = self._hint(after.subject_first if after else None)
        hint_actor = self._hint(actor, self.cast.before_last) if actor else None
        # "Hold the torch still, Aroha." ¶ "Eels can't laugh.": the one just called by name answers.
        answering = next(iter(self.spoken_to), None) if len(self.spoken_to) == 1 else None
        hints = [hint_before, here, carry, hint_after, hint_actor, answering, self.cast.alternate()]
        speaker = next((h for h in hints if h and h not in spoken_to), None)
        if speaker is None and spoken_to:
            speaker = next((n for n in reversed(self.cast.recent) if n not in spoken_to and n in self.cast.named), None)
        return speaker or next((h for h in hints if h), NARRATOR), None

    def _other_turn(self, speaker: str, spoken_to: Collection[str] = ()) -> str:
        turns = [t for t in self.cast.turns if t != NARRATOR]
        if not turns or turns[-1] != speaker or speaker in self.cast.narrated:
            # The narration since went back to them ("The leopard pawed at her. He rolled her
            # over."): "he" speaking next is the one it told of, speaking again.
            return speaker
        gender = self.cast.genders.get(speaker)
        for name in reversed(self.cast.recent):
            if name not in (speaker, NARRATOR) and name not in spoken_to and self.cast.genders.get(name) == gender:
                return name
        return speaker

    def _hint(self, who: str | None, recent: list[str] | None = None) -> str | None:
        """A narration subject names the speaker only if it is someone we know. A pronoun
        subject refers back past its own sentence ("He laid it over the dragon's nose": not
        the dragon), so it resolves against `recent`, the mentions before that sentence."""
        if not who:
            return None
        if who.lower() in PRONOUNS:
            return self.cast.resolve(who, recent)
        if who.split()[0].lower() in _DETERMINERS:
            return self.cast.resolve(who)  # "Her father smiled." -> Father, created when new
        known = who in self.cast.genders or who in self.people
        return self.cast.canonical(who) if known else None

    def finish(self) -> None:
        """A speech that ends on its tag's comma ("Come," said Lila.) ends with a full stop."""
        for line in self.scene.lines:
            line.text = re.sub(r"\s*[,;:—–-]+$", ".", line.text.strip())
