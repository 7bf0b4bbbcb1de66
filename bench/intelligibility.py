"""Transcribe a rendered film with Whisper tiny.en and print the word error rate per scene and overall.

Usage: .venv/bin/python bench/intelligibility.py OUT_DIR [OUT_DIR ...]   (folders written by `studio render`)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from integrations.ffmpeg import ffmpeg_exe
from models.asr.wer import word_error_rate
from models.asr.whisper import transcribe


def film_audio(path: Path, rate: int = 16_000) -> np.ndarray:
    raw = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-i", str(path), "-ac", "1", "-ar", str(rate), "-f", "f32le", "-"],
        capture_output=True,
        check=True,
    ).stdout
    return np.frombuffer(raw, dtype=np.float32)


def main(folders: list[str]) -> None:
    for folder in map(Path, folders):
        breakdown = json.loads((folder / "breakdown.json").read_text())
        spoken = " ".join(line["text"] for scene in breakdown["scenes"] for line in scene["lines"])
        hypothesis = transcribe(film_audio(folder / "film.mp4"), 16_000).text
        print(f"{folder.name}: WER {word_error_rate(spoken, hypothesis):.3f} over {len(spoken.split())} words")


if __name__ == "__main__":
    main(sys.argv[1:])
