"""The voice catalogue: every voice the studio can cast, with a stable id per voice.

Ids are stored with films, so an entry's id and meaning never change; add new entries instead.
"""

from __future__ import annotations

from models.voice.base import Voice
from models.voice.dsp import Shape


class UnknownVoice(KeyError, ValueError):
    """A voice id that is not in the catalogue (a KeyError for lookups, a ValueError for input)."""

    def __str__(self) -> str:  # KeyError would print the message with quotes around it
        return str(self.args[0])


def _espeak(
    id: str, name: str, age: str, gender: str, language: str, voice: str, pitch: int, speed: int = 165
) -> Voice:
    params = (("voice", voice), ("pitch", str(pitch)), ("speed", str(speed)))
    return Voice(id, name, "espeak-ng", age, gender, language, params)


def _dsp(
    id: str,
    name: str,
    base: Voice,
    age: str,
    gender: str,
    semitones: float,
    tempo: float = 1.0,
    formants: str = "keep",
    highpass: float = 0.0,
    lowpass: float = 0.0,
) -> Voice:
    """A new voice made from `base` by signal processing (pitch, tempo, formants, filters).

    Moving the formants with the pitch ("move") shortens or lengthens the vocal tract: the
    difference between a child and a squeaky adult. Older voices are slower, a little lower and
    thinner (less low end and less air).
    """
    params = base.params + (
        ("dsp_semitones", f"{semitones:g}"), ("dsp_tempo", f"{tempo:g}"), ("dsp_formants", formants),
        ("dsp_highpass", f"{highpass:g}"), ("dsp_lowpass", f"{lowpass:g}"),
    )  # fmt: skip
    return Voice(id, name, base.engine, age, gender, base.language, params)


def voice_shape(voice: Voice) -> Shape:
    """The processing that makes `voice` out of its engine voice (neutral for plain voices)."""
    params = dict(voice.params)
    if "dsp_semitones" not in params:
        return Shape()
    return Shape(
        semitones=float(params["dsp_semitones"]),
        tempo=float(params.get("dsp_tempo", "1")),
        keep_formants=params.get("dsp_formants", "keep") != "move",
        highpass_hz=float(params.get("dsp_highpass", "0")),
        lowpass_hz=float(params.get("dsp_lowpass", "0")),
    )


def is_processed(voice: Voice) -> bool:
    """True for voices made by signal processing from an engine voice."""
    return any(key == "dsp_semitones" for key, _ in voice.params)


_SLT_HTS = (("voice", "cmu_us_slt_arctic_hts"),)
_HINDI_NSK = (("voice", "hindi_NSK_diphone"),)

_JOE = Voice("piper-joe", "Joe (Piper)", "piper", "adult", "male", "en")
_SLT = Voice("festival-slt", "Sally (Festival HTS)", "festival", "adult", "female", "en", _SLT_HTS)
_FLITE_SLT = Voice("flite-slt", "Susan (Flite)", "flite", "adult", "female", "en", (("voice", "slt"),))
_FLITE_RMS = Voice("flite-rms", "Richard (Flite)", "flite", "adult", "male", "en", (("voice", "rms"),))
_NSK = Voice("festival-hi-nsk", "Nikhil, Hindi (Festival)", "festival", "adult", "male", "hi", _HINDI_NSK)


def _kokoro(id: str, name: str, age: str, gender: str, language: str, style: str, speed: float = 1.0) -> Voice:
    """A Kokoro-82M voice: a blend of its packaged voice styles ("jf_tebukuro:0.7,jm_kumo:0.3")."""
    return Voice(id, name, "kokoro", age, gender, language, (("style", style), ("speed", f"{speed:g}")))


# Kokoro-82M (Apache-2.0) styles chosen on bench/voices/tuning_sentences.txt: a girl at about
# 330 Hz, a boy at about 250 Hz (a blend towards the male style), adults at 235 and 90 Hz.
_KOKORO_M = _kokoro("kokoro-en-m", "Kenji (Kokoro)", "adult", "male", "en", "jm_kumo")

