"""Character attributes read from the script's own words: age, gender, description, wardrobe,
language.

Clues are taken only from phrases bound to the name (its appositive, "NAME was ...", words just
before it, its parenthetical), so "Ravi's grandmother" does not make Ravi old. Pronouns count
only in sentences that name no other character.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from models.breakdown import NARRATOR, AgeBand, Character, Gender, Line
from models.script import lexicon, wordnet
from models.script.markup import sentences, squash
from models.script.names import gender_from_name
from models.script.wardrobe_meaning import WardrobeMatcher, Worn

_NUMBER_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen)"
)
# A word that tells an age by itself: "retired", "grey-bearded", "toddler", "teenage".
_AGE_WORD = "|".join(
    sorted(
        (re.escape(w) for w in lexicon.SENIOR_WORDS | lexicon.CHILD_WORDS | lexicon.TEEN_WORDS), key=len, reverse=True
    )
)
# An appositive opens with an article, a possessive, an age word or an age itself ("Bertram,
# ninety-one, in a bow tie"; "Meera, at fourteen, ..."; "UNCLE KWAME, grey-bearded, ...";
# "THE CAPTAIN, long retired, ...").
_DECADE = "|".join(lexicon.DECADES)
_APPOSITIVE_START = (
    rf"(?:a|an|the|his|her|their|my|our|your|now|still|once|only|just|barely|nearly|old|young|both|all|long|at\s+{_NUMBER_WORD}"
    rf"|{_NUMBER_WORD}|\d|{_AGE_WORD}|(?:(?:early|mid|late)[- ]?)?(?:{_DECADE}))\b"
)
# An age given on its own after an appositive: "MRS. ADEYEMI, the headmistress, sixties, stands".
_AGE_PIECE = re.compile(
    rf"\s*,\s*((?:(?:early|mid|late)[- ]?)?(?:{_DECADE})|(?:about\s+|around\s+|nearly\s+|almost\s+)?{_NUMBER_WORD}"
    rf"|\d{{1,3}}|in\s+(?:his|her|their)\s+(?:(?:early|mid|late)[- ]?)?(?:{_DECADE}))(?=\s*(?:[,;:!?]|\.(?:\s|$)|$)|\s+and\b)",
    re.IGNORECASE,
)
# After the name: an optional "(60s)" then ", a weathered keeper in a yellow raincoat" up to the
# next clause break.
_CAPITALISED = r"[A-Z][\w'’-]*"
_INTRO_APPOSITIVE = re.compile(
    rf"\s*(\([^)]*\))?\s*,\s*({_APPOSITIVE_START}[^,;:!?]*?)(?=\s*(?:[,;:!?]|\.(?:\s|$)|$))", re.IGNORECASE
)


@lru_cache(maxsize=1024)
def name_pattern(name: str) -> re.Pattern[str]:
    """Matches the name as written, in upper case or in title case ("MAYA", "Maya")."""
    last = name.split()[-1] if name.split() else ""
    if is_role(name) or (last.islower() and last in lexicon.SPEAKER_NOUNS):
        # A role or a creature used as a name ("Grandmother", "Fox", "Border guard").
        return re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)
    variants = {name, name.upper(), name.title(), name.capitalize()}  # "Min-jun" as well as "Min-Jun"
    alternatives = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’])(?:{alternatives})(?![\w])")


@lru_cache(maxsize=1024)
def is_role(name: str) -> bool:
    """A speaker called by what they are, not who: "Grandmother", "Fox", or a one-word cue WordNet
    knows first as a kind of person and no first name ("SUPERINTENDENT", "MAGISTRATE"), which the
    action writes in lower case ("The superintendent walks the rows")."""
    word = name.lower()
    if word in lexicon.SPEAKER_NOUNS:
        return True
    return word.isalpha() and wordnet.names_a_person(word) and gender_from_name(name) == "unknown"


def mentions(name: str, text: str) -> bool:
    return bool(name_pattern(name).search(text))


def describe_character(
    name: str,
    passages: list[str],
    lines: list[Line],
    others: list[str] | None = None,
    addressed: Counter[str] | None = None,
    garments: WardrobeMatcher | None = None,
) -> Character:
    """Everything the script says about `name`; `passages` are action/narration in order;
    `addressed` is what others call them to their face (see `vocative_votes`); `garments` finds
    clothing by meaning too (see wardrobe_meaning)."""
    if name == NARRATOR:
        narrator = Character(name=name, language=infer_language(lines, []))
        if any(line.kind != "narration" for line in lines):
            # A first-person narrator who speaks in the story is someone there: their own age ("the
            # spring I turned twenty"), else grown; their sex only as others address them ("Miss Brennan").
            narrator.age_band, narrator.age = _first_person_age(" ".join(passages))
            narrator.gender = _decide_gender(name, addressed or Counter())
        return narrator
    others = [o for o in (others or []) if o != name and o != NARRATOR]
    bound = bound_phrases(name, passages, others)
    kind = infer_kind(name, bound)
    votes = gender_votes(name, passages, others, bound, lines)
    alias = role_alias(name, passages)
    if alias:
        # "the weaver said" speaks for "a carpet-weaver named Golnar": what is said of her is the weaver's.
        named = bound_phrases(alias, passages, others)
        bound += named[1:]
        votes.update(gender_votes(alias, passages, others, named))
    votes.update(addressed or Counter())
    gender = _decide_gender(name, votes)
    age_band, age = infer_age(bound, creature=bool(kind))
    if age_band == "unknown":
        age_band, age = _own_age(lines)  # "Eighty-one years old and I fooled the lot of ye."
    if age_band == "unknown" and votes["senior"] >= 2:
        age_band = "senior"  # called Grandpa, Nani or Koro to their face, more than once or by name
    calls_a_parent = sum(bool(_CALLS_A_PARENT.search(squash(line.text))) for line in lines)
    if age_band == "unknown" and calls_a_parent >= 2:
        age_band = "child"  # calling "Papa!" to someone's face more than once
    if age_band == "unknown" and _in_someones_care(name, passages):
        age_band = "child"  # "ELLIE sits at the radio with her governess"
    found = [item for item in infer_wardrobe(name, passages, bound).split(", ") if item]
    worn = garments.dress(found, bound) if garments is not None else [Worn(item) for item in found]
    return Character(
        name=name,
        age_band=age_band,
        age=age,
        gender=gender,
        description=introduction(name, passages),
        wardrobe=", ".join(str(item) for item in worn),
        language=infer_language(lines, bound),
        kind=kind,
        assumed=[item.note() for item in worn if item.drawn_as],  # what the illustrator draws instead
    )


_CARER = r"(?:governess|nanny|nursemaid|babysitter|childminder|au\s+pair|tutor|schoolteacher|teacher|form\s+tutor)"


def _in_someones_care(name: str, passages: list[str]) -> bool:
    """Someone with a governess, a nanny or a teacher of their own is a child: "ELLIE sits at the
    radio with her governess, JO", "Daan's teacher jogs after the train"."""
    pattern = name_pattern(name).pattern
    cared = re.compile(
        rf"{pattern}(?:[^.;!?\"“”]{{0,60}}?\b(?:with|by|beside|and)\s+(?:his|her|their)|['’]s)\s+(?:[\w-]+\s+)?{_CARER}\b"
    )
    return any(cared.search(passage) for passage in passages)


def _own_age(lines: list[Line]) -> tuple[AgeBand, int | None]:
    """The age a character says is theirs: "I'm ten!", "I'm nine and I'm supposed to be asleep", "I am
    seventy-three years old", "Eighty-one years old and I fooled the lot of ye"; not "I'm two minutes away"."""
    for line in lines:
        years = said_age(squash(_unquoted(line.text)), "I")
        if years:
            return band_for(years), years
    return "unknown", None


_SAID_BY = {"I": r"I(?:['’]m|\s+am)", "he": r"(?i:he)(?:['’]s|\s+is)", "she": r"(?i:she)(?:['’]s|\s+is)"}


