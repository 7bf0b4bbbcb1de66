"""Mouths through connected speech: a short gap between two phonemes (Kokoro times its word spaces
and stress marks as symbols of their own) holds the nearer shape while the voice goes on; the mouth
rests in a real pause and before and after the line's phonemes."""

from __future__ import annotations

import numpy as np

from models.lipsync.timeline import MAX_GAP, frame_rms, mouth_track
from models.voice.base import Timed
from models.voice.catalogue import get_voice
from models.voice.kokoro_backend import KokoroBackend

FPS, RATE = 24, 16_000


def _tone(seconds: float, silent: list[tuple[float, float]] = ()) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    samples = (0.3 * np.sin(2 * np.pi * 180 * t)).astype(np.float32)
    for a, b in silent:
        samples[int(a * RATE) : int(b * RATE)] = 0.0
    return samples


def _open(track_openness: np.ndarray, a: float, b: float) -> np.ndarray:
    return track_openness[int(np.ceil(a * FPS)) : int(b * FPS)]


def test_a_short_gap_in_voiced_speech_keeps_the_mouth_open() -> None:
    # "a" and "o" with 0.1 s between them and sound all through: no snap shut between the words.
    phonemes = [Timed("a", 0.1, 0.5), Timed("o", 0.6, 1.0)]
    track = mouth_track([(0.0, phonemes, _tone(1.1), RATE)], 30, FPS)
    assert (_open(track.openness, 0.5, 0.6) > 0).all(), track.openness


def test_a_pause_or_a_long_gap_shuts_it() -> None:
    # Silence in the audio shuts the mouth whatever the gap; a gap longer than MAX_GAP is no connected speech.
    phonemes = [Timed("a", 0.1, 0.5), Timed("o", 0.6, 1.0)]
    quiet = mouth_track([(0.0, phonemes, _tone(1.1, [(0.5, 0.6)]), RATE)], 30, FPS)
    assert (_open(quiet.openness, 0.52, 0.58) == 0).all(), quiet.openness
    apart = [Timed("a", 0.1, 0.5), Timed("o", 0.5 + MAX_GAP + 0.2, 1.2)]
    long_gap = mouth_track([(0.0, apart, _tone(1.3), RATE)], 32, FPS)
    assert (_open(long_gap.openness, 0.55, 0.5 + MAX_GAP + 0.15) == 0).all(), long_gap.openness
    assert (_open(long_gap.openness, 0.0, 0.08) == 0).all()  # before the first phoneme


def test_a_kokoro_line_no_longer_shuts_between_its_words() -> None:
    """A real Kokoro take: among the frames inside its phonemes' span where the voice is loud,
    the mouth shows a shape (not rest) except on the lips-together m, b and p."""
    take = KokoroBackend().synthesize("Will you sign my card? She says you are older than the hill.",
                                      get_voice("kokoro-en-boy"))  # fmt: skip
    n = int(np.ceil(take.duration * FPS)) + 1
    track = mouth_track([(0.0, take.phonemes, take.samples, take.sample_rate)], n, FPS)
    rms = frame_rms(take.samples, take.sample_rate, 0.0, n, FPS)
    loud = rms >= 0.3 * np.percentile(rms[rms > 0], 90)
    first, last = int(take.phonemes[0].start * FPS) + 1, int(take.phonemes[-1].end * FPS) - 1
    inside = np.zeros(n, dtype=bool)
    inside[first:last] = True
    gaps = [p for p, q in zip(take.phonemes, take.phonemes[1:]) if 0 < q.start - p.end <= 0.15]
    assert gaps, "this take has no short gaps between phonemes to bridge"
    shut = [i for i in np.flatnonzero(loud & inside) if track.visemes[i] == "rest"]
    assert len(shut) <= 0.03 * int((loud & inside).sum()), (len(shut), int((loud & inside).sum()))
