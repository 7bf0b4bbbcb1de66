"""The film's quality gate, as plain functions; Dagster asset checks and report.json call them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import soundfile as sf

from integrations.ffmpeg import probe
from models.audio.loudness import measure
from models.breakdown import Breakdown
from models.subtitles import parse_srt

TARGET_LUFS = -14.0
LUFS_TOLERANCE = 1.0
MAX_TRUE_PEAK = -1.0
DURATION_TOLERANCE = 0.05


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


def check_loudness(mix_path: Path) -> CheckOutcome:
    """Integrated loudness -14 LUFS ± 1 LU and true peak at most -1 dBTP (ITU-R BS.1770)."""
    samples, rate = sf.read(mix_path, dtype="float32")
    loudness = measure(samples, rate)
    passed = abs(loudness.integrated_lufs - TARGET_LUFS) <= LUFS_TOLERANCE and loudness.true_peak_dbtp <= MAX_TRUE_PEAK
    meta = {"integrated_lufs": round(loudness.integrated_lufs, 2), "true_peak_dbtp": round(loudness.true_peak_dbtp, 2)}
    text = f"{loudness.integrated_lufs:.1f} LUFS, true peak {loudness.true_peak_dbtp:.1f} dBTP."
    return CheckOutcome("loudness", passed, text, meta)


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
