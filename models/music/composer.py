"""Compose a film score as General MIDI: each cue in the style of its scene, starting exactly on time.

Consecutive cues use alternate banks of channels so the outgoing pad and drone can ring on under
a volume ramp (a short crossfade) while the incoming cue already plays with its own instruments.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping

import mido
import numpy as np

from models.music.base import Cue
from models.music.harmony import arp_notes, pad_notes
from models.music.melody import lead_notes
from models.music.midi_writer import Event, TempoMap, note_events, write_midi
from models.music.plan import Note, Plan, make_spans
from models.music.rhythm import bass_notes, percussion_notes, tanpura_notes
from models.music.styles import Style, style_for

CROSSFADE_SEC = 0.6  # how long the outgoing pad and drone ring on into the next cue
FADE_IN_SEC = 0.4  # the incoming pad swells instead of entering at full level
BANKS = ((0, 1, 2, 3, 4), (5, 6, 7, 8, 10))  # channel 9 (GM channel 10) is percussion
DRUMS = 9
ROLES = ("pad", "arp", "lead", "bass", "tanpura")
SUSTAINED = ("pad", "tanpura", "bass")
# Level (dB), pan (CC10) and reverb send (CC91) by role: the melody sits in front of the bed.
ROLE_MIX = {
    "pad": (-11.0, 64, 70), "arp": (-4.0, 46, 55), "lead": (0.0, 76, 50),
    "bass": (-5.0, 64, 35), "tanpura": (-8.0, 56, 60), "perc": (-8.0, 64, 30),
}  # fmt: skip
DRUM_KIT = -1  # key of the percussion kit in a levels table (see calibration.py)
MIN_LEVEL_DB = -40.0
HOME_OFFSETS = (0, 2, 3, 5, 7, -1, -3)  # the film's tonic: C3 plus one of these, picked by the seed


def _program(style: Style, role: str) -> int | None:
    return getattr(style, role)  # the role names are the Style fields holding their programs


def film_tonic(seed: int) -> int:
    """MIDI key of the tonic (Sa) that every cue of a film composed with `seed` is built on."""
    return 48 + HOME_OFFSETS[int(np.random.default_rng(_entropy(seed)).integers(len(HOME_OFFSETS)))]


def _entropy(seed: int) -> int:
    return seed % 2**63  # numpy seeds must be non-negative; negative seeds are still distinct


def cue_notes(plan: Plan) -> list[Note]:
    parts = (pad_notes, arp_notes, lead_notes, bass_notes, tanpura_notes, percussion_notes)
    return [note for part in parts for note in part(plan)]


def _fit_tempo(duration: float, bpm: float, fixed: bool) -> tuple[float, float]:
    """Nudge the tempo so the cue holds a whole number of beats (its cadence lands on its end)."""
    beats = duration * bpm / 60
    if fixed:
        return bpm, beats
    whole = max(1, round(beats))
    return whole * 60 / duration, float(whole)


def _cc(time: float, channel: int, control: int, value: int) -> Event:
    return Event(time, 1, channel, mido.Message("control_change", channel=channel, control=control, value=value))


def _ramp(start: float, end: float, channel: int, v0: int, v1: int, steps: int = 8) -> list[Event]:
    """Expression (CC11) from v0 to v1, in steps fine enough not to zipper on a pad."""
    fractions = [j / steps for j in range(1, steps + 1)]
    return [_cc(start + (end - start) * f, channel, 11, round(v0 + (v1 - v0) * f)) for f in fractions]


def _volume(role: str, program: int, levels: Mapping[int, float] | None) -> int:
    """CC7 for a role, lowering loud presets to the quietest one's level (CC7 can only cut)."""
    db = ROLE_MIX[role][0]
    if levels:
        melodic = [level for p, level in levels.items() if p != DRUM_KIT] or list(levels.values())
        db += min(melodic) - levels.get(program, float(np.mean(melodic)))
    db = max(MIN_LEVEL_DB, min(0.0, db - 3.0))  # 3 dB of headroom for chords and reverb
    return round(127 * 10 ** (db / 40))  # GM/SF2 volume curve: 40 log10(cc / 127) dB


def _setup(time: float, style: Style, channels: dict[str, int], levels: Mapping[int, float] | None) -> list[Event]:
    events = []
    for role, channel in channels.items():
        _, pan, reverb = ROLE_MIX[role]
        program = DRUM_KIT if role == "perc" else _program(style, role)
        if program is None:  # the caller gives channels only to roles the style plays
            raise ValueError(f"the style has no instrument for the {role!r} channel")
        volume = _volume(role, program, levels)
        if role != "perc":
            events.append(Event(time, 1, channel, mido.Message("program_change", channel=channel, program=program)))
            events.append(Event(time, 1, channel, mido.Message("pitchwheel", channel=channel, pitch=0)))
        events += [_cc(time, channel, 7, volume), _cc(time, channel, 10, pan), _cc(time, channel, 91, reverb)]
        events.append(_cc(time, channel, 11, 50 if role in ("pad", "tanpura") else 127))
    return events


