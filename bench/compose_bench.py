"""Composition + encode, side by side on the same inputs: ours, a moviepy CompositeVideoClip baseline,
and a bare ffmpeg encode of the same number of frames.

Usage: .venv/bin/python bench/compose_bench.py [--seconds 10] [--resolution 720p] [--repeat 2]

Inputs: one illustrated two-character plate, two lines of speech-like audio with phoneme timings.
- ours: models.lipsync.animator.render_clip (mouths, blinks, head motion as numpy patch copies; the
  camera's shots, cuts and push-ins as ffmpeg scale/crop filters; one ffmpeg process).
- moviepy: the technique peers use: an ImageClip background with mouth and eye VideoClips
  positioned on it in a CompositeVideoClip, a slow push-in (Resize + Crop effects), write_videofile
  with the same codec, preset and CRF.
- bare: ffmpeg encoding the frames our clip contains (decoded beforehand into memory, piped raw),
  with the same codec, preset and CRF: the cost of the encode alone.
Each variant runs --repeat times, interleaved; the best wall time of each is reported, and the CPU
seconds it used (this process and its ffmpeg children), which a busy shared machine distorts less.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from integrations.ffmpeg import close_ffmpeg_writer, open_ffmpeg_writer, read_frames  # noqa: E402
from models.breakdown import Character, Scene  # noqa: E402
from models.image.art import SceneArt  # noqa: E402
from models.image.illustrator import draw_scene  # noqa: E402
from models.image.look import cast_looks  # noqa: E402
from models.lipsync.animator import Speech, render_clip, tracks_for  # noqa: E402
from models.lipsync.timeline import blink_frames  # noqa: E402
from models.voice.base import Timed  # noqa: E402
from studio.domain.formats import RESOLUTIONS  # noqa: E402

RATE = 16000
FPS = 24
PRESET, CRF = "veryfast", 23


def inputs(size: tuple[int, int], seconds: float) -> tuple[SceneArt, list[Speech]]:
    cast = [Character("MAYA", "adult", 40, "female", "yellow raincoat"), Character("ELI", "child", 12, "male", "scarf")]
    scene = Scene("s01", "INT. LIGHTHOUSE - NIGHT", "LIGHTHOUSE", "night", True, characters=["MAYA", "ELI"])
    art = draw_scene(scene, cast_looks(cast, "western"), size)
    rng = np.random.default_rng(0)
    speech = []
    t, turn = 0.5, 0
    while t < seconds - 1.5:
        length = min(2.5, seconds - t - 1.0)
        n = int(length * RATE)
        env = np.clip(np.sin(2 * np.pi * 2.7 * np.arange(n) / RATE), 0, None) ** 1.5
        samples = (rng.standard_normal(n) * env * 0.3).astype(np.float32)
        phonemes = [Timed("aa" if k % 3 else "m", k * 0.09, k * 0.09 + 0.09) for k in range(int(length / 0.09))]
        speech.append(Speech(("MAYA", "ELI")[turn % 2], t, phonemes, samples, RATE))
        t += length + 0.4
        turn += 1
    return art, speech


def ours(art: SceneArt, speech: list[Speech], seconds: float, out: Path) -> float:
    began = time.perf_counter()
    render_clip(art, speech, seconds, FPS, out, crf=CRF, preset=PRESET)
    return time.perf_counter() - began


def moviepy_baseline(art: SceneArt, speech: list[Speech], seconds: float, out: Path) -> float:
    from moviepy import CompositeVideoClip, ImageClip, VideoClip, vfx

    began = time.perf_counter()
    n = round(seconds * FPS)
    tracks = tracks_for(speech, n, FPS)
    layers = [ImageClip(art.frame).with_duration(seconds)]
    for actor in art.actors.values():
        track, blinks = tracks.get(actor.name), blink_frames(actor.name, n, FPS)

        def mouth_frame(t: float, actor=actor, track=track) -> np.ndarray:
            i = min(int(t * FPS), n - 1)
            return actor.mouth(track.visemes[i] if track else "rest")

        def eyes_frame(t: float, actor=actor, blinks=blinks) -> np.ndarray:
            i = min(int(t * FPS), n - 1)
            x, y, w, h = actor.eyes_box
            return actor.eyes_closed if blinks[i] else art.frame[y : y + h, x : x + w]

        layers.append(VideoClip(frame_function=mouth_frame, duration=seconds).with_position(actor.mouth_box[:2]))
        layers.append(VideoClip(frame_function=eyes_frame, duration=seconds).with_position(actor.eyes_box[:2]))
    width, height = art.size
    composite = CompositeVideoClip(layers, size=(width, height))
    pushed = composite.with_effects([vfx.Resize(lambda t: 1 + 0.06 * t / seconds)])
    framed = pushed.with_effects([vfx.Crop(x_center=width * 0.53, y_center=height * 0.45, width=width, height=height)])
    framed.write_videofile(str(out), fps=FPS, codec="libx264", preset=PRESET, audio=False, logger=None,
                           ffmpeg_params=["-crf", str(CRF), "-pix_fmt", "yuv420p"])  # fmt: skip
    return time.perf_counter() - began


def bare(frames: np.ndarray, out: Path) -> float:
    height, width = frames.shape[1:3]
    began = time.perf_counter()
    proc = open_ffmpeg_writer(["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}", "-r", str(FPS),
                               "-i", "-", "-an", "-c:v", "libx264", "-preset", PRESET, "-crf", str(CRF),
                               "-pix_fmt", "yuv420p", str(out)])  # fmt: skip
    assert proc.stdin is not None
    for frame in frames:
        proc.stdin.write(frame.data)
    close_ffmpeg_writer(proc)
    return time.perf_counter() - began


def cpu_seconds() -> float:
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--resolution", default="720p", choices=sorted(RESOLUTIONS))
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    size = RESOLUTIONS[args.resolution]
    art, speech = inputs(size, args.seconds)
    n = round(args.seconds * FPS)
    times: dict[str, list[float]] = {"ours": [], "moviepy": [], "bare": []}
    cpu: dict[str, list[float]] = {"ours": [], "moviepy": [], "bare": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ours(art, speech, args.seconds, folder / "warm.mp4")  # first-call costs (imports, font cache) off the clock
        frames = read_frames(folder / "warm.mp4", size)
        assert len(frames) == n, (len(frames), n)
        runs = {"ours": lambda: ours(art, speech, args.seconds, folder / "ours.mp4"),
                "moviepy": lambda: moviepy_baseline(art, speech, args.seconds, folder / "moviepy.mp4"),
                "bare": lambda: bare(frames, folder / "bare.mp4")}  # fmt: skip
        for _ in range(args.repeat):
            for name, run in runs.items():
                before = cpu_seconds()
                times[name].append(run())
                cpu[name].append(cpu_seconds() - before)
    best = {name: min(values) for name, values in times.items()}
    best_cpu = {name: min(values) for name, values in cpu.items()}
    print(f"{n} frames at {size[0]}x{size[1]}, {FPS} fps, libx264 {PRESET} crf {CRF}; best of {args.repeat}")
    for name, seconds in best.items():
        print(
            f"  {name:8s} {seconds:7.2f} s wall ({n / seconds:6.1f} frames/s), {best_cpu[name]:7.2f} s CPU   "
            f"wall runs: {', '.join(f'{v:.2f}' for v in times[name])}"
        )
    print(
        f"moviepy / ours: {best['moviepy'] / best['ours']:.2f}x wall, "
        f"{best_cpu['moviepy'] / best_cpu['ours']:.2f}x CPU  (target >= 3x)"
    )
    print(
        f"ours / bare:    {best['ours'] / best['bare']:.2f}x wall, {best_cpu['ours'] / best_cpu['bare']:.2f}x CPU  "
        "(target <= 1.5x)"
    )


if __name__ == "__main__":
    main()
