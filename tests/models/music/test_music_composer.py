"""compose(): cue timing, style choices per mood and culture, determinism."""

from __future__ import annotations

import io

import mido
import pytest

from models.music.base import Cue
from models.music.composer import compose, film_tonic
from models.music.scales import GM, SCALES

DRUM_CHANNEL = 9


def _timed(midi: mido.MidiFile) -> list[tuple[float, mido.Message]]:
    """Every message with its absolute time in seconds (mido applies the tempo map)."""
    now, out = 0.0, []
    for message in midi:
        now += message.time
        out.append((now, message))
    return out


def _cue_of(cues: list[Cue], t: float) -> Cue:
    return max((c for c in cues if c.start <= t + 1e-3), key=lambda c: c.start)


def _programs(midi: mido.MidiFile) -> set[int]:
    return {m.program for _, m in _timed(midi) if m.type == "program_change"}


def _pitch_classes(midi: mido.MidiFile, tonic: int) -> set[int]:
    return {(m.note - tonic) % 12 for _, m in _timed(midi) if m.type == "note_on" and m.channel != DRUM_CHANNEL}


def _single(mood: str, culture: str, seed: int = 0, seconds: float = 12.0) -> mido.MidiFile:
    return compose([Cue("s01", mood, culture, 0.0, seconds)], seed=seed)


def _bytes(midi: mido.MidiFile) -> bytes:
    buffer = io.BytesIO()
    midi.save(file=buffer)
    return buffer.getvalue()


CUES = [
    Cue("s01", "joyful", "western", 0.0, 4.0),
    Cue("s02", "sad", "indian", 4.0, 5.5),
    Cue("s03", "tense", "east_asian", 9.5, 3.7),
    Cue("s04", "mysterious", "middle_eastern", 13.2, 6.0),
]


def test_each_cue_starts_exactly_at_its_start_time() -> None:
    timed = _timed(compose(CUES, seed=3))
    onsets = [t for t, m in timed if m.type == "note_on" and m.velocity > 0]
    for cue in CUES:
        first = min(t for t in onsets if t >= cue.start - 1e-3)
        assert first == pytest.approx(cue.start, abs=1e-3), cue.scene_id
        assert sum(cue.start - 1e-3 <= t < cue.end for t in onsets) >= 4  # real music, not one note
    changes = [t for t, m in timed if m.type == "program_change"]
    for cue in CUES:
        assert any(abs(t - cue.start) < 1e-3 for t in changes)  # instruments switch on the boundary
    markers = [(t, m.text) for t, m in timed if m.type == "marker"]
    assert [text.split(":")[0] for _, text in markers] == [c.scene_id for c in CUES]
    assert [t for t, _ in markers] == pytest.approx([c.start for c in CUES], abs=1e-3)


def test_score_ends_with_the_last_cue_and_no_note_is_left_on() -> None:
    midi = compose(CUES, seed=3)
    assert midi.length == pytest.approx(CUES[-1].end, abs=1e-3)
    sounding: dict[tuple[int, int], int] = {}
    for _, m in _timed(midi):
        if m.type in ("note_on", "note_off"):
            key = (m.channel, m.note)
            sounding[key] = sounding.get(key, 0) + (1 if m.type == "note_on" and m.velocity else -1)
    assert set(sounding.values()) == {0}


def test_outgoing_pad_rings_into_the_next_cue_under_a_fade() -> None:
    timed = _timed(compose(CUES[:2], seed=1))
    boundary = CUES[0].end
    late_offs = [t for t, m in timed if m.type == "note_off" and m.channel in range(5) and t > boundary + 1e-3]
    assert late_offs and max(late_offs) <= boundary + 0.61
    expression = [(t, m) for t, m in timed if m.type == "control_change" and m.control == 11 and m.channel == 0]
    fade = [m.value for t, m in expression if t > boundary]
    assert fade[-1] == 0


