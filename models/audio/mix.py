"""The film's soundtrack: dialogue over a ducked music bed, normalised to a loudness target.

Levels are set on one scale first: dialogue at `target_lufs`, the un-ducked music bed at
`music_level_db` LUFS. Music is ducked under speech, the sum is normalised to `target_lufs`, and a
true-peak limiter keeps peaks under `max_true_peak` (a pass or two of make-up gain and limiting).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
from scipy.signal import butter, sosfilt

from models.audio.dynamics import ducking_gain, limiter_gain
from models.audio.loudness import SILENCE, Loudness, db_to_gain, integrated_lufs, oversampled_peaks

DIALOGUE_HIGHPASS_HZ = 80.0  # below the lowest voice fundamentals: rumble, handling, mains hum
PEAK_MARGIN_DB = 0.3  # the limiter aims a little under the ceiling: its gain is smoothed
LOUDNESS_TOLERANCE_LU = 0.2
MAX_PASSES = 4


@dataclass
class MixResult:
    samples: np.ndarray  # (n, 2) float32
    loudness: Loudness  # of `samples`; -inf for silence
    music_gain: np.ndarray  # (n,) float32 ducking gain applied to the music bed (1.0 in gaps)


def _frames(audio: np.ndarray, name: str) -> np.ndarray:
    array = np.asarray(audio, dtype=np.float32)
    if array.ndim == 2 and array.shape[0] in (1, 2) and array.shape[1] > 2:
        array = array.T  # (channels, n) -> (n, channels)
    if array.ndim == 1:
        array = array[:, None]
    if array.ndim != 2 or array.shape[1] not in (1, 2):
        raise ValueError(f"{name} must be mono (n,) or stereo (n, 2) audio, not shape {np.shape(audio)}.")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinite samples.")
    return array


def _pad(array: np.ndarray, n: int) -> np.ndarray:
    return np.pad(array, ((0, n - len(array)), (0, 0))) if len(array) < n else array


def highpass(samples: np.ndarray, sample_rate: int, cutoff_hz: float = DIALOGUE_HIGHPASS_HZ) -> np.ndarray:
    """Second-order Butterworth high-pass along the first axis."""
    if len(samples) == 0 or cutoff_hz >= sample_rate / 2:
        return samples
    sos = butter(2, cutoff_hz, btype="highpass", fs=sample_rate, output="sos")
    return sosfilt(sos, samples, axis=0).astype(np.float32)


def normalise_and_limit(
    samples: np.ndarray, sample_rate: int, target_lufs: float, max_true_peak: float
) -> tuple[np.ndarray, Loudness]:
    """`samples` brought to `target_lufs` with the true peak at or under `max_true_peak` dBTP, and its loudness."""
    out = np.array(samples, dtype=np.float32)
    level = integrated_lufs(out, sample_rate)
    if level == SILENCE:
        return np.zeros_like(out), Loudness(SILENCE, SILENCE)
    out *= db_to_gain(target_lufs - level)
    ceiling = max_true_peak - PEAK_MARGIN_DB
    peaks: np.ndarray | None = None
    for _ in range(MAX_PASSES):
        peaks = oversampled_peaks(out)
        if peaks.max() > db_to_gain(ceiling):
            out *= limiter_gain(out, sample_rate, ceiling, peaks=peaks)[:, None]
            peaks = None
        level = integrated_lufs(out, sample_rate)
        if abs(level - target_lufs) <= LOUDNESS_TOLERANCE_LU:
            break
        out *= db_to_gain(target_lufs - level)  # make-up gain; the next pass limits what it raises
        peaks = None
    peak = float((oversampled_peaks(out) if peaks is None else peaks).max())
    if peak > db_to_gain(max_true_peak):  # the peak ceiling wins over loudness on extreme material
        trim = db_to_gain(max_true_peak) / peak * 0.999
        out *= trim
        peak *= trim
        level += 20 * np.log10(trim)
    return out, Loudness(level, 20 * float(np.log10(peak)) if peak > 0 else SILENCE)


def mix(
    dialogue: np.ndarray,
    music: np.ndarray,
    sample_rate: int,
    target_lufs: float = -14.0,
    max_true_peak: float = -1.0,
    music_level_db: float = -18.0,
    duck_db: float = -12.0,
) -> MixResult:
    """Mix mono dialogue (centred) over stereo music, both at `sample_rate`.

    The shorter input is padded with silence; stereo dialogue is folded to mono, mono music spread
    to both sides. `music_level_db` is the bed's loudness on the scale where dialogue sits at
    `target_lufs` (so -18 puts the bed 4 LU under the voice in the gaps, 16 LU under it while
    someone speaks with the default `duck_db`). All-silent input gives silence with -inf loudness.
    """
    if sample_rate <= 0:
        raise ValueError(f"sample_rate must be positive, not {sample_rate}.")
    voice = _frames(dialogue, "dialogue").mean(axis=1)
    bed = _frames(music, "music")
    bed = np.repeat(bed, 2, axis=1) if bed.shape[1] == 1 else bed
    n = max(len(voice), len(bed))
    voice = highpass(_pad(voice[:, None], n)[:, 0], sample_rate)
    bed = _pad(bed, n).copy()

    voice_level = integrated_lufs(voice, sample_rate)
    if voice_level != SILENCE:
        # Equal in both channels (a phantom centre), which reads 3.01 LU louder than the mono track.
        voice *= db_to_gain(target_lufs - voice_level - 10 * np.log10(2))
    centre = np.repeat(voice[:, None], 2, axis=1)
    bed_level = integrated_lufs(bed, sample_rate)
    if bed_level != SILENCE:
        bed *= db_to_gain(music_level_db - bed_level)
    duck = ducking_gain(voice, sample_rate, duck_db) if voice_level != SILENCE else np.ones(n, np.float32)
    samples, loudness = normalise_and_limit(centre + bed * duck[:, None], sample_rate, target_lufs, max_true_peak)
    return MixResult(samples, loudness, duck)


def write_wav(path: str | os.PathLike[str], samples: np.ndarray, sample_rate: int, subtype: str = "PCM_24") -> None:
    """Write audio as WAV (24-bit by default; the limiter keeps it clear of clipping)."""
    import soundfile

    soundfile.write(os.fspath(path), np.asarray(samples, dtype=np.float32), sample_rate, subtype=subtype)
