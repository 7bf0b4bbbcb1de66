"""Delivery: emotion, parenthetical and kind change rate, pitch, level and pauses, measurably."""

from __future__ import annotations

import numpy as np
import pytest

from models.breakdown import Line
from models.voice.catalogue import get_voice
from models.voice.delivery import CHANT_MELODY, NEUTRAL, delivery_for
from models.voice.dsp import rms
from models.voice.perform import engine_voice
from models.voice.speak import synthesize

TEXT = "I told you to close the door before the storm."


def test_the_tables_read_parentheticals_emotions_and_kinds() -> None:
    assert delivery_for(Line("A", TEXT)) == NEUTRAL
    whisper = delivery_for(Line("A", TEXT, "whispering"))
    assert whisper.whisper and whisper.gain_db <= -3
    shout = delivery_for(Line("A", TEXT, "shouting"))
    assert shout.rate > 1.05 and shout.gain_db >= 4 and shout.semitones > 0
    sad = delivery_for(Line("A", TEXT, "sadly", emotion="sad"))
    assert sad.rate < 0.9 and sad.semitones < 0 and sad.pause_after > 0
    excited = delivery_for(Line("A", TEXT, "excitedly"))
    assert excited.rate > 1.05 and excited.semitones > 0
    angry = delivery_for(Line("A", TEXT, "angrily", emotion="angry"))
    assert angry.gain_db > 0
    chant = delivery_for(Line("A", "Om shanti shanti", "chanting", kind="chant", emotion="angry"))
    assert chant.rate < 0.8 and chant.melody == CHANT_MELODY and chant.gain_db <= 0
    verse = delivery_for(Line("A", "The river carries every light,", kind="verse"))
    assert verse.rate < 1.0 and verse.pause_after >= 0.4
    assert delivery_for(Line("A", TEXT, "shouting")).key() != delivery_for(Line("A", TEXT)).key()


def test_engine_controls_are_used_where_the_engine_has_them() -> None:
    shout = delivery_for(Line("A", TEXT, "shouting"))
    espeak, rest = engine_voice(get_voice("espeak-en-senior-f"), shout)
    params, plain = dict(espeak.params), dict(get_voice("espeak-en-senior-f").params)
    assert int(params["speed"]) > int(plain["speed"]) and int(params["pitch"]) > int(plain["pitch"])
    assert rest.tempo == 1.0 and rest.semitones == 0.0 and rest.gain_db > 0
    whispered, _ = engine_voice(get_voice("espeak-en-senior-f"), delivery_for(Line("A", TEXT, "whispers")))
    assert dict(whispered.params)["voice"] == "en-us+whisperf"
    piper, rest = engine_voice(get_voice("piper-joe"), shout)
    assert float(dict(piper.params)["length_scale"]) < 1.0 and rest.tempo == 1.0 and rest.semitones > 0
    flite, rest = engine_voice(get_voice("flite-slt"), shout)
    assert flite == get_voice("flite-slt") and rest.tempo > 1.0


@pytest.mark.parametrize("voice_id", ["piper-joe", "flite-slt", "espeak-en-senior-f", "festival-slt"])
def test_whisper_is_quieter_and_shout_louder_and_faster(voice_id: str) -> None:
    neutral = synthesize(TEXT, voice_id)
    whisper = synthesize(TEXT, voice_id, delivery_for(Line("A", TEXT, "whispering")))
    shout = synthesize(TEXT, voice_id, delivery_for(Line("A", TEXT, "shouting")))
    sad = synthesize(TEXT, voice_id, delivery_for(Line("A", TEXT, "sadly", emotion="sad")))
    assert rms(whisper.samples) < 0.75 * rms(neutral.samples)
    assert rms(shout.samples) > 1.4 * rms(neutral.samples)
    assert shout.duration < neutral.duration < sad.duration  # faster when shouted, slower when sad
    for take in (whisper, shout, sad):
        assert np.max(np.abs(take.samples)) <= 1.0
        assert [w.label for w in take.words] == [w.label for w in neutral.words]
        assert all(0 <= w.start <= w.end <= take.duration for w in take.words)