def said_age(said: str, who: str) -> int | None:
    """The years a speech gives `who` ("I", "he" or "she"): "He's fourteen", "she is only six",
    "I'm nine and ...", "I am seventy-three years old"; not "He's two minutes away"."""
    told = re.search(
        rf"\b{_SAID_BY[who]}\s+(?:only\s+|nearly\s+|almost\s+|just\s+|barely\s+)?{_NUM}"
        rf"(?:(?:[- ]years?[- ]old)?\s*(?=[,.!?;]|\s+and\s+(?!the\b)|$)|[- ]years?[- ]old\b)"
        + (rf"|(?:^|[.!?]\s+){_NUM}[- ]years?[- ]old\b" if who == "I" else ""),
        said,
        re.IGNORECASE if who == "I" else 0,
    )
    years = _number(told.group(1) or told.group(2)) if told else None
    return years if years and 0 < years < 120 else None


_PARENT = r"mama|mummy|mommy|daddy|papa|mum|mom|dad|mam|baba|amma|appa"
_CALLS_A_PARENT = re.compile(rf"(?:^|[,.!?]\s+)(?:{_PARENT})\s*(?=[,.!?]|$)|^(?:{_PARENT})\s*[,!?]", re.IGNORECASE)
_PROPER = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}"


def role_alias(role: str, passages: list[str]) -> str | None:
    """The proper name a speaker called by a role ("the weaver said") was introduced with, when the
    story gives one and it speaks under no name of its own: "a carpet-weaver named Golnar", "her
    apprentice Kaveh", "Halina, the seamstress", "the bride, Adaeze"; the same person may also speak
    under that name."""
    word = role.lower()
    if word not in lexicon.SPEAKER_NOUNS:
        return None
    # Case-blind for the role ("The Weaver"), never for the name, which must be capitalised.
    noun = rf"(?i:(?:\w+-)?{re.escape(word)})"  # "carpet-weaver" is a weaver
    patterns = [
        rf"\b(?i:an?|one|the|his|her|their)\s+(?:[\w'’-]+\s+){{0,2}}?{noun}\s+(?:named|called)\s+({_PROPER})",
        rf"\b(?i:one|the|his|her|their)\s+(?:[\w'’-]+\s+){{0,1}}?{noun}\s*,?\s+({_PROPER})",
        rf"({_PROPER})\s*,\s*(?i:an?|the)\s+(?:[\w'’-]+\s+){{0,2}}?{noun}\b",
    ]
    for passage in passages:
        for pattern in patterns:
            for match in re.finditer(pattern, _unquoted(passage)):
                found = match.group(1)
                first = found.split()[0]
                if first not in lexicon.NOT_NAMES and first.lower() not in lexicon.SPEAKER_NOUNS:
                    return found
    return None


def _first_person_age(text: str) -> tuple[AgeBand, int | None]:
    """What a first-person narrator says of their age now ("The spring I turned twenty", "I was in
    Year 10"), not a memory ("when I was eight"); grown when they never say."""
    for told in re.finditer(r"(?<!when )(?<!since )(?<!until )(?<!before )(?<!after )(?<!if )\bI\s+(?:was|turned|"
                            r"had\s+(?:just\s+)?turned)\s+([^.;:!?]{1,60})", text):  # fmt: skip
        band, years = infer_age([told.group(1).split(",")[0]])
        if band != "unknown":
            return band, years
    return "adult", None


def _decide_gender(name: str, votes: Counter[str]) -> Gender:
    """The text's verdict, unless it is only a half-weight hint (a pronoun in a sentence that
    names someone else first) against a first name that is always one gender: the name decides."""
    margin = votes["female"] - votes["male"]
    text: Gender = "female" if margin > 0 else "male" if margin < 0 else "unknown"
    if text != "unknown" and abs(margin) <= 0.5:
        guess = gender_from_name(name, strict=True)
        if guess not in ("unknown", text):
            return guess
    return text


def infer_kind(name: str, bound: list[str]) -> str:
    """What a non-human speaker is: its name ("Fox"), or the creature word bound to it
    ("HENRIETTA, a fussy old hen", "a small robot called Bolt"); "" for a person."""
    if name.lower() in lexicon.CREATURES:
        return name.lower()
    for phrase in bound[1:]:
        words = re.findall(r"[a-z]+", phrase.lower())
        if any(w in lexicon.PERSON_NOUNS - {"one", "soul", "friend"} for w in words):
            return ""
        for word in words:
            if word in lexicon.CREATURES and word not in lexicon.CREATURE_NOT_PLACES:
                return word
    return ""


def introduction(name: str, passages: list[str]) -> str:
    """The script's words where the character first appears, e.g. "MAYA (30s), a weathered
    keeper in a yellow raincoat" (the name, its parenthetical and appositive) or that sentence."""
    pattern = name_pattern(name)
    for passage in passages:
        for sentence in sentences(passage):
            match = pattern.search(sentence)
            if not match:
                continue
            appositive = _INTRO_APPOSITIVE.match(sentence, match.end())
            if appositive:
                return squash(sentence[match.start() : appositive.end()])
            return sentence
    return ""


