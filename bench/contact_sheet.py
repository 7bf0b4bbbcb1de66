"""Render the illustrated plates of several stories into one contact sheet, with the staging figures.

    .venv/bin/python bench/contact_sheet.py SCRIPT... [--out .tmp/contact_sheet.png] [--size 640x360]
        [--all-scenes] [--matcher keyword|embedding]

Each row is one story: its scenes' plates (location archetype, staged cast and props) as the film
draws them. Prints, per story, the archetypes, the props staged (substitutes marked), the
objects_on_screen and framing_is_clean results, and the seconds each plate took to draw.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from models.image import raster  # noqa: E402
from models.image.backgrounds import archetype_choice  # noqa: E402
from models.image.illustrator import draw_scene  # noqa: E402
from models.image.look import cast_looks  # noqa: E402
from models.image.staging_checks import framing_is_clean, objects_on_screen  # noqa: E402
from models.script.build import build_breakdown  # noqa: E402

PER_ROW = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scripts", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path(".tmp/contact_sheet.png"))
    parser.add_argument("--size", default="640x360")
    parser.add_argument(
        "--all-scenes",
        action="store_true",
        help="Stage and measure every scene (the sheet still shows the first three of each story).",
    )
    parser.add_argument(
        "--matcher",
        choices=["keyword", "embedding"],
        default="keyword",
        help="How props no word list knows are found (the film's place/prop backend; keyword by default).",
    )
    args = parser.parse_args()
    shares: list[float] = []
    passing = 0
    width, height = (int(v) for v in args.size.split("x"))
    rows = []
    for path in args.scripts:
        breakdown = build_breakdown(path.read_text(encoding="utf-8"), title=path.stem)
        looks = cast_looks(breakdown.characters, breakdown.culture)
        for scene in breakdown.scenes:
            scene.prop_matcher = args.matcher
        arts, seconds = {}, []
        for scene in breakdown.scenes if args.all_scenes else breakdown.scenes[:PER_ROW]:
            began = time.perf_counter()
            arts[scene.scene_id] = draw_scene(scene, looks, (width, height))
            seconds.append(time.perf_counter() - began)
        objects = objects_on_screen(breakdown, arts)
        framing = framing_is_clean(arts)
        print(f"{path.name}: archetypes {[a.archetype for a in arts.values()]}")
        for scene in breakdown.scenes:
            if scene.scene_id in arts:
                print(f"  {scene.scene_id} place: {archetype_choice(scene)[1]}")
        for sid, art in arts.items():
            staged = [
                f"{p['word']}->{p['icon']}{' (substitute)' if p['match'] == 'substitute' else ''}" for p in art.objects
            ]
            species = {n: looks[n].species for n in art.actors if looks[n].species != "human"}
            print(f"  {sid}: props {staged} {('creatures ' + str(species)) if species else ''}")
        print(f"  objects_on_screen {'passed' if objects.passed else 'FAILED'}: {objects.description}")
        print(f"  framing_is_clean {'passed' if framing.passed else 'FAILED'}: {framing.description}")
        print(f"  seconds per plate: {', '.join(f'{s:.2f}' for s in seconds)}")
        shares += [entry["share"] for entry in objects.metadata.get("scenes", {}).values()]
        passing += int(objects.passed)
        frames = [art.frame for art in arts.values()][:PER_ROW]
        frames += [np.full((height, width, 3), 32, dtype=np.uint8)] * (PER_ROW - len(frames))
        rows.append(np.concatenate(frames, axis=1))
    sheet = np.concatenate(rows, axis=0)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    raster.save_png(sheet, args.out)
    print(f"contact sheet: {args.out.resolve()} ({sheet.shape[1]}x{sheet.shape[0]})")
    if shares:
        print(
            f"objects_on_screen over {len(args.scripts)} stories, {len(shares)} scenes naming objects: mean share "
            f"{np.mean(shares):.2f}, scenes >= 0.8: {np.mean(np.array(shares) >= 0.8):.0%}, "
            f"stories passing: {passing}/{len(args.scripts)}"
        )


if __name__ == "__main__":
    main()