def _cue_events(cue: Cue, notes: list[Note], beat_sec: float, channels: dict[str, int], tail: float) -> list[Event]:
    events: list[Event] = []
    bend = {channel: 0 for channel in channels.values()}
    for note in sorted(notes, key=lambda n: n.start):
        channel = channels[note.role]
        start = cue.start + note.start * beat_sec
        end = cue.start + note.end * beat_sec
        if note.role in SUSTAINED and end >= cue.end - 1e-6:
            end += tail
        key = math.floor(note.pitch + 1e-6)
        cents = note.pitch - key
        if note.role != "perc" and round(cents * 4096) != bend[channel]:
            bend[channel] = round(cents * 4096)  # default bend range is +-2 semitones over +-8192
            events.append(Event(start, 1, channel, mido.Message("pitchwheel", channel=channel, pitch=bend[channel])))
        # The SF2 velocity curve is steep (40 log10): map 0..1 onto 38..127 so soft stays audible.
        velocity = int(np.clip(round((0.3 + 0.7 * note.velocity) * 127), 1, 127))
        events += note_events(channel, start, end, int(np.clip(key, 0, 127)), velocity)
    for role in SUSTAINED:
        if role in channels:
            if role != "bass":  # bass and rhythm enter on the downbeat; the bed swells in
                events += _ramp(cue.start, cue.start + min(FADE_IN_SEC, cue.duration / 3), channels[role], 50, 127)
            if tail > 0:
                events += _ramp(cue.end, cue.end + tail, channels[role], 127, 0)
    return events


def _playing(cues: list[Cue]) -> list[Cue]:
    return sorted((c for c in cues if c.duration > 0), key=lambda c: c.start)


def cue_tempi(playing: list[Cue], tempo_bpm: float | None = None) -> list[tuple[Cue, Style, float, float]]:
    """Each sounding cue with its style, its fitted tempo (bpm) and its length in beats."""
    tempi = []
    for cue in playing:
        style = style_for(cue.mood, cue.culture)
        bpm, total = _fit_tempo(cue.duration, tempo_bpm or style.tempo, tempo_bpm is not None)
        tempi.append((cue, style, bpm, total))
    return tempi


def beat_map(cues: list[Cue], tempo_bpm: float | None = None) -> dict[str, list]:
    """Where the composed score's beats fall, in film seconds, for an editor to cut on.

    `beats` are every beat of every cue; `downbeats` the first beat of each bar (the length of the
    cue's rhythm cycle, a tala or a 4/4 bar); `cues` the tempo, bar length and style of each cue.
    The times are those `compose` writes, since both use `cue_tempi`.
    """
    from models.music.scales import PATTERNS

    beats: list[float] = []
    downbeats: list[float] = []
    described = []
    for cue, style, bpm, total in cue_tempi(_playing(cues), tempo_bpm):
        bar = PATTERNS[style.percussion][0] if style.percussion else 4.0
        beat_sec = 60 / bpm
        for k in range(math.ceil(total - 1e-9)):
            t = round(cue.start + k * beat_sec, 4)
            beats.append(t)
            if k % round(bar) == 0:
                downbeats.append(t)
        described.append({"scene_id": cue.scene_id, "style": style.name, "scale": style.scale,
                          "bpm": round(bpm, 3), "beats_per_bar": bar, "start": cue.start})  # fmt: skip
    return {"beats": beats, "downbeats": downbeats, "cues": described}


def compose(
    cues: list[Cue], seed: int = 0, tempo_bpm: float | None = None, levels: Mapping[int, float] | None = None
) -> mido.MidiFile:
    """A General MIDI score with one cue per scene; the same cues and seed give the same file.

    Each cue's tempo is its style's, nudged to a whole number of beats, unless `tempo_bpm` fixes one
    tempo for all. Cues of zero length are skipped. `levels` (program -> measured loudness, from
    `calibration.program_levels`) balances presets of one soundfont; without it roles get fixed levels.
    """
    for cue in cues:
        if cue.start < 0 or cue.duration < 0 or not math.isfinite(cue.start + cue.duration):
            raise ValueError(f"Cue {cue.scene_id!r} has a negative or infinite start or duration.")
    if tempo_bpm is not None and not 20 <= tempo_bpm <= 300:
        raise ValueError(f"tempo_bpm must be between 20 and 300, not {tempo_bpm}.")
    playing = _playing(cues)
    film_end = max((c.end for c in playing), default=0.0)
    home = film_tonic(seed)

    events: list[Event] = []
    tempo_points: list[tuple[float, float]] = []
    markers: list[tuple[float, str]] = []
    for index, (cue, style, bpm, total) in enumerate(cue_tempi(playing, tempo_bpm)):
        rng = np.random.default_rng([_entropy(seed), index, zlib.crc32(cue.scene_id.encode())])
        beat_sec = 60 / bpm
        plan = Plan(style, home, total, beat_sec, make_spans(style, total, rng), rng)
        notes = cue_notes(plan)
        bank = BANKS[index % 2]
        channels = {role: bank[i] for i, role in enumerate(ROLES) if _program(style, role) is not None}
        if any(n.role == "perc" for n in notes):
            channels["perc"] = DRUMS
        following = playing[index + 1] if index + 1 < len(playing) else None
        tail = min(CROSSFADE_SEC, following.duration / 2) if following else 0.0
        events += _setup(cue.start, style, channels, levels)
        events += _cue_events(cue, notes, beat_sec, channels, tail)
        tempo_points.append((cue.start, bpm))
        markers.append((cue.start, f"{cue.scene_id}: {style.name} {bpm:.1f} bpm"))
    return write_midi(events, TempoMap(tempo_points), markers, film_end)
