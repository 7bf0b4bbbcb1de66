"""Dual dialogue on real audio: two voices placed by the timeline's cut-in are both understood."""

from __future__ import annotations

import numpy as np

from models.asr.delivered import RATE, Span, hear
from models.asr.whisper import recognizer
from models.audio.resample import resample
from models.film.checks import check_intelligibility
from models.timeline import DUAL_CUT_IN, SceneInput, build_timeline
from models.voice.speak import synthesize

FIRST = "The tide is turning and the boats must come home now."
SECOND = "Then ring the harbour bell before the fog rolls in."


def test_a_dual_line_cuts_in_and_both_lines_are_intelligible() -> None:
    takes = [synthesize(FIRST, "piper-joe"), synthesize(SECOND, "festival-slt")]
    audio = [resample(t.samples.astype(np.float32), t.sample_rate, RATE) for t in takes]
    timeline = build_timeline([SceneInput("s01", 0.0, [a.size / RATE for a in audio], [False, True])], None)
    first, second = timeline.scenes[0].lines
    assert 0 < first.end - second.start <= DUAL_CUT_IN + 1e-9  # they overlap, by a cut-in at most
    mix = np.zeros(int((timeline.duration + 0.5) * RATE), np.float32)
    for line, samples in zip((first, second), audio):
        begin = round(line.start * RATE)
        mix[begin : begin + samples.size] += 0.5 * samples
    lines = [(first.start, first.end, FIRST), (second.start, second.end, SECOND)]
    heard = hear(mix, [Span(a, b, len(t.split())) for a, b, t in lines], recognizer("en"))
    outcome = check_intelligibility(lines, heard)
    assert outcome.passed, (outcome.description, outcome.metadata["transcript"])
    said = [w.label.lower().strip(".,") for w in heard.words]
    assert said.index("tide") < said.index("bell")  # heard, and so subtitled, in script order
