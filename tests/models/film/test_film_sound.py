"""The film's score and mix from real takes: chant drone, a creator's own music, podcast room tone,
the broadcast preset, and the cleaned dialogue stem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf

from models.breakdown import Breakdown, Character, Line, Scene
from models.film.checks import check_loudness
from models.film.sound import check_sound_options, mix_film, score
from models.film.voicing import placed_takes, voice_film

VOICES = {"GURU": "espeak-en-m", "ASHA": "espeak-en-f"}


def _breakdown() -> Breakdown:
    lines = [Line("ASHA", "The river is calm at dawn."),
             Line("GURU", "Om namah shivaya, om namah shivaya.", parenthetical="chanting", kind="chant"),
             Line("ASHA", "The lamps float away on the water.")]  # fmt: skip
    scene = Scene("s01", "EXT. GHAT - DAWN", mood="calm", culture="indian", lines=lines, characters=["ASHA", "GURU"])
    characters = [Character("ASHA", "adult", gender="female"), Character("GURU", "senior", gender="male")]
    return Breakdown("Ganga", "fountain", "indian", characters, [scene])


@pytest.fixture(scope="module")
def voiced(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("voices")
    return voice_film(_breakdown(), VOICES, folder) | {"dir": str(folder)}


def _dir(tmp_path: Path, name: str) -> Path:
    (tmp_path / name).mkdir()
    return tmp_path / name


def test_chanted_line_gets_a_drone_and_the_scene_a_devotional_score(voiced: dict[str, Any], tmp_path: Path) -> None:
    manifest = score(_breakdown(), voiced, _dir(tmp_path, "score"), seed=2)
    assert manifest["cues"][0]["culture"] == "devotional" and manifest["backend"] == "midi-soundfont"
    chant = next((start, end) for take, start, end in placed_takes(voiced) if take["index"] == 1)
    ((lo, hi),) = manifest["chant_spans"]
    assert lo < chant[0] and hi > chant[1]
    drone, rate = sf.read(tmp_path / "score" / manifest["drone"], dtype="float32")
    inside = drone[round(chant[0] * rate) : round(chant[1] * rate)]
    outside = drone[: round(max(lo - 0.2, 0.0) * rate)]
    assert np.sqrt(np.mean(inside**2)) > 0.01 and (outside.size == 0 or np.max(np.abs(outside)) < 1e-3)
    assert manifest["beat_map"]["beats"][0] == 0.0 and manifest["realtime_factor"] > 0


def test_own_music_replaces_the_score_and_fits_the_film(voiced: dict[str, Any], tmp_path: Path) -> None:
    t = np.arange(3 * 44_100) / 44_100
    song = tmp_path / "song.mp3"
    sf.write(song, np.stack([0.3 * np.sin(2 * np.pi * 196 * t)] * 2, axis=1).astype(np.float32), 44_100,
             format="MP3")  # fmt: skip
    check_sound_options(str(song), ["es"])
    manifest = score(_breakdown(), voiced, _dir(tmp_path, "score"), music_file=song)
    assert manifest["backend"] == "user-file" and manifest["loops"] >= 2 and manifest["source"] == "song.mp3"
    music, rate = sf.read(tmp_path / "score" / "score.wav", dtype="float32")
    assert abs(len(music) / rate - voiced["duration"]) < 0.01
    with pytest.raises(ValueError, match="French"):
        check_sound_options(None, ["fr"])


def test_podcast_mix_has_room_tone_and_broadcast_preset_is_met(voiced: dict[str, Any], tmp_path: Path) -> None:
    score_manifest = score(_breakdown(), voiced, _dir(tmp_path, "score"), seed=1) | {"dir": str(tmp_path / "score")}
    podcast = mix_film(voiced, score_manifest, _dir(tmp_path, "podcast"), podcast=True)
    assert podcast["room_tone"] and podcast["drone"] and podcast["loudness_preset"] == "youtube"
    assert check_loudness(tmp_path / "podcast" / "mix.wav").passed
    broadcast = mix_film(voiced, score_manifest, _dir(tmp_path, "broadcast"), loudness="broadcast")
    assert abs(broadcast["integrated_lufs"] + 23.0) <= 1.0 and broadcast["true_peak_dbtp"] <= -1.0
    assert check_loudness(tmp_path / "broadcast" / "mix.wav", "broadcast").passed
    assert not check_loudness(tmp_path / "broadcast" / "mix.wav", "youtube").passed
    stem, rate = sf.read(tmp_path / "broadcast" / "dialogue.wav", dtype="float32")
    assert stem.ndim == 1 and abs(len(stem) / rate - voiced["duration"]) < 0.01
    first_start = placed_takes(voiced)[0][1]
    assert np.max(np.abs(stem[: round(first_start * rate) - 10])) < 1e-3  # the stem is dialogue only
