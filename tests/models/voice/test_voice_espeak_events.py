"""eSpeak NG: probing many voices must not cost the next line its first word's timing."""

from __future__ import annotations

from models.voice import espeak_backend
from models.voice.catalogue import CATALOGUE
from models.voice.speak import synthesize
from models.voice.text import tokens

LINE = "Om sarve bhavantu sukhinah sarve santu niramayah"


def test_first_word_keeps_its_timing_after_probing_every_voice() -> None:
    library = espeak_backend._library()
    for _ in range(3):  # every catalogue voice, three times over: dozens of queued voice changes
        for voice in CATALOGUE:
            if voice.engine == "espeak-ng":
                library.has_voice(dict(voice.params)["voice"])
    take = synthesize(LINE, "espeak-en-senior-f")
    assert [w.label for w in take.words] == tokens(LINE)
    assert take.words[0].end > take.words[0].start
