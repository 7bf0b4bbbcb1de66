"""Rhythm parts of a cue: the bass (held, pulsing or taiko), the tanpura cycle and hand percussion."""

from __future__ import annotations

import math

from models.music.plan import EPS, Note, Plan, Span, merge_held
from models.music.scales import PATTERNS


def bass_notes(plan: Plan) -> list[Note]:
    style = plan.style
    if style.bass is None:
        return []
    low = plan.tonic - 12

    def root(span: Span) -> float:
        return low if style.harmony == "drone" else low + plan.chord(span)[0] % 12

    cadence, dyn = plan.cadence, style.dynamics
    notes: list[Note] = []
    if style.bass_mode == "held":  # the last span is the tonic, so the cadence is already there
        return merge_held([Note("bass", s.start, s.end, root(s), 0.6 * dyn) for s in plan.spans])
    if style.bass_mode == "taiko":
        hits = ((0, 1.0), (1.5, 0.6), (2, 0.85), (3, 0.7), (3.25, 0.5), (3.5, 0.8))
        onsets = [(bar * 4 + off, v) for bar in range(math.ceil(cadence / 4)) for off, v in hits]
        notes = [Note("bass", t, t + 0.5, low, v * dyn) for t, v in onsets if t < cadence - EPS]
    else:
        every = 1.0 if style.bass_mode == "quarters" else 0.5
        for i in range(math.ceil(cadence / every - EPS)):
            t = i * every
            span = plan.span_at(t)
            pitch = root(span)
            if style.bass_mode == "quarters" and i % 2:
                pitch = pitch + (plan.chord(span)[2] - plan.chord(span)[0]) % 12
            on_beat = abs(t - round(t)) < EPS
            notes.append(Note("bass", t, t + every * 0.6, pitch, dyn * (0.7 if on_beat else 0.5)))
    if cadence < plan.total - EPS:
        notes.append(Note("bass", cadence, plan.total, low, 0.7 * dyn))
    return notes


def tanpura_notes(plan: Plan) -> list[Note]:
    """The tanpura cycle Pa - Sa - Sa - low Sa, about one pluck a second, each left ringing."""
    style = plan.style
    if style.tanpura is None:
        return []
    step = max(0.5, round(2 * 1.1 / plan.beat_sec) / 2)
    cycle = ((plan.tonic - 5, 0.4), (plan.tonic, 0.35), (plan.tonic, 0.35), (plan.tonic - 12, 0.45))
    notes = []
    for i in range(math.ceil(plan.total / step - EPS)):
        pitch, vel = cycle[i % 4]
        end = min(plan.total, (i + 3) * step)  # each string rings on under the next plucks
        notes.append(Note("tanpura", i * step, end, pitch, vel * (0.5 + 0.5 * style.dynamics)))
    return notes


def percussion_notes(plan: Plan) -> list[Note]:
    style, rng = plan.style, plan.rng
    if style.percussion is None:
        return []
    length, hits = PATTERNS[style.percussion]
    cadence = plan.cadence
    onsets = [(c * length + off, key, vel) for c in range(math.ceil(cadence / length)) for off, key, vel in hits]
    notes = [
        Note("perc", t, t + 0.25, key, vel * style.dynamics * (0.85 + 0.2 * rng.random()))  # uneven, like hands
        for t, key, vel in onsets
        if t < cadence - EPS
    ]
    if cadence < plan.total - EPS:  # land on the sam with the cycle's first stroke
        notes += [Note("perc", cadence, cadence + 0.5, key, v * style.dynamics) for off, key, v in hits if off == 0]
    return notes
