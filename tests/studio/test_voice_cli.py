"""`studio voices` and `studio say`, and `studio render --mode`, through the real command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import soundfile as sf

from models.voice.catalogue import CATALOGUE

STUDIO = Path(sys.executable).with_name("studio")


def _run(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STUDIO_HOME": str(home)}
    return subprocess.run([str(STUDIO), *args], capture_output=True, text=True, env=env, timeout=300)


def test_voices_lists_the_catalogue_as_json_and_as_a_table(tmp_path: Path) -> None:
    done = _run(["voices", "--json"], tmp_path)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert len(rows) == len(CATALOGUE) >= 25
    assert all(set(row) == {"id", "name", "engine", "age", "gender", "language", "intelligibility"} for row in rows)
    heard = {row["id"]: row["intelligibility"] for row in rows}
    assert heard["espeak-hi-senior-m"] == "not measured"  # never a made-up figure
    assert heard["kokoro-hi-m"].startswith("median WER 89.4 %") and "Whisper base" in heard["kokoro-hi-m"]
    assert {row["language"] for row in rows} >= {"en", "hi", "es"}
    assert {row["age"] for row in rows} == {"child", "teen", "adult", "senior"}
    table = _run(["voices"], tmp_path)
    assert table.returncode == 0 and "piper-joe-senior" in table.stdout and "LANGUAGE" in table.stdout


def test_say_writes_a_wav_with_the_voice(tmp_path: Path) -> None:
    out = tmp_path / "line.wav"
    done = _run(["say", "--voice", "festival-slt-girl", "--out", str(out), "The kite flew over the hill."], tmp_path)
    assert done.returncode == 0, done.stderr
    audio, rate = sf.read(str(out))
    assert 1.0 < len(audio) / rate < 6.0 and abs(audio).max() > 0.05


@pytest.mark.parametrize(
    ("voice", "text", "name", "message"),
    [
        ("no-such-voice", "Hello there.", "x.wav", "Unknown voice"),
        ("flite-slt", "🙂 🎬 ✨", "x.wav", "Nothing speakable"),
        ("flite-slt", "   ", "x.wav", "Nothing speakable"),
        ("flite-slt", "Hello there.", "missing/x.wav", "does not exist"),
        ("flite-slt", "Hello there.", "x.mp3", ".wav"),
    ],
)
def test_say_refuses_bad_input_and_writes_nothing(
    tmp_path: Path, voice: str, text: str, name: str, message: str
) -> None:
    out = tmp_path / "work"
    out.mkdir()
    done = _run(["say", "--voice", voice, "--out", str(out / name), text], tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and message in done.stderr
    assert "Traceback" not in done.stderr
    assert list(out.iterdir()) == []


def test_render_offers_the_mode_and_refuses_an_unknown_one(tmp_path: Path) -> None:
    script = tmp_path / "talk.txt"
    script.write_text("ALEX: Hello and welcome.\nSAM: Thanks for having me.\n")
    assert "--mode [auto|film|podcast]" in _run(["render", "--help"], tmp_path).stdout
    done = _run(["render", str(script), "--out", str(tmp_path / "out"), "--mode", "radio"], tmp_path)
    assert done.returncode == 2 and "radio" in done.stderr
    assert not (tmp_path / "out").exists()