def bound_phrases(name: str, passages: list[str], others: list[str] | None = None) -> list[str]:
    """Phrases that describe this character and no one else (see module docstring)."""
    pattern = name_pattern(name)
    other_patterns = [name_pattern(o) for o in others or [] if o != name]
    role = is_role(name)
    bound = [name]
    for passage in passages:
        split = sentences(passage)
        for index, sentence in enumerate(split):
            for match in pattern.finditer(sentence):
                after = sentence[match.end() :]
                # "ANGUS MACLEOD (66)": the cue name is the first of the introduced full name.
                paren = re.match(r"(?:\s+[A-Z][\w'’-]*){0,2}?\s*\(([^)]*)\)", after)
                if paren:
                    bound.append(paren.group(1))
                    after = after[paren.end() :]
                surname = re.match(r"(?:\s+[A-Z][\w'’-]*){1,2}(?=\s*,)", after)
                if surname and not any(p.match(after[surname.end() :].lstrip(" ,")) for p in other_patterns):
                    after = after[surname.end() :]  # "TAVITA LEIATAUA, fifteen,": the rest of the name
                own_name = _OWN_NAME.match(after) if role else None
                if own_name and not any(p.search(own_name.group(0)) for p in other_patterns):
                    bound.append(own_name.group(0).strip(" ,"))  # "Mrs Pike": a title tells the sex
                    after = after[own_name.end() :]  # "The superintendent, Mr Delaney, who retired ..."
                # "Fulu the tortoise", "Mkango the lion", "Ama the old weaver"
                epithet = re.match(r"\s+the\s+([a-z-]+)(?:\s+([a-z]+))?", after)
                if epithet and _BEINGS & {epithet.group(1), epithet.group(2)}:
                    bound.append(epithet.group(0).strip())
                appositive = re.match(rf"\s*,\s*({_APPOSITIVE_START}[^,;:!?]*)", after, re.IGNORECASE)
                if appositive:
                    bound.append(appositive.group(1))
                    # "SIGRID, the hut warden, a grey plait down her back and forty winters on this mountain,"
                    second = re.match(
                        rf"\s*,\s*({_APPOSITIVE_START}[^,;:!?]*)", after[appositive.end() :], re.IGNORECASE
                    )
                    if second:
                        bound.append(second.group(1))
                    # "Kwabena, the ferryman's son, was only eleven": the predicate after it.
                    later = re.match(r"\s*,\s*(?:is|was)\s+([^,;:!?.]*)", after[appositive.end() :])
                    if later:
                        bound.append(later.group(1))
                    aged = _AGE_PIECE.match(after[appositive.end() :])
                    if aged:
                        bound.append(aged.group(1))
                aged_before = re.search(rf"\b(at\s+{_NUM})\s*,\s*$", sentence[: match.start()], re.IGNORECASE)
                if aged_before:
                    bound.append(aged_before.group(1))  # "At fifteen, Ilakkiya was in charge"
                named_so = re.match(r"(.{1,120}?)\s+(?:called|named)\s*$", sentence[: match.start()])
                if named_so and "," in named_so.group(1):
                    # "The smallest chick, a fluffy yellow thing called Pip": the whole description.
                    bound.append(named_so.group(1))
                described = _description_before(sentence[: match.start()])
                if described:
                    bound.append(described)  # "An elderly man at the next stall, UNCLE CHEN,"
                if (
                    index > 0
                    and (
                        re.match(
                            r"\W*(?:her|his|its|their)\s+name\s+(?:is|was)\s*$",
                            sentence[: match.start()],
                            re.IGNORECASE,
                        )
                        # "An old man sat in the shade. Everyone on the street called him Baba Bankole."
                        or re.search(r"\b(?:called|call|calls)\s+(?:him|her)\s*$", sentence[: match.start()])
                    )
                ):
                    # "An old woman ... waited on the bank. Her name was Mama Esi."
                    # The person may come after an opening phrase ("One rainy afternoon a
                    # schoolgirl of fifteen ducked in. Her name was Aoi."), with an "of fifteen".
                    introduced = re.search(
                        rf"(?:^|\s)((?:an?|the)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{_PERSONS})\b"
                        rf"(?:\s+of\s+(?:about\s+|around\s+)?{_NUMBER_WORD}\b)?)",
                        split[index - 1],
                        re.IGNORECASE,
                    )
                    if introduced:
                        bound.append(introduced.group(1))
                # "Mabel and June, both in their eighties"; "ADA and her twin brother OBI, both sixteen"
                group = re.match(
                    rf"\s+and\s+(?:(?:his|her|their)\s+(?:[\w-]+\s+){{0,2}})?{_CAPITALISED}\s*,\s*((?:both|all)\b[^,;:!?]*)",
                    after,
                )
                if group:
                    bound.append(group.group(1))  # "Mabel and June, both in their eighties"
                pair = re.match(rf"\s+and\s+{_CAPITALISED}{_LIFE_EVENT}", after)
                if pair:
                    bound.append(pair.group(1))  # "Marieke and Anouk, who had retired from the same school"
                # The relative clause may follow an appositive: "Ferris, the caretaker, who was retiring".
                relative = after[appositive.end() :] if appositive else after
                who = re.match(
                    r"\s*,\s*who\s+(?:is|was|(?:had|has)\s+(?:just\s+)?turned|turned)\s+([^,;:!?.]*)", relative
                )
                if who:
                    bound.append(who.group(1))  # "Mei, who was seven,"
                life = re.match(_LIFE_EVENT, relative)
                if life:
                    bound.append(life.group(1))  # "Ruth, who retired last June", "Cal, who passed his driving test"
                schooled = re.match(r"\s*,\s*([^,;:!?.]{0,60}?\bschool\b[^,;:!?.]*)", relative)
                if schooled:
                    bound.append(schooled.group(1))  # "Karma, who had been let off school", "DAAN, on a school visit"
                aged_at = re.match(rf"\s*,\s*who\b[^;:!?.]{{0,80}}?\b(at\s+{_NUM})\b", relative)
                if aged_at:
                    bound.append(aged_at.group(1))  # "Nana Wen, who ... claimed at eighty-two"
                aged_now = re.match(
                    rf"\s*,\s*who\b[^;:!?.]{{0,80}}?\b(?:is|was)\s+(?:now\s+)?((?:{_HEDGE}\s+)?{_NUM})(?=\s*(?:[,;.!?]|and\b|$))",
                    relative,
                )
                if aged_now:
                    bound.append(
                        aged_now.group(1)
                    )  # "Don Elio, who had christened half the village and was now past eighty"
                retired = re.match(
                    r"\s+((?:had\s+|has\s+)?(?:just\s+|long\s+since\s+|already\s+)?retired\b[^,;:!?.]*)", after
                )
                if retired:
                    bound.append(retired.group(1))  # "Robin had retired from the post office the year I was born"
                predicate = re.match(r"\s+(?:is|was|looks|seemed|seems)\s+([^,;:!?.]*)", after)
                if predicate:
                    bound.append(predicate.group(1))
                    aged = _AGE_PIECE.match(after[predicate.end() :])
                    if aged:  # "Funmilayo was the old man's granddaughter, seventeen and ..."
                        bound.append(aged.group(1))
                wearing = re.match(r"[^.;!?]{0,60}?\b(?:wears|wearing|wore|dressed in|clad in)\s+([^,;:!?.]*)", after)
                if wearing:
                    bound.append("wearing " + wearing.group(1))
                if not any(p.search(sentence) for p in other_patterns):
                    # Clothing in a sentence about this character: "ELI bursts in, in a red scarf."
                    bound.extend(re.findall(r"\b(?:in|wearing|wears|wore|dressed in)\s+([^,;:!?.]+)", after))
                before = _descriptor_before(sentence[: match.start()])
                if before:
                    bound.append(f"{before} {match.group(0)}")  # "the old" + "shepherd"
                    if name.lower() not in lexicon.SPEAKER_NOUNS:
                        # "Old Mr. Okafor", "Little Tom": an age word as a proper name's epithet.
                        epithet = re.search(
                            r"\b(old|elderly|little)\s+(?:(?:mr|mrs|ms|miss|dr|master)\.?\s+)?$",
                            before + " ",
                            re.IGNORECASE,
                        )
                        if epithet:
                            bound.append("elderly" if epithet.group(1).lower() != "little" else "child")
    return bound


# A relative clause telling a stage of life: retiring, a driving test, school.
_LIFE_EVENT = (
    r"\s*,\s*who\s+((?:had\s+|has\s+|is\s+|was\s+)?(?:just\s+)?(?:retired|retiring|passed|failed|started|finished"
    r"|left|celebrated)\b[^,;:!?.]*)"
)
_PERSONS = "|".join(sorted(lexicon.PERSON_NOUNS, key=len, reverse=True))
_BEINGS = lexicon.CREATURES | lexicon.PERSON_NOUNS
_TITLE_WORDS = "|".join(sorted(lexicon.FEMALE_TITLES | lexicon.MALE_TITLES | {"dr", "mx"}, key=len, reverse=True))
# A role's own name set off by commas: "The MIDWIFE, Umm Tariq, a grey-haired woman", "The
# superintendent, Mr Delaney, who retired"; what follows it still tells of the role.
_OWN_NAME = re.compile(rf"\s*,\s*(?:(?i:{_TITLE_WORDS})\.?\s+)?{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,2}}(?=\s*,)")
# "An elderly man at the next stall, UNCLE CHEN, ...": a described person, then their name.
_DESCRIBED_THEN_NAMED = re.compile(
    rf"(?:^|[.;:!?]\s+|\s)((?:an?|the)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{_PERSONS})"
    rf"(?:\s+(?:at|in|on|from|of|with|by|near|beside|behind)\s+[^,;.!?]{{1,30}})?)\s*,\s*"
    rf"(?:(?:{_TITLE_WORDS})\.?\s+)?$",
    re.IGNORECASE,
)


def _description_before(text: str) -> str | None:
    """The noun phrase just before a name and its comma: "A lanky stranger, JEROEN" gives
    "A lanky stranger"; nothing when the name is not set off by a comma."""
    match = _DESCRIBED_THEN_NAMED.search(text[-120:])
    return match.group(1) if match else None


