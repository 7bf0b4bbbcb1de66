"""Measure how loud each General MIDI program of a soundfont is, so the composer can balance roles.

Soundfonts differ by 15 dB or more between presets (a string ensemble against a koto), which would
bury melodies under pads. One FluidSynth run plays every program the styles use and we measure each.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path

import mido
import numpy as np

from integrations.fluidsynth import render_midi
from models.audio.loudness import integrated_lufs
from models.music.scales import Drum
from models.music.styles import STYLES

DRUMS = -1  # key for the percussion kit in the levels table
SEGMENT_SEC = 2.5  # 2 s of notes then 0.5 s for the release to die away
RATE = 22050  # loudness of a preset barely depends on the rate; half rate renders twice as fast
DRUM_KEYS = (Drum.LOW_CONGA, Drum.HI_BONGO, Drum.MUTE_HI_CONGA, Drum.OPEN_HI_CONGA)


def used_programs() -> list[int]:
    roles = ("pad", "arp", "lead", "bass", "tanpura")
    programs = {getattr(style, role) for moods in STYLES.values() for style in moods.values() for role in roles}
    return sorted(p for p in programs if p is not None)


def _calibration_midi(programs: list[int]) -> mido.MidiFile:
    midi = mido.MidiFile(type=0, ticks_per_beat=480)
    track = mido.MidiTrack()
    midi.tracks.append(track)
    track.append(mido.MetaMessage("set_tempo", tempo=500_000))  # 120 bpm: a beat is 0.5 s, 480 ticks
    for _i, program in enumerate([*programs, DRUMS]):
        channel = 9 if program == DRUMS else 0
        if program != DRUMS:
            track.append(mido.Message("program_change", channel=0, program=program, time=0))
        keys = DRUM_KEYS if program == DRUMS else (60, 64, 67, 64)
        for j in range(4):  # re-struck every half second, as arpeggios and melodies are
            track.append(mido.Message("note_on", channel=channel, note=keys[j], velocity=100, time=0))
            track.append(mido.Message("note_off", channel=channel, note=keys[j], velocity=0, time=480))
        track.append(mido.Message("control_change", channel=0, control=121, value=0, time=480))  # 0.5 s gap
    return midi


def _segment_loudness(audio: np.ndarray, programs: list[int]) -> dict[int, float]:
    seg = round(SEGMENT_SEC * RATE)
    levels = {}
    for i, program in enumerate([*programs, DRUMS]):
        part = audio[i * seg : i * seg + round(2.0 * RATE)]
        levels[program] = integrated_lufs(part, RATE) if len(part) else float("-inf")
    return levels


@cache
def _levels(soundfont: str, mtime: float, programs: tuple[int, ...]) -> dict[int, float]:
    audio = render_midi(_calibration_midi(list(programs)), RATE, soundfont, gain=0.5)
    return _segment_loudness(audio, list(programs))


def program_levels(soundfont: str | os.PathLike[str], cache_dir: Path | None = None) -> dict[int, float]:
    """Loudness (LUFS, arbitrary reference) of each program the styles use, plus DRUMS for channel 10.

    Silent or missing presets are left out, so the composer treats them as average. Measuring takes
    one FluidSynth run (seconds); with `cache_dir` the figures are kept on disk per soundfont file
    (path, size, modification time) and program set, so each render process does not measure again.
    """
    path = Path(soundfont).resolve()
    programs = tuple(used_programs())
    stat = path.stat()
    cached = None
    if cache_dir is not None:
        identity = json.dumps([str(path), stat.st_size, stat.st_mtime, programs, RATE])
        key = hashlib.sha256(identity.encode()).hexdigest()
        cached = Path(cache_dir) / f"levels-{key[:24]}.json"
        if cached.is_file():
            return {int(p): float(v) for p, v in json.loads(cached.read_text()).items()}
    levels = _levels(str(path), stat.st_mtime, programs)
    finite = {p: level for p, level in levels.items() if np.isfinite(level)}
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temp = cached.with_suffix(".part")
        temp.write_text(json.dumps({str(p): v for p, v in finite.items()}))
        temp.replace(cached)  # atomic: a concurrent render reads the old file or the new one
    return finite
