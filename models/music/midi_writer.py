"""Write timed events (in seconds) to a type-1 MIDI file whose tempo map hits every cue start exactly."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import mido

TICKS_PER_BEAT = 960
MAX_TEMPO_US = 0xFFFFFF  # set_tempo is a 24-bit field


@dataclass(order=True)
class Event:
    time: float  # seconds from the start of the film
    order: int  # at equal times: 0 note_off, 1 setup (program, controls, bend), 2 note_on
    channel: int = field(compare=False)
    message: mido.Message = field(compare=False)


class TempoMap:
    """Piecewise-constant tempo with integer tick boundaries at each breakpoint.

    Each segment's microseconds-per-beat is tuned so that its whole number of ticks spans exactly
    its length in seconds: rounding never accumulates, so cue 30 starts as exactly as cue 1.
    """

    def __init__(self, points: list[tuple[float, float]]) -> None:
        points = sorted({start: bpm for start, bpm in reversed(points)}.items()) or [(0.0, 120.0)]
        if points[0][0] > 0:
            points.insert(0, (0.0, points[0][1]))
        self.starts = [start for start, _ in points]
        self.ticks = [0]
        self.tempos_us: list[int] = []
        for i, (start, bpm) in enumerate(points):
            if i + 1 < len(points):
                seconds = points[i + 1][0] - start
                n_ticks = max(1, round(seconds * TICKS_PER_BEAT * bpm / 60))
                self.ticks.append(self.ticks[-1] + n_ticks)
                tempo = round(seconds * 1e6 * TICKS_PER_BEAT / n_ticks)
            else:
                tempo = round(60e6 / bpm)
            self.tempos_us.append(min(max(tempo, 1), MAX_TEMPO_US))

    def tick(self, seconds: float) -> int:
        i = max(0, bisect.bisect_right(self.starts, seconds + 1e-9) - 1)
        return self.ticks[i] + round((seconds - self.starts[i]) * 1e6 * TICKS_PER_BEAT / self.tempos_us[i])


def note_events(channel: int, start: float, end: float, key: int, velocity: int) -> list[Event]:
    return [
        Event(start, 2, channel, mido.Message("note_on", channel=channel, note=key, velocity=velocity)),
        Event(end, 0, channel, mido.Message("note_off", channel=channel, note=key, velocity=0)),
    ]


def _untangle(timed: list[tuple[int, int, Event]]) -> list[tuple[int, int, Event]]:
    """Keep one sounding note per key and channel: a restrike ends the ringing note first.

    Without this, the first note's own note-off would silence the restruck note early.
    """
    kept: list[tuple[int, int, Event]] = []
    started: dict[tuple[int, int], int] = {}  # (channel, key) -> tick of the sounding note
    orphans: dict[tuple[int, int], int] = {}  # note-offs still to come for notes already ended
    for tick, order, event in sorted(timed, key=lambda x: (x[0], x[1])):
        msg = event.message
        if msg.type not in ("note_on", "note_off"):
            kept.append((tick, order, event))
            continue
        key = (msg.channel, msg.note)
        if msg.type == "note_on":
            if key in started:
                orphans[key] = orphans.get(key, 0) + 1
                if started[key] == tick:
                    continue  # the same note twice: keep one
                off = mido.Message("note_off", channel=msg.channel, note=msg.note, velocity=0)
                kept.append((tick, 0, Event(event.time, 0, msg.channel, off)))
            started[key] = tick
            kept.append((tick, order, event))
        elif orphans.get(key):
            orphans[key] -= 1
        elif key in started:
            kept.append((max(tick, started.pop(key) + 1), order, event))  # never a zero-length note
    return kept


def write_midi(events: list[Event], tempo_map: TempoMap, markers: list[tuple[float, str]], end: float) -> mido.MidiFile:
    """Track 0 holds the tempo map and a marker per cue; then one track per channel, in channel order."""
    midi = mido.MidiFile(type=1, ticks_per_beat=TICKS_PER_BEAT)
    meta = [(0, 0, mido.MetaMessage("track_name", name="tempo and cues", time=0))]
    for _start, tick, tempo in zip(tempo_map.starts, tempo_map.ticks, tempo_map.tempos_us):
        meta.append((tick, 1, mido.MetaMessage("set_tempo", tempo=tempo, time=0)))
    meta += [(tempo_map.tick(t), 2, mido.MetaMessage("marker", text=text, time=0)) for t, text in markers]
    meta.append((tempo_map.tick(end), 3, mido.MetaMessage("end_of_track", time=0)))
    tracks = {0: meta}
    for tick, order, event in _untangle([(tempo_map.tick(e.time), e.order, e) for e in events]):
        tracks.setdefault(event.channel + 1, []).append((tick, order, event.message))
    for number in sorted(tracks):
        track = mido.MidiTrack()
        if number:
            track.append(mido.MetaMessage("track_name", name=f"channel {number}", time=0))
        last = 0
        for tick, _, message in sorted(tracks[number], key=lambda x: (x[0], x[1])):
            track.append(message.copy(time=tick - last))
            last = tick
        midi.tracks.append(track)
    return midi
