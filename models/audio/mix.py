"""The film's soundtrack: cleaned dialogue over a ducked music bed, normalised to a loudness target.

Levels are set on one scale first: dialogue at `target_lufs`, the un-ducked music bed at
`music_level_db` LUFS. Dialogue is high-passed and gently compressed (pedalboard), music is ducked
under speech, optional stems that are never ducked (a tanpura drone under chants, room tone in
podcast mode) are added, the sum is normalised to `target_lufs`, and a true-peak limiter keeps peaks
under `max_true_peak`. Arrays are float32 and modified in place where possible: a 5-minute film
mixes in a few hundred MB.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from models.audio.cleanup import clean_dialogue
from models.audio.dynamics import ducking_gain, limiter_gain
from models.audio.loudness import SILENCE, Loudness, db_to_gain, integrated_lufs, oversampled_peaks

PEAK_MARGIN_DB = 0.3  # the limiter aims a little under the ceiling: its gain is smoothed
LOUDNESS_TOLERANCE_LU = 0.2
MAX_PASSES = 4
CLEANUP_LEVEL_LUFS = -20.0  # dialogue is brought here before the compressor, so its threshold is stable


@dataclass
class MixResult:
    samples: np.ndarray  # (n, 2) float32
    loudness: Loudness  # of `samples`; -inf for silence
    music_gain: np.ndarray  # (n,) float32 ducking gain applied to the music bed (1.0 in gaps)
    dialogue: np.ndarray | None = None  # (n,) float32 cleaned dialogue stem (3 LU under the target), None if silent


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


def normalise_and_limit(
    samples: np.ndarray, sample_rate: int, target_lufs: float, max_true_peak: float, in_place: bool = False
) -> tuple[np.ndarray, Loudness]:
    """`samples` brought to `target_lufs` with the true peak at or under `max_true_peak` dBTP, and its loudness.

    With `in_place` (and float32 input) the caller's buffer is reused instead of copied.
    """
    out = samples if in_place and samples.dtype == np.float32 else np.array(samples, dtype=np.float32)
    level = integrated_lufs(out, sample_rate)
    if level == SILENCE:
        return np.zeros_like(out), Loudness(SILENCE, SILENCE)
    out *= np.float32(db_to_gain(target_lufs - level))
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
        out *= np.float32(db_to_gain(target_lufs - level))  # make-up gain; the next pass limits what it raises
        peaks = None
    peak = float((oversampled_peaks(out) if peaks is None else peaks).max())
    if peak > db_to_gain(max_true_peak):  # the peak ceiling wins over loudness on extreme material
        trim = db_to_gain(max_true_peak) / peak * 0.999
        out *= np.float32(trim)
        peak *= trim
        level += 20 * np.log10(trim)
    return out, Loudness(level, 20 * float(np.log10(peak)) if peak > 0 else SILENCE)


def _stereo(audio: np.ndarray, n: int, name: str) -> np.ndarray:
    frames = _frames(audio, name)
    frames = np.repeat(frames, 2, axis=1) if frames.shape[1] == 1 else frames
    return _pad(frames, n)[:n]


def _set_level(audio: np.ndarray, sample_rate: int, lufs: float) -> bool:
    """Scale `audio` in place to `lufs`; False (untouched) for silence."""
    level = integrated_lufs(audio, sample_rate)
    if level == SILENCE:
        return False
    audio *= np.float32(db_to_gain(lufs - level))
    return True


def mix(
    dialogue: np.ndarray,
    music: np.ndarray,
    sample_rate: int,
    target_lufs: float = -14.0,
    max_true_peak: float = -1.0,
    music_level_db: float = -18.0,
    duck_db: float = -12.0,
    beds: list[tuple[np.ndarray, float]] | None = None,
) -> MixResult:
    """Mix mono dialogue (centred) over stereo music, both at `sample_rate`.

    The shorter input is padded with silence; stereo dialogue is folded to mono, mono music spread
    to both sides. `music_level_db` is the bed's loudness on the scale where dialogue sits at
    `target_lufs` (so -18 puts the bed 4 LU under the voice in the gaps, 16 LU under it while
    someone speaks with the default `duck_db`). `beds` are extra stems that are not ducked, each
    with its level in LU relative to the dialogue (a drone under a chant, room tone). All-silent
    input gives silence with -inf loudness.
    """
    if sample_rate <= 0:
        raise ValueError(f"sample_rate must be positive, not {sample_rate}.")
    voice_in = _frames(dialogue, "dialogue")
    bed_in = _frames(music, "music")
    n = max(len(voice_in), len(bed_in))
    voice = np.zeros(n, dtype=np.float32)
    voice[: len(voice_in)] = voice_in[:, 0] if voice_in.shape[1] == 1 else voice_in.mean(axis=1)
    del voice_in
    bed = _stereo(bed_in, n, "music")
    del bed_in
    bed = bed.copy() if np.shares_memory(bed, music) else bed

    speaking = _set_level(voice, sample_rate, CLEANUP_LEVEL_LUFS)
    if speaking:
        voice = clean_dialogue(voice, sample_rate)
        # Equal in both channels (a phantom centre), which reads 3.01 LU louder than the mono track.
        _set_level(voice, sample_rate, target_lufs - 10 * np.log10(2))
    if _set_level(bed, sample_rate, music_level_db):
        duck = ducking_gain(voice, sample_rate, duck_db) if speaking else np.ones(n, np.float32)
        bed *= duck[:, None]
    else:
        duck = np.ones(n, np.float32)
    bed += voice[:, None]  # the sum is built in the bed's buffer: no third film-length stereo array
    for index, (extra, relative_lu) in enumerate(beds or []):
        stem = _stereo(extra, n, f"bed {index + 1}")
        stem = stem.copy() if np.shares_memory(stem, extra) else stem
        if _set_level(stem, sample_rate, target_lufs + relative_lu):
            bed += stem
        del stem
    samples, loudness = normalise_and_limit(bed, sample_rate, target_lufs, max_true_peak, in_place=True)
    return MixResult(samples, loudness, duck, voice if speaking else None)


def write_wav(path: str | os.PathLike[str], samples: np.ndarray, sample_rate: int, subtype: str = "PCM_24") -> None:
    """Write audio as WAV (24-bit by default; the limiter keeps it clear of clipping)."""
    import soundfile

    soundfile.write(os.fspath(path), np.asarray(samples, dtype=np.float32), sample_rate, subtype=subtype)
