"""A six-scene film of about a minute at 720p, rendered cold, then re-rendered after editing one line
of one scene: prints both wall times, their ratio and the scenes each materialisation recomputed.

Usage: .venv/bin/python bench/rerender_bench.py [--resolution 720p] [--scene 3] [--insert-top]
       [--executors auto,in_process,multiprocess]
With --insert-top the second render adds a new scene before the first instead of editing a line: the
later scenes keep their content but not their ids, so this measures that cache keys ignore position.
Runs through the same path as `studio render` and `studio render --film ID` (Dagster, a fresh
STUDIO_HOME in a temporary folder, so the first render is cold: no cached scene anywhere).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCENES = [
    (
        "EXT. HARBOUR - DAWN",
        [
            ("ASHA", "The boats are late this morning, and the sea is far too quiet."),
            ("RAVI", "Father said the nets were heavy yesterday. Maybe they stayed out."),
            ("ASHA", "Or maybe the engine failed again. Fetch the radio."),
        ],
    ),
    (
        "INT. KITCHEN - DAY",
        [
            ("RAVI", "The radio only crackles. I cannot hear a single voice."),
            ("ASHA", "Turn the dial slowly. The coast station is near the end."),
            ("RAVI", "There! Someone is calling the harbour master."),
        ],
    ),
    (
        "EXT. CITY STREET - DAY",
        [
            ("ASHA", "We need the harbour master before noon. Walk faster."),
            ("RAVI", "Everyone is staring at us. Do they know something?"),
            ("ASHA", "They know the sea. Everyone here does."),
        ],
    ),
    (
        "INT. OFFICE - DAY",
        [
            ("RAVI", "Sir, our father's boat has not come back since last night."),
            ("ASHA", "Please, can you send the rescue launch along the reef?"),
            ("RAVI", "We can guide them. We know those waters."),
        ],
    ),
    (
        "EXT. BEACH - DUSK",
        [
            ("ASHA", "Look, a light on the water, just past the reef."),
            ("RAVI", "It is blinking. Three short, three long. That is him!"),
            ("ASHA", "Wave the lantern so he sees us."),
        ],
    ),
    (
        "INT. HOME - NIGHT",
        [
            ("RAVI", "He is asleep already, still holding his cap."),
            ("ASHA", "Let him sleep. Tomorrow we mend the engine together."),
        ],
    ),
]

INSERTED = (
    "EXT. LIGHTHOUSE - NIGHT",
    [
        ("ASHA", "The lamp is lit. Father will see it from the reef."),
        ("RAVI", "Then we wait by the harbour until morning."),
    ],
)


def fountain(scenes: list[tuple[str, list[tuple[str, str]]]]) -> str:
    parts = ["Title: The Late Boats\n"]
    for heading, lines in scenes:
        parts.append(f"{heading}\n")
        parts += [f"{speaker}\n{text}\n" for speaker, text in lines]
        parts.append("CUT TO:\n")
    return "\n".join(parts)


def measure(executor: str, fmt: Any, edited: list, show_timeline: bool, draft: bool) -> dict[str, Any]:
    """Cold render and re-render of the film in a fresh STUDIO_HOME whose runs use `executor`; with
    `draft`, the edited film again as a draft (its own partition, cold pictures)."""
    from bench.queue_timing import phases_line, run_phases, served_queue, step_overheads, timeline_lines
    from studio.cli.render import RenderRequest, render
    from studio.settings import Settings

    with tempfile.TemporaryDirectory(dir=ROOT / ".tmp" if (ROOT / ".tmp").exists() else None) as home:
        settings = replace(Settings.from_env({"STUDIO_HOME": home}), dagster_executor=executor)
        settings.export()  # this script is the entry point: the queue's daemon and the run's steps read it
        (Path(home) / "v1.fountain").write_text(fountain(SCENES))
        (Path(home) / "v2.fountain").write_text(fountain(edited))

        def timed(script: str, out: str, film_format: Any, film_id: str | None = None) -> tuple[dict, float]:
            began = time.perf_counter()
            report = render(RenderRequest(Path(home) / script, Path(home) / out, film_format, film_id), settings)
            seconds = time.perf_counter() - began
            print(phases_line(f"{executor} {out}", seconds, run_phases(settings, report["run_id"])), flush=True)
            overhead = step_overheads(settings, report["run_id"])
            print(
                f"  {overhead['steps']} steps: {overhead['before_body']:.1f} s in step processes before their "
                f"bodies (worker start, resources, inputs), {overhead['after_body']:.1f} s after",
                flush=True,
            )
            if show_timeline:
                print("  step timeline (worker start / body start - end, s):", *timeline_lines(overhead["marks"]),
                      sep="\n", flush=True)  # fmt: skip
            return report, seconds

        # One daemon serves both renders, as `studio up`'s does: neither pays the daemon's start.
        with served_queue(settings) as daemon_s:
            print(f"daemon start (not counted in any render): {daemon_s:.1f} s", flush=True)
            cold, cold_s = timed("v1.fountain", "out1", fmt)
            warm, warm_s = timed("v2.fountain", "out2", fmt, cold["film_id"])
            draft_s = None
            if draft:
                draft_s = timed("v2.fountain", "out3", replace(fmt, draft=True))[1]
    return {"cold": cold, "cold_s": cold_s, "warm": warm, "warm_s": warm_s, "draft_s": draft_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resolution", default="720p")
    parser.add_argument("--scene", type=int, default=3, help="Which scene (1-6) gets its line edited.")
    parser.add_argument("--insert-top", action="store_true", help="Insert a scene at the top instead of editing.")
    parser.add_argument("--draft", action="store_true", help="Also render the edited film as a draft (480p, 12 fps).")
    parser.add_argument("--timeline", action="store_true", help="Print each render's step timeline.")
    parser.add_argument("--executors", default="auto",
                        help="Comma-separated STUDIO_DAGSTER_EXECUTOR values, each measured in this run "
                             "(auto, the default: a process per step cold, one process for the re-render).")  # fmt: skip
    args = parser.parse_args()

    from bench.bare_encode import bare_encode_seconds
    from studio.domain.formats import FilmFormat

    fmt = FilmFormat(resolution=args.resolution)
    edited = [(h, list(lines)) for h, lines in SCENES]
    if args.insert_top:
        edited.insert(0, INSERTED)
    else:
        heading, lines = edited[args.scene - 1]
        lines[0] = (lines[0][0], lines[0][1].replace(".", ", I am sure of it.", 1))
    results = {name: measure(name, fmt, edited, args.timeline, args.draft) for name in args.executors.split(",")}
    bare_s = bare_encode_seconds(60.0, fmt.size, fmt.fps)

    change = "a scene inserted at the top" if args.insert_top else f"scene {args.scene} edited"
    print(f"bare ffmpeg encode of 60 s at {fmt.size[0]}x{fmt.size[1]}: {bare_s:.1f} s (same run)")
    for name, result in results.items():
        cold, cold_s, warm, warm_s = result["cold"], result["cold_s"], result["warm"], result["warm_s"]
        print(f"--- executor {name}: film of {len(SCENES)} scenes, {cold['duration']:.1f} s at {args.resolution}")
        print(f"cold render:      {cold_s:6.1f} s  ({cold_s / cold['duration']:.2f} s per second of film)")
        print(
            f"cold / bare encode: {cold_s / bare_s:.1f}x for {cold['duration']:.0f} s of film, "
            f"{cold_s / bare_s * 60 / cold['duration']:.1f}x per minute of film (target <= 4x)"
        )
        print(f"re-render:        {warm_s:6.1f} s  ({change})")
        print(f"ratio: {100 * warm_s / cold_s:.0f}% of the cold render (target <= 20%)")
        if result["draft_s"] is not None:
            print(
                f"draft of the edited film, cold: {result['draft_s']:6.1f} s = {result['draft_s'] / cold_s:.2f} of "
                "the final cold render (target <= 0.5)"
            )
        print(f"cold recomputed: {cold['scenes_recomputed']}")
        print(f"re-render recomputed: {warm['scenes_recomputed']}, reused: {warm['scenes_reused']}")
        for label, report in (("cold", cold), ("re-render", warm)):
            steps = sorted(report["seconds_per_asset"].items(), key=lambda kv: -kv[1])
            print(f"{label} steps (sum {sum(v for _, v in steps):.1f} s): "
                  + ", ".join(f"{k} {v:.1f}s" for k, v in steps))  # fmt: skip
        print("checks:", json.dumps({c["check"]: c["status"] for c in warm["checks"]}))


if __name__ == "__main__":
    main()
