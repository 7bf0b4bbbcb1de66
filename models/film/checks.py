"""The film's quality gate, as plain functions; Dagster asset checks and report.json call them."""

from __future__ import annotations

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


def check_subtitle_timing(subtitles: dict[str, Any], film_seconds: float) -> CheckOutcome:
    """Median |cue start - spoken word start| <= 150 ms (the synthesizer's word times are the
    reference) and no cue past the end of the film."""
    cues = parse_srt((Path(subtitles["dir"]) / subtitles["srt"]).read_text(encoding="utf-8"))
    past_end = [c for c in cues if c.end > film_seconds + 0.05]
    median = subtitles.get("median_cue_offset_ms")
    passed = median is not None and median <= MAX_MEDIAN_CUE_OFFSET_MS and not past_end and bool(cues)
    meta = {"median_cue_offset_ms": median, "max_cue_offset_ms": subtitles.get("max_cue_offset_ms"),
            "cues": len(cues), "cues_past_end": len(past_end), "film_seconds": round(film_seconds, 3)}  # fmt: skip
    text = f"Median cue offset {median} ms over {len(cues)} cues; {len(past_end)} past the end."
    return CheckOutcome("subtitle_timing", passed, text, meta)


def check_intelligibility(subtitles: dict[str, Any]) -> CheckOutcome:
    """Whisper's transcript of the English lines has a word error rate of at most 10 %."""
    wer = subtitles.get("wer")
    if wer is None:  # nothing English to hear (or the recognizer for the film's language is absent)
        reason = "; ".join(subtitles.get("unrecognised_languages", {}).values()) or "no English lines"
        return CheckOutcome("intelligibility", True, f"Not measured: {reason}", {"wer": None})
    passed = wer <= MAX_WER
    return CheckOutcome("intelligibility", passed, f"Word error rate {100 * wer:.1f} % (limit 10 %).",
                        {"wer": wer, "scope": subtitles.get("wer_scope", "")})  # fmt: skip


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
