"""Kokoro voices for Spanish and Hindi: cast by their measured WER, and real takes with word timings.

The Kokoro voices joined the catalogue where they beat the eSpeak NG / Festival voice of the same
language, age and gender on bench/voices/heldout_sentences_<language>.txt (median WER, Whisper
base). The sentences here are in neither bench set.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from models.asr.wer import word_error_rate
from models.asr.whisper import recognizer
from models.breakdown import NARRATOR, Character
from models.voice.casting import cast
from models.voice.catalogue import CATALOGUE, get_voice
from models.voice.intelligibility import TABLE_PATH, measured_wer
from models.voice.speak import synthesize
from models.voice.text import tokens
from studio.settings import Settings

SPANISH = "Mi tío vende fruta fresca en el mercado todos los martes."
HINDI = "मेरे चाचा हर मंगलवार बाज़ार में ताज़े फल बेचते हैं।"
ADOPTED = {
    # (language, age, gender) -> the Kokoro voice that beat the incumbent of its slot.
    ("es", "adult", "female"): "kokoro-es-f",
    ("es", "adult", "male"): "kokoro-es-m",
    ("es", "child", "female"): "kokoro-es-girl",
    ("es", "child", "male"): "kokoro-es-boy",
    ("hi", "adult", "female"): "kokoro-hi-f",
    ("hi", "adult", "male"): "kokoro-hi-m",
    ("hi", "child", "female"): "kokoro-hi-girl",
    ("hi", "child", "male"): "kokoro-hi-boy",
}


@pytest.mark.parametrize(("slot", "voice_id"), list(ADOPTED.items()))
def test_casting_a_spanish_or_hindi_character_picks_the_clearest_measured_voice(
    slot: tuple[str, str, str], voice_id: str
) -> None:
    language, age, gender = slot
    fitting = [v for v in CATALOGUE if (v.language, v.age, v.gender) == slot]
    assert get_voice(voice_id) in fitting and len(fitting) >= 2  # the Kokoro voice and an incumbent
    table = json.loads(TABLE_PATH.read_text(encoding="utf-8"))["median_wer"]
    assert all(v.id in table for v in fitting)  # every rival was measured on the same sentences
    clearest = min(fitting, key=lambda v: measured_wer(v.id))
    assert clearest.id == voice_id
    character = Character("ANA" if language == "es" else "PRIYA", age, gender=gender, language=language)
    picked = cast([Character(NARRATOR), character], pool=CATALOGUE)[character.name]
    assert picked == voice_id


@pytest.mark.parametrize(("voice_id", "text"), [("kokoro-es-f", SPANISH), ("kokoro-hi-f", HINDI)])
def test_a_spanish_and_a_hindi_take_have_word_timings_covering_the_audio(voice_id: str, text: str) -> None:
    take = synthesize(text, voice_id)
    assert take.sample_rate == 24_000 and take.samples.dtype == np.float32
    assert 1.5 <= take.duration <= 9.0 and float(np.sqrt(np.mean(take.samples**2))) > 0.01
    assert [w.label for w in take.words] == tokens(text)
    starts, ends = [w.start for w in take.words], [w.end for w in take.words]
    assert starts == sorted(starts) and ends == sorted(ends)
    assert all(0.0 <= w.start <= w.end <= take.duration for w in take.words + take.phonemes)
    assert take.words[0].start < 0.2 * take.duration and take.words[-1].end > 0.8 * take.duration
    assert sum(w.end - w.start for w in take.words) > 0.5 * take.duration


def test_whisper_base_understands_the_spanish_voice() -> None:
    take = synthesize(SPANISH, "kokoro-es-f")
    heard = recognizer("es", Settings.from_env().whisper_base_path).transcribe(take.samples, take.sample_rate, "es")
    assert word_error_rate(SPANISH, heard.text) <= 0.25, heard.text
