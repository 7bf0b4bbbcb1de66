"""Intelligibility and pitch of every catalogue voice on 30 held-out everyday sentences.

For each voice: the word error rate per sentence (median and mean, the share of sentences at or
under 10 %), and the median fundamental frequency (F0) of its speech, so that a "girl" at 120 Hz
or a "man" at 260 Hz shows at a glance. The sentences in bench/voices/heldout_sentences.txt are
never used to tune a voice; tune on bench/voices/tuning_sentences.txt (`--set tuning`).

English is heard by Whisper tiny.en. Spanish and Hindi (`--language es|hi`, sentences in
bench/voices/<set>_sentences_<language>.txt) are heard by the multilingual Whisper base
(Settings.whisper_base_path), told the language; for Hindi its prompt is a Devanagari greeting,
without which Whisper base writes Hindi in Urdu script. Whisper base is a far weaker listener than
tiny.en is for English: compare voices of one language with each other, not across languages.
`--voices` may also name the candidates in models.voice.catalogue.CANDIDATES (benched, never cast).

`--write-table` stores the measured median WER per voice in models/voice/intelligibility.json,
which casting reads to prefer the clearest voice among those that fit a character.

Usage: .venv/bin/python bench/voice_wer_bench.py [--set heldout|tuning] [--voices ID ...]
       [--language en|es|hi] [--write-table] [--mlflow]

`--mlflow` logs each voice as a run (role "voice-<age>-<gender>-<language>", the voices that
compete for one casting slot; backend = voice id) in Settings.mlflow_uri, for
notebooks/compare_backends.ipynb (with HIGHER_IS_BETTER = False and METRIC = "median_wer").
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from statistics import mean, median

from models.asr.wer import word_error_rate
from models.asr.whisper import recognizer, transcribe
from models.voice.base import Take, Voice
from models.voice.catalogue import CANDIDATES, CATALOGUE, get_voice
from models.voice.intelligibility import TABLE_PATH
from models.voice.perform import perform
from models.voice.pitch import median_f0
from models.voice.speak import _backends

HERE = Path(__file__).resolve().parent / "voices"
TARGET = 0.10
# The decoder's prompt per language: Devanagari, so that Hindi comes back in Devanagari.
PROMPTS = {"hi": "नमस्ते। आप कैसे हैं? मैं ठीक हूँ।"}


def sentences(which: str, language: str = "en") -> list[str]:
    suffix = "" if language == "en" else f"_{language}"
    text = (HERE / f"{which}_sentences{suffix}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def listener(language: str) -> str:
    return "Whisper tiny.en" if language == "en" else f"Whisper base (multilingual, language={language})"


def heard(take: Take, language: str) -> str:
    """What Whisper hears in `take`: tiny.en for English, the multilingual base model otherwise."""
    if language == "en":
        return transcribe(take.samples, take.sample_rate).text
    from studio.settings import Settings

    model = recognizer(language, Settings.from_env().whisper_base_path)
    return model.transcribe(take.samples, take.sample_rate, language, prompt=PROMPTS.get(language)).text


def find_voice(voice_id: str) -> Voice:
    """A catalogue voice, or a candidate that is benched but not (yet) in the catalogue."""
    candidates = {voice.id: voice for voice in CANDIDATES}
    return candidates[voice_id] if voice_id in candidates else get_voice(voice_id)


def measure(voice: Voice, texts: list[str]) -> dict[str, float]:
    """WER per sentence and F0 over all of them for one voice."""
    errors, pitches, audio_s, synth_s = [], [], 0.0, 0.0
    for text in texts:
        start = time.perf_counter()
        take = perform(_backends().get(voice.engine), text, voice)
        synth_s += time.perf_counter() - start
        audio_s += take.duration
        errors.append(word_error_rate(text, heard(take, voice.language)))
        pitches.append(median_f0(take.samples, take.sample_rate))
    voiced = [p for p in pitches if p == p]
    return {
        "median_wer": median(errors), "mean_wer": mean(errors),
        "share_ok": sum(e <= TARGET for e in errors) / len(errors),
        "f0_hz": median(voiced) if voiced else float("nan"), "rtf": synth_s / audio_s,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("heldout", "tuning"), default="heldout")
    parser.add_argument("--voices", nargs="*", help="catalogue ids (default: every voice of --language)")
    parser.add_argument("--language", default="en")
    parser.add_argument(
        "--write-table", action="store_true", help="store median WERs in models/voice/intelligibility.json"
    )
    parser.add_argument("--mlflow", action="store_true", help="log each voice as a run (Settings.mlflow_uri)")
    args = parser.parse_args()
    if args.write_table and args.set != "heldout":
        raise SystemExit("The shipped table is measured on the held-out sentences only (--set heldout).")
    texts = sentences(args.set, args.language)
    voice_ids = args.voices or [v.id for v in CATALOGUE if v.language == args.language]
    print(f"{len(texts)} {args.set} sentences, {listener(args.language)}, target median WER <= {TARGET:.0%}")
    print(
        f"{'voice':24} {'engine':10} {'age':7} {'gender':7} {'median':>7} {'mean':>7} {'<=10%':>6} {'F0 Hz':>6} {'RTF':>6}"
    )
    table: dict[str, float] = {}
    means: dict[str, float] = {}
    pitches: dict[str, float] = {}
    missed = []
    for voice_id in voice_ids:
        voice = find_voice(voice_id)
        if voice.language != args.language:
            raise SystemExit(f"{voice_id} speaks {voice.language!r}, not --language {args.language!r}.")
        try:
            row = measure(voice, texts)
        except Exception as error:  # an engine missing here is reported, not fatal
            print(f"{voice_id:24} unavailable: {error}")
            continue
        table[voice.id] = round(row["median_wer"], 4)
        means[voice.id] = round(row["mean_wer"], 4)
        pitches[voice.id] = round(row["f0_hz"], 1)
        flag = "" if row["median_wer"] <= TARGET else "  MISS"
        missed += [voice.id] if flag else []
        if args.mlflow:
            _log_voice(voice, row, args.set)
        if args.write_table:  # after every voice: a long run that is stopped keeps what it measured
            write_table(
                {voice.id: table[voice.id]},
                {voice.id: means[voice.id]},
                {voice.id: pitches[voice.id]},
                len(texts),
                args.language,
            )
        print(
            f"{voice.id:24} {voice.engine:10} {voice.age:7} {voice.gender:7} {row['median_wer']:7.1%} "
            f"{row['mean_wer']:7.1%} {row['share_ok']:6.0%} {row['f0_hz']:6.0f} {row['rtf']:6.2f}{flag}"
        )
    print(
        f"\n{len(table) - len(missed)} of {len(table)} voices at median WER <= {TARGET:.0%}"
        + (f"; missed: {', '.join(missed)}" if missed else "")
    )
    if args.write_table:
        print(f"wrote {TABLE_PATH}")


def _log_voice(voice: object, row: dict[str, float], half: str) -> None:
    from integrations.bench_runs import log_bench_run
    from studio.settings import Settings

    role = f"voice-{voice.age}-{voice.gender}-{voice.language}"  # type: ignore[attr-defined]
    log_bench_run(
        Settings.from_env().mlflow_uri,
        bench="voice_wer",
        role=role,
        backend=voice.id,  # type: ignore[attr-defined]
        backend_version=voice.engine,
        half=half,
        metrics=row,
    )  # type: ignore[attr-defined]


def write_table(
    table: dict[str, float], means: dict[str, float], pitches: dict[str, float], count: int, language: str = "en"
) -> None:
    """Merge measured voices into models/voice/intelligibility.json (other voices keep theirs)."""
    stored = json.loads(TABLE_PATH.read_text(encoding="utf-8")) if TABLE_PATH.exists() else {}
    stored.setdefault("median_wer", {}).update(table)
    stored.setdefault("mean_wer", {}).update(means)
    stored.setdefault("f0_hz", {}).update(pitches)
    key = "measured_with" if language == "en" else f"measured_with_{language}"
    stored[key] = f"bench/voice_wer_bench.py, {count} held-out sentences, {listener(language)}"
    TABLE_PATH.write_text(json.dumps(stored, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