def test_moods_and_cultures_choose_their_instruments() -> None:
    assert {GM.PIANO, GM.STRINGS, GM.FLUTE} <= _programs(_single("joyful", "western"))
    assert {GM.HARP, GM.SLOW_STRINGS} <= _programs(_single("calm", "western"))
    assert GM.TREMOLO_STRINGS in _programs(_single("tense", "western"))
    assert GM.CELESTA in _programs(_single("mysterious", "western"))
    assert GM.SITAR in _programs(_single("joyful", "indian"))
    assert GM.FLUTE in _programs(_single("calm", "indian"))  # bansuri over the tanpura
    assert GM.NYLON_GUITAR in _programs(_single("tense", "middle_eastern"))  # oud
    assert {GM.KOTO, GM.SHAKUHACHI} <= _programs(_single("calm", "east_asian"))
    western = _programs(_single("calm", "western"))
    cultures = ("western", "indian", "middle_eastern", "east_asian")
    assert len({frozenset(_programs(_single("calm", culture))) for culture in cultures}) == 4
    assert western != _programs(_single("tense", "western"))


def _in_scale(name: str) -> set[int]:
    return {int(step) % 12 for step in SCALES[name] if step == int(step)}


def test_notes_come_from_the_mood_and_culture_scale() -> None:
    tonic = film_tonic(0)
    joyful = _pitch_classes(_single("joyful", "western"), tonic)
    sad = _pitch_classes(_single("sad", "western"), tonic)
    assert joyful <= _in_scale("major") and 4 in joyful  # major third
    assert sad <= _in_scale("minor") | {11} and 3 in sad  # minor third (+ leading tone at the cadence)
    assert _pitch_classes(_single("mysterious", "western"), tonic) <= _in_scale("whole_tone")
    assert _pitch_classes(_single("tense", "western"), tonic) <= _in_scale("octatonic")
    yaman = _pitch_classes(_single("calm", "indian", seconds=20), tonic)
    assert yaman <= _in_scale("yaman") and 6 in yaman  # tivra Ma
    assert _pitch_classes(_single("joyful", "indian"), tonic) <= _in_scale("bhupali")
    assert _pitch_classes(_single("calm", "east_asian"), tonic) <= _in_scale("yo")


def test_maqam_quarter_tones_are_pitch_bends() -> None:
    bends = {m.pitch for _, m in _timed(_single("joyful", "middle_eastern")) if m.type == "pitchwheel"}
    assert 2048 in bends  # +50 cents over the default +-2 semitone range: Rast's neutral third


def test_indian_cues_keep_a_tabla_theka_and_the_dawn_alap_has_none() -> None:
    def strokes(mood: str) -> list:
        return [m for _, m in _timed(_single(mood, "indian")) if m.type == "note_on" and m.channel == DRUM_CHANNEL]

    assert len(strokes("joyful")) >= 16 and len(strokes("calm")) >= 8
    assert not strokes("mysterious")  # Bhairav opens like an alap: drone and flute, no rhythm


def test_same_seed_same_score_and_other_seed_differs() -> None:
    assert _bytes(compose(CUES, seed=7)) == _bytes(compose(CUES, seed=7))
    assert _bytes(compose(CUES, seed=7)) != _bytes(compose(CUES, seed=8))


def test_fixed_tempo_is_used_for_every_cue() -> None:
    timed = _timed(compose(CUES, tempo_bpm=90))
    tempos = {round(mido.tempo2bpm(m.tempo), 1) for _, m in timed if m.type == "set_tempo"}
    assert tempos == {90.0}
    with pytest.raises(ValueError, match="tempo_bpm"):
        compose(CUES, tempo_bpm=5)


def test_empty_zero_length_and_invalid_cues() -> None:
    assert compose([]).length == 0
    midi = compose([Cue("s01", "calm", "western", 0.0, 0.0), Cue("s02", "calm", "western", 0.0, 3.0)])
    assert midi.length == pytest.approx(3.0, abs=1e-3)
    with pytest.raises(ValueError, match="s09"):
        compose([Cue("s09", "calm", "western", -1.0, 3.0)])


def test_unknown_mood_and_culture_fall_back_to_western_calm() -> None:
    assert _programs(_single("wistful", "martian")) == _programs(_single("calm", "western"))
