"""Harmony parts of a cue: the pad (held chords or the Sa-Pa drone) and the arpeggio."""

from __future__ import annotations

import math

from models.music.plan import EPS, Note, Plan, Span, merge_held


def pad_notes(plan: Plan) -> list[Note]:
    style = plan.style
    if style.pad is None:
        return []
    vel = 0.1 + 0.5 * style.dynamics
    base = plan.tonic + 12 * style.pad_octave
    if style.harmony == "drone":  # Sa-Pa-Sa held through the cue
        return [Note("pad", 0.0, plan.total, p, vel) for p in (base - 12, base - 5, base)]
    notes = [
        Note("pad", span.start, span.end, p, vel) for span in plan.spans for p in plan.voice(plan.chord(span), base + 5)
    ]
    return merge_held(notes)


# Indexes into the chord's tones over two octaves (root, third, fifth, root', third', fifth').
_CHORD_ORDERS = {
    "up": (0, 1, 2, 3, 4, 5),
    "updown": (0, 1, 2, 3, 4, 5, 4, 3, 2, 1),
    "broken": (0, 2, 1, 2, 3, 2, 1, 2),  # Alberti-like
}


def _arp_pitch(plan: Plan, span: Span, k: int) -> float:
    style, base = plan.style, plan.tonic + 12
    n = len(style.steps)
    if style.arp_shape in _CHORD_ORDERS:
        tones = plan.voice(plan.chord(span), base + 4)
        tones += [p + 12 for p in tones]
        order = _CHORD_ORDERS[style.arp_shape]
        return tones[order[k % len(order)]]
    if style.arp_shape == "koto":  # pentatonic figures around the root, reaching the octave
        offsets = (0, 1, 2, n, 2, 1, 3, 2)
    else:  # oud: root, octave and neighbours, like a risha figure
        offsets = (0, n, 2, n, 1, 2, 0, -1)
    return plan.pitch(span.root + offsets[k % len(offsets)], base)


def arp_notes(plan: Plan) -> list[Note]:
    style, rng = plan.style, plan.rng
    if style.arp is None:
        return []
    notes: list[Note] = []
    cadence = plan.cadence
    if style.arp_shape == "gliss":  # swarmandal: a fast upward sweep at each phrase start
        g = max(0.05, 0.07 / plan.beat_sec)
        for span in plan.spans[:-1] or plan.spans:
            for j in range(len(style.steps) + 4):
                t = span.start + j * g
                if t < span.end - EPS:
                    velocity = 0.25 + 0.25 * style.dynamics
                    notes.append(Note("arp", t, span.end, plan.pitch(j, plan.tonic + 12), velocity))
    else:
        step = style.arp_step
        for i in range(math.ceil(cadence / step - EPS)):
            t = i * step
            span = plan.span_at(t)
            k = round((t - span.start) / step)
            if k > 0 and rng.random() < style.arp_rest:
                continue
            end = span.end if style.arp_sustain else t + 0.95 * step
            accent = 0.12 if abs(t - round(t)) < EPS else 0.0
            vel = style.dynamics * (0.5 + accent + 0.08 * rng.random())
            notes.append(Note("arp", t, min(end, cadence), _arp_pitch(plan, span, k), vel))
    if cadence < plan.total - EPS:  # cadence: a rolled tonic chord left to ring
        final = [p for p in plan.voice(plan.chord(plan.spans[-1]), plan.tonic + 16) if p == int(p)]
        roll = min(0.12, (plan.total - cadence) / 8)
        for j, p in enumerate([*final, plan.tonic + 24]):
            notes.append(Note("arp", cadence + j * roll, plan.total, p, style.dynamics * 0.5))
    return notes
