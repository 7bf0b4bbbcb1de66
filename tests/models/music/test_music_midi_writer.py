"""The MIDI writer: an exact tempo map across many tempo changes, and restruck keys that stay balanced."""

from __future__ import annotations

import pytest

from models.music.midi_writer import TICKS_PER_BEAT, TempoMap, note_events, write_midi


def _onsets(midi) -> list[tuple[float, str, int]]:
    now, out = 0.0, []
    for message in midi:
        now += message.time
        if message.type in ("note_on", "note_off"):
            out.append((now, message.type, message.note))
    return out


def test_tempo_map_lands_every_breakpoint_without_drift() -> None:
    starts = [i * 3.337 for i in range(40)]  # awkward lengths, alternating tempi
    points = [(s, 61.0 if i % 2 else 117.0) for i, s in enumerate(starts)]
    tempo_map = TempoMap(points)
    events = [e for i, s in enumerate(starts) for e in note_events(0, s, s + 1.0, 60 + i % 12, 90)]
    midi = write_midi(events, tempo_map, [], starts[-1] + 1.0)
    ons = [t for t, kind, _ in _onsets(midi) if kind == "note_on"]
    assert ons == pytest.approx(starts, abs=2e-4)  # 40 tempo changes later, still on time
    assert midi.ticks_per_beat == TICKS_PER_BEAT


def test_restruck_key_ends_the_ringing_note_first() -> None:
    events = note_events(0, 0.0, 2.0, 60, 90) + note_events(0, 1.0, 1.5, 60, 90) + note_events(0, 1.0, 1.5, 60, 90)
    notes = _onsets(write_midi(events, TempoMap([(0.0, 120.0)]), [], 2.0))
    kinds = [kind for _, kind, _ in notes]
    assert kinds == ["note_on", "note_off", "note_on", "note_off"]  # duplicate dropped, never two at once
    assert notes[1][0] == pytest.approx(1.0) and notes[2][0] == pytest.approx(1.0)
