"""What building the frames of a dialogue costs per frame, without and with figures turning, side by side.

Usage: .venv/bin/python bench/frame_cost_bench.py [--seconds 10] [--resolution 720p] [--repeat 3]

Inputs: compose_bench's two-character plate and alternating lines (MAYA and ELI talk to each other).
Each scenario builds the animator's per-clip rigs (setup: mouth tracks, blinks, head, arm and body
rigs) and then every frame through models.lipsync.animator.iter_frames, consuming nothing but the
loop (no encode); the frame loop's time per frame is what the figures' composition costs.
- no turns: every figure facing front (as with a narrator), no body or arm beats: the baseline;
- turns: speaker and listener turn toward each other (models/lipsync/facing.py);
- moves: facing front, MAYA sitting down and standing up, ELI waving and pointing;
- turns+moves: both.
Scenarios run --repeat times, interleaved; the best of each is reported.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.compose_bench import FPS, inputs  # noqa: E402
from models.image.art import SceneArt  # noqa: E402
from models.lipsync import animator  # noqa: E402
from models.lipsync.animator import Speech, arm_motion, head_motion, iter_frames, tracks_for  # noqa: E402
from models.lipsync.body import body_motion  # noqa: E402
from models.lipsync.facing import facing_frames  # noqa: E402
from models.lipsync.gestures import Gesture, plan_gestures  # noqa: E402
from models.lipsync.timeline import blink_frames  # noqa: E402
from studio.domain.formats import RESOLUTIONS  # noqa: E402

MOVES = ["MAYA sits down.", "ELI waves.", "MAYA stands up.", "ELI points at the sea."]


def run(art: SceneArt, speech: list[Speech], n: int, turns: bool, gestures: list[Gesture]) -> tuple[float, float]:
    """(setup seconds, frame-loop seconds) of one scenario."""
    began = time.perf_counter()
    tracks = tracks_for(speech, n, FPS)
    blinks = {name: blink_frames(name, n, FPS) for name in art.actors}
    heads = head_motion(art, speech, tracks, n, FPS, gestures)
    arms = arm_motion(art, gestures, n, FPS) if gestures else None
    # as render_clip sets them up (its helpers, not a copy of them)
    facings = facing_frames(animator._cues(speech), animator._centres(art), n, FPS) if turns else None
    bodies = body_motion(art, gestures, animator._spans(speech), n, FPS, facings)
    ready = time.perf_counter()
    for _ in iter_frames(art, tracks, blinks, n, heads, arms, bodies):
        pass
    return ready - began, time.perf_counter() - ready


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--resolution", default="720p", choices=sorted(RESOLUTIONS))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    size = RESOLUTIONS[args.resolution]
    art, speech = inputs(size, args.seconds)
    n = round(args.seconds * FPS)
    moves, _ = plan_gestures(MOVES, list(art.actors), args.seconds, {"MAYA": "female", "ELI": "male"})
    scenarios: dict[str, Callable[[], tuple[float, float]]] = {
        "no turns": lambda: run(art, speech, n, False, []),
        "turns": lambda: run(art, speech, n, True, []),
        "moves": lambda: run(art, speech, n, False, moves),
        "turns+moves": lambda: run(art, speech, n, True, moves),
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in scenarios}
    for _ in range(args.repeat):
        for name, scenario in scenarios.items():
            times[name].append(scenario())
    print(f"{n} frames at {size[0]}x{size[1]}, {FPS} fps; best of {args.repeat}")
    for name, runs in times.items():
        setup = min(s for s, _ in runs)
        frames = np.array([f for _, f in runs]) / n * 1000
        print(f"  {name:12s} {frames.min():7.3f} ms per frame   setup {setup * 1000:7.1f} ms   "
              f"frame runs: {', '.join(f'{v:.3f}' for v in frames)}")  # fmt: skip


if __name__ == "__main__":
    main()
