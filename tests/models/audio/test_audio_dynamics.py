"""Gain curves: the vectorised envelope follower, ducking under speech, the true-peak limiter."""

from __future__ import annotations

import math

import numpy as np
import pytest

from models.audio.dynamics import ducking_gain, limiter_gain, release_follower
from models.audio.loudness import true_peak_dbtp

RATE = 16000


def test_release_follower_matches_the_recursive_definition() -> None:
    x = np.abs(np.random.default_rng(0).standard_normal(500)) * (np.arange(500) % 97 < 20)
    release = 25.0
    expected, y = [], 0.0
    for value in x:  # the textbook per-sample loop, as a reference
        y = max(value, math.exp(-1 / release) * y)
        expected.append(y)
    np.testing.assert_allclose(release_follower(x, release), expected, rtol=1e-9, atol=1e-12)


def _bursts() -> np.ndarray:
    """1 s silence, 1 s of noise 'speech', 2 s silence, 1 s speech, 1 s silence."""
    noise = np.random.default_rng(1).standard_normal(6 * RATE).astype(np.float32) * 0.1
    active = np.zeros(6 * RATE, dtype=bool)
    active[RATE : 2 * RATE] = active[4 * RATE : 5 * RATE] = True
    return noise * active


def test_ducking_gain_falls_under_speech_and_recovers_in_gaps() -> None:
    gain_db = 20 * np.log10(ducking_gain(_bursts(), RATE, duck_db=-12.0))
    assert gain_db.shape == (6 * RATE,)
    assert np.all(gain_db[int(1.1 * RATE) : int(1.9 * RATE)] == pytest.approx(-12.0, abs=0.5))
    assert gain_db[int(3.5 * RATE)] > -0.5  # recovered well before the next line
    assert gain_db[int(0.5 * RATE)] > -0.1
    assert gain_db[RATE] < -3.0  # look-ahead: already ducking as the first word starts
    assert -12.0 < gain_db[int(2.2 * RATE)] < -1.0  # a ~300 ms release, not a jump


def test_ducking_gain_without_speech_is_unity() -> None:
    np.testing.assert_array_equal(ducking_gain(np.zeros(RATE, np.float32), RATE, -12.0), np.ones(RATE))


def test_limiter_keeps_true_peak_under_the_ceiling() -> None:
    rng = np.random.default_rng(2)
    x = (rng.standard_normal((3 * RATE, 2)) * 0.1).astype(np.float32)
    x[::4000] *= 12.0  # sharp peaks well above the ceiling
    gain = limiter_gain(x, RATE, ceiling_db=-1.0)
    limited = x * gain[:, None]
    assert true_peak_dbtp(x) > 0.0
    assert true_peak_dbtp(limited) <= -1.0 + 0.05
    assert np.median(gain) > 0.95  # only the peaks are touched
    assert np.max(np.abs(np.diff(gain))) < 0.2  # smoothed, no step changes