def _descriptor_before(text: str) -> str | None:
    """Words just before a name that describe it: "an old woman named", "her brother",
    "twelve-year-old", "Mrs." (not "the boy handed", which is someone else)."""
    # The last few words of the clause before the name; "The bride, ANJALI" keeps its comma.
    clause = re.split(r"[;:(!?]|\.\s", text.rstrip(" ,"))[-1]
    match = re.search(r"((?:[\w'’.-]+\s+){0,4}[\w'’.-]+)\s*$", clause)
    if not match:
        return None
    phrase = match.group(1).strip()
    # "Two old sisters, Mabel and" June: the description before a list of names is each one's.
    tail = clause.strip()[-200:]  # a list of names is short; the bound keeps the match linear-ish
    listed = (
        re.match(rf"^(.*?)[\s,]+(?:{_CAPITALISED}\s*,\s*)*{_CAPITALISED}\s*,?\s+and$", tail)
        if tail.endswith(" and")
        else None
    )
    if listed and listed.group(1).strip():
        inner = re.search(r"((?:[\w'’.-]+\s+){0,4}[\w'’.-]+)\s*,?\s*$", listed.group(1))
        if inner:
            phrase = inner.group(1).strip()
    last = phrase.split()[-1].lower().rstrip(".")
    describing = (
        last in {"named", "called", "old", "young", "little", "elderly", "dear", "poor"}
        or _kin_root(last) in lexicon.PERSON_NOUNS
        or last in lexicon.SENIOR_WORDS  # "Great-Aunt Fumiko"
        or _singular(last) in lexicon.PERSON_NOUNS
        or last in lexicon.FEMALE_TITLES | lexicon.MALE_TITLES
        or last.endswith("-year-old")
    )
    return phrase if describing else None


def _singular(word: str) -> str:
    """ "sisters" -> "sister", "women" -> "woman" (enough for the role nouns in the lexicon)."""
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("children"):
        return word[:-3]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _kin_root(word: str) -> str:
    """ "great-grandson" -> "grandson", "stepmother" stays (it is listed), "step-father" -> "father"."""
    if word in lexicon.PERSON_NOUNS or word in lexicon.SENIOR_WORDS:
        return word
    last = word.rsplit("-", 1)[-1]
    return last if last in lexicon.PERSON_NOUNS else word


def _words(text: str) -> set[str]:
    """Lower-case words with their singulars, so "old sisters" reads like "old sister", and
    hyphenated kin with their root ("great-grandson" also reads as "grandson")."""
    found = set(re.findall(r"(?:[^\W\d_]|-)+", text.lower()))  # any alphabet's letters: "bà", "hanım"
    found |= {_kin_root(w) for w in found}
    return found | {_singular(w) for w in found if _singular(w) in lexicon.PERSON_NOUNS}


_POSSESSED_KIN = re.compile(r"\b(?:his|her|their|my|your|our)\s+(?=(?:[\w-]+\s+)?[\w-]+)", re.IGNORECASE)


def _without_possessors(phrase: str) -> str:
    """ "Her great-grandson TEMBO": the "her" is the great-grandmother's, not Tembo's; a
    possessive before a person noun says nothing of the named one's gender."""

    def drop(match: re.Match[str]) -> str:
        following = re.match(r"(?:([\w-]+)\s+)?([\w-]+)", phrase[match.end() :])
        nouns = {w.lower() for w in following.groups() if w} if following else set()
        return (
            " "
            if any(_kin_root(n) in lexicon.PERSON_NOUNS or _singular(n) in lexicon.PERSON_NOUNS for n in nouns)
            else match.group(0)
        )

    return _POSSESSED_KIN.sub(drop, phrase)


def _number(text: str) -> int | None:
    text = text.lower().strip()
    if text.isdigit():
        return int(text)
    total = 0
    for part in re.split(r"[- ]", text):
        if part not in lexicon.NUMBER_WORDS:
            return None
        total += lexicon.NUMBER_WORDS[part]
    return total or None


def band_for(age: int) -> AgeBand:
    if age < 13:
        return "child"
    if age < 20:
        return "teen"
    return "adult" if age < 60 else "senior"


_NUM = r"(\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
# A guessed age is an age all the same: "who was perhaps ten", "a boy of maybe twelve".
_HEDGE = r"(?:perhaps|maybe|probably|about|around|roughly|some|near|past|over|well\s+over|well\s+past|close\s+to)"
_SHIFT = {"early": 2, "mid": 5, "late": 8}


def infer_age(phrases: list[str], creature: bool = False) -> tuple[AgeBand, int | None]:
    """Age band and years from bound phrases: "(60s" -> senior 65, "12" -> child 12,
    "twelve-year-old" -> 12, "in her sixties" -> 65, "old woman" -> senior, "was seven" -> 7.
    A creature that is "young", a "cub" or a "baby" is a child; an "old" one a senior.
    An owner's age is not theirs: "the old man's granddaughter" is no senior."""
    text = " ; ".join(_of_this_one(phrase) for phrase in phrases)
    lower = text.lower()
    if creature:
        # "a young bull" is grown, like "a young man"; a young creature otherwise is a child.
        grown = "|".join(sorted((lexicon.MALE_WORDS | lexicon.FEMALE_WORDS) & lexicon.CREATURES))
        young = re.search(r"\byoung\b", lower) and not re.search(rf"\byoung\s+(?:{grown})\b", lower)
        if young or re.search(
            r"\b(?:baby|cub|kitten|puppy|chick|lamb|calf|foal|hatchling|fawn|piglet|duckling|gosling)\b", lower
        ):
            return "child", None
        if re.search(r"\b(?:old|ancient|elderly|aged)\b", lower):
            return "senior", None
    exact = (
        re.search(rf"(?:^|;)\s*{_NUM}\s*(?:;|$)", lower)  # "Sam was sixteen", "who was seven"
        or re.search(rf"\b{_NUM}[- ]years?[- ]old\b", lower)
        or re.search(rf"\b(?:aged?|age of)\s+{_NUM}\b", lower)
        or re.search(r"(?:^|;)\s*(\d{1,3})\s*(?:[;,]|$)", text)  # a parenthetical "(12)" or "(12, shy)"
        or re.search(
            rf"\b(?:a|an)\s+(?:\w+\s+)?[a-z]+ of (?:about |around |some |perhaps |maybe )?{_NUM}\b(?![- ](?:years|other|them|us|the|his|her))",
            lower,
        )
        # An age opening a predicate or appositive ("eighty if a day" too): "Siobhán was seventeen and furious", "Hana was
        # twelve the summer she ...", "Rosario, seventy-three and still ...", "Meera, at fourteen".
        or re.search(
            rf"(?:^|;)\s*(?:at\s+|only\s+|just\s+|barely\s+|nearly\s+|almost\s+|{_HEDGE}\s+)?{_NUM}(?:\s+(?:and|when|that|but|now|already|then|last|this|if|by|or"
            rf"|on|in|at|last|next|the\s+(?:summer|year|winter|spring|autumn|day|week|month|night))\b|\s*(?:[;,]|$))",
            lower,
        )
        # "Ana and Luis, both nine", "Rafa, just sixteen", "who had just turned six"
        or re.search(
            rf"(?:^|;)\s*(?:both|all|just|only|nearly|almost|barely|now|turned|just turned)\s+{_NUM}\s*(?:;|$)", lower
        )
    )
    if exact:
        years = _number(exact.group(1))
        if years and 0 < years < 120:
            return band_for(years), years
    decade = (
        re.search(r"\b(early|mid|late)?[- ]?(\d)0s\b", lower)
        or re.search(r"\bin (?:his|her|their) (early |mid-?|late )?(" + "|".join(lexicon.DECADES) + r")\b", lower)
        # A bare decade bound to the name: "MRS. ADEYEMI, the headmistress, sixties,".
        or re.search(r"(?:^|;)\s*(early |mid-?|late )?(" + "|".join(lexicon.DECADES) + r")\s*(?:;|$)", lower)
    )
    if decade:
        shift = _SHIFT.get((decade.group(1) or "").strip(" -"), 5)
        base = lexicon.DECADES.get(decade.group(2)) or int(decade.group(2)) * 10
        return band_for(base + shift), base + shift
    school = _school_band(lower)
    if school:
        return school, None
    tokens = _words(lower)
    persons = "|".join(sorted(lexicon.PERSON_NOUNS))
    # "old sisters" is "old sister": plural role nouns read as their singulars.
    lower = re.sub(
        r"[a-z]+", lambda m: _singular(m.group()) if _singular(m.group()) in lexicon.PERSON_NOUNS else m.group(), lower
    )
    # "his young son", "her little daughter": a young child; "a young woman" is grown.
    if re.search(
        r"\b(?:young|little|baby|youngest|small)\s+(?:son|daughter|grandson|granddaughter|nephew|niece|child)\b"
        r"|\b(?:little|baby|kid)\s+(?:brother|sister)\b",  # "my little brother Kit"
        lower,
    ):
        return "child", None
    if re.search(rf"\b(?:young|younger)\s+(?:{persons})\b", lower):
        return "adult", None
    # Person nouns the lexicon does not list carry the age WordNet gives them ("urchin", "crone").
    told = {wordnet.person_traits(token)[1] for token in tokens if _unlisted(token)}
    if tokens & lexicon.TEEN_WORDS or re.search(r"\bteen(?:age)?(?:ed|s)?\b", lower) or "teen" in told:
        return "teen", None
    if (
        tokens & (lexicon.SENIOR_WORDS - {"old", "aged"})
        or "senior" in told
        or re.search(rf"\bold\s+(?:\w+\s+)?(?:{persons})\b", lower)
        # "an old bamboo cutter named Okina": whatever "old" describes here is the person.
        or re.search(r"\b(?:old|elderly)\s+(?:[\w-]+\s+){0,2}(?:named|called)\b", lower)
        # "a grey plait down her back", "white-haired"
        or re.search(
            r"\b(?:gr[ae]y|white|silver)(?:ing)?[\s-](?:hair(?:ed)?|beard(?:ed)?|plait|braid|bun|moustache|mustache)\b",
            lower,
        )
        # "forty winters on this mountain", "forty-nine years of grease in his knuckles"
        or _long_life(lower)
    ):
        return "senior", None
    if tokens & lexicon.CHILD_WORDS or "child" in told:
        return "child", None
    if re.search(r"\b(?:middle-aged|adult|grown)\b", lower):
        return "adult", None
    return "unknown", None


