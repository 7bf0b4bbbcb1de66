"""The writing assistant's speed: draft one screenplay from a logline with the real model (extra
`[writer]`) and print tokens/s, the load average it ran under, and the checked Fountain.

Usage: .venv/bin/python bench/writer_bench.py [--minutes 2] [--threads 1] [--cache DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from models.writer import draft_screenplay
from models.writer.backends import Gpt4AllWriter

LOGLINE = ("A lighthouse keeper's granddaughter must relight the lamp during a storm when her grandfather falls "
           "ill, while a fishing boat is still out at sea.")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path(".tmp/writer"))
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    started = time.perf_counter()
    writer = Gpt4AllWriter(args.cache, threads=args.threads)
    print(f"join + load: {time.perf_counter() - started:.1f} s")
    draft = draft_screenplay(writer, LOGLINE, args.minutes)
    print(
        f"{draft.tokens} tokens in {draft.seconds:.1f} s = {draft.tokens_per_second:.2f} tokens/s "
        f"({args.threads} thread(s), load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    print(f"{draft.scenes} scene(s), {draft.lines} line(s), speakers {', '.join(draft.speakers)}\n")
    print(draft.fountain)
    if args.out:
        args.out.write_text(draft.fountain, encoding="utf-8")


if __name__ == "__main__":
    main()
