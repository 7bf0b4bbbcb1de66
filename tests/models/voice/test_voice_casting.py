"""Casting: fitting, distinct, deterministic and stable voices; narrator and overrides."""

from __future__ import annotations

import pytest

from models.breakdown import NARRATOR, Character
from models.voice.base import Voice
from models.voice.casting import age_band, cast
from models.voice.catalogue import CATALOGUE, NARRATOR_VOICE, RETIRED, UnknownVoice, get_voice
from models.voice.intelligibility import measured_wer

CAST = [
    Character("MAYA", "adult", gender="female"),
    Character("TOM", "adult", gender="male"),
    Character(NARRATOR),
    Character("LILA", "child", gender="female"),
    Character("GRANDPA JOE", "senior", gender="male"),
    Character("NEIL", "teen", gender="male"),
    Character("ROSA", "senior", gender="female"),
]


def test_everyone_gets_a_distinct_voice_that_fits() -> None:
    voices = cast(CAST)
    assert list(voices) == [c.name for c in CAST]
    assert len(set(voices.values())) == len(CAST)
    for character in CAST:
        voice = get_voice(voices[character.name])
        assert voice.language == "en"
        if character.gender != "unknown":
            assert voice.gender == character.gender, (character, voice)
        if character.age_band != "unknown":
            assert voice.age == character.age_band, (character, voice)


def test_narrator_gets_the_narrator_voice_and_nobody_else_does() -> None:
    voices = cast(CAST)
    assert voices[NARRATOR] == NARRATOR_VOICE
    assert list(voices.values()).count(NARRATOR_VOICE) == 1


def test_same_input_same_result_and_order_of_dict_is_input_order() -> None:
    assert cast(CAST) == cast(list(CAST))
    assert cast(CAST) == cast([Character(**vars(c)) for c in CAST])


def test_adding_characters_keeps_earlier_voices() -> None:
    before = cast(CAST)
    after = cast(CAST + [Character("SAM", "adult", gender="male"), Character("ZOE", "teen", gender="female")])
    assert {name: after[name] for name in before} == before
    assert len(set(after.values())) == len(after)


def test_equally_good_voices_are_chosen_by_name_not_by_position() -> None:
    # Voices that fit equally and were measured equally (here: never) are spread by name.
    pool = [Voice(f"test-man-{i}", f"Man {i}", "flite", "adult", "male", "en", (("voice", f"v{i}"),)) for i in range(4)]
    picks = {cast([Character(f"MAN {i}", "adult", gender="male")], pool=pool)[f"MAN {i}"] for i in range(12)}
    assert len(picks) >= 2


def test_the_clearest_measured_voice_that_fits_is_preferred() -> None:
    # With the narrator holding Piper, the adult man gets the adult male voice with the lowest
    # measured WER (models/voice/intelligibility.json, written by bench/voice_wer_bench.py).
    fitting = [
        v for v in CATALOGUE if (v.language, v.age, v.gender) == ("en", "adult", "male") and v.id != NARRATOR_VOICE
    ]
    clearest = min(fitting, key=lambda v: measured_wer(v.id))
    assert measured_wer(clearest.id) < measured_wer(max(fitting, key=lambda v: measured_wer(v.id)).id)
    man = cast([Character(NARRATOR), Character("MAN", "adult", gender="male")], pool=CATALOGUE)["MAN"]
    assert man == clearest.id


def test_children_are_never_voiced_by_adults_while_a_child_voice_exists() -> None:
    kids = [Character(f"KID {i}", "child", gender="female") for i in range(4)] + [
        Character("BOY", age=8, gender="male")
    ]
    voices = cast([Character(NARRATOR), *kids], pool=CATALOGUE)
    assert all(get_voice(voices[kid.name]).age == "child" for kid in kids), voices
    assert get_voice(voices["BOY"]).gender == "male"
    # The child voices are the intelligible neural ones, not raw eSpeak.
    assert all(get_voice(voices[kid.name]).engine != "espeak-ng" for kid in kids)