_LISTED = frozenset(
    lexicon.PERSON_NOUNS | lexicon.SENIOR_WORDS | lexicon.CREATURES | lexicon.FEMALE_TITLES | lexicon.MALE_TITLES
)


def _unlisted(word: str) -> bool:
    """A word the lexicon does not know as a person, creature or title (nor its singular): WordNet may."""
    return word not in _LISTED and _singular(word) not in _LISTED


def _long_life(text: str) -> bool:
    """Forty or more years (winters, summers) of a life's work told in a phrase bound to someone."""
    for told in re.finditer(rf"\b{_NUM}\s+(?:years|winters|summers)\s+(?:of|on|at|in|behind)\b", text):
        if (_number(told.group(1)) or 0) >= 40:
            return True
    return False


def _school_band(text: str) -> AgeBand | None:
    """A stage of schooling: "Year 11", "grade 4", "secondary school", "a driving test"; not a
    school someone retired from or taught at."""
    if re.search(r"\b(?:retired|retiring|taught|teaches|teaching|teacher|headmaster|headmistress)\b", text):
        return None
    # "Year 11", "in Class Four", "Grade Two"; the first that is a number ("the class clown" is not)
    years = re.finditer(
        r"\b(?:year|grade|class|standard)\s+(\d{1,2})\b|\b(?:class|standard|grade|in\s+year)\s+([a-z]+)\b", text
    )
    number = next((n for year in years if (n := _number(year.group(1) or year.group(2)))), None)
    if number and 1 <= number <= 13:
        return "teen" if number >= 7 else "child"
    if re.search(r"\b(?:secondary|high|senior|middle)[\s-]school\b|\bsixth\s+form\b|\bgcses?\b|\ba-levels?\b"
                 r"|\bdriving\s+(?:theory\s+)?test\b|\blearner['’]?s\s+permit\b", text):  # fmt: skip
        return "teen"
    if re.search(r"\b(?:primary|elementary|nursery)[\s-]school\b|\bkindergarten\b", text):
        return "child"
    # "her maths textbook, because her exams began in June", "the tracksuit of his last year at the ikastola"
    if re.search(r"\b(?:exams?|revision|(?:last|final)\s+year\s+(?:at|of)|voice\s+had\s+(?:just\s+)?broken"
                 r"|voice\s+(?:was\s+)?breaking)\b", text):  # fmt: skip
        return "teen"
    # "let off school for the day", "on a school visit", "in a school pinafore"
    if re.search(r"\b(?:off|from|after|before|for)\s+school\b|\bschool\s+(?:visit|trip|pinafore|uniform|bag|shoes|jumper|socks)\b"
                 r"|\bschoolbag\b|\bsatchel\b|\bhomework\b", text):  # fmt: skip
        return "child"
    return None


def infer_gender(
    name: str, passages: list[str], others: list[str], bound: list[str] | None = None, lines: list[Line] | None = None
) -> Gender:
    """Votes from role words and titles bound to the name, then from pronouns near it, then from
    what the character says of a spouse ("My wife wants your heart")."""
    votes = gender_votes(name, passages, others, bound, lines)
    if votes["female"] > votes["male"]:
        return "female"
    if votes["male"] > votes["female"]:
        return "male"
    return "unknown"


_OWNER_OF_PERSON = re.compile(
    # not from a conjunction on: "seventy-four and the team's drummer" keeps "seventy-four and"
    rf"\b(?:(?:the|an?)\s+)?(?:(?!(?:and|but|or)\b)[\w-]+\s+){{0,2}}?[\w-]+['’]s\s+(?=(?:[\w-]+\s+)?(?:{_PERSONS})s?\b)",
    re.IGNORECASE,
)
# "(was sent) to stay with his Nanaji": a person after a preposition and a possessive is someone else.
_OTHERS_KIN = re.compile(
    rf"\b(?:with|to|for|from|of|by|beside|behind|near|and|visit|visiting)\s+(?:his|her|their)\s+(?:[\w-]+\s+)?"
    rf"(?:{_PERSONS})s?\b(?!\s+(?-i:[A-Z]))"  # not "Henri and his wife Colette": that wife is Colette
    # "in her great-grandmother's kitchen": whose kitchen it is, someone else
    rf"|\b(?:his|her|their)\s+(?:[\w-]+\s+)?(?:great-)*(?:{_PERSONS})['’]s\b",
    re.IGNORECASE,
)
# "in a man's flat cap", "with the old woman's shawl": whose thing it is, someone else.
_OWNER_OF_THING = re.compile(rf"\b(?:an?|the)\s+(?:[\w-]+\s+)?(?:{_PERSONS})['’]s\b", re.IGNORECASE)


def _of_this_one(phrase: str) -> str:
    """A bound phrase without the other people it names as owners or kin: "the old man's
    granddaughter" keeps "granddaughter", "in a man's flat cap" keeps "in flat cap"."""
    return _OTHERS_KIN.sub(" ", _OWNER_OF_PERSON.sub(" ", _OWNER_OF_THING.sub(" ", phrase)))


_POSSESSOR_OF_PERSON = re.compile(rf"['’]s\s+(?:[a-z-]+\s+)?(?:{_PERSONS})s?\b")


