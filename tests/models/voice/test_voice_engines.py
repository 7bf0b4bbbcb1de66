"""Every engine on real audio: plausible, audible, well-timed takes that Whisper understands."""

from __future__ import annotations

import difflib
from pathlib import Path

import numpy as np
import pytest

from models.asr.wer import normalize, word_error_rate
from models.asr.whisper import transcribe
from models.errors import BackendUnavailable
from models.voice import festival_backend
from models.voice.base import Take
from models.voice.speak import _backends, synthesize
from models.voice.text import tokens

# Two sentences, so utterance offsets matter too; chosen so that tiny.en hears every engine.
SENTENCE = "My brother found a small green bird in the garden. Then it flew away over the trees."
# One voice per engine, plus the flite diphone voice (its utterances are trimmed) and two
# eSpeak variants and a Kokoro voice (timed by our own alignment).
ENGLISH_VOICES = ["piper-joe", "festival-slt", "flite-slt", "flite-kal", "espeak-en-senior-m", "espeak-en-senior-f"]


def assert_well_formed(take: Take, text: str, min_s: float, max_s: float) -> None:
    assert take.samples.dtype == np.float32 and take.samples.ndim == 1
    assert np.all(np.abs(take.samples) <= 1.0)
    assert min_s <= take.duration <= max_s
    assert float(np.sqrt(np.mean(take.samples**2))) > 0.01, "take is (nearly) silent"
    for timed in (take.phonemes, take.words):
        assert timed, "no timings"
        starts = [t.start for t in timed]
        assert starts == sorted(starts)
        assert all(0.0 <= t.start <= t.end <= take.duration for t in timed)
    assert [w.label for w in take.words] == tokens(text)
    assert sum(w.end - w.start for w in take.words) > 0.4 * take.duration, "words cover too little"


@pytest.mark.parametrize("voice_id", ENGLISH_VOICES)
def test_english_voice_is_understood_and_well_timed(voice_id: str) -> None:
    take = synthesize(SENTENCE, voice_id)
    assert_well_formed(take, SENTENCE, 3.0, 10.0)
    heard = transcribe(take.samples, take.sample_rate)
    assert word_error_rate(SENTENCE, heard.text) <= 0.25, heard.text
    ours = [normalize(w.label) for w in take.words]
    matcher = difflib.SequenceMatcher(a=ours, b=[normalize(w.label) for w in heard.words], autojunk=False)
    blocks = matcher.get_matching_blocks()
    pairs = [(take.words[b.a + j], heard.words[b.b + j]) for b in blocks for j in range(b.size)]
    assert len(pairs) >= 0.7 * len(ours)
    for mine, whisper in pairs:
        # Whisper's own word times are only good to a couple of tenths of a second.
        assert abs((mine.start + mine.end) / 2 - (whisper.start + whisper.end) / 2) < 0.4, (mine, whisper)


def test_numbers_stay_one_word_with_their_expansion() -> None:
    for voice_id in ("piper-joe", "festival-slt", "flite-slt", "espeak-en-senior-m"):
        take = synthesize("It costs 25 dollars.", voice_id)
        labels = [w.label for w in take.words]
        assert labels == ["It", "costs", "25", "dollars"], (voice_id, labels)
        spoken = take.words[2]
        assert spoken.end - spoken.start > 0.3, (voice_id, spoken)  # "twenty five" takes time


@pytest.mark.parametrize(
    ("voice_id", "text"),
    [
        ("espeak-es-f", "¿Dónde está el niño? Tengo veinte años."),
        ("espeak-hi-m", "नमस्ते, आप कैसे हैं? मेरा नाम राम है।"),
    ],
)
def test_other_languages_speak_with_their_own_words(voice_id: str, text: str) -> None:
    take = synthesize(text, voice_id)
    assert_well_formed(take, text, 1.0, 8.0)


def test_festival_hindi_needs_festival_hi(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(festival_backend, "HINDI_SCM_DIRS", (tmp_path,))
    with pytest.raises(BackendUnavailable, match="festival-hi"):
        synthesize("नमस्ते, आप कैसे हैं?", "festival-hi-nsk")


def test_festival_hindi_speaks_when_installed_else_says_what_to_install() -> None:
    text = "नमस्ते, आप कैसे हैं? मेरा नाम राम है।"
    installed = any((d / "hindi_phones.scm").exists() for d in festival_backend.HINDI_SCM_DIRS)
    if installed:
        assert_well_formed(synthesize(text, "festival-hi-nsk"), text, 1.0, 10.0)
    else:
        with pytest.raises(BackendUnavailable, match="apt-get install festival-hi"):
            synthesize(text, "festival-hi-nsk")


def test_festival_hindi_refuses_latin_text_before_crashing_festival() -> None:
    with pytest.raises(ValueError, match="Devanagari"):
        synthesize("Hello there", "festival-hi-nsk")


@pytest.mark.parametrize("voice_id", ["piper-joe", "festival-slt", "flite-slt", "espeak-en-senior-m"])
@pytest.mark.parametrize("text", ["", "   \n\t", "🙂🎬👍🏽", "... !?", "\x00\x07\x1b"])
def test_unspeakable_text_is_refused_clearly(voice_id: str, text: str) -> None:
    with pytest.raises(ValueError, match="Nothing speakable"):
        synthesize(text, voice_id)


@pytest.mark.parametrize("voice_id", ["festival-slt", "flite-slt", "espeak-en-senior-m"])
def test_control_characters_quotes_and_emoji_are_not_spoken(voice_id: str) -> None:
    text = 'She said "stop\\" \x1b now 🙂; -v --help'
    take = synthesize(text, voice_id)
    labels = [w.label.lower() for w in take.words]
    assert labels[:4] == ["she", "said", "stop", "now"], labels


def test_flite_refuses_text_without_latin_letters() -> None:
    with pytest.raises(ValueError, match="Flite speaks English only"):
        synthesize("नमस्ते", "flite-slt")


def test_versions_name_the_engines() -> None:
    for engine in ("piper", "flite", "festival", "espeak-ng"):
        version = _backends().get(engine).version
        assert version and version[0].isdigit(), (engine, version)


def test_missing_programs_and_voices_name_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from models.voice import flite_backend, programs

    monkeypatch.setattr(programs.shutil, "which", lambda name: None)
    with pytest.raises(BackendUnavailable, match="apt-get install flite"):
        flite_backend.FliteBackend()
    with pytest.raises(BackendUnavailable, match="apt-get install festival"):
        festival_backend.FestivalBackend()
    monkeypatch.undo()
    monkeypatch.setattr(festival_backend, "VOICE_DIRS", (tmp_path,))
    with pytest.raises(BackendUnavailable, match="festvox"):
        synthesize("Hello there.", "festival-slt")
