"""Style families (Indian ragas, devotional, orchestral, ambient, contemporary, drone), the music
style override and the beat map the editor cuts on."""

from __future__ import annotations

import mido
import pytest

from models.music.base import Cue
from models.music.composer import beat_map, compose, film_tonic
from models.music.scales import GM, SCALES
from models.music.styles import MUSIC_STYLE_FAMILIES, STYLES, cue_family, style_for

DRUM_CHANNEL = 9
MOODS = ("joyful", "calm", "sad", "tense", "mysterious")


def _notes(midi: mido.MidiFile) -> list[mido.Message]:
    return [m for m in midi if m.type == "note_on" and m.velocity > 0]


@pytest.mark.parametrize("mood, raga", [("calm", "yaman"), ("mysterious", "bhairav"), ("joyful", "bhupali")])
def test_indian_cues_play_only_the_notes_of_their_raga_over_a_tanpura(mood: str, raga: str) -> None:
    assert style_for(mood, "indian").scale == raga
    seed = 5
    midi = compose([Cue("s01", mood, "indian", 0.0, 16.0)], seed=seed)
    tonic = film_tonic(seed)
    allowed = {int(step) % 12 for step in SCALES[raga]}
    melodic = [m for m in _notes(midi) if m.channel != DRUM_CHANNEL]
    assert melodic and {(m.note - tonic) % 12 for m in melodic} <= allowed
    assert not [m for m in midi if m.type == "pitchwheel" and m.pitch != 0]  # ragas here need no bends
    assert GM.SITAR in {m.program for m in midi if m.type == "program_change"}  # the tanpura stand-in


def test_every_family_has_every_mood_and_distinct_instruments() -> None:
    for family in ("orchestral", "ambient", "contemporary", "devotional", "drone"):
        assert set(STYLES[family]) == set(MOODS)
    orchestral, contemporary = style_for("joyful", "orchestral"), style_for("joyful", "contemporary")
    assert orchestral.lead == GM.FRENCH_HORN and contemporary.percussion == "backbeat"
    assert all(style.percussion is None for style in STYLES["ambient"].values())
    devotional = style_for("calm", "devotional")
    assert devotional.tanpura is not None and devotional.pad == GM.REED_ORGAN and devotional.scale in SCALES


def test_drone_style_is_only_harmonium_and_tanpura() -> None:
    midi = compose([Cue("chant1", "calm", "drone", 0.0, 8.0)], seed=1)
    programs = {m.program for m in midi if m.type == "program_change"}
    assert programs == {GM.REED_ORGAN, GM.SITAR}
    assert not [m for m in _notes(midi) if m.channel == DRUM_CHANNEL]
    tonic = film_tonic(1)
    assert {(m.note - tonic) % 12 for m in _notes(midi)} <= {0, 7}  # Sa and Pa only


def test_music_style_overrides_culture_and_chants_make_indian_scenes_devotional() -> None:
    assert cue_family("auto", "western") == "western"
    assert cue_family("auto", "indian", chanted=True) == "devotional"
    assert cue_family("auto", "western", chanted=True) == "western"
    for style, family in MUSIC_STYLE_FAMILIES.items():
        assert cue_family(style, "indian") == family
    with pytest.raises(ValueError, match="Unknown music style 'jazz'"):
        cue_family("jazz", "western")


def test_beat_map_matches_the_composed_tempo_map() -> None:
    cues = [Cue("s01", "joyful", "contemporary", 0.0, 6.0), Cue("s02", "calm", "indian", 6.0, 7.3)]
    beats = beat_map(cues)
    assert [c["scene_id"] for c in beats["cues"]] == ["s01", "s02"]
    times = beats["beats"]
    assert times == sorted(times) and times[0] == 0.0 and 6.0 in times  # each cue starts on a beat
    assert set(beats["downbeats"]) <= set(times) and beats["downbeats"][0] == 0.0
    for cue, described in zip(cues, beats["cues"]):
        inside = [t for t in times if cue.start <= t < cue.end]
        spacing = 60 / described["bpm"]
        assert all(abs((b - a) - spacing) < 2e-3 for a, b in zip(inside, inside[1:]))
        assert abs(len(inside) * spacing - cue.duration) < 1e-3  # a whole number of beats fills the cue
    midi_bpms = sorted(round(mido.tempo2bpm(m.tempo), 1) for m in compose(cues) if m.type == "set_tempo")
    assert midi_bpms == sorted(round(c["bpm"], 1) for c in beats["cues"])
    assert beats["cues"][1]["beats_per_bar"] == 4.0  # keherwa: eight matras over four beats


def test_soundfont_levels_are_kept_on_disk_between_processes(tmp_path) -> None:
    import json

    from integrations.fluidsynth import find_soundfont
    from models.music import calibration

    measured = calibration.program_levels(find_soundfont(), tmp_path)
    assert GM.SITAR in measured
    (kept,) = tmp_path.glob("levels-*.json")
    assert json.loads(kept.read_text()) == {str(p): v for p, v in measured.items()}
    kept.write_text(json.dumps({str(GM.SITAR): -99.0}))  # a marker: only a read of the file gives it back
    calibration._levels.cache_clear()
    assert calibration.program_levels(find_soundfont(), tmp_path) == {GM.SITAR: -99.0}