def gender_votes(
    name: str, passages: list[str], others: list[str], bound: list[str] | None = None, lines: list[Line] | None = None
) -> Counter[str]:
    """The weighted evidence for each gender (see `infer_gender`); a title or role word weighs 3,
    a pronoun next to the name 1 or 2, a possessive opening the next sentence 1."""
    bound = bound if bound is not None else bound_phrases(name, passages)
    votes: Counter[str] = Counter()  # counts may be fractional: weak votes weigh half
    whole = name.lower()  # a kin word of two words is the name itself: "AH MA", "Mamá Grande"
    votes["female"] += 3 * (" " in whole and whole in lexicon.FEMALE_WORDS)
    votes["male"] += 3 * (" " in whole and whole in lexicon.MALE_WORDS)
    for phrase in bound:
        # "the old man's granddaughter": the man is someone else; the granddaughter is this one.
        tokens = _words(_of_this_one(phrase))  # not "by his wife's (account)"
        votes["female"] += 3 * len(tokens & (lexicon.FEMALE_WORDS | lexicon.FEMALE_TITLES | lexicon.FEMALE_ANIMALS))
        votes["male"] += 3 * len(tokens & (lexicon.MALE_WORDS | lexicon.MALE_TITLES | lexicon.MALE_ANIMALS))
        for token in tokens - lexicon.FEMALE_WORDS - lexicon.MALE_WORDS:
            # "POLICEWOMAN", "a fisherman", "the milkmaid"; person nouns the lexicon lacks ("nun", "widower")
            compound = _compound_gender(token) or (wordnet.person_traits(token)[0] if _unlisted(token) else None)
            if compound:
                votes[compound] += 3
        # Its own pronouns: a subject or a possessive ("with salt in his hair"), not an object
        # ("in the dust beside her"), which is most often someone else.
        own = set(re.findall(r"\b(?:she|he|his)\b|\bher\b(?=\s+[\w-])", _without_possessors(phrase).lower()))
        votes["female"] += len(own & {"her", "she"})
        votes["male"] += len(own & {"his", "he"})
    pattern = name_pattern(name)
    other_patterns = [name_pattern(o) for o in others]
    for passage in passages:
        split = sentences(_fold_speech(passage))
        for index, sentence in enumerate(split):
            match = pattern.search(sentence)
            if not match:
                continue
            title = re.search(r"\b(\w+)\.?\s*$", sentence[: match.start()])
            if title and title.group(1).lower() in lexicon.FEMALE_TITLES:
                votes["female"] += 3
            elif title and title.group(1).lower() in lexicon.MALE_TITLES:
                votes["male"] += 3
            rest = sentence[match.end() :]
            spouse = re.match(r"['’]s\s+(wife|husband)\b", rest)
            if spouse:  # "the crocodile's wife": the sentence is about someone else
                votes["male" if spouse.group(1) == "wife" else "female"] += 3
                continue
            if _POSSESSOR_OF_PERSON.match(rest):
                continue  # "Adaeze had married Tobenna's father, and she ...": not Tobenna's "she"
            # Someone named after only as an owner ("Tobenna's father") does nothing in the sentence:
            # its "she" is still this one's.
            others_after = [
                m.start() for p in other_patterns for m in p.finditer(rest) if not re.match(r"['’]s\b", rest[m.end() :])
            ]
            if others_after:
                # Another character's pronouns could be meant after them; but a possessive just
                # before the first of them is this one's ("Golnar ..., with her apprentice").
                # So is one in a clause of its own before them ("RUIZ is zipping his parka when Lucía bursts in").
                between = _unquoted(rest[: min(others_after)])
                owner = re.search(r"\b(his|her)\s+(?:[\w'’-]+,?\s+)?$", between.lower())
                own = _own_pronouns(_without_possessors(between))  # not "MINH, her grandchild, ..."
                if owner:
                    votes["female" if owner.group(1) == "her" else "male"] += 1
                elif own & lexicon.FEMALE_PRONOUNS and not own & lexicon.MALE_PRONOUNS:
                    votes["female"] += 0.5  # type: ignore[assignment]  # fractional votes work at runtime
                elif own & lexicon.MALE_PRONOUNS and not own & lexicon.FEMALE_PRONOUNS:
                    votes["male"] += 0.5  # type: ignore[assignment]  # fractional votes work at runtime
                continue
            # Others named only before the name ("a grasshopper sang while a little ant carried
            # grain to her nest"): the pronouns after it most likely are its own, a weaker vote.
            # Not when the name opens a clause of its own after them ("Kim shouts from the rope, and
            # Nikita spits out her whistle"): what follows is its own.
            clause = sentence[: match.start()]
            opened = re.match(r"(?:.*(?:[;:]|,\s+(?:and|but|so|then)))?\s*$", clause, re.DOTALL)
            weight = 0.5 if not opened and any(p.search(clause) for p in other_patterns) else 1.0
            # "MINH, her grandchild, thirteen, chops herbs": that "her" is the grandmother's.
            head = re.match(r"\s*,[^,;:!?.]*", rest)
            if head:
                rest = _without_possessors(head.group(0)) + rest[head.end() :]
            after = _own_pronouns(_unquoted(rest))
            votes["female"] += weight * bool(after & lexicon.FEMALE_PRONOUNS)  # type: ignore[assignment]  # typeshed types Counter values as int; fractional votes work at runtime
            votes["male"] += weight * bool(after & lexicon.MALE_PRONOUNS)  # type: ignore[assignment]  # typeshed types Counter values as int; fractional votes work at runtime
            # A next sentence whose subject is "She"/"He" ("Every day he ...") continues with
            # the same subject, when no one else is named before the pronoun.
            if index + 1 < len(split):
                following = _unquoted(split[index + 1])
                first = re.match(r"\W*(?:[A-Za-z,]+\s+){0,3}?(he|she)\b", following, re.IGNORECASE)
                # Or opens on a possessive ("Her flatmate Rhys ...", "His knees ached"): whose
                # can only be the last sentence's subject, as nobody else is named yet.
                first = first or re.match(r"\W*(her|his)\b", following, re.IGNORECASE)
                if first and not any(p.search(following[: first.start(1)]) for p in other_patterns):
                    word = first.group(1).lower()
                    strength = 2 if word in ("she", "he") else 1  # a possessive is less sure
                    votes["female"] += strength * weight * (word in ("she", "her"))  # type: ignore[assignment]  # typeshed types Counter values as int; fractional votes work at runtime
                    votes["male"] += strength * weight * (word in ("he", "his"))  # type: ignore[assignment]  # typeshed types Counter values as int; fractional votes work at runtime
    for line in lines or []:
        said = _unquoted(line.text).lower()
        votes["male"] += 2 * len(re.findall(r"\bmy (?:wife|girlfriend)\b", said))
        votes["female"] += 2 * len(re.findall(r"\bmy husband\b", said))
    return votes


_VOCATIVES = {
    "male": r"sir|mister|son|lad|laddie|young\s+man|little\s+man|my\s+boy|dad|daddy|papa|pa|grandpa|grandad|granddad|granda|uncle|señor|senor|monsieur|bhaiya|abba|little\s+brother",
    "female": r"ma['’]am|madam|miss|missy|young\s+lady|my\s+girl|mom|mum|mommy|mummy|mammy|mama|ma|grandma|granny|nana|auntie|aunty|señora|senora|abuela|didi|amma|little\s+sister",
}  # fmt: skip
# Kin words and honorifics of other languages said alone to someone's face ("Noona, look", "Yes,
# Bà", "Mzee, how much?"); not those that are also English interjections ("umm") or names.
_VOCATIVE_KIN = {
    "male": lexicon.SENIOR_MALE_KIN | lexicon.UNCLE_WORDS | {"oppa", "hyung", "ajeossi", "ajusshi", "ông", "chú",
                                                              "bwana", "babu", "agha", "grandfather"},
    "female": lexicon.SENIOR_FEMALE_KIN | lexicon.AUNT_WORDS | {"noona", "nuna", "unnie", "eonni", "unni", "akka",
                                                                "abla", "nne", "ajumma", "bà", "cô", "chị", "bibi",
                                                                "khanum", "hanım", "grandmother"},
    # Said to an elder of either sex: "Let him try, Grandpa", "Eels can't laugh, Koro".
    "senior": lexicon.SENIOR_MALE_KIN | lexicon.SENIOR_FEMALE_KIN | {"grandfather", "grandmother"},
}  # fmt: skip
_VOCATIVES["senior"] = r"grandpa|grandad|granddad|granda|grandma|granny|gran"
# Praise said to someone's face names their sex as a vocative does: "Good girl.", "Atta boy!"; not
# "That's my boy!", cheered as often about a child on the pitch as to the one who just spoke.
_PRAISE = r"(?:good|atta)\s+"
_VOCATIVES["male"] += rf"|{_PRAISE}(?:boy|lad)"
_VOCATIVES["female"] += rf"|{_PRAISE}(?:girl|lass)"
_VOCATIVES = {
    gender: terms + "|" + "|".join(sorted(map(re.escape, _VOCATIVE_KIN[gender]), key=len, reverse=True))
    for gender, terms in _VOCATIVES.items()
}
_VOCATIVE = {
    gender: re.compile(
        rf"(?:^|[,.!?]\s+|\b(?:yes|no|thank\s+you|thanks|sorry|please|hello|hi|good\s+\w+),?\s+)(?:{terms})\s*(?=[,.!?]|$)"
        rf"|^(?:{terms})\s*,",
        re.IGNORECASE,
    )
    for gender, terms in _VOCATIVES.items()
}
# A vocative set beside a name says whom it is for: "Jordan, my girl, help me", "Come, little man, Emeka".
_NAMED_VOCATIVE = {
    gender: re.compile(
        rf"(?P<name>[A-Z][\w'’-]*)\s*,\s*(?:{terms})\s*(?=[,.!?]|$)|(?:{terms})\s*,\s*(?P<after>[A-Z][\w'’-]*)\b"
    )
    for gender, terms in _VOCATIVES.items()
}


