"""Done-when: every English catalogue voice, processed ones included, is intelligible.

Whisper tiny.en must recover a 15-word sentence spoken by each voice with WER <= 10 %.
"""

from __future__ import annotations

import numpy as np
import pytest

from models.asr.wer import word_error_rate
from models.asr.whisper import transcribe
from models.voice.catalogue import CATALOGUE
from models.voice.speak import synthesize

SENTENCE = "Remember to close the door and turn off the lights when you leave the room."
ENGLISH = [voice.id for voice in CATALOGUE if voice.language == "en"]


def test_the_sentence_has_fifteen_words_and_every_age_is_covered() -> None:
    assert len(SENTENCE.split()) == 15
    assert len(ENGLISH) >= 20


@pytest.mark.parametrize("voice_id", ENGLISH)
def test_every_english_voice_is_understood(voice_id: str) -> None:
    take = synthesize(SENTENCE, voice_id)
    assert 2.0 <= take.duration <= 9.0
    assert float(np.sqrt(np.mean(take.samples**2))) > 0.01
    heard = transcribe(take.samples, take.sample_rate)
    assert word_error_rate(SENTENCE, heard.text) <= 0.10, heard.text
