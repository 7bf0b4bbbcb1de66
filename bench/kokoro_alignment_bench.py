"""How well Kokoro's word times match the audio: the model's own durations against the voiced spread.

For ~10 held-out sentences, one Kokoro take each; on the same audio three timings of its words:
- durations: the duration predictor's per-token frames (what the backend uses now);
- spread + match: eSpeak's phonemes spread over the voiced stretches, words found by phoneme
  matching (the backend's fallback when the model cannot be patched);
- spread (before): the same spread with phoneme-words rescaled onto written words, as the backend
  timed every Kokoro take before it read the model's durations.
Each is scored by |word start - Whisper tiny.en's word start| over the words Whisper heard (its own
times are often 0.1-0.2 s off, so no method reaches 0), and by the share of word starts within
80 ms of a rise in loudness (`align.energy_onsets`).

Usage: PYTHONPATH=. .venv/bin/python bench/kokoro_alignment_bench.py [--voice kokoro-en-f] [--count 10]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from statistics import median

from models.asr.align import align_words
from models.asr.whisper import transcribe
from models.voice.align import energy_onsets, group_by_counts, spread_over_voiced
from models.voice.base import Take, Timed
from models.voice.catalogue import get_voice
from models.voice.kokoro_backend import DURATIONS, KokoroBackend, ipa_phonemes
from models.voice.speak import _backends
from models.voice.text import clean_text, tokens

HERE = Path(__file__).resolve().parent / "voices"
METHODS = ("durations", "spread + match", "spread (before)")


def spread_before(backend: KokoroBackend, take: Take, text: str, language: str) -> list[Timed]:
    """The word times the backend gave Kokoro takes before it read the model's durations."""
    clauses = backend.phonemes(text, language)
    labelled = [
        (str(i), ipa_phonemes(word) or ["ə"]) for i, word in enumerate(w for c, _ in clauses for w in c.split())
    ]
    _, units = spread_over_voiced(take.samples, take.sample_rate, labelled)
    labels = tokens(text)
    return group_by_counts(units, labels, [1] * len(labels))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voice", default="kokoro-en-f")
    parser.add_argument("--count", type=int, default=10)
    args = parser.parse_args()
    voice = get_voice(args.voice)
    backend = _backends().get("kokoro")
    assert isinstance(backend, KokoroBackend)
    lines = (HERE / "heldout_sentences.txt").read_text(encoding="utf-8").splitlines()
    texts = [clean_text(line) for line in lines if line.strip() and not line.startswith("#")][: args.count]
    errors: dict[str, list[float]] = {m: [] for m in METHODS}
    near: dict[str, list[bool]] = {m: [] for m in METHODS}
    print(f"{args.voice}, {len(texts)} held-out sentences; median |word start - Whisper start| in ms per sentence")
    print(f"{'sentence':42} " + " ".join(f"{m:>16}" for m in METHODS))
    for text in texts:
        take = backend.synthesize(text, voice)
        if backend.timing != DURATIONS:
            raise SystemExit(f"Kokoro timed {text!r} by {backend.timing}, not by its durations.")
        timings = {
            "durations": take.words,
            "spread + match": backend.voiced_take(take.samples, text, voice.language).words,
            "spread (before)": spread_before(backend, take, text, voice.language),
        }
        heard = align_words(tokens(text), transcribe(take.samples, take.sample_rate).words)
        onsets = energy_onsets(take.samples, take.sample_rate)
        row = []
        for method, words in timings.items():
            mine = [abs(w.start - span[0]) for w, span in zip(words, heard, strict=True) if span is not None]
            errors[method] += mine
            near[method] += [any(abs(w.start - o) <= 0.08 for o in onsets) for w in words]
            row.append(f"{1000 * median(mine):16.0f}" if mine else f"{'-':>16}")
        print(f"{text[:42]:42} " + " ".join(row))
    print(
        f"{'all words: median |start error| (ms)':42} " + " ".join(f"{1000 * median(errors[m]):16.0f}" for m in METHODS)
    )
    print(
        f"{'all words: mean |start error| (ms)':42} "
        + " ".join(f"{1000 * sum(errors[m]) / len(errors[m]):16.0f}" for m in METHODS)
    )
    print(
        f"{'starts within 80 ms of an energy onset':42} "
        + " ".join(f"{sum(near[m]) / len(near[m]):16.0%}" for m in METHODS)
    )


if __name__ == "__main__":
    main()