_TITLED_NAME = re.compile(r"\b(Mr|Mrs|Ms|Miss|Señor|Señora|Herr|Frau|Monsieur|Madame)\.?\s+([A-Z][\w'’-]+)")


def vocative_votes(scenes: list[list[Line]]) -> dict[str, Counter[str]]:
    """What each speaker is called to their face: "Is that all right, ma'am?", "Young lady, I
    played ...". The one addressed is the speaker named beside the vocative ("Jordan, my girl,
    help me"), a firm vote (2); else taken to be the last other person who spoke in the scene,
    a weak vote (1)."""
    votes: dict[str, Counter[str]] = {}
    speakers = {line.speaker for lines in scenes for line in lines if line.speaker != NARRATOR}
    for lines in scenes:
        previous: str | None = None
        heard = ""
        for line in lines:
            if line.speaker == NARRATOR:
                continue
            said = squash(_unquoted(line.text)) if line.kind == "narration" else squash(line.text)
            echo = re.fullmatch(r"\W*([\w'’-]+)\W*\?", said)
            echoed = bool(echo and re.search(rf"\b{re.escape(echo.group(1))}\b", heard, re.IGNORECASE))
            heard = said
            if echoed:  # "Lolo?" asked back about the word just said to them: no one is so called
                previous = line.speaker
                continue
            # "Don't you Mrs Reid me, Mr Adeyemi.": a title before another speaker's name tells their sex.
            for title, surname in _TITLED_NAME.findall(said):
                gender = "female" if title.lower() in lexicon.FEMALE_TITLES else "male"
                for who in speakers:
                    if who != line.speaker and name_pattern(who).fullmatch(surname):
                        votes.setdefault(who, Counter())[gender] += 2
            for gender, pattern in _VOCATIVE.items():
                named = [
                    who
                    for match in _NAMED_VOCATIVE[gender].finditer(said)
                    for word in [match.group("name") or match.group("after")]
                    for who in speakers
                    if who != line.speaker and name_pattern(who).fullmatch(word)
                ]
                if named:
                    votes.setdefault(named[0], Counter())[gender] += 2
                elif previous and previous != line.speaker and pattern.search(said):
                    votes.setdefault(previous, Counter())[gender] += 1
            if previous != line.speaker:
                previous = line.speaker
    return votes


def pronoun_age(name: str, passages: list[str], gender: Gender) -> tuple[AgeBand, int | None]:
    """ "Henri and his wife Colette took a table. He was eighty-two; she was eighty.": an age
    given by a pronoun of this character's gender in the sentence naming them or the next."""
    pattern = name_pattern(name)
    pronoun = "she" if gender == "female" else "he"
    says_age = re.compile(
        # "she must have been near seventy": a guess at an age is an age
        rf"\b{pronoun}\s+(?:is|was|(?:had|has)\s+(?:just\s+)?turned|turned|(?:must|might|would|could)\s+have\s+been)"
        rf"\s+(?:only\s+|just\s+|nearly\s+|almost\s+|{_HEDGE}\s+)?"
        rf"{_NUM}(?:[- ]years?[- ]old)?"
        rf"(?:\s*(?:[;,.!?]|$)|\s+(?:and|when|but|that|now|already|then|in|last|this)\b)",  # "She was seven and had ..."
        re.IGNORECASE,
    )
    # "The abbot found him there. He was a very old man, bent almost double": what the pronoun is.
    says_what = re.compile(rf"\b{pronoun}\s+(?:is|was)\s+(?:an?\s+[^,.;:!?]{{1,40}})", re.IGNORECASE)
    opens_on_it = re.compile(rf"\W*{pronoun}\b", re.IGNORECASE)
    splits = [sentences(_fold_speech(passage)) for passage in passages]
    for number, split in enumerate(splits):
        for index, sentence in enumerate(split):
            match = pattern.search(sentence)
            if not match:
                continue
            # The next sentence may open the next paragraph: "Luz stood behind the stall. ¶ She had turned fifteen".
            following = split[index + 1 : index + 2]
            if not following and match.start() < 25 and not re.match(r"['’]s\b", sentence[match.end() :]):
                following = next((s[:1] for s in splits[number + 1 : number + 2]), [])  # only of its subject
            # "Mamá Chela could not write. She had never needed to. She was ninety-three.": sentences
            # that go on opening on the pronoun go on telling of the same person.
            for later in split[index + 2 : index + 5]:
                if not (following and opens_on_it.match(following[-1]) and opens_on_it.match(later)):
                    break
                following.append(later)
            window = _unquoted(sentence[match.end() :] + " " + " ".join(following))
            found = says_age.search(window)
            years = _number(found.group(1)) if found else None
            if years and 0 < years < 120:
                return band_for(years), years
            described = says_what.search(window)
            if described and (told := infer_age([described.group()]))[0] not in ("unknown", "adult"):
                return told
            if _elder_signs(window, pronoun, role=name.lower() in lexicon.SPEAKER_NOUNS):
                return "senior", None
    return "unknown", None


def _elder_signs(window: str, pronoun: str, role: bool = False) -> bool:
    """A long working life or greying hair told of this character, their name or pronoun
    opening the clause: "He had worked the crossing for forty years, and his beard had gone
    the colour of ash", "had been headmaster for thirty-one years"."""
    possessive = "her" if pronoun == "she" else "his"
    bare = r"|^\s*" if role else ""  # a role right before it: "(had been headmaster) for 31 years"
    subject = rf"(?:^\s*(?:,\s*who\s+)?|\b{pronoun}\s+)(?:had|has)\s+"  # "MAMA TITI, who has ..."
    career = re.search(
        rf"(?:{subject}(?:[\w'’-]+\s+){{1,6}}?{bare})"
        rf"for\s+(?:over\s+|more\s+than\s+|nearly\s+|almost\s+)?{_NUM}\s+years\b",
        window,
        re.IGNORECASE,
    )
    if career and (_number(career.group(1)) or 0) >= 30:
        return True
    # "who has cleaned these trams since the Wall came down and has a granddaughter older than Sasha"
    if re.search(rf"{subject}(?:[\w'’-]+\s+){{0,12}}?(?:a\s+|two\s+|three\s+)?{_GRANDCHILD}\b", window, re.IGNORECASE):
        return True
    # "who has dressed three generations of Lagos brides"
    if re.search(
        rf"{subject}(?:[\w'’-]+\s+){{1,4}}?(?:three|four|five|several)\s+generations\b", window, re.IGNORECASE
    ):
        return True
    return bool(
        re.search(
            rf"\b{possessive}\s+(?:hair|beard|moustache|mustache|braid|plait|temples)\b[^.;!?]{{0,40}}"
            r"\b(?:grey|gray|white|silver|ash|snow)\b",
            window,
            re.IGNORECASE,
        )
    )


_GRANDCHILD = r"(?:great-)*grand(?:son|daughter|child|children|kids?|sons|daughters)"