def test_languages_are_respected_and_unknown_ones_fall_back_to_english() -> None:
    voices = cast(
        [
            Character("RAVI", "adult", gender="male", language="hi"),
            Character("PRIYA", "adult", gender="female", language="hi-IN"),
            Character("ANA", "adult", gender="female", language="es-MX"),
            Character("PIERRE", "adult", gender="male", language="fr"),
        ]
    )
    assert get_voice(voices["RAVI"]).language == "hi" and get_voice(voices["RAVI"]).gender == "male"
    assert get_voice(voices["PRIYA"]).language == "hi" and get_voice(voices["PRIYA"]).gender == "female"
    assert get_voice(voices["ANA"]).language == "es" and get_voice(voices["ANA"]).gender == "female"
    assert get_voice(voices["PIERRE"]).language == "en"


def test_unknown_gender_and_age_fall_back_sensibly() -> None:
    voices = cast([Character("STRANGER"), Character("KID", age=9, gender="female"), Character("ELDER", age=77)])
    assert get_voice(voices["STRANGER"]).age == "adult"
    assert get_voice(voices["KID"]).age == "child" and get_voice(voices["KID"]).gender == "female"
    assert get_voice(voices["ELDER"]).age == "senior"
    assert age_band(Character("X", age=15)) == "teen"


def test_voices_are_shared_only_once_the_language_has_none_free() -> None:
    hindi = [v for v in CATALOGUE if v.language == "hi"]
    hindi_men = {v.id for v in hindi if v.gender == "male"}
    men = [Character(f"H{i}", "adult", gender="male", language="hi") for i in range(len(hindi_men) + 1)]
    voices = cast(men, pool=CATALOGUE)
    first = [voices[c.name] for c in men[: len(hindi_men)]]
    assert set(first) == hindi_men  # every man's voice used first, never a woman's while one is free
    assert len(set(voices.values())) == len(men)  # the extra man still gets a voice of his own
    crowd = [Character(f"P{i}", "adult", gender="male", language="hi") for i in range(len(hindi) + 1)]
    shared = cast(crowd, pool=CATALOGUE)
    assert len(set(shared.values())) == len(hindi)  # sharing starts only when none is free


def test_overrides_win_are_validated_and_stale_names_ignored() -> None:
    voices = cast(CAST, {"TOM": "espeak-en-m", "GHOST": "flite-awb"})
    assert voices["TOM"] == "espeak-en-m"
    assert "GHOST" not in voices
    assert list(voices.values()).count("espeak-en-m") == 1
    with pytest.raises(UnknownVoice, match="'TOM'.*no-such-voice"):
        cast(CAST, {"TOM": "no-such-voice"})


def test_an_override_can_take_the_narrator_voice() -> None:
    voices = cast(CAST, {"TOM": NARRATOR_VOICE})
    assert voices["TOM"] == NARRATOR_VOICE
    assert voices[NARRATOR] != NARRATOR_VOICE


def test_a_smaller_pool_is_honoured() -> None:
    pool = [v for v in CATALOGUE if v.engine == "espeak-ng"]
    voices = cast(CAST, pool=pool)
    assert all(get_voice(v).engine == "espeak-ng" for v in voices.values())
    with pytest.raises(ValueError, match="empty voice pool"):
        cast(CAST, pool=[])


def test_retired_voice_ids_still_cast_and_speak_as_their_replacement() -> None:
    assert get_voice("espeak-en-girl").id == RETIRED["espeak-en-girl"] == "kokoro-en-girl"
    assert get_voice("piper-joe-boy").age == "child" and get_voice("piper-joe-boy").engine == "kokoro"
    voices = cast([Character("ELI", "child", gender="male")], {"ELI": "espeak-en-boy"})
    assert get_voice(voices["ELI"]).id == "kokoro-en-boy"
    assert not set(RETIRED) & {v.id for v in CATALOGUE}  # retired ids are not offered any more


def test_withdrawn_voices_still_speak_for_old_films_but_are_never_cast() -> None:
    from models.voice.catalogue import WITHDRAWN
    from models.voice.speak import installed_voices

    assert {v.id for v in WITHDRAWN} <= {v.id for v in installed_voices()}
    assert get_voice("espeak-en-senior-f").engine == "espeak-ng"
    elders = [Character(f"ELDER {i}", "senior", gender=g) for i in range(6) for g in ("male", "female")]
    assert not {v.id for v in WITHDRAWN} & set(cast(elders).values())
