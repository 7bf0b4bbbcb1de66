"""Scene moods of sentences that name no decisive mood word (`bench/moods/*.tsv`, six per mood):
how many get their annotated mood with the keyword backend (mood words and sentiment) and with the
meaning backend on top (models/script/mood_meaning.py), per half, in the same run.

The mood THRESHOLD and catalogue were set on `tune.tsv`; `heldout.tsv` was written with it, before
any tuning, and is reported, never tuned on, so `--details` lists the tune half only.

Usage: .venv/bin/python bench/mood_bench.py [--details] [--threshold X]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.script.mood_meaning import THRESHOLD, decide_mood, mood_matcher  # noqa: E402

SENTENCES = ROOT / "bench" / "moods"


def load(half: str) -> list[tuple[str, str]]:
    """(annotated mood, text) per line of `half`.tsv; # lines are comments."""
    lines = (SENTENCES / f"{half}.tsv").read_text().splitlines()
    return [(mood, text) for mood, text in (line.split("\t", 1) for line in lines if line and line[0] != "#")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="each tune sentence's moods and why")
    parser.add_argument("--threshold", type=float, default=THRESHOLD, help="cosine a mood needs (tune only)")
    args = parser.parse_args()
    meaning = mood_matcher("embedding")
    meaning.threshold = args.threshold  # type: ignore[attr-defined]
    print(f"{'half':8} {'sentences':>9} {'keyword':>8} {'embedding':>10}")
    for half in ("tune", "heldout"):
        rows = load(half)
        keyword = embedding = 0
        for gold, text in rows:
            by_words = decide_mood(text)[0]
            by_meaning, _, why = decide_mood(text, meaning)
            keyword += by_words == gold
            embedding += by_meaning == gold
            if args.details and half == "tune":
                print(f"  {gold:10} keyword {by_words:10} embedding {by_meaning:10} {why or text[:60]}")
        print(f"{half:8} {len(rows):9d} {keyword:5d}/{len(rows)} {embedding:7d}/{len(rows)}")


if __name__ == "__main__":
    main()
