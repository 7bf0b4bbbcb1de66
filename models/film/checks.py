"""The film's quality gate, as plain functions; Dagster asset checks and report.json call them."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import soundfile as sf

from integrations.ffmpeg import probe
from models.audio.loudness import measure
from models.audio.presets import loudness_preset
from models.breakdown import Breakdown
from models.subtitles import parse_srt

DURATION_TOLERANCE = 0.05
MAX_MEDIAN_CUE_OFFSET_MS = 150.0
MAX_WER = 0.10


@dataclass
class CheckOutcome:
    name: str
    passed: bool
    description: str
    metadata: dict[str, Any] = field(default_factory=dict)
    measured: bool = True  # False: the check could not measure; it is never a pass

    @property
    def status(self) -> str:
        """ "passed", "failed" or "not measured"."""
        return "not measured" if not self.measured else "passed" if self.passed else "failed"


def not_measured(name: str, reason: str, metadata: dict[str, Any] | None = None) -> CheckOutcome:
    """A check that could not measure: reported as such, never as a pass."""
    return CheckOutcome(name, False, f"Not measured: {reason}", {**(metadata or {}), "measured": False}, False)


def check_duration(breakdown: Breakdown, film_path: Path) -> CheckOutcome:
    """Within ±5% of the requested length, or the breakdown says why the speech needs longer."""
    seconds = float(probe(film_path)["format"]["duration"])
    requested = breakdown.requested_seconds
    meta: dict[str, Any] = {"duration_s": round(seconds, 3), "requested_s": requested}
    if requested is None:
        return CheckOutcome("duration", seconds > 0, f"Natural length {seconds:.1f} s (no length requested).", meta)
    off = abs(seconds - requested) / requested
    meta["off_by_percent"] = round(100 * off, 2)
    if off <= DURATION_TOLERANCE:
        return CheckOutcome("duration", True, f"{seconds:.1f} s for {requested:.1f} s requested.", meta)
    if breakdown.duration_note and seconds > requested:
        return CheckOutcome("duration", True, breakdown.duration_note, meta)
    return CheckOutcome("duration", False, f"{seconds:.1f} s is more than 5% off {requested:.1f} s requested.", meta)


def check_loudness(mix_path: Path, preset: str = "youtube") -> CheckOutcome:
    """Integrated loudness on the preset's target ± 1 LU (YouTube -14 LUFS, broadcast -23 LUFS) and
    true peak at most -1 dBTP, measured again on the written file (ITU-R BS.1770)."""
    target = loudness_preset(preset)
    samples, rate = sf.read(mix_path, dtype="float32")
    loudness = measure(samples, rate)
    on_target = abs(loudness.integrated_lufs - target.target_lufs) <= target.tolerance_lu
    passed = on_target and loudness.true_peak_dbtp <= target.max_true_peak
    meta = {"integrated_lufs": round(loudness.integrated_lufs, 2), "true_peak_dbtp": round(loudness.true_peak_dbtp, 2),
            "preset": target.name, "target_lufs": target.target_lufs}  # fmt: skip
    text = (f"{loudness.integrated_lufs:.1f} LUFS (target {target.target_lufs:g} for {target.name}), "
            f"true peak {loudness.true_peak_dbtp:.1f} dBTP.")  # fmt: skip
    return CheckOutcome("loudness", passed, text, meta)


def scored_lines(breakdown: Breakdown, voice_manifest: dict[str, Any]) -> list[tuple[float, float, str]]:
    """(start, end, text) in film seconds of the lines the word error rate is scored on: English,
    spoken (chants excluded), in film order. Where they sit comes from the timeline, not from any
    engine's word times."""
    from models.film.captions import line_timings

    return [(t.start, t.end, t.take["text"]) for t in line_timings(breakdown, voice_manifest) if t.scored]


def delivered_speech(film_path: Path, lines: list[tuple[float, float, str]], cache_dir: Path | None = None) -> Any:
    """What Whisper tiny.en hears in the delivered film's audio track around `lines` (no prompt)."""
    from models.asr.delivered import Span, hear_film
    from models.asr.whisper import recognizer

    spans = [Span(start, end, len(text.split())) for start, end, text in lines]
    return hear_film(film_path, spans, recognizer("en"), cache_dir)


def heard_text(words: list[Any]) -> str:
    """Heard words as one text. A word Whisper begins with punctuation (",100" after "1", "'s", "%")
    continues the one before it, as in its own text: "1 ,100" would read as "one 100", not 1100."""
    return re.sub(r"\s+(?=[,.%'’][^\s,.])", "", " ".join(w.label for w in words))