# Kokoro candidates for Spanish and Hindi, benched against the eSpeak NG and Festival voices of
# the same slot (bench/voice_wer_bench.py --language es|hi --voices ...): a candidate joins
# CATALOGUE only where it beats the incumbent on the held-out sentences' median WER (Whisper base)
# with a pitch that fits its age and gender; the rest stay here, benched but never cast.
# Styles chosen on bench/voices/tuning_sentences_<language>.txt: jf_gongitsune beat jf_alpha for
# the women in both languages; the men and children take the English voices' styles.
_KOKORO_ES = (
    _kokoro("kokoro-es-f", "Lucía (Kokoro)", "adult", "female", "es", "jf_gongitsune"),
    _kokoro("kokoro-es-m", "Mateo (Kokoro)", "adult", "male", "es", "jm_kumo"),
    _kokoro("kokoro-es-girl", "Sofía, niña (Kokoro)", "child", "female", "es", "jf_tebukuro"),
    _kokoro("kokoro-es-boy", "Pablo, niño (Kokoro)", "child", "male", "es", "jf_tebukuro:0.7,jm_kumo:0.3"),
)
_KOKORO_HI = (
    _kokoro("kokoro-hi-f", "Ananya (Kokoro)", "adult", "female", "hi", "jf_gongitsune"),
    _kokoro("kokoro-hi-m", "Arjun (Kokoro)", "adult", "male", "hi", "jm_kumo"),
    _kokoro("kokoro-hi-girl", "Meera, girl (Kokoro)", "child", "female", "hi", "jf_tebukuro"),
    _kokoro("kokoro-hi-boy", "Rohan, boy (Kokoro)", "child", "male", "hi", "jf_tebukuro:0.7,jm_kumo:0.3"),
)
CANDIDATES: tuple[Voice, ...] = ()  # every candidate benched so far won its slot

CATALOGUE: tuple[Voice, ...] = (
    # Neural voice: the most natural, so it narrates.
    _JOE,
    # Recorded-speech voices: HTS and CMU Arctic clustergen/clunits, then the kal diphones.
    _SLT,
    _FLITE_SLT,
    Voice("flite-awb", "Alan, Scottish (Flite)", "flite", "adult", "male", "en", (("voice", "awb"),)),
    _FLITE_RMS,
    Voice("flite-kal", "Kal (Flite diphone)", "flite", "adult", "male", "en", (("voice", "kal16"),)),
    _NSK,
    # Neural voices for the ages the recorded voices do not cover (children, teens).
    _kokoro("kokoro-en-girl", "Hana, girl (Kokoro)", "child", "female", "en", "jf_tebukuro"),
    _kokoro("kokoro-en-boy", "Kai, boy (Kokoro)", "child", "male", "en", "jf_tebukuro:0.7,jm_kumo:0.3"),
    _kokoro("kokoro-en-teen-f", "Mia, teen girl (Kokoro)", "teen", "female", "en", "jf_nezumi"),
    _dsp("kokoro-en-teen-m", "Leo, teen boy (Kokoro + DSP)", _KOKORO_M, "teen", "male", 3, 1.03, "move"),
    _kokoro("kokoro-en-f", "Yumi (Kokoro)", "adult", "female", "en", "jf_gongitsune"),
    _KOKORO_M,
    # Formant voices: eSpeak NG for Spanish and Hindi.
    _espeak("espeak-es-m", "Hombre (eSpeak)", "adult", "male", "es", "es+m1", 45),
    _espeak("espeak-es-f", "Mujer (eSpeak)", "adult", "female", "es", "es-419+f2", 55),
    _espeak("espeak-es-child", "Niña (eSpeak)", "child", "female", "es", "es+f5", 88, 170),
    _espeak("espeak-hi-m", "Purush (eSpeak)", "adult", "male", "hi", "hi+m1", 45, 150),
    _espeak("espeak-hi-f", "Mahila (eSpeak)", "adult", "female", "hi", "hi+f2", 55, 150),
    _espeak("espeak-hi-child", "Bachchi (eSpeak)", "child", "female", "hi", "hi+f5", 88, 155),
    # Processed voices: the recorded and neural voices aged, de-aged and re-pitched.
    _dsp("piper-joe-teen", "Jake, teen boy (Piper + DSP)", _JOE, "teen", "male", 2.5, 1.03, "move"),
    _dsp("piper-joe-senior", "Walter, older man (Piper + DSP)", _JOE, "senior", "male", -2, 0.88, "keep", 110, 6500),
    _dsp("piper-joe-neutral", "Alex, neutral (Piper + DSP)", _JOE, "adult", "neutral", 4, 1.0, "move"),
    _dsp("festival-slt-girl", "Lily, girl (Festival + DSP)", _SLT, "child", "female", 4, 1.03, "move"),
    _dsp(
        "festival-slt-senior",
        "Margaret, older woman (Festival + DSP)",
        _SLT,
        "senior",
        "female",
        -2,
        0.88,
        "keep",
        140,
        6000,
    ),
    _dsp("festival-slt-neutral", "Robin, neutral (Festival + DSP)", _SLT, "adult", "neutral", -4, 1.0, "keep"),
    _dsp("flite-slt-teen", "Tara, teen girl (Flite + DSP)", _FLITE_SLT, "teen", "female", 2, 1.04, "move"),
    _dsp(
        "flite-rms-senior",
        "Harold, older man (Flite + DSP)",
        _FLITE_RMS,
        "senior",
        "male",
        -1.5,
        0.9,
        "keep",
        110,
        6000,
    ),
    _dsp(
        "festival-hi-nsk-senior",
        "Dadaji, Hindi (Festival + DSP)",
        _NSK,
        "senior",
        "male",
        -1.5,
        0.88,
        "keep",
        110,
        6000,
    ),
    # More eSpeak NG ages for Spanish and Hindi.
    _espeak("espeak-es-boy", "Niño (eSpeak)", "child", "male", "es", "es+m3", 85, 170),
    _espeak("espeak-es-teen-f", "Chica (eSpeak)", "teen", "female", "es", "es+f4", 68, 170),
    _espeak("espeak-es-teen-m", "Chico (eSpeak)", "teen", "male", "es", "es+m2", 65, 170),
    _espeak("espeak-es-senior-f", "Abuela (eSpeak)", "senior", "female", "es", "es+f2", 35, 140),
    _espeak("espeak-es-senior-m", "Abuelo (eSpeak)", "senior", "male", "es", "es+m7", 25, 140),
    _espeak("espeak-hi-boy", "Ladka (eSpeak)", "child", "male", "hi", "hi+m3", 85, 155),
    _espeak("espeak-hi-teen-f", "Ladki (eSpeak)", "teen", "female", "hi", "hi+f4", 68, 155),
    _espeak("espeak-hi-senior-f", "Dadi (eSpeak)", "senior", "female", "hi", "hi+f2", 35, 135),
    _espeak("espeak-hi-senior-m", "Dada (eSpeak)", "senior", "male", "hi", "hi+m7", 25, 135),
    # Kokoro for Spanish and Hindi: each beat the eSpeak NG (and Festival) voices of its slot on
    # the held-out sentences, Spanish clearly (median WER 0-9 % against 35-55 %), Hindi narrowly
    # (89-100 % against 100-106 %: Whisper base hears little Hindi from any voice here).
    *_KOKORO_ES,
    *_KOKORO_HI,
)

