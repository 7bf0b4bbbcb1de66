"""Whisper tiny.en on known audio: resampling, silence, and a synthesized line."""

from __future__ import annotations

import numpy as np

from models.asr.wer import word_error_rate
from models.asr.whisper import WHISPER_RATE, to_whisper_rate, transcribe
from models.voice.speak import synthesize


def test_resampling_handles_rates_channels_and_integers() -> None:
    rate = 44_100
    t = np.arange(rate) / rate
    tone = (0.5 * np.sin(2 * np.pi * 440 * t) * 32767).astype(np.int16)
    stereo = np.stack([tone, tone], axis=1)  # (samples, channels)
    audio = to_whisper_rate(stereo, rate)
    assert audio.dtype == np.float32 and audio.ndim == 1
    assert abs(len(audio) - WHISPER_RATE) <= 1
    assert 0.45 < np.abs(audio).max() < 0.55
    spectrum = np.abs(np.fft.rfft(audio))
    assert abs(np.argmax(spectrum) * WHISPER_RATE / len(audio) - 440) < 2  # pitch survives


def test_silence_and_empty_audio_give_an_empty_transcript() -> None:
    assert transcribe(np.zeros(0, np.float32), 16_000).text == ""
    silent = transcribe(np.zeros(2 * 22_050, np.float32), 22_050)
    assert silent.text == "" and silent.words == []


def test_transcribes_a_32_khz_line_with_timed_words() -> None:
    text = "Please bring me the red book from the kitchen table."
    take = synthesize(text, "festival-slt")  # 32 kHz: exercises resampling
    heard = transcribe(take.samples, take.sample_rate)
    assert word_error_rate(text, heard.text) <= 0.25, heard.text
    starts = [w.start for w in heard.words]
    assert starts == sorted(starts) and len(heard.words) >= 8
    assert all(0.0 <= w.start <= w.end <= take.duration + 0.1 for w in heard.words)
