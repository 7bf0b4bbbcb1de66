"""Voice previews: one fixed sentence per language, spoken once, then served from the cache."""

from __future__ import annotations

from pathlib import Path

import pytest
import soundfile as sf

from models.voice.catalogue import UnknownVoice
from models.voice.preview import preview_text, voice_preview


@pytest.mark.parametrize("voice_id", ["flite-rms-senior", "espeak-es-senior-f", "espeak-hi-boy"])
def test_a_preview_is_spoken_once_and_cached(tmp_path: Path, voice_id: str) -> None:
    first = voice_preview(voice_id, tmp_path)
    stamp = first.stat().st_mtime_ns
    audio, rate = sf.read(str(first))
    assert first.suffix == ".wav" and voice_id in first.name
    assert 1.0 < len(audio) / rate < 8.0 and abs(audio).max() > 0.05
    again = voice_preview(voice_id, tmp_path)
    assert again == first and again.stat().st_mtime_ns == stamp
    assert [p.name for p in tmp_path.iterdir()] == [first.name]  # no temporary files left


def test_previews_are_in_the_voice_language_and_unknown_ids_are_refused(tmp_path: Path) -> None:
    assert preview_text("es") != preview_text("en") != preview_text("hi")
    with pytest.raises(UnknownVoice):
        voice_preview("no-such-voice", tmp_path)
    assert not any(tmp_path.iterdir())
