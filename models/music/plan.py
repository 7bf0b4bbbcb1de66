"""A cue's plan: its style, tonic, length in beats and chord spans, and the Note every part produces."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.music.scales import scale_pitch
from models.music.styles import Style

EPS = 1e-9


@dataclass
class Note:
    role: str  # pad|arp|lead|bass|tanpura|perc: the composer gives each role its own channel
    start: float  # beats from the cue start
    end: float
    pitch: float  # MIDI key; a fractional part is a quarter tone (drum key for perc)
    velocity: float  # 0..1


@dataclass(frozen=True)
class Span:
    start: float
    end: float
    root: int  # chord root as a scale degree


@dataclass
class Plan:
    style: Style
    tonic: int  # MIDI key of the tonic / Sa, around C3-G3
    total: float  # cue length in beats
    beat_sec: float
    spans: list[Span]
    rng: np.random.Generator

    @property
    def cadence(self) -> float:
        """Where the closing gesture starts: the final tonic chord, or the second half of a tiny cue."""
        return self.spans[-1].start if len(self.spans) > 1 else self.total / 2

    def span_at(self, t: float) -> Span:
        return next((s for s in self.spans if s.start <= t + EPS < s.end), self.spans[-1])

    def chord(self, span: Span) -> list[float]:
        """Root, third, fifth of the chord on `span` as semitones above the tonic."""
        steps = self.style.steps
        tones = [scale_pitch(steps, 0, span.root + 2 * j) for j in range(3)]
        if self.style.leading_tone and len(steps) == 7 and span.root == 4:
            tones[1] += 1  # harmonic-minor V: the leading tone pulls to the tonic
        return tones

    def voice(self, tones: list[float], center: float) -> list[float]:
        """Close voicing of `tones` around `center`, so successive chords move by small steps."""
        pitches = [self.tonic + t + 12 * round((center - self.tonic - t) / 12) for t in tones]
        return sorted(pitches)

    def pitch(self, degree: int, base: int) -> float:
        return scale_pitch(self.style.steps, base, degree)


def make_spans(style: Style, total: float, rng: np.random.Generator) -> list[Span]:
    """Evenly spaced chord spans that end on the tonic, approached from `style.approach`."""
    k = max(1, round(total / style.beats_per_chord))
    progression = style.progressions[int(rng.integers(len(style.progressions)))]
    roots = [progression[i % len(progression)] for i in range(k)]
    roots[-1] = 0
    if k >= 2 and style.approach is not None:
        roots[-2] = style.approach
    width = total / k
    return [Span(i * width, total if i == k - 1 else (i + 1) * width, r) for i, r in enumerate(roots)]


def merge_held(notes: list[Note]) -> list[Note]:
    """Join a note with the same pitch that starts where it ends: common tones stay held."""
    merged: list[Note] = []
    open_by_pitch: dict[float, Note] = {}
    for note in sorted(notes, key=lambda n: n.start):
        held = open_by_pitch.get(note.pitch)
        if held is not None and abs(held.end - note.start) < EPS:
            held.end = note.end
            continue
        merged.append(note)
        open_by_pitch[note.pitch] = note
    return merged
