"""Done-when: every English catalogue voice, processed ones included, is intelligible.

Whisper tiny.en must recover two everyday sentences spoken by each voice with at most 10 % of
their words wrong. The sentences are in neither bench/voices/ set (tuning or held-out), so no
voice was tuned on them; the full 30-sentence figures come from bench/voice_wer_bench.py.
"""

from __future__ import annotations

import numpy as np
import pytest

from models.asr.wer import word_error_rate
from models.asr.whisper import transcribe
from models.voice.catalogue import CATALOGUE, RETIRED, get_voice
from models.voice.speak import synthesize

SENTENCES = (
    "My uncle drives a red truck to the farm every morning.",
    "Please leave the box of apples next to the kitchen door.",
)
ENGLISH = [voice.id for voice in CATALOGUE if voice.language == "en"]


def test_the_sentences_are_unseen_and_every_age_is_covered() -> None:
    from pathlib import Path

    bench = Path(__file__).resolve().parents[3] / "bench" / "voices"
    seen = "".join(path.read_text(encoding="utf-8") for path in bench.glob("*_sentences.txt"))
    assert all(sentence not in seen for sentence in SENTENCES)
    assert sum(len(s.split()) for s in SENTENCES) >= 20
    assert len(ENGLISH) >= 20
    assert {get_voice(v).age for v in ENGLISH} == {"child", "teen", "adult", "senior"}
    assert all(RETIRED[old] in ENGLISH for old in RETIRED)  # each retired id maps to a voice tested here


@pytest.mark.parametrize("voice_id", ENGLISH)
def test_every_english_voice_is_understood(voice_id: str) -> None:
    takes = [synthesize(sentence, voice_id) for sentence in SENTENCES]
    for take in takes:
        assert 1.5 <= take.duration <= 8.0
        assert float(np.sqrt(np.mean(take.samples**2))) > 0.01
    heard = [transcribe(take.samples, take.sample_rate).text for take in takes]
    assert word_error_rate(" ".join(SENTENCES), " ".join(heard)) <= 0.10, heard


def test_a_voice_that_mumbles_fails_the_same_measure() -> None:
    # Negative control: the same sentences cut into 60 ms slices and shuffled are not understood.
    take = synthesize(SENTENCES[0], "piper-joe")
    step = int(0.06 * take.sample_rate)
    slices = [take.samples[i : i + step] for i in range(0, len(take.samples), step)]
    order = np.random.default_rng(7).permutation(len(slices))
    garbled = np.concatenate([slices[i] for i in order])
    heard = transcribe(garbled, take.sample_rate).text
    assert word_error_rate(SENTENCES[0], heard) > 0.5, heard
