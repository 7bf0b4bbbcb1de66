"""Signal processing on a take: pitch, tempo, formants, filters and level, with pedalboard.

Rubber Band (through `pedalboard.time_stretch`) changes tempo and pitch in one pass, with the
formants kept (an older or brighter version of the same speaker) or moved with the pitch (a
shorter vocal tract: a child). JUCE filters and gain shape timbre and level. Whenever the clock
of a take changes, its phoneme and word timings are moved with it, so lip-sync and subtitles
stay on the words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from models.voice.base import Take, Timed

# Bumped whenever processing changes what a voice or a delivery sounds like (cache keys use it).
DSP_VERSION = "1"


@dataclass(frozen=True)
class Shape:
    """One pass of processing. Neutral values leave the take untouched."""

    semitones: float = 0.0  # pitch shift
    tempo: float = 1.0  # speed: above 1 is faster (shorter), below 1 slower
    keep_formants: bool = True  # False: formants follow the pitch (a smaller or larger vocal tract)
    highpass_hz: float = 0.0  # thin the voice (whisper, old age); 0 = off
    lowpass_hz: float = 0.0  # darken or muffle; 0 = off
    gain_db: float = 0.0

    def is_neutral(self) -> bool:
        return self == Shape()


def _scaled(items: Sequence[Timed], factor: float, duration: float) -> list[Timed]:
    return [
        Timed(t.label, round(min(t.start * factor, duration), 6), round(min(t.end * factor, duration), 6))
        for t in items
    ]


def retime(take: Take, samples: np.ndarray) -> Take:
    """`samples` replace the take's audio; timings scale by the change in length (a uniform
    time stretch moves every event proportionally)."""
    samples = np.asarray(samples, dtype=np.float32).reshape(-1)
    factor = len(samples) / len(take.samples) if len(take.samples) else 1.0
    duration = len(samples) / take.sample_rate
    return Take(
        samples, take.sample_rate, _scaled(take.phonemes, factor, duration), _scaled(take.words, factor, duration)
    )


def _limit(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """Keep peaks under -1 dBFS after gain or pitch changes (a limiter, not hard clipping)."""
    import pedalboard

    peak = float(np.max(np.abs(samples))) if samples.size else 0.0
    if peak <= 0.89:
        return samples
    limited = pedalboard.Limiter(threshold_db=-2.0, release_ms=60.0)(samples.astype(np.float32), sample_rate)
    return np.clip(limited, -0.95, 0.95).astype(np.float32)


def apply(take: Take, shape: Shape, contour: np.ndarray | float | None = None) -> Take:
    """Process `take` with `shape`; `contour` (semitones per input sample) adds a melody on top
    of `shape.semitones` (used for chant)."""
    import pedalboard

    if shape.is_neutral() and contour is None:
        return take
    audio = take.samples.astype(np.float32)
    rate = take.sample_rate
    if shape.semitones or shape.tempo != 1.0 or contour is not None:
        pitch: float | np.ndarray = float(shape.semitones)
        if contour is not None:
            pitch = (np.asarray(contour, dtype=np.float64) + shape.semitones) * np.ones(len(audio))
        stretched = pedalboard.time_stretch(
            audio[None, :],
            float(rate),
            stretch_factor=float(shape.tempo),
            pitch_shift_in_semitones=pitch,
            high_quality=True,
            transient_mode="mixed",  # speech: keep consonants crisp without smearing vowels
            preserve_formants=shape.keep_formants,
        )
        audio = stretched[0]
    board: list[pedalboard.Plugin] = []
    if shape.highpass_hz:
        board.append(pedalboard.HighpassFilter(cutoff_frequency_hz=shape.highpass_hz))
    if shape.lowpass_hz:
        board.append(pedalboard.LowpassFilter(cutoff_frequency_hz=shape.lowpass_hz))
    if shape.gain_db:
        board.append(pedalboard.Gain(gain_db=shape.gain_db))
    if board:
        audio = pedalboard.Pedalboard(board)(audio, rate)
    return retime(take, _limit(audio, rate))


def word_contour(take: Take, steps: Sequence[float], glide_s: float = 0.06) -> np.ndarray:
    """A melody over the take: word i is sung `steps[i % len(steps)]` semitones off the voice's
    pitch, with short glides between words (per input sample, for `apply`)."""
    count = len(take.samples)
    curve = np.zeros(count, dtype=np.float64)
    if not take.words or not steps:
        return curve
    rate = take.sample_rate
    edges = [0] + [int(round((a.end + b.start) / 2 * rate)) for a, b in zip(take.words, take.words[1:])] + [count]
    for i, (start, end) in enumerate(zip(edges, edges[1:])):
        curve[max(start, 0) : max(end, 0)] = steps[i % len(steps)]
    glide = max(1, int(glide_s * rate))
    kernel = np.ones(glide) / glide
    return np.convolve(curve, kernel, mode="same")


def rms(samples: np.ndarray) -> float:
    """Root-mean-square level of the voiced part (frames above 5 % of the loudest frame)."""
    hop = 256
    frames = len(samples) // hop
    if frames == 0:
        return 0.0
    levels = np.sqrt(np.mean(np.asarray(samples[: frames * hop], dtype=np.float64).reshape(frames, hop) ** 2, axis=1))
    loud = levels[levels > 0.05 * levels.max()] if levels.max() > 0 else levels
    return float(np.sqrt(np.mean(loud**2)))


def trim(take: Take, margin_s: float = 0.06, floor: float = 0.02) -> Take:
    """Cut leading and trailing silence (frames under `floor` x the loudest frame), keeping
    `margin_s`, so that the pauses between lines are the pacing's, not the engine's padding."""
    rate = take.sample_rate
    hop = max(1, int(0.01 * rate))
    frames = len(take.samples) // hop
    if frames < 3:
        return take
    levels = np.sqrt(
        np.mean(np.asarray(take.samples[: frames * hop], dtype=np.float64).reshape(frames, hop) ** 2, axis=1)
    )
    loud = np.flatnonzero(levels > floor * levels.max()) if levels.max() > 0 else np.array([], dtype=int)
    if loud.size == 0:
        return take
    first = max(0, loud[0] * hop - int(margin_s * rate))
    last = min(len(take.samples), (loud[-1] + 1) * hop + int(margin_s * rate))
    if first == 0 and last == len(take.samples):
        return take
    shift, duration = first / rate, (last - first) / rate

    def moved(items: Sequence[Timed]) -> list[Timed]:
        return [
            Timed(
                t.label,
                round(min(max(t.start - shift, 0.0), duration), 6),
                round(min(max(t.end - shift, 0.0), duration), 6),
            )
            for t in items
        ]

    return Take(take.samples[first:last].copy(), rate, moved(take.phonemes), moved(take.words))
