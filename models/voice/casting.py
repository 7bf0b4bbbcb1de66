"""Casting: give every character a catalogue voice that fits its language, gender and age.

Deterministic and stable: characters are cast in the order given (the narrator first), each
takes the best voice still free, and ties between equally good voices are broken by a hash of
the character's name, so adding a character later in the list never recasts earlier ones
(adding a narrator can: the narrator is cast first and always gets the narrator voice).

Two characters share a voice only when the user's overrides say so, or when every voice in
their language is already taken. Among equally fitting voices, one made from an engine voice
nobody else uses yet is preferred, so two hosts of a podcast never sound like the same person
at two pitches.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

from models.breakdown import NARRATOR, Character
from models.voice.base import Voice
from models.voice.catalogue import CATALOGUE, NARRATOR_VOICE, WITHDRAWN, UnknownVoice, get_voice
from models.voice.intelligibility import measured_wer

_AGES = {"child": 0, "teen": 1, "adult": 2, "senior": 3}
# Naturalness by engine: a tie-breaker below fit, above the name hash.
_ENGINE_TIER = {"piper": 0, "kokoro": 1, "festival": 1, "flite": 2, "espeak-ng": 3}


def age_band(character: Character) -> str:
    """The character's age band, from `age_band`, else from `age` in years, else adult."""
    if character.age_band in _AGES:
        return character.age_band
    if character.age is None:
        return "adult"
    for band, below in (("child", 13), ("teen", 20), ("adult", 60)):
        if character.age < below:
            return band
    return "senior"


def _gender_miss(character: Character, voice: Voice) -> int:
    if character.gender not in ("male", "female") or voice.gender == character.gender:
        return 0
    return 1 if voice.gender == "neutral" else 2


def _hash(name: str, voice_id: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{name}\0{voice_id}".encode()).digest()[:8], "big")


def _pool(character: Character, pool: Sequence[Voice]) -> list[Voice]:
    primary = character.language.replace("_", "-").split("-")[0].lower() or "en"
    pool = [voice for voice in pool if voice not in WITHDRAWN]  # kept for old films, never cast
    speaking = [voice for voice in pool if voice.language == primary]
    # A language nobody in the pool speaks is read by the English voices rather than not at all.
    return speaking or [voice for voice in pool if voice.language == "en"] or list(pool)


def base_voice(voice: Voice) -> str:
    """The engine voice a catalogue voice is made from ("piper-joe-senior" -> piper's joe)."""
    return f"{voice.engine}:{dict(voice.params).get('voice', '')}"


def _sound_alike(voice: Voice) -> str:
    # Same engine voice at the same age: a listener hears one person at two pitches. A boy and
    # an adult made from one engine voice are far enough apart.
    return f"{base_voice(voice)}:{voice.age}"


def _clarity(voice: Voice, one_language: bool) -> tuple[bool, float, float]:
    """Rank by measured intelligibility: every measured voice before every unmeasured one (no
    sentinel WER: Hindi's measured voices sit at 90-100 % WER, the recognizer's floor), then by
    (median, mean) WER, compared only when all candidates speak one language (one recognizer)."""
    measured = measured_wer(voice.id)
    if measured is None:
        return True, 0.0, 0.0
    return (False, *measured) if one_language else (False, 0.0, 0.0)


def _pick(character: Character, pool: Sequence[Voice], used: Counter[str], bases: Counter[str]) -> Voice:
    band = age_band(character)
    age = _AGES[band]
    candidates = _pool(character, pool)
    # _pool keeps one language unless the pool has neither the character's nor English; then WERs
    # heard by different recognizers are not compared.
    one_language = len({v.language for v in candidates}) == 1
    # A child is never voiced by an adult while a child voice exists, even one already cast.
    child_voices = band == "child" and any(v.age == "child" for v in candidates)
    # Never share while a voice of the language is free; then fit (gender, age), then the
    # clearest measured voice, then contrast with the voices already cast, then naturalness.
    return min(
        candidates,
        key=lambda v: (
            child_voices and v.age != "child",
            used[v.id] > 0,
            _gender_miss(character, v),
            used[v.id],
            abs(_AGES.get(v.age, 2) - age),
            _clarity(v, one_language),
            bases[_sound_alike(v)],
            _ENGINE_TIER.get(v.engine, 9),
            _hash(character.name, v.id),
        ),
    )


def cast(
    characters: list[Character],
    overrides: dict[str, str] | None = None,
    pool: Sequence[Voice] | None = None,
) -> dict[str, str]:
    """Character name -> voice id.

    `overrides` (character name -> voice id) win and are validated against the catalogue
    (UnknownVoice); overrides for names not in `characters` are ignored. `pool` narrows the
    voices to choose from; by default, the catalogue voices whose engine is installed here.
    """
    if pool is None:
        from models.voice.speak import installed_voices  # engines are probed only when needed

        pool = installed_voices() or CATALOGUE
    overrides = dict(overrides or {})
    for name, voice_id in overrides.items():
        try:
            get_voice(voice_id)
        except UnknownVoice as unknown:
            raise UnknownVoice(f"Override for {name!r}: {unknown}") from None
    if not pool:
        raise ValueError("Cannot cast from an empty voice pool.")
    names = {character.name for character in characters}
    result = {name: voice_id for name, voice_id in overrides.items() if name in names}
    used = Counter(result.values())
    bases = Counter(_sound_alike(get_voice(voice_id)) for voice_id in result.values())
    narrator = get_voice(NARRATOR_VOICE)
    ordered = sorted(characters, key=lambda c: c.name != NARRATOR)  # stable: narrator first
    for character in ordered:
        if character.name in result:
            continue
        if character.name == NARRATOR and narrator in _pool(character, pool) and not used[narrator.id]:
            choice = narrator
        else:
            choice = _pick(character, pool, used, bases)
        result[character.name] = choice.id
        used[choice.id] += 1
        bases[_sound_alike(choice)] += 1
    return {character.name: result[character.name] for character in characters}