NARRATOR_VOICE = "piper-joe"

# Retired voices (median WER over 10 % on the held-out sentences, or a "boy" at an adult man's
# pitch) -> the voice that replaces them. Films and overrides that name an old id keep working.
RETIRED: dict[str, str] = {
    "espeak-en-girl": "kokoro-en-girl",
    "espeak-en-boy": "kokoro-en-boy",
    "espeak-en-teen-f": "kokoro-en-teen-f",
    "espeak-en-teen-m": "kokoro-en-teen-m",
    "espeak-en-f": "kokoro-en-f",
    "espeak-en-m": "kokoro-en-m",
    "piper-joe-boy": "kokoro-en-boy",
}

# Withdrawn from casting and from the list (median WER 8.7 % / 9.1 % on the held-out sentences,
# mean 15 %: too often misheard), but films that named them still render with them.
WITHDRAWN: tuple[Voice, ...] = (
    _espeak("espeak-en-senior-f", "Older woman (eSpeak)", "senior", "female", "en", "en-us+f2", 38, 145),
    _espeak("espeak-en-senior-m", "Older man (eSpeak)", "senior", "male", "en", "en+m7", 22, 140),
)

_BY_ID = {voice.id: voice for voice in CATALOGUE + WITHDRAWN}


def get_voice(voice_id: str) -> Voice:
    """The catalogue entry `voice_id` (a retired id gives its replacement); UnknownVoice
    (KeyError and ValueError) names the choices."""
    try:
        return _BY_ID[RETIRED.get(voice_id, voice_id)]
    except (KeyError, TypeError):
        raise UnknownVoice(
            f"Unknown voice {voice_id!r}; choose one of: {', '.join(sorted(v.id for v in CATALOGUE))}."
        ) from None


def voices_for(language: str) -> list[Voice]:
    """Catalogue voices that speak `language` (a BCP-47 tag; only the primary subtag counts)."""
    primary = language.replace("_", "-").split("-")[0].lower()
    return [voice for voice in CATALOGUE if voice.language == primary]
