"""The melody of a cue: phrases built on a motif, mostly stepwise, closing on stable tones and the tonic.

Ragas and maqamat bring their own motif (a pakad or a tetrachord figure) so the mode is heard at
once; other styles invent a motif per cue. Phrases restate or sequence it, then wander by steps.
"""

from __future__ import annotations

import math

import numpy as np

from models.music.plan import EPS, Note, Plan

RHYTHM = (1, 1, 1, 2, 2, 3)  # note lengths in melody steps, short ones most likely
MOVES = (-2, -1, -1, 0, 1, 1, 2)


def _stable(plan: Plan, degree: int, t: float) -> bool:
    style, n = plan.style, len(plan.style.steps)
    if style.harmony == "drone":
        return plan.pitch(degree, 0) % 12 in (0, 7)  # Sa or Pa
    return (degree - plan.span_at(t).root) % n in (0, 2, 4)


def _invent_motif(rng: np.random.Generator, n: int) -> list[int]:
    degree = int(rng.choice([0, 2, 4 % n]))
    motif = [degree]
    for _ in range(int(rng.integers(3, 6))):
        degree += int(rng.choice(MOVES[1:-1]) or 1)
        motif.append(degree)
    return motif


def lead_notes(plan: Plan) -> list[Note]:
    style, rng = plan.style, plan.rng
    if style.lead is None:
        return []
    n, step, base = len(style.steps), style.lead_step, plan.tonic + 12 * style.lead_octave
    lo, hi = -3, n + 4
    grace = min(0.08 / plan.beat_sec, 0.3 * step)
    motif = list(style.motif) if style.motif else _invent_motif(rng, n)
    motif_rhythm = [float(rng.choice(RHYTHM[:4])) for _ in motif[:-1]] + [2.0]  # the same rhythm each time
    notes: list[Note] = []

    def play(start: float, end: float, deg: int, vel: float) -> None:
        if style.ornament and end - start >= step - EPS and rng.random() < style.ornament:
            notes.append(Note("lead", start, start + grace, plan.pitch(deg + 1, base), vel * 0.8))
            start += grace  # kan: a grace note from above, sounding on the beat
        notes.append(Note("lead", start, end, plan.pitch(deg, base), vel))

    t, cadence, degree, phrase = 0.0, plan.cadence, motif[0], 0
    while t < cadence - EPS:
        restate = phrase == 0 or rng.random() < 0.6
        length = max(float(rng.choice([6.0, 8.0])), step * sum(motif_rhythm) if restate else 0.0)
        phrase_start, phrase_end = t, min(t + length, cadence)
        shift = 0 if phrase == 0 or style.motif else int(rng.choice([0, 1, -1, 2]))  # sequence, tonal styles
        queue = [(d + shift, r) for d, r in zip(motif, motif_rhythm)] if restate else []
        while t < phrase_end - EPS:
            if queue:
                degree, length = queue.pop(0)
                degree = int(np.clip(degree, lo, hi))
            else:
                move = int(rng.choice(MOVES))
                degree = degree - move if not lo <= degree + move <= hi else degree + move
                length = float(rng.choice(RHYTHM))
            dur = min(step * length, phrase_end - t)
            if t + dur >= phrase_end - EPS:  # land the phrase on the nearest stable tone
                candidates = [d for d in range(degree - 3, degree + 4) if lo <= d <= hi and _stable(plan, d, t)]
                degree = min(candidates, key=lambda d: (abs(d - degree), d), default=degree)
            arc = math.sin(math.pi * (t - phrase_start + dur / 2) / max(phrase_end - phrase_start, EPS))
            play(t, t + dur, degree, style.dynamics * (0.55 + 0.25 * arc))
            t += dur
        # Sparser styles breathe longer between phrases.
        t += step * (1 + int(rng.integers(0, 1 + round(4 * (1 - style.lead_density)))))
        phrase += 1
    if cadence < plan.total - EPS:
        final = 0 if abs(degree) <= abs(degree - n) else n
        approach = final + (1 if degree > final else -1)
        a_end = cadence + min(step, (plan.total - cadence) / 3)
        play(cadence, a_end, approach, style.dynamics * 0.6)
        notes.append(Note("lead", a_end, plan.total, plan.pitch(final, base), style.dynamics * 0.6))
    return notes
