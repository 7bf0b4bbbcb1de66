"""The voice catalogue: every voice the studio can cast, with a stable id per voice.

Ids are stored with films, so an entry's id and meaning never change; add new entries instead.
"""

from __future__ import annotations

from models.voice.base import Voice


class UnknownVoice(KeyError, ValueError):
    """A voice id that is not in the catalogue (a KeyError for lookups, a ValueError for input)."""

    def __str__(self) -> str:  # KeyError would print the message with quotes around it
        return str(self.args[0])


def _espeak(
    id: str, name: str, age: str, gender: str, language: str, voice: str, pitch: int, speed: int = 165
) -> Voice:
    params = (("voice", voice), ("pitch", str(pitch)), ("speed", str(speed)))
    return Voice(id, name, "espeak-ng", age, gender, language, params)


_SLT_HTS = (("voice", "cmu_us_slt_arctic_hts"),)
_HINDI_NSK = (("voice", "hindi_NSK_diphone"),)

CATALOGUE: tuple[Voice, ...] = (
    # Neural voice: the most natural, so it narrates.
    Voice("piper-joe", "Joe (Piper)", "piper", "adult", "male", "en"),
    # Recorded-speech voices: HTS and CMU Arctic clustergen/clunits, then the kal diphones.
    Voice("festival-slt", "Sally (Festival HTS)", "festival", "adult", "female", "en", _SLT_HTS),
    Voice("flite-slt", "Susan (Flite)", "flite", "adult", "female", "en", (("voice", "slt"),)),
    Voice("flite-awb", "Alan, Scottish (Flite)", "flite", "adult", "male", "en", (("voice", "awb"),)),
    Voice("flite-rms", "Richard (Flite)", "flite", "adult", "male", "en", (("voice", "rms"),)),
    Voice("flite-kal", "Kal (Flite diphone)", "flite", "adult", "male", "en", (("voice", "kal16"),)),
    Voice("festival-hi-nsk", "Nikhil, Hindi (Festival)", "festival", "adult", "male", "hi", _HINDI_NSK),
    # Formant voices: eSpeak NG variants cover the ages the recorded voices do not.
    _espeak("espeak-en-girl", "Girl (eSpeak)", "child", "female", "en", "en-us+f3", 75),
    _espeak("espeak-en-boy", "Boy (eSpeak)", "child", "male", "en", "en-us+m3", 85, 170),
    _espeak("espeak-en-teen-f", "Teen girl (eSpeak)", "teen", "female", "en", "en-us+f5", 65, 170),
    _espeak("espeak-en-teen-m", "Teen boy (eSpeak)", "teen", "male", "en", "en-us+m2", 68, 170),
    _espeak("espeak-en-f", "Woman (eSpeak)", "adult", "female", "en", "en-us+f4", 50),
    _espeak("espeak-en-m", "Man, British (eSpeak)", "adult", "male", "en", "en-gb-x-rp+m1", 45),
    _espeak("espeak-en-senior-f", "Older woman (eSpeak)", "senior", "female", "en", "en-us+f2", 38, 145),
    _espeak("espeak-en-senior-m", "Older man (eSpeak)", "senior", "male", "en", "en+m7", 22, 140),
    _espeak("espeak-es-m", "Hombre (eSpeak)", "adult", "male", "es", "es+m1", 45),
    _espeak("espeak-es-f", "Mujer (eSpeak)", "adult", "female", "es", "es-419+f2", 55),
    _espeak("espeak-es-child", "Niña (eSpeak)", "child", "female", "es", "es+f5", 88, 170),
    _espeak("espeak-hi-m", "Purush (eSpeak)", "adult", "male", "hi", "hi+m1", 45, 150),
    _espeak("espeak-hi-f", "Mahila (eSpeak)", "adult", "female", "hi", "hi+f2", 55, 150),
    _espeak("espeak-hi-child", "Bachchi (eSpeak)", "child", "female", "hi", "hi+f5", 88, 155),
)

NARRATOR_VOICE = "piper-joe"

_BY_ID = {voice.id: voice for voice in CATALOGUE}


def get_voice(voice_id: str) -> Voice:
    """The catalogue entry `voice_id`; UnknownVoice (KeyError and ValueError) names the choices."""
    try:
        return _BY_ID[voice_id]
    except (KeyError, TypeError):
        raise UnknownVoice(
            f"Unknown voice {voice_id!r}; choose one of: {', '.join(sorted(_BY_ID))}."
        ) from None


def voices_for(language: str) -> list[Voice]:
    """Catalogue voices that speak `language` (a BCP-47 tag; only the primary subtag counts)."""
    primary = language.replace("_", "-").split("-")[0].lower()
    return [voice for voice in CATALOGUE if voice.language == primary]
