"""Prop icons for the annotated objects of `bench/understanding/`: the share that get an icon of
their own kind with the keyword chooser alone (curated word, icon name, suffix rule) and with the
meaning fallback (models/image/prop_meaning.py) on top, both measured in the same run, per half.

A word neither finds only has a spelling guess ("jamun" -> jeans): it is not drawn, and counts as no icon.
The prop THRESHOLD was set on the tune half; the held-out half is reported, never tuned on
(bench/understanding/README.md), so `--details` lists the tune half's picks only.

Usage: .venv/bin/python bench/props_bench.py [--details]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.image.icons import icon_set  # noqa: E402
from models.image.prop_meaning import KeywordOnly, prop_matcher  # noqa: E402
from models.image.set_dressing import is_guess, pick_icon  # noqa: E402

CORPUS = ROOT / "bench" / "understanding"


def annotated_objects(half: str) -> list[str]:
    return [
        o.lower() for f in sorted((CORPUS / half).glob("*.json")) for o in json.loads(f.read_text()).get("objects", [])
    ]


def has_icon(why: str) -> bool:
    """A curated word, icon name, suffix rule or meaning found an icon; a spelling guess did not."""
    return not is_guess(why)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list the tune half's icons chosen by meaning")
    args = parser.parse_args()
    icons, keyword, meaning = icon_set(), KeywordOnly(), prop_matcher("embedding")
    print(f"{'half':8} {'objects':>7} {'keyword-only':>13} {'with meaning':>13}   (share with an icon; rest: a guess)")
    for half in ("tune", "heldout", "heldout2", "heldout3"):
        words = annotated_objects(half)
        before = sum(has_icon(pick_icon(w, icons, keyword)[1]) for w in words)
        after = sum(has_icon(pick_icon(w, icons, meaning)[1]) for w in words)
        print(f"{half:8} {len(words):7d} {before / len(words):13.1%} {after / len(words):13.1%}")
        if args.details and half == "tune":
            for word in dict.fromkeys(words):
                why = pick_icon(word, icons, meaning)[1]
                if why.startswith("meaning:"):
                    print(f"    {why}")


if __name__ == "__main__":
    main()
