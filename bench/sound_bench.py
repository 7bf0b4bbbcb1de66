"""Sound benchmark: score rendering speed, mix speed and the mix's peak memory on a long film.

Usage: .venv/bin/python bench/sound_bench.py [--minutes 5] [--score-seconds 60]

Prints (figures, not assertions):
- score: seconds of music rendered per second of compute (x real time) for a six-cue score that
  walks through the style families (FluidSynth + the GM soundfont, levelling included);
- mix: x real time and peak resident memory of a child process that mixes --minutes of dialogue
  over a score at 48 kHz (clean-up, ducking, loudness, true-peak limiting), next to the memory of
  pyloudnorm measuring the same mix on its own (the foundation's meter, float64 copies);
- the loudness the mix reached.
Run it on an idle machine: other work on the same cores inflates every figure.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RATE = 48_000
STYLE_TOUR = [("joyful", "indian"), ("calm", "devotional"), ("tense", "orchestral"), ("mysterious", "ambient"),
              ("sad", "contemporary"), ("calm", "western")]  # fmt: skip


def _peak_rss(target, args: tuple) -> tuple[float, float, object]:
    """Run target(*args) in a child process; (seconds, peak RSS in MiB, its result)."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=_child, args=(target, args, queue))
    started = time.perf_counter()
    child.start()
    peak = 0
    proc = psutil.Process(child.pid)
    result = None
    while child.is_alive() or not queue.empty():
        try:
            peak = max(peak, proc.memory_info().rss)
        except psutil.Error:
            pass
        if not queue.empty():
            result = queue.get()
            break
        time.sleep(0.02)
    child.join()
    return time.perf_counter() - started, peak / 2**20, result


def _child(target, args: tuple, queue) -> None:
    queue.put(target(*args))


def _speech(seconds: float, folder: Path) -> np.ndarray:
    """Real speech (espeak-ng) repeated with pauses to `seconds` at 48 kHz, mono float32."""
    import soundfile

    from models.audio.resample import resample

    path = folder / "line.wav"
    subprocess.run(["espeak-ng", "-w", str(path), "The keeper climbed the narrow stairs and lit the lamp."],
                   check=True, capture_output=True)  # fmt: skip
    line, rate = soundfile.read(path, dtype="float32")
    line = resample(line, rate, RATE)
    gap = np.zeros(round(1.2 * RATE), np.float32)
    unit = np.concatenate([line, gap])
    reps = int(np.ceil(seconds * RATE / len(unit)))
    return np.tile(unit, reps)[: round(seconds * RATE)]


def _mix_job(dialogue_path: str, music_path: str) -> dict:
    import soundfile

    from models.audio.mix import mix

    dialogue, _ = soundfile.read(dialogue_path, dtype="float32")
    music, _ = soundfile.read(music_path, dtype="float32")
    started = time.perf_counter()
    result = mix(dialogue, music, RATE)
    return {"seconds": time.perf_counter() - started, "lufs": result.loudness.integrated_lufs,
            "peak": result.loudness.true_peak_dbtp}  # fmt: skip


def _pyloudnorm_job(music_path: str) -> float:
    import pyloudnorm
    import soundfile

    music, _ = soundfile.read(music_path, dtype="float32")
    return float(pyloudnorm.Meter(RATE).integrated_loudness(music.astype(np.float64)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--score-seconds", type=float, default=60.0)
    args = parser.parse_args()

    import soundfile

    from models.music.base import Cue
    from models.music.midi_score import MidiScore

    backend = MidiScore()
    span = args.score_seconds / len(STYLE_TOUR)
    cues = [Cue(f"s{i + 1:02d}", mood, family, i * span, span) for i, (mood, family) in enumerate(STYLE_TOUR)]
    backend.render(cues[:1], RATE)  # soundfont calibration is cached per process: measure rendering, not that
    started = time.perf_counter()
    score = backend.render(cues, RATE, seed=3)
    seconds = time.perf_counter() - started
    speed = args.score_seconds / seconds
    print(
        f"score: {args.score_seconds:.0f} s of music in {seconds:.2f} s = {speed:.1f}x real time "
        f"({backend.name} {backend.version}, {len(cues)} cues: {', '.join(f'{f}/{m}' for m, f in STYLE_TOUR)})"
    )

    length = args.minutes * 60
    with tempfile.TemporaryDirectory(dir=ROOT / ".tmp" if (ROOT / ".tmp").exists() else None) as tmp:
        folder = Path(tmp)
        dialogue = _speech(length, folder)
        reps = int(np.ceil(len(dialogue) / len(score)))
        music = np.tile(score, (reps, 1))[: len(dialogue)]
        soundfile.write(folder / "dialogue.wav", dialogue, RATE, subtype="FLOAT")
        soundfile.write(folder / "music.wav", music, RATE, subtype="FLOAT")
        del dialogue, music
        wall, peak, result = _peak_rss(_mix_job, (str(folder / "dialogue.wav"), str(folder / "music.wav")))
        print(
            f"mix: {length:.0f} s at {RATE} Hz in {result['seconds']:.2f} s = {length / result['seconds']:.1f}x real "
            f"time; peak memory of the mixing process {peak:.0f} MiB (inputs alone: "
            f"{length * RATE * 12 / 2**20:.0f} MiB as float32)"
        )
        print(f"mix result: {result['lufs']:.2f} LUFS, true peak {result['peak']:.2f} dBTP")
        _, pln_peak, pln_lufs = _peak_rss(_pyloudnorm_job, (str(folder / "music.wav"),))
        print(
            f"reference: pyloudnorm alone measuring the {length:.0f} s score peaks at {pln_peak:.0f} MiB "
            f"({pln_lufs:.2f} LUFS)"
        )


if __name__ == "__main__":
    main()
