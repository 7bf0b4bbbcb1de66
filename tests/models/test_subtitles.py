"""SRT and VTT writing and reading."""

from __future__ import annotations

import pytest

from models.subtitles import Cue, parse_srt, split_cues, to_srt, to_vtt


def test_srt_and_vtt_timestamps() -> None:
    cues = [Cue(0.5, 2.25, "Hold the lamp."), Cue(3661.001, 3662.0, "It's heavy!")]
    srt = to_srt(cues)
    assert "1\n00:00:00,500 --> 00:00:02,250\nHold the lamp.\n" in srt
    assert "2\n01:01:01,001 --> 01:01:02,000\nIt's heavy!\n" in srt
    vtt = to_vtt(cues)
    assert vtt.startswith("WEBVTT\n\n00:00:00.500 --> 00:00:02.250\n")
    assert parse_srt(srt) == cues


def test_long_lines_split_into_readable_cues_snapped_to_words() -> None:
    text = " ".join(f"word{i}" for i in range(30))
    words = [(f"word{i}", i * 0.5, i * 0.5 + 0.4) for i in range(30)]
    cues = split_cues(0.0, 15.0, text, words)
    assert len(cues) > 1
    assert all(len(c.text) <= 84 for c in cues)
    assert " ".join(c.text for c in cues) == text
    assert cues[0].start == 0.0 and cues[1].start == pytest.approx(words[len(cues[0].text.split())][1])
    assert all(a.end <= b.start for a, b in zip(cues, cues[1:]))
