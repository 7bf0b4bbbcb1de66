"""BS.1770 loudness and 4x-oversampled true peak on signals with known answers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from models.audio.loudness import Loudness, integrated_lufs, measure, oversampled_peaks, true_peak_dbtp

RATE = 48000


def _sine(freq: float, seconds: float, amplitude: float = 1.0, phase: float = 0.0) -> np.ndarray:
    t = np.arange(round(seconds * RATE)) / RATE
    return (amplitude * np.sin(2 * np.pi * freq * t + phase)).astype(np.float32)


def test_full_scale_997_hz_sine_in_one_channel_reads_minus_3_lufs() -> None:
    assert integrated_lufs(_sine(997, 3.0), RATE) == pytest.approx(-3.01, abs=0.1)  # BS.1770 calibration


def test_loudness_follows_gain_and_channel_count() -> None:
    mono = _sine(1000, 2.0, 0.1)
    stereo = np.stack([mono, mono], axis=1)
    assert integrated_lufs(stereo, RATE) - integrated_lufs(mono, RATE) == pytest.approx(3.01, abs=0.05)
    assert integrated_lufs(mono * 0.5, RATE) - integrated_lufs(mono, RATE) == pytest.approx(-6.02, abs=0.05)


def test_true_peak_finds_the_peak_between_samples() -> None:
    # A quarter-rate sine 45 degrees off the sample grid: every sample is at 0.707, the wave reaches 1.0.
    x = _sine(RATE / 4, 0.5, 1.0, math.pi / 4)
    sample_peak_db = 20 * math.log10(float(np.max(np.abs(x))))
    assert sample_peak_db == pytest.approx(-3.01, abs=0.01)
    assert true_peak_dbtp(x) == pytest.approx(0.0, abs=0.2)


def test_oversampled_peaks_cover_long_signals_in_blocks() -> None:
    x = np.zeros((600_000, 2), dtype=np.float32)  # longer than one oversampling block
    x[300_000, 1] = 0.5
    x[599_999, 0] = -0.25
    peaks = oversampled_peaks(x)
    assert peaks.shape == (600_000,)
    assert peaks[300_000] >= 0.5 and peaks[599_999] >= 0.25
    assert peaks[:299_900].max() == 0.0


def test_silence_and_tiny_inputs() -> None:
    assert measure(np.zeros((RATE, 2), np.float32), RATE) == Loudness(-math.inf, -math.inf)
    assert measure(np.zeros((0, 2), np.float32), RATE) == Loudness(-math.inf, -math.inf)
    short = measure(_sine(1000, 0.1, 0.5), RATE)  # shorter than a 400 ms gating block
    assert math.isfinite(short.integrated_lufs) and short.true_peak_dbtp == pytest.approx(-6.02, abs=0.1)