def kin_age(name: str, passages: list[str], gender: Gender, others: list[str]) -> AgeBand:
    """A grandparent is a senior: "Ikaika's grandson", "Ikaika ... with his grandson", or the
    next sentence about them opening "His grandson Keoni ..." while they were the last one named."""
    pattern = name_pattern(name)
    other_patterns = [name_pattern(o) for o in others if o != name]
    pronoun = {"female": "her", "male": "his"}.get(gender)
    last_named: str | None = None  # who the last sentence naming anyone named first
    for passage in passages:
        for sentence in sentences(_unquoted(passage)):
            if re.search(rf"{pattern.pattern}['’]s\s+{_GRANDCHILD}\b", sentence):
                return "senior"
            match = pattern.search(sentence)
            rest = sentence[match.end() :] if match else ""
            grandchild = re.search(rf"\b{pronoun}\s+{_GRANDCHILD}\b", rest, re.IGNORECASE) if pronoun else None
            # No one else named before it: "sat Nermin with her granddaughter Defne" names the grandchild after.
            if grandchild and not any(p.search(rest[: grandchild.start()]) for p in other_patterns):
                return "senior"
            if pronoun and last_named == name and re.match(rf"\W*{pronoun}\s+{_GRANDCHILD}\b", sentence, re.IGNORECASE):
                return "senior"
            named = sorted(
                (m.start(), n) for n, p in [(name, pattern), *zip(others, other_patterns)] if (m := p.search(sentence))
            )
            if named:
                last_named = named[0][1]
    return "unknown"


_NOT_AFTER_POSSESSIVE = {
    "the", "a", "an", "to", "and", "or", "up", "down", "out", "in", "into", "on", "off", "back", "away",
    "with", "at", "for", "from", "that", "this", "as", "over", "again", "too", "alone", "go", "goodbye",
    "all", "around", "about", "home", "inside", "outside", "there", "here", "now", "then", "closely",
    "everywhere", "across", "through", "along", "past", "by", "so", "if", "but", "when", "while",
}  # fmt: skip


def _own_pronouns(text: str) -> set[str]:
    """Pronouns after a name that are likely its own: subjects and possessives ("he", "his
    cane", "herself"), not objects ("tosses him the sock", "hands her the cup"), which most
    often mean someone else."""
    found: set[str] = set()
    for match in re.finditer(r"\b(he|she|his|hers|himself|herself|her)\b(?:\s+([\w'’-]+))?", text.lower()):
        word, following = match.group(1), match.group(2)
        if word == "her" and (not following or following in _NOT_AFTER_POSSESSIVE):
            continue
        found.add(word)
    return found


_NOT_COMPOUNDS = {"human", "german", "roman", "shaman", "talisman", "caiman", "ottoman", "walkman", "superhuman",
                  "inhuman", "layman", "dolman", "yeoman", "ramen", "omen", "amen", "stamen", "abdomen"}  # fmt: skip


def _compound_gender(word: str) -> Gender | None:
    """The gender a compound role word carries: policewoman, fisherman, milkmaid, cowboy."""
    if word in _NOT_COMPOUNDS or len(word) < 6:
        return None
    if word.endswith(("woman", "women", "maid", "girl", "wife")):
        return "female"
    if word.endswith(("man", "men", "boy")):
        return "male"
    # A Russian patronymic: "Zhenya Arkadyevna", "Valya Petrovich".
    if word.endswith(("ovna", "evna", "ichna")):
        return "female"
    if word.endswith(("ovich", "evich", "ovitch", "yich")):
        return "male"
    return None


def spoken_pronoun_votes(name: str, said: list[str], others: list[str]) -> Counter[str]:
    """What the other characters' lines say of someone: "Where is Dev? He promised to come."
    (a sentence ending on the name, the next opening on "he"/"she") or "Kiri said she would
    bring him." (the name opening a sentence, its first "he"/"she" after it). A vocative
    ("Pim, play her something") is a person spoken to, and says nothing."""
    pattern = name_pattern(name)
    other_patterns = [name_pattern(o) for o in others if o != name]
    votes: Counter[str] = Counter()
    for text in said:
        split = sentences(text)
        for index, sentence in enumerate(split):
            match = pattern.search(sentence)
            if (
                not match
                or re.match(r"\s*,", sentence[match.end() :])
                or re.match(r"^\W*$", sentence[match.end() :])
                and re.search(r",\s*$", sentence[: match.start()])
            ):
                continue
            pronoun = None
            if re.match(r"^\W*$", sentence[: match.start()]):
                first = re.search(r"\b(he|she)\b", sentence[match.end() :], re.IGNORECASE)
                if first and not any(
                    p.search(sentence[match.end() : match.end() + first.start()]) for p in other_patterns
                ):
                    pronoun = first.group(1).lower()
            if pronoun is None and re.match(r"^\W*$", sentence[match.end() :]) and index + 1 < len(split):
                first = re.match(r"\W*(he|she)\b", split[index + 1], re.IGNORECASE)
                pronoun = first.group(1).lower() if first else None
            if pronoun:
                votes["female" if pronoun == "she" else "male"] += 1
    return votes


_SPEECH = re.compile(r"\"[^\"]*\"|“[^”]*”")


def _fold_speech(passage: str) -> str:
    """Each quote as one capitalised mark, so a quote of several sentences ("She bites. Her name
    is Ama.") split by sentence does not leak its pronouns into the narration, while a sentence
    still ends before it ("she told Farhan. "Q" he said")."""
    return _SPEECH.sub('"Q"', passage)


def _unquoted(text: str) -> str:
    return _SPEECH.sub(" ", text)


def infer_wardrobe(name: str, passages: list[str], bound: list[str] | None = None) -> str:
    """Clothing phrases bound to the character: "yellow raincoat, red scarf"."""
    bound = bound if bound is not None else bound_phrases(name, passages)
    found: dict[str, None] = {}
    stop = {"a", "an", "the", "in", "and", "with", "his", "her", "their", "wearing", "wears", "of", "on"}
    for phrase in bound:
        tokens = re.findall(r"[\w'-]+", phrase.lower())
        for i, token in enumerate(tokens):
            if token not in lexicon.CLOTHING:
                continue
            start = i
            while start > 0 and i - start < 2 and tokens[start - 1] not in stop:
                start -= 1
            found.setdefault(" ".join(tokens[start : i + 1]), None)
    return ", ".join(found)


_SCRIPTS = [
    ("hi", 0x0900, 0x097F), ("bn", 0x0980, 0x09FF), ("ta", 0x0B80, 0x0BFF), ("ar", 0x0600, 0x06FF),
    ("ja", 0x3040, 0x30FF), ("ko", 0xAC00, 0xD7AF), ("zh", 0x4E00, 0x9FFF), ("ru", 0x0400, 0x04FF),
    ("el", 0x0370, 0x03FF), ("he", 0x0590, 0x05FF), ("th", 0x0E00, 0x0E7F),
]  # fmt: skip


def script_language(text: str) -> str | None:
    """The language a non-Latin writing system implies, if most letters use one."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    counts: Counter[str] = Counter()
    for char in letters:
        code = ord(char)
        for lang, low, high in _SCRIPTS:
            if low <= code <= high:
                counts[lang] += 1
                break
    if not counts:
        return None
    lang, count = counts.most_common(1)[0]
    if lang == "zh" and counts.get("ja"):
        lang = "ja"  # kanji inside Japanese text
    return lang if count * 2 >= len(letters) else None


def infer_language(lines: list[Line], bound: list[str]) -> str:
    """BCP-47 primary tag: from writing system, "(in Hindi)" cues, else English."""
    votes: Counter[str] = Counter()
    names = "|".join(lexicon.LANGUAGE_NAMES)
    for line in lines:
        cue = " ".join(filter(None, [line.parenthetical, line.extension])).lower()
        said_in = re.search(rf"\b(?:in\s+)?({names})\b", cue)
        lang = lexicon.LANGUAGE_NAMES[said_in.group(1)] if said_in else script_language(line.text)
        votes[lang or "en"] += 1
    for phrase in bound:
        speaks = re.search(rf"\b(?:speaks|speaking|only)\s+(?:only\s+)?({names})\b", phrase.lower())
        if speaks:
            votes[lexicon.LANGUAGE_NAMES[speaks.group(1)]] += 2
    return votes.most_common(1)[0][0] if votes else "en"