def check_intelligibility(lines: list[tuple[float, float, str]], heard: Any) -> CheckOutcome:
    """Whisper's transcript of the delivered audio against the script's English lines: WER <= 10 %.

    `lines`: (start, end, text) of the scored lines; `heard`: models.asr.delivered.Heard. Both sides
    get Whisper's English normalisation; the hypothesis is the heard words within half a second of a
    scored line, in film order, so a word is counted once and only where a line was placed."""
    from models.asr.wer import english_word_error_rate

    if not lines:
        return not_measured("intelligibility", "no English spoken lines to score.", {"wer": None})
    words = heard.words
    reference = " ".join(text for _, _, text in lines)
    inside = [w for w in words if any(a - 0.5 <= (w.start + w.end) / 2 <= b + 0.5 for a, b, _ in lines)]
    hypothesis = heard_text(inside)
    wer = round(english_word_error_rate(reference, hypothesis), 4)
    per_line: list[dict[str, Any]] = []
    for a, b, text in lines:
        said = heard_text([w for w in words if a - 0.3 <= (w.start + w.end) / 2 <= b + 0.3])
        per_line.append({"start": round(a, 2), "text": text, "heard": said,
                         "wer": round(english_word_error_rate(text, said), 3)})  # fmt: skip
    worst = sorted(per_line, key=lambda item: -item["wer"])[:3]
    meta = {"wer": wer, "lines": len(lines), "scope": "delivered film audio (final MP4), English lines, no prompt",
            "stretches": heard.stretches, "redecoded_stretches": heard.redecoded,
            "dropped_words": heard.dropped, "recognizer": heard.recognizer, "transcript": hypothesis[:2000],
            "hardest_lines": worst, "measured": True}  # fmt: skip
    return CheckOutcome("intelligibility", wer <= MAX_WER, f"Word error rate {100 * wer:.1f} % (limit 10 %) on "
                        f"{len(lines)} lines of the delivered audio.", meta)  # fmt: skip


def check_subtitle_timing(cues: list[Any], heard: Any, film_seconds: float) -> CheckOutcome:
    """Median |cue start - start of the cue's first word as recognised in the delivered audio| <= 150 ms,
    and no cue past the end of the film. The reference is Whisper's word times on the final audio,
    not the synthesizer's: a cue is anchored where its first word was heard; at least half the cues
    must be anchored or the timing was not measured."""
    from models.asr.align import align_words

    past_end = [c for c in cues if c.end > film_seconds + 0.05]
    cue_words = [cue.text.split() for cue in cues]
    times = align_words([w for words in cue_words for w in words], heard.words)
    offsets, position = [], 0
    for cue, words in zip(cues, cue_words):
        first = times[position] if words else None
        position += len(words)
        if first is not None:
            offsets.append(abs(cue.start - first[0]) * 1000)
    meta: dict[str, Any] = {"cues": len(cues), "anchored_cues": len(offsets), "cues_past_end": len(past_end),
                            "film_seconds": round(film_seconds, 3),
                            "reference": "word starts recognised in the delivered audio"}  # fmt: skip
    if not cues:
        return not_measured("subtitle_timing", "the film has no subtitle cues.", meta)
    if len(offsets) * 2 < len(cues):
        return not_measured("subtitle_timing", f"only {len(offsets)} of {len(cues)} cues' first words were "
                            "recognised in the delivered audio.", meta)  # fmt: skip
    median = round(float(statistics.median(offsets)), 1)
    meta |= {"median_cue_offset_ms": median, "max_cue_offset_ms": round(max(offsets), 1), "measured": True}
    passed = median <= MAX_MEDIAN_CUE_OFFSET_MS and not past_end
    text = (f"Median cue offset {median:.0f} ms (limit 150) against the words heard in the film, over "
            f"{len(offsets)} of {len(cues)} cues; {len(past_end)} past the end.")  # fmt: skip
    return CheckOutcome("subtitle_timing", passed, text, meta)


def _words(text: str) -> list[str]:
    return "".join(ch.lower() if ch.isalnum() or ch.isspace() else " " for ch in text).split()


def check_subtitles(breakdown: Breakdown, srt_path: Path, film_seconds: float) -> CheckOutcome:
    """Every spoken line has cues, in script order; cues rise in time and none runs past the end."""
    cues = parse_srt(srt_path.read_text(encoding="utf-8"))
    spoken = [word for _, _, line in breakdown.spoken_lines() for word in _words(line.text)]
    captioned = [word for cue in cues for word in _words(cue.text)]
    ordered = all(a.start <= b.start for a, b in zip(cues, cues[1:]))
    past_end = [c for c in cues if c.end > film_seconds + 0.05]
    passed = captioned == spoken and ordered and not past_end and bool(cues)
    meta = {"cues": len(cues), "lines": len(breakdown.spoken_lines()), "cues_past_end": len(past_end),
            "in_order": ordered, "words_match": captioned == spoken}  # fmt: skip
    return CheckOutcome("subtitles", passed, f"{len(cues)} cues for {meta['lines']} spoken lines.", meta)
