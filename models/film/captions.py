"""Subtitle cues of a film: the script's words, timed on the film's real dialogue audio.

Each line's words get the recognizer's times where Whisper heard them (aligned to the script, so the
text stays the script's), the synthesizer's times shifted by the line's measured offset where it did
not, and every cue start is snapped to the speech onset in the clean dialogue stem. The engines'
own word timings are the independent reference the timing is scored against.
"""

from __future__ import annotations

import statistics
import textwrap
from dataclasses import dataclass
from typing import Any

from models.asr.align import align_words
from models.asr.wer import word_error_rate
from models.audio.onsets import SpeechOnsets
from models.breakdown import Breakdown
from models.film.voicing import placed_takes
from models.subtitles import MAX_CUE_CHARS, Cue, split_cues
from models.voice.base import Timed

HANGOVER_SEC = 0.2  # a cue stays up a moment after its last word
MIN_CUE_SEC = 1.0  # shorter cues flash by; they borrow time from the gap after them
CUE_GAP_SEC = 0.04  # cues never overlap: players drop or stack overlapping cues


def subtitle_cues(voice_manifest: dict[str, Any]) -> list[Cue]:
    """Cues from the synthesized timings alone (no recognizer): each placed take, split at word times."""
    cues: list[Cue] = []
    for take, start, end in placed_takes(voice_manifest):
        words = [(label, start + s, start + e) for label, s, e in take["words"]]
        cues.extend(split_cues(start, end, take["text"], words))
    return cues


@dataclass
class LineTiming:
    """One placed line: its script words, the engine's times for them and the final times."""

    take: dict[str, Any]
    start: float
    end: float
    language: str
    scored: bool  # counts for the word error rate (English, not a chant)
    words: list[str]
    expected: list[tuple[float, float]]  # from the synthesizer's alignment, film seconds
    final: list[tuple[float, float]] | None = None


def _expected(take: dict[str, Any], start: float, end: float, words: list[str]) -> list[tuple[float, float]]:
    engine = [Timed(label, start + s, start + e) for label, s, e in take["words"]]
    times = align_words(words, engine)
    total = sum(len(w) + 1 for w in words) or 1
    clock, filled = 0, []
    for word, known in zip(words, times):  # words the engine did not time: spread by characters
        guess = (start + (end - start) * clock / total, start + (end - start) * (clock + len(word)) / total)
        filled.append(known or guess)
        clock += len(word) + 1
    return filled


def line_timings(breakdown: Breakdown, voice_manifest: dict[str, Any]) -> list[LineTiming]:
    lines = {(scene.scene_id, i): line for scene, i, line in breakdown.spoken_lines()}
    timings = []
    for take, start, end in placed_takes(voice_manifest):
        line = lines[(take["scene_id"], take["index"])]
        try:
            language = breakdown.character(line.speaker).language
        except KeyError:
            language = "en"
        words = take["text"].split()
        timings.append(LineTiming(take, start, end, language, language == "en" and line.kind != "chant", words,
                                  _expected(take, start, end, words)))  # fmt: skip
    return timings


def place_words(timings: list[LineTiming], heard: list[Timed]) -> None:
    """Set each line's final word times: heard where aligned, else expected plus the line's offset."""
    all_words = [word for t in timings for word in t.words]
    aligned = align_words(all_words, heard)
    position = 0
    for timing in timings:
        mine = aligned[position : position + len(timing.words)]
        position += len(timing.words)
        offsets = [h[0] - e[0] for h, e in zip(mine, timing.expected) if h is not None]
        shift = statistics.median(offsets) if offsets else 0.0
        final, clock = [], timing.start
        for h, e in zip(mine, timing.expected):
            s, end = h if h is not None else (e[0] + shift, e[1] + shift)
            s = max(s, clock)  # words never run backwards within a line
            final.append((s, max(end, s)))
            clock = s
        timing.final = final


def _chunks(text: str) -> list[int]:
    """Words per readable chunk (two lines of 42 characters at most), whole words only."""
    chunks = textwrap.wrap(" ".join(text.split()), MAX_CUE_CHARS, break_long_words=False, break_on_hyphens=False)
    return [len(chunk.split()) for chunk in chunks] or [0]


@dataclass
class TimedCues:
    cues: list[Cue]
    reference_starts: list[float]  # the synthesizer's start of each cue's first word


def build_cues(timings: list[LineTiming], onsets: SpeechOnsets, film_seconds: float) -> TimedCues:
    cues: list[Cue] = []
    reference: list[float] = []
    for timing in timings:
        final = timing.final or timing.expected
        index = 0
        for count in _chunks(timing.take["text"]):
            if count == 0:
                continue
            words = timing.words[index : index + count]
            start = onsets.snap(final[index][0])
            end = final[index + count - 1][1] + HANGOVER_SEC
            cues.append(Cue(start, max(end, start + 0.1), " ".join(words)))
            reference.append(timing.expected[index][0])
            index += count
    fixed: list[Cue] = []
    for i, cue in enumerate(cues):
        limit = min(film_seconds, cues[i + 1].start - CUE_GAP_SEC) if i + 1 < len(cues) else film_seconds
        end = min(max(cue.end, cue.start + MIN_CUE_SEC), limit)
        start = min(cue.start, max(0.0, end - 0.1))
        fixed.append(Cue(round(start, 3), round(max(end, start), 3), cue.text))
    return TimedCues(fixed, reference)


def intelligibility(timings: list[LineTiming], heard: list[Timed]) -> float | None:
    """WER of what was heard during the scored (English, spoken) lines against their script text."""
    scored = [t for t in timings if t.scored]
    if not scored:
        return None
    reference = " ".join(t.take["text"] for t in scored)
    spans = [(t.start - 0.5, t.end + 0.5) for t in scored]
    hypothesis = " ".join(w.label for w in heard if any(lo <= (w.start + w.end) / 2 <= hi for lo, hi in spans))
    return round(word_error_rate(reference, hypothesis), 4)


def cue_offsets_ms(timed: TimedCues) -> list[float]:
    return [float(abs(cue.start - ref) * 1000) for cue, ref in zip(timed.cues, timed.reference_starts)]


def deliver_subtitles(subtitles_manifest: dict[str, Any] | None, voice_manifest: dict[str, Any],
                      out_dir: Any) -> list[Cue]:  # fmt: skip
    """Copy the subtitles asset's files (film.srt, film.vtt, film.<lang>.srt/.vtt) into `out_dir`
    and return the film's cues; without that asset, write cues from the synthesized timings."""
    import shutil
    from pathlib import Path

    from models.subtitles import parse_srt, to_srt, to_vtt

    out = Path(out_dir)
    if subtitles_manifest is None:
        cues = subtitle_cues(voice_manifest)
        (out / "film.srt").write_text(to_srt(cues), encoding="utf-8")
        (out / "film.vtt").write_text(to_vtt(cues), encoding="utf-8")
        return cues
    source = Path(subtitles_manifest["dir"])
    for files in subtitles_manifest["languages"].values():
        for name in files.values():
            shutil.copyfile(source / name, out / name)
    return parse_srt((out / "film.srt").read_text(encoding="utf-8"))
