"""Who says a quotation in prose: quote segmentation, speech-tag patterns and speaker memory.

Speech tags are matched both ways round (`"…," said Lila`, `Lila said, "…"`, `"…" Lila
whispered.`), pronouns resolve to the last-named character of that gender, and untagged
quotes follow the conventions readers use: same paragraph, same speaker; otherwise the
conversation alternates.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from models.breakdown import NARRATOR, Gender
from models.script import lexicon, wordnet

SPEECH_VERBS = (
    "said", "says", "say", "asked", "asks", "replied", "replies", "answered", "answers", "whispered",
    "whispers", "shouted", "shouts", "cried", "cries", "called", "calls", "murmured", "murmurs",
    "muttered", "mutters", "yelled", "yells", "screamed", "screams", "laughed", "laughs", "sighed",
    "sighs", "sobbed", "sobs", "snapped", "snaps", "added", "adds", "continued", "continues",
    "pleaded", "pleads", "begged", "begs", "exclaimed", "exclaims", "gasped", "gasps", "breathed",
    "insisted", "insists", "explained", "explains", "told", "tells", "warned", "warns", "teased",
    "teases", "joked", "sang", "sings", "hummed", "chuckled", "chuckles", "giggled", "giggles",
    "grumbled", "growled", "hissed", "barked", "announced", "declared", "promised", "agreed",
    "whimpered", "wailed", "stammered", "stammers", "responded", "offered", "suggested",
    "interrupted", "protested", "repeated", "prayed", "chanted", "smiled", "smiles", "grinned",
    "nodded", "wondered", "admitted", "began", "went on", "called out", "shouted back",
    "squeaked", "roared", "hooted", "rumbled", "croaked", "chirped", "purred", "bleated", "neighed",
    "trilled", "squawked", "cawed", "boomed", "grunted", "snorted", "thundered", "piped", "mumbled",
    "demanded", "inquired", "enquired", "ordered", "commanded", "cried out", "called up", "called back",
    "remarked", "observed", "retorted", "snarled", "sneered", "scoffed", "groaned", "moaned",
    "quavered", "squealed", "yelped", "howled", "buzzed", "hummed", "crowed", "clucked", "cooed",
    "beeped", "whirred", "told", "shrieked", "bellowed", "wheezed", "panted", "reasoned", "coaxed",
    "quacked", "honked", "mooed", "lowed", "brayed", "whinnied", "oinked", "cackled", "gobbled", "chorused",
)  # fmt: skip
# Tags that carry no performance direction, so they leave the parenthetical empty.
NEUTRAL_VERBS = {
    "said", "says", "say", "asked", "asks", "replied", "replies", "answered", "answers", "told",
    "tells", "added", "adds", "continued", "continues", "responded", "went on", "began", "repeated",
    "explained", "explains",
}  # fmt: skip
PRONOUNS = {"he": "male", "she": "female", "i": "narrator", "we": "narrator", "they": "plural"}

_VERB = "|".join(sorted((re.escape(v) for v in SPEECH_VERBS), key=len, reverse=True))
TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Lady", "Aunt", "Auntie", "Uncle")
_NAME = rf"(?:(?:{'|'.join(TITLES)})\.?\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,2}}"
_SPEAKER_NOUN = "|".join(sorted(lexicon.SPEAKER_NOUNS - lexicon.CREATURE_NOT_PLACES, key=len, reverse=True))
_ADJ = r"(?:whole|entire|old|young|little|elderly|tall|kind|wise|great|clever|hungry|small|big|fat|foolish|greedy|poor|tiny|brave|proud|grey|gray|white|black|red|cruel|new)"
# "the old boatman", "her father", "Catalina's mother": a role the tag names someone by.
_ROLE = (
    rf"(?:[Tt]he|[Hh]er|[Hh]is|[Tt]heir|[Mm]y|[Oo]ur|[Aa]n?|[A-Z][\w-]*['’]s)\s+(?:{_ADJ}\s+){{0,2}}"
    rf"(?:[a-z]+\s+(?=(?:{_SPEAKER_NOUN})\b))?[a-z]+(?:-[a-z]+)*"  # "the border guard": a noun before the role
    r"(?:['’]s\s+[a-z]+)?"  # "said the ship's voice"
)
# "said the Admiral", "the Colonel said": a title used as a name.
_TITLE_NAME = r"the\s+[A-Z][a-z]+\b(?!['’]s)"
_WHO = rf"(?P<who>{_ROLE}|{_TITLE_NAME}|{_NAME}|[Hh]e|[Ss]he|I|[Tt]hey|[Ww]e|[Ss]ome(?:one|body))"
_ADV = r"(?:[a-z]+ly|again|together|aloud|at\s+once|in\s+unison)"  # "said Kemi again": not "Again." read out
_OBJECT = r"(?:\s+(?:to\s+)?(?:(?:the|his|her|their|my)\s+[a-z]+|him|her|them|me|us|[A-Z][\w'’-]+))?"
# Whom a line after a quote was said to ("Kemi told him", "said to her grandfather"): a person only,
# so "the foreman told the radio" keeps its radio in the narration, where props are found.
# Whole words only, and no one's possessive: not "her|self", "Ravi's| mother", "her brother|'s friend".
_PERSON_OBJECT = (
    rf"(?:(?:the|his|her|their|my)\s+(?:{_SPEAKER_NOUN})|him|them|me|us|[A-Z][\w-]*(?:['’][A-Z][\w-]*)?"
    rf"|her(?=\s*[,.;:!?—–-]|\s+{_ADV}\b|\s*$))\b(?!['’])"  # "her" as a whole object, not "her brother's"
)
_TO_OBJECT = rf"(?:\s+to\s+{_PERSON_OBJECT})?"
_OPEN = r"^[\s,;:—–-]*"

TAG_AFTER = [  # at the start of the narration after a quote
    # "shouted my little brother, Tomas.": the name set off after the role is who spoke.
    re.compile(
        rf"{_OPEN}(?P<verb>{_VERB})\s+{_WHO}(?:\s*,\s*(?P<named>[A-Z][\w'’-]+)(?=\s*[.!?;]|\s*$))?"
        rf"{_TO_OBJECT}(?:\s+(?P<adv2>{_ADV}))?\b{_TO_OBJECT}"
    ),
    # "Kemi told him", "the old man said to Kemi": whom it was said to is the tag's, not narration.
    re.compile(
        rf"{_OPEN}{_WHO}\s+(?:(?P<adv1>{_ADV})\s+)?(?P<verb>{_VERB})\b(?:\s+(?:to\s+)?{_PERSON_OBJECT})?(?:\s+(?P<adv2>{_ADV})\b)?{_TO_OBJECT}"
    ),
]
TAG_BEFORE = [  # at the end of the narration before a quote
    re.compile(rf"{_WHO}\s+(?:(?P<adv1>{_ADV})\s+)?(?P<verb>{_VERB}){_OBJECT}(?:\s+(?P<adv2>{_ADV}))?\s*[,:—–-]?\s*$"),
    re.compile(rf"(?P<verb>{_VERB})\s+{_WHO}\s*[,:]\s*$"),
]
# "Lila turned to Ravi and said," — the verb ends the clause, its subject opens it.
_TRAILING_VERB = re.compile(rf"\b(?P<verb>{_VERB}){_OBJECT}(?:\s+(?P<adv2>{_ADV}))?\s*[,:]\s*$")
# The subject may carry an appositive or a relative clause: "Abuela Lupita, a tiny woman of
# eighty-four, clapped", "Hiroko, who was thirty and kept the accounts, rolled her eyes".
_SUBJECT = re.compile(
    rf"^[\s\"“”'‘’(]*{_WHO}(?:\s*,\s*(?:an?|the|his|her|their|who)\s[^,;.!?\"“”]{{1,80}},)?\s+(?:{_ADV}\s+)?[a-z]"
)


@dataclass
class Segment:
    kind: str  # "quote" | "text"
    text: str
    open_ended: bool = False  # a quote the paragraph never closes: the speech goes on


@dataclass
class Tag:
    who: str  # as written: "Lila", "she", "the boatman"
    verb: str
    adverb: str | None
    start: int  # span of the tag within its narration text
    end: int

    @property
    def parenthetical(self) -> str | None:
        """ "whispered softly" -> "whispered softly"; "said softly" -> "softly"; "said" -> None."""
        verb = None if self.verb.lower() in NEUTRAL_VERBS else self.verb.lower()
        return " ".join(filter(None, [verb, self.adverb])) or None


def segment(paragraph: str) -> list[Segment]:
    """Split a paragraph into quoted speech and narration ("…" and “…” quotes)."""
    out: list[Segment] = []
    buffer: list[str] = []
    in_quote = False
    for char in paragraph:
        if not in_quote and char in '"“':
            out.append(Segment("text", "".join(buffer)))
            buffer, in_quote = [], True
        elif in_quote and char in '"”':
            out.append(Segment("quote", "".join(buffer)))
            buffer, in_quote = [], False
        else:
            buffer.append(char)
    out.append(Segment("quote" if in_quote else "text", "".join(buffer), open_ended=in_quote))
    return [s for s in out if s.text.strip()]


def merge_inline_quotes(segments: list[Segment], non_people: Collection[str] = ()) -> list[Segment]:
    """Short untagged quotes inside a sentence (a sign that said "Closed" today) are words of
    the narration, not speech: fold them back into the text around them."""
    out: list[Segment] = []
    i = 0
    while i < len(segments):
        seg = segments[i]
        previous = out[-1] if out and out[-1].kind == "text" else None
        following = segments[i + 1] if i + 1 < len(segments) and segments[i + 1].kind == "text" else None
        if (
            seg.kind == "quote"
            and previous is not None
            and re.search(r"[^\W_]\s*$", previous.text)  # the sentence runs on into the quote
            and len(seg.text.split()) <= 4
            and tag_before(previous.text, non_people) is None
            and (following is None or tag_after(following.text, non_people) is None)
        ):
            previous.text = f"{previous.text}‘{seg.text.strip()}’{following.text if following else ''}"
            i += 2 if following else 1
        else:
            out.append(seg)
            i += 1
    return out


_OWNER_PRONOUN = {"her": "she", "his": "he", "their": "they", "my": "I", "our": "we"}
_DETERMINERS = {"the", "a", "an", *_OWNER_PRONOUN}  # words a role opens on: "the boatman", "her father"


def _valid_who(who: str, non_people: Collection[str], groups: bool = False) -> str | None:
    """Drop leading sentence words ("Then Lila" -> "Lila"); reject non-names and places. With
    `groups` (a speech tag's subject) a group speaks too; a sentence's subject ("The family sat
    down") names no one who may speak next."""
    if who.lower() in PRONOUNS:
        return who
    if who.lower() in {"someone", "somebody"}:
        return "Someone"  # an unseen speaker ("someone shouted"), not whoever spoke last
    owner, possessive, owned = (
        re.split(r"(['’]s)\s+", who, maxsplit=1)[-3:] if re.search(r"['’]s\s", who) else ("", "", "")
    )
    if owned and owned.split()[-1].lower() not in lexicon.SPEAKER_NOUNS | lexicon.PEOPLE_WORDS:
        who = owner  # "said an old woman's voice": the woman speaks; "the miller's daughter" is the daughter
    parts = who.split()
    if parts[0] == "the" and len(parts) == 2 and parts[1][:1].isupper():
        return who if parts[1] not in non_people and parts[1] not in lexicon.NOT_NAMES else None
    if parts[0].lower() in _DETERMINERS:
        if len(parts) == 1:
            return None  # a sentence opening on "Her" names no one ("her" only ends like "-er" roles)
        role = parts[-1].lower().rsplit("-", 1)[-1]  # "the she-camel", "her great-grandmother": the last part
        if parts[0].lower() in _OWNER_PRONOUN and wordnet.names_a_body_part(role):
            return _OWNER_PRONOUN[parts[0].lower()]  # "Her hands trembled": she did, no one called "Hands"
        # "the figure said", "the stranger asked": people words are speakers too.
        known_role = (
            role in lexicon.SPEAKER_NOUNS
            or role in lexicon.PEOPLE_WORDS
            # An agent noun no dictionary here knows ("signalwoman"); "the river", "the paper" are things.
            or role.endswith(("man", "woman", "er", "ess"))
            and not wordnet.knows(role)
            or wordnet.can_speak(role)  # "the surveyor said", "said the fossa"
            or role.endswith("s")
            and wordnet.names_a_person(role[:-1])  # "the twins" (WordNet: Gemini)
            or groups
            and wordnet.names_a_group(role)  # "the class chorused": speaking as one
            # A speech tag's "said the palliri": a word no dictionary here knows can only be a
            # borrowed name for someone (things WordNet knows, "said the radio", stay rejected).
            or groups
            and role.isalpha()
            and not wordnet.knows(role)
        )
        return who if known_role else None
    while parts and parts[0] in lexicon.NOT_NAMES:
        parts = parts[1:]
    name = " ".join(parts)
    if not name or name in non_people or name.lower() in PRONOUNS:
        return None
    return name


def _tag(match: re.Match[str], non_people: Collection[str]) -> Tag | None:
    named = match.groupdict().get("named")  # only after a role: "said the ferryman, Teodor."
    after_role = match.group("who").split()[0].lower() in _DETERMINERS
    who = (after_role and named and _valid_who(named, non_people)) or _valid_who(
        match.group("who"), non_people, groups=True
    )
    if who is None:
        return None
    adverb = next((a for a in (match.groupdict().get("adv1"), match.groupdict().get("adv2")) if a), None)
    return Tag(who=who, verb=match.group("verb"), adverb=adverb, start=match.start(), end=match.end())


def tag_after(text: str, non_people: Collection[str] = ()) -> Tag | None:
    """A speech tag opening the narration that follows a quote: `, said Lila`, ` she whispered`.
    An action that goes on (`He laughed like a door on a rusted hinge.`) says who spoke, but its
    words are narration: the tag spans none of them."""
    for pattern in TAG_AFTER:
        match = pattern.match(text)
        if match and (tag := _tag(match, non_people)):
            if tag.verb in _MANNER_VERBS and _GOES_ON.match(text, match.end()):
                tag.start = tag.end = 0
            return tag
    return None


# Verbs that tag a line ('"Fishing," he laughed.') or describe an action after it.
_MANNER_VERBS = {
    "laughed", "laughs", "smiled", "smiles", "grinned", "nodded", "sighed", "sighs", "chuckled", "chuckles",
    "giggled", "giggles", "sobbed", "sobs", "snorted", "scoffed", "groaned", "moaned", "wheezed", "panted",
}  # fmt: skip
_GOES_ON = re.compile(r"\s+(?:like|as|at|and|with|into|until|so|over|across|through)\b")


def tag_before(text: str, non_people: Collection[str] = ()) -> Tag | None:
    """A speech tag closing the narration before a quote: `Lila said,`, `Ravi asked her:`."""
    for pattern in TAG_BEFORE:
        match = pattern.search(text)
        if match and (tag := _tag(match, non_people)):
            return tag
    trailing = _TRAILING_VERB.search(text)
    subject = _SUBJECT.match(text)
    if trailing and subject and (who := _valid_who(subject.group("who"), non_people, groups=True)):
        # The clause before the verb is narration ("Lila turned to Ravi"); only "and said," tags.
        return Tag(
            who=who, verb=trailing.group("verb"), adverb=trailing.group("adv2"), start=trailing.start(), end=len(text)
        )
    return None


# A role subject after an opening time phrase, with any modifiers: "That afternoon the village
# postman, a cheerful man on a bicycle, stopped at the gate."
_LEAD = (
    r"(?:(?:that|this|the\s+next|next|one|every|each|later\s+that)\s+"
    r"(?:morning|afternoon|evening|night|day|week|winter|summer|spring|autumn)"
    r"|at\s+(?:dawn|dusk|noon|midnight|sunset|sunrise|last)|then|suddenly|soon|later|meanwhile|just\s+then"
    # or where: "Behind the sacks,", "Across the courtyard", "Up in the rafters".
    r"|(?:(?:up|down|out|over|back|far)\s+)?(?:behind|across|beside|inside|outside|under|beneath|above|in|on|at|by|near"
    r"|from|along|among|through)\s+(?:the|a|an|his|her|their|its)\s+(?:[a-z-]+\s+)?[a-z-]+)"
)
_ROLE_OPENING = re.compile(
    rf"^[\s\"“”'‘’(]*(?:{_LEAD}\s*,?\s+)?(?P<who>(?:[Tt]he|[Hh]er|[Hh]is|[Tt]heir|[Mm]y|[Oo]ur|[Aa]n?)\s+"
    rf"(?:[a-z-]+\s+){{0,2}}?(?:{_SPEAKER_NOUN}))(?=\s*,|\s+[a-z])",
    re.IGNORECASE,
)


_KIN_THEN_NAME = re.compile(
    rf"^[\s\"“”'‘’(]*(?:(?i:{_LEAD})\s*,?\s+)?(?:[Tt]he|[Hh]er|[Hh]is|[Tt]heir|[Mm]y|[Oo]ur)\s+(?:[a-z-]+\s+){{0,2}}?"
    rf"(?:great-)*(?:{_SPEAKER_NOUN})\s*,?\s+(?P<name>[A-Z][\w'’-]+)(?:\s*,\s*[^,;.!?\"“”]{{1,80}},|\s*,)?\s+(?:{_ADV}\s+)?[a-z]"
)
# A subject whose appositive names it: "The smallest chick, a fluffy yellow thing called Pip,
# peeped up", "A small boy called Chidi, the ring bearer, tugged": the name is the character.
_CALLED_SUBJECT = re.compile(
    rf"^[\s\"“”'‘’(]*(?:(?i:{_LEAD})\s*,?\s+)?(?:[Tt]he|[Aa]n?|[Hh]er|[Hh]is|[Tt]heir|[Mm]y|[Oo]ur)\s+[^;.!?\"“”]{{1,60}}?"
    r"(?<!\bhad)(?<!\bhas)(?<!\bwas)(?<!\bwho)(?<!\bthey)\s+(?:called|named)\s+(?P<name>[A-Z][\w'’-]+)\s*(?:,\s*[^,;.!?\"“”]{1,80})?,\s+(?:[a-z]+ly\s+)?[a-z]"
)


def subject_of(sentence: str, non_people: Collection[str] = ()) -> str | None:
    """The name or pronoun a narration sentence opens with ("Lila lifted the lamp."), or the
    role it opens on, perhaps after a time phrase ("That afternoon the village postman ...")."""
    match = _SUBJECT.match(sentence)
    who = _valid_who(match.group("who"), non_people) if match else None
    kin = _KIN_THEN_NAME.match(sentence) or _CALLED_SUBJECT.match(sentence)
    if kin:  # "My brother Wei, who was five, rolled ...": the name is the subject
        who = _valid_who(kin.group("name"), non_people) or who
    if who is None:
        role = _ROLE_OPENING.match(sentence)
        if role:
            words = role.group("who").split()
            who = _valid_who(f"{words[0]} {words[-1]}", non_people)
    return who


_GENDERED = "|".join(
    sorted((lexicon.FEMALE_WORDS | lexicon.MALE_WORDS) - {"man", "men", "women", "sir", "madam", "master"})
)
# A person a gendered role noun introduces: "A boy with ...", "an old woman", "the crocodile's
# wife"; not "a boy named Peter" (Peter is the character) nor "a man's hat".
_INTRODUCED = re.compile(
    rf"(?<![\w'’])(?:[Aa]n?|[Tt]he\s+[a-z]+['’]s)\s+(?:(?!of\b)[a-z-]+,?\s+){{0,2}}(?P<role>{_GENDERED}|man)\b"
    rf"(?!['’]s|\s+(?:named|called)\b|\s*,\s*[A-Z])"
)

# A gendered role that is a clause's subject: "Her grandfather followed her", "and their father
# was waiting", "The old woman laughed": someone a later "he"/"she" can mean.
_ROLE_SUBJECT = re.compile(
    rf"(?:^|[.!?][\"”’]?\s+|[,;]\s+(?:and|but|while|when|where)\s+)"
    rf"(?:[Tt]he|[Hh]er|[Hh]is|[Tt]heir|[Oo]ur|[Mm]y)\s+(?:{_ADJ}\s+){{0,2}}(?P<role>{_GENDERED})"
    rf"\s+(?:(?:{_ADV})\s+)?(?=[a-z])(?!and\b|or\b|of\b|who\b|named\b|called\b)"
)

# What before a role phrase makes it describe someone already there: an appositive after a name
# or a pronoun, or a copula.
_DESCRIBES_SOMEONE = re.compile(
    r"(?:(?:[A-Z][\w'’-]*|him|her|them)\s*,\s*|\b(?:is|was|were|are|be|been|became|becomes|seemed|like|as)\s+)$"
)


def _last_sentence_start(text: str) -> int:
    ends = [m.end() for m in re.finditer(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z])", text)]
    return ends[-1] if ends else 0


# A speaker who names themself: "My name is Tou.", "Call me Ishmael", "It is I, Vasilisa.".
# "I am"/"I'm" needs a name the story already knows ("I'm Catholic" introduces no one).
_SELF_NAMED = re.compile(
    r"(?:^|[.!?…]\s+|,\s+)(?:(?P<sure>[Mm]y\s+name\s+is|[Mm]y\s+name['’]s|(?:[Jj]ust\s+|[Tt]hey\s+|[Ee]veryone\s+)?[Cc]alls?\s+me)"
    r"|(?P<plain>I\s+am|I['’]m|[Ii]t\s+is\s+(?:I|me),|[Ii]t['’]s\s+me,))\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s*(?=[,.!?;…—–-]|$)"
)


def self_named(quote: str, known: Collection[str]) -> str | None:
    """The name a speaker gives as their own in `quote`, if any."""
    for match in _SELF_NAMED.finditer(quote):
        name = match.group("name")
        if name.split()[0] in lexicon.NOT_NAMES or name.lower() in PRONOUNS:
            continue
        if match.group("sure") or name in known:
            return name
    return None


def role_name(who: str) -> str:
    """ "the old boatman" -> "Boatman", "the border guard" -> "Border guard": a role used as a
    character name, with the noun that says which kind of guard, never an adjective."""
    words = who.split()
    if len(words) >= 3 and words[-1].lower() in lexicon.SPEAKER_NOUNS and wordnet.modifies_as_noun(words[-2]):
        return f"{words[-2].capitalize()} {words[-1].lower()}"
    return words[-1].capitalize()


def _role_head(name: str) -> str | None:
    """ "Border guard" -> "Guard": the role a compound role name (see `role_name`) is a kind of."""
    words = name.split()
    if (
        len(words) == 2
        and words[1].islower()
        and words[1] in lexicon.SPEAKER_NOUNS
        and not re.search(r"['’]", words[0])
    ):
        return words[1].capitalize()
    return None


class Cast:
    """Speaker memory for one story: canonical names, genders, recency of mention, turn order."""

    def __init__(self, genders: dict[str, Gender], non_people: set[str], aliases: dict[str, str] | None = None) -> None:
        self.genders: dict[str, Gender] = dict(genders)
        self.non_people = non_people
        self.aliases = aliases or {}  # a second name -> the person's first ("Raghavan Sir" -> "Thatha")
        self.named = set(genders)  # people the story names, not roles met on the way ("a woman")
        self.recent: list[str] = []  # most recent mention last
        self.turns: list[str] = []  # speakers of this scene's quotes, in order
        self.before_last: list[str] = []  # `recent` before the last narration's last sentence
        self.said: set[str] = set()  # everyone who has spoken so far
        self.narrated: set[str] = set()  # everyone the narration has named since the last quote

    def start_scene(self) -> None:
        self.turns = []

    def canonical(self, name: str) -> str:
        """One spelling per person: "Ravi" joins an earlier "Ravi Sharma" and vice versa."""
        name = self.aliases.get(name, name)
        if name in self.genders:
            return name
        tokens = name.split()
        for known in self.genders:
            known_tokens = known.split()
            if len(tokens) == 1 and tokens[0] in (known_tokens[0], known_tokens[-1], _role_head(known)):
                return known  # "Guard" is the "Border guard" met before
            if len(known_tokens) == 1 and known_tokens[0] in (tokens[0], tokens[-1], _role_head(name)):
                return known
        role = name.lower()
        gender: Gender = (
            "female" if role in lexicon.FEMALE_WORDS else "male" if role in lexicon.MALE_WORDS else "unknown"
        )
        self.genders[name] = gender
        return name

    def mention(self, name: str) -> None:
        name = self.canonical(name)
        if name in self.recent:
            self.recent.remove(name)
        self.recent.append(name)

    def mentions_in(self, text: str) -> None:
        """Note every known character named in narration, in order of appearance, and every
        person a gendered role introduces ("A boy with a dragon lantern stopped", "the
        crocodile's wife spoke"), so a "he"/"she" after it can find them. `before_last` keeps
        the order as it was before the text's last sentence, for that sentence's own subject."""
        found: list[tuple[int, str]] = []
        for name in [*self.genders, *self.aliases]:
            flags = re.IGNORECASE if name.split()[-1].lower() in lexicon.SPEAKER_NOUNS else 0
            for match in re.finditer(rf"(?<![\w'’]){re.escape(name)}(?![\w])", text, flags):
                found.append((match.start(), self.aliases.get(name, name)))
                if not re.match(r"['’]s\b", text[match.end() :]):  # not "from the Moon's edge": an owner
                    self.narrated.add(self.canonical(self.aliases.get(name, name)))
        for match in _INTRODUCED.finditer(text):
            if _DESCRIBES_SOMEONE.search(text[max(0, match.start() - 40) : match.start()]):
                continue  # "Kabir, a boy of nine", "Roland was a young man": no one new
            found.append((match.start(), self.canonical(role_name(match.group("role")))))
        for match in _ROLE_SUBJECT.finditer(text):
            found.append((match.start("role"), self.canonical(role_name(match.group("role")))))
        last = _last_sentence_start(text)
        self.before_last = list(self.recent)
        for start, name in sorted(found):
            if start < last:
                self.before_last = [n for n in self.before_last if n != self.canonical(name)] + [self.canonical(name)]
            self.mention(name)

    def resolve(self, who: str, recent: list[str] | None = None) -> str | None:
        """A tag's `who` as a character name (NARRATOR for "I"), or None when it stays unclear.
        `recent` replaces the mention order (for a sentence's subject, the order before it)."""
        kind = PRONOUNS.get(who.lower())
        if kind == "narrator":
            return NARRATOR
        if kind == "plural":
            return None
        if kind in ("male", "female"):
            # The most recent mention the pronoun can fit: one of that gender, or one whose gender
            # the story has not told yet (learned from the pronoun).
            for name in reversed(self.recent if recent is None else recent):
                gender = self.genders.get(name, "unknown")
                if name != NARRATOR and gender in (kind, "unknown"):
                    if gender == "unknown":
                        self.genders[name] = kind  # type: ignore[assignment]
                    return name
            # Nobody fits: an unnamed stranger still needs a voice of the right gender.
            return self.canonical("Woman" if kind == "female" else "Man")
        first = who.split()[0]
        if first.lower() in {"the", "her", "his", "their", "my", "our", "a", "an"} or first.endswith(("'s", "’s")):
            return self.canonical(role_name(who))
        return self.canonical(who)

    def alternate(self) -> str | None:
        """An untagged quote in a new paragraph: the other side of the conversation."""
        people = [t for t in self.turns if t != NARRATOR]
        if not people:
            return self.recent[-1] if self.recent else None
        last = people[-1]
        if self.turns[-1] == NARRATOR:
            return last  # "Is there a room?" I asked. ¶ "There is a floor.": who I was talking to answers
        # Someone the narration brought in since ("The boy came and leaned beside her."): the
        # one mentioned most recently after the last other speaker is who answers.
        newer = next((n for n in reversed(self.recent) if n in self.named and n not in (last, NARRATOR)), None)
        for earlier in reversed(people[:-1]):
            if earlier != last:
                if (
                    newer not in (None, earlier)
                    and earlier in self.recent
                    and self.recent.index(newer) > self.recent.index(earlier)
                ):
                    return newer
                return earlier
        for name in reversed(self.recent):
            if name != last and name != NARRATOR:
                return name
        return last

    def introduced(self, name: str, speaker: str) -> str:
        """`speaker` said their name is `name`: a role or a stranger ("the tall boy", "Man") is
        that person from now on, with the gender the tags gave them; the narrator keeps their role."""
        if speaker == NARRATOR or name.lower() in lexicon.SPEAKER_NOUNS:
            return speaker  # "Call me Auntie": what to call her, not who she is
        name = self.canonical(name)
        if speaker != name and speaker not in self.named:
            self.aliases[speaker] = name
            if self.genders.get(name) == "unknown":
                self.genders[name] = self.genders.get(speaker, "unknown")
            self.recent = [n for n in self.recent if n not in (speaker, name)] + [name]
            self.turns = [name if n == speaker else n for n in self.turns]
        self.named.add(name)
        return name

    def addressed(self, quote: str) -> set[str]:
        """The known people a speech calls by name, first or last, opening it or set off by a
        comma: "Eels can't laugh, Koro.", "Good morning, Ishida-san", "Wren, open a channel". Only
        people who have spoken or whose sex is told count ("Corvina, bonito" lists fish)."""
        found: set[str] = set()
        for name in [*self.genders, *self.aliases]:
            person = self.aliases.get(name, name)
            if person not in self.said and self.genders.get(person) == "unknown":
                continue
            words = "|".join(re.escape(w) for w in {name, name.split()[0], name.split()[-1]})
            if re.search(rf"(?:^\s*|,\s*)(?:{words})(?:-[a-z]+)?\s*(?:[,.!?;…—–-]|$)", quote):
                found.add(person)
        return found - {NARRATOR}

    def spoke(self, speaker: str) -> None:
        self.turns.append(speaker)
        self.said.add(speaker)
        self.narrated = set()
        if speaker != NARRATOR:
            self.mention(speaker)
