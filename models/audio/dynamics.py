"""Gain curves for the mix, computed with array operations: ducking under speech and a true-peak limiter."""

from __future__ import annotations

import math

import numpy as np
from scipy.ndimage import maximum_filter1d, minimum_filter1d, uniform_filter1d
from scipy.signal import lfilter

from models.audio.loudness import oversampled_peaks

CONTROL_HOP_SEC = 0.005  # the ducking gain is computed at 200 Hz and interpolated to the sample rate
SPEECH_RANGE_DB = 30.0  # frames this far below the speech's loud frames still count as speech
KNEE_DB = 10.0  # activity rises from 0 to 1 over this range above the speech threshold
HOLD_SEC = 0.12  # hold the duck through the gaps between words
_LIMITER_BLOCK = 1 << 18  # samples per block of the limiter's gain filters


def release_follower(x: np.ndarray, release_samples: float) -> np.ndarray:
    """y[n] = max(x[n], a * y[n-1]) with a = exp(-1/release): instant attack, exponential release.

    The recursion unrolls to y[n] = max_k x[k] a^(n-k), a running maximum in the log domain.
    """
    if len(x) == 0:
        return np.zeros(0)
    log_a = -1.0 / max(release_samples, 1e-9)
    n = np.arange(len(x), dtype=np.float64)
    logs = np.log(np.maximum(np.asarray(x, dtype=np.float64), 1e-12))
    return np.exp(np.maximum.accumulate(logs - n * log_a) + n * log_a)


def smooth(x: np.ndarray, time_samples: float) -> np.ndarray:
    """One-pole low-pass with the given time constant (the follower's attack)."""
    if len(x) == 0:
        return x
    a = math.exp(-1.0 / max(time_samples, 1e-9))
    smoothed, _ = lfilter([1 - a], [1, -a], x, zi=[a * x[0]])  # start settled on the first value
    return smoothed


def speech_activity(speech: np.ndarray, sample_rate: int) -> tuple[np.ndarray, int]:
    """Per control frame, how surely someone is speaking (0..1), and the frame hop in samples."""
    hop = max(1, round(CONTROL_HOP_SEC * sample_rate))
    frames = len(speech) // hop + (len(speech) % hop > 0)
    padded = np.zeros(frames * hop, dtype=np.float32)
    padded[: len(speech)] = speech
    rms_db = 10 * np.log10(np.mean(padded.reshape(frames, hop) ** 2, axis=1) + 1e-12)
    voiced = rms_db[rms_db > -70]
    if voiced.size == 0:
        return np.zeros(frames), hop
    threshold = max(float(np.percentile(voiced, 95)) - SPEECH_RANGE_DB, -80.0)
    return np.clip((rms_db - threshold) / KNEE_DB, 0.0, 1.0), hop


def ducking_gain(
    speech: np.ndarray, sample_rate: int, duck_db: float, attack_sec: float = 0.05, release_sec: float = 0.3
) -> np.ndarray:
    """Per-sample linear gain for the music: `duck_db` under speech, 1.0 in the gaps.

    The gain starts falling `attack_sec` before a word (look-ahead), so onsets are not masked.
    """
    activity, hop = speech_activity(speech, sample_rate)
    if not np.any(activity):
        return np.ones(len(speech), dtype=np.float32)
    hold = max(1, round(HOLD_SEC * sample_rate / hop))
    held = maximum_filter1d(activity, size=hold + 1, origin=hold // 2)  # max over [k - hold, k]
    released = release_follower(held, release_sec * sample_rate / hop)
    envelope = smooth(released, attack_sec / 2.2 * sample_rate / hop)  # attack_sec = 10-90 % rise, 2.2 tau
    lookahead = max(1, round(attack_sec * sample_rate / hop))
    envelope = np.concatenate([envelope[lookahead:], np.full(lookahead, envelope[-1])])
    frame_gain = 10 ** (duck_db * np.clip(envelope, 0.0, 1.0) / 20)
    centres = (np.arange(len(frame_gain)) + 0.5) * hop
    return interpolate(centres, frame_gain, len(speech))


def interpolate(xs: np.ndarray, ys: np.ndarray, n: int, block: int = 1 << 18) -> np.ndarray:
    """np.interp of (xs, ys) at samples 0..n-1 as float32, in blocks: no film-length float64 arrays."""
    out = np.empty(n, dtype=np.float32)
    for start in range(0, n, block):
        stop = min(n, start + block)
        out[start:stop] = np.interp(np.arange(start, stop, dtype=np.float64), xs, ys)
    return out


def limiter_gain(
    samples: np.ndarray,
    sample_rate: int,
    ceiling_db: float,
    lookahead_sec: float = 0.005,
    hold_sec: float = 0.03,
    peaks: np.ndarray | None = None,
) -> np.ndarray:
    """Per-sample gain (<= 1) that keeps the 4x-oversampled peak of `samples` under `ceiling_db`.

    The needed gain is spread by a minimum filter over +-lookahead (plus a hold after each peak),
    then averaged over the same +-lookahead: every averaged value only mixes gains that are at
    most the one needed at that sample, so the ceiling holds while the gain moves smoothly.
    `peaks` may pass in `oversampled_peaks(samples)` when the caller already has it.
    """
    peaks = np.asarray(oversampled_peaks(samples) if peaks is None else peaks, dtype=np.float32)
    ceiling = np.float32(10 ** (ceiling_db / 20))
    # float32 throughout: a film-length gain curve in float64 costs 115 MB per copy for 5 minutes.
    needed = np.maximum(peaks, np.float32(1e-12))
    np.divide(ceiling, needed, out=needed)
    np.minimum(needed, np.float32(1.0), out=needed)
    if needed.min() >= 1.0:
        return np.ones(len(peaks), dtype=np.float32)
    a = max(1, round(lookahead_sec * sample_rate))
    hold = max(1, round(hold_sec * sample_rate))
    # scipy.ndimage filters a whole line through a float64 buffer, so a film-length line costs
    # hundreds of MB; blocks with a guard wider than the three filters' reach give the same result.
    guard = 2 * a + hold + 2
    gain = np.empty(len(needed), dtype=np.float32)
    for start in range(0, len(needed), _LIMITER_BLOCK):
        stop = min(len(needed), start + _LIMITER_BLOCK)
        lo, hi = max(0, start - guard), min(len(needed), stop + guard)
        spread = minimum_filter1d(needed[lo:hi], size=2 * a + 1, mode="nearest")
        spread = minimum_filter1d(spread, size=hold + 1, origin=hold // 2, mode="nearest")
        gain[start:stop] = uniform_filter1d(spread, size=2 * a + 1, mode="nearest")[start - lo : stop - lo]
    return np.minimum(gain, np.float32(1.0), out=gain)
