"""Chanted slokas: slower and longer than the same words spoken, and sung on the chant melody."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from voice_probe import word_pitches

from models.breakdown import Line
from models.voice.delivery import CHANT_MELODY, delivery_for
from models.voice.speak import synthesize

SLOKA = "Om sarve bhavantu sukhinah sarve santu niramayah"


def words_per_second(take) -> float:  # type: ignore[no-untyped-def]
    return len(take.words) / (take.words[-1].end - take.words[0].start)


@pytest.mark.parametrize("voice_id", ["festival-slt", "piper-joe", "espeak-en-senior-f"])
def test_a_chanted_verse_is_slow_and_follows_the_melody(voice_id: str) -> None:
    chant = delivery_for(Line("MEERA", SLOKA, "chanting", kind="chant"))
    spoken = synthesize(SLOKA, voice_id, delivery_for(Line("MEERA", SLOKA)))
    chanted = synthesize(SLOKA, voice_id, chant)
    assert chanted.duration > 1.2 * spoken.duration
    assert words_per_second(chanted) < 0.85 * words_per_second(spoken)
    assert [w.label for w in chanted.words] == [w.label for w in spoken.words]
    # Against the same slow delivery without the melody, each word moves by its melody step.
    plain = synthesize(SLOKA, voice_id, replace(chant, melody=()))
    moved = 12 * np.log2(np.array(word_pitches(chanted, 0.0)) / np.array(word_pitches(plain, 0.0)))
    steps = [CHANT_MELODY[i % len(CHANT_MELODY)] for i in range(len(moved))]
    assert np.corrcoef(moved, steps)[0, 1] > 0.7, moved
