"""FluidSynth CLI integration: soundfont discovery, rendering, and clear errors when pieces are missing."""

from __future__ import annotations

import mido
import numpy as np
import pytest

from integrations import fluidsynth
from integrations.fluidsynth import SOUNDFONT_NAMES, find_soundfont, render_midi, with_all_notes_off
from models.errors import BackendUnavailable

RATE = 22050


def _chord_midi(seconds: float = 1.0, program: int = 0) -> mido.MidiFile:
    midi = mido.MidiFile(type=0, ticks_per_beat=480)  # default tempo 120 bpm: 960 ticks a second
    track = mido.MidiTrack()
    midi.tracks.append(track)
    track.append(mido.Message("program_change", channel=0, program=program, time=0))
    for key in (60, 64, 67):
        track.append(mido.Message("note_on", channel=0, note=key, velocity=100, time=0))
    track.append(mido.Message("note_off", channel=0, note=60, velocity=0, time=round(seconds * 960)))
    for key in (64, 67):
        track.append(mido.Message("note_off", channel=0, note=key, velocity=0, time=0))
    return midi


def test_default_soundfont_is_an_installed_general_midi_bank() -> None:
    font = find_soundfont()
    assert font.is_file()
    assert font.name in SOUNDFONT_NAMES


def test_render_short_midi_to_stereo_audio() -> None:
    audio = render_midi(_chord_midi(1.0), RATE)
    assert audio.dtype == np.float32
    assert audio.ndim == 2 and audio.shape[1] == 2
    # One second of notes plus the piano's release, not the whole decay of a stuck note.
    assert RATE * 1.0 <= len(audio) <= RATE * 6.0
    first_second = audio[:RATE]
    assert np.sqrt(np.mean(first_second**2)) > 1e-3
    assert np.max(np.abs(audio[-100:])) < 0.01  # the render runs until the voices have died away


def test_render_accepts_a_path(tmp_path) -> None:
    path = tmp_path / "chord.mid"
    _chord_midi(0.5).save(path)
    from_path = render_midi(path, RATE)
    from_object = render_midi(_chord_midi(0.5), RATE)
    assert from_path.shape == from_object.shape
    np.testing.assert_allclose(from_path, from_object, atol=1e-6)


def test_stuck_note_on_a_looping_preset_still_ends() -> None:
    midi = _chord_midi(0.5, program=48)  # strings loop forever while held
    midi.tracks[0] = mido.MidiTrack(m for m in midi.tracks[0] if m.type != "note_off")
    midi.tracks[0].append(mido.Message("control_change", channel=0, control=7, value=100, time=480))
    released = with_all_notes_off(midi)
    assert sum(1 for m in released.tracks[0] if m.type == "control_change" and m.control == 123) == 16
    audio = render_midi(midi, RATE)
    assert len(audio) < RATE * 10


def test_missing_soundfont_path_names_the_path_and_package() -> None:
    with pytest.raises(BackendUnavailable) as error:
        render_midi(_chord_midi(), RATE, soundfont="/nonexistent/fonts/Missing.sf2")
    message = str(error.value)
    assert "/nonexistent/fonts/Missing.sf2" in message
    assert "apt-get install" in message and "soundfont" in message


def test_no_soundfont_installed_names_the_debian_package(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(fluidsynth, "SOUNDFONT_DIRS", (tmp_path,))
    with pytest.raises(BackendUnavailable, match="timgm6mb-soundfont"):
        find_soundfont()


def test_missing_fluidsynth_program_names_the_debian_package(monkeypatch) -> None:
    fluidsynth.fluidsynth_exe.cache_clear()
    monkeypatch.setattr(fluidsynth.shutil, "which", lambda name: None)
    try:
        with pytest.raises(BackendUnavailable, match=r"apt-get install fluidsynth"):
            render_midi(_chord_midi(), RATE)
    finally:
        fluidsynth.fluidsynth_exe.cache_clear()


def test_missing_midi_file_is_reported(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="nothing.mid"):
        render_midi(tmp_path / "nothing.mid", RATE)
