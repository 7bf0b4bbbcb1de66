"""The catalogue: unique ids, registered engines, the ages and languages casting relies on."""

from __future__ import annotations

import pytest

from models.voice.base import VOICE_BACKENDS, Voice
from models.voice.catalogue import CATALOGUE, NARRATOR_VOICE, UnknownVoice, get_voice, voices_for
from models.voice.speak import _backends, installed_voices, synthesize


def test_ids_are_unique_and_lookups_round_trip() -> None:
    ids = [voice.id for voice in CATALOGUE]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 25  # the catalogue the product promises
    assert all(get_voice(voice_id).id == voice_id for voice_id in ids)


def test_every_engine_listed_is_registered() -> None:
    assert {voice.engine for voice in CATALOGUE} <= set(VOICE_BACKENDS.names())
    assert set(VOICE_BACKENDS.names()) == {"piper", "flite", "festival", "espeak-ng", "kokoro"}


def test_fields_use_the_documented_vocabularies() -> None:
    for voice in CATALOGUE:
        assert voice.age in {"child", "teen", "adult", "senior"}, voice
        assert voice.gender in {"male", "female", "neutral"}, voice
        assert voice.language in {"en", "es", "hi"}, voice
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in voice.params), voice


def test_english_covers_every_age_for_both_genders() -> None:
    english = {(voice.age, voice.gender) for voice in voices_for("en-US")}
    for age in ("child", "teen", "adult", "senior"):
        assert {(age, "male"), (age, "female")} <= english, age
    for language in ("es", "hi"):
        spoken = {(voice.age, voice.gender) for voice in voices_for(language)}
        assert {v.gender for v in voices_for(language)} == {"male", "female"}
        assert {"child", "adult", "senior"} <= {age for age, _ in spoken}, language
    assert any(voice.gender == "neutral" for voice in voices_for("en"))


def test_narrator_is_the_neural_english_voice() -> None:
    narrator = get_voice(NARRATOR_VOICE)
    assert (narrator.engine, narrator.language) == ("piper", "en")


def test_every_voice_except_festival_hindi_is_installed_here() -> None:
    # festival-hi (the Hindi lexicon) is the one optional Debian package; see the festival tests.
    installed = {voice.id for voice in installed_voices()}
    assert installed >= {voice.id for voice in CATALOGUE} - {"festival-hi-nsk"}
    missing = Voice("x", "x", "espeak-ng", "adult", "male", "en", (("voice", "no-such-voice"),))
    assert not _backends().get("espeak-ng").can_speak(missing)


@pytest.mark.parametrize("bad", ["nope", "", "PIPER-JOE", None])
def test_unknown_voice_ids_are_refused_with_the_choices(bad: object) -> None:
    with pytest.raises(UnknownVoice, match="choose one of: .*piper-joe"):
        get_voice(bad)  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        synthesize("Hello there.", bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        synthesize("Hello there.", bad)  # type: ignore[arg-type]
