"""Picture quality metrics of a film: lip-sync, frozen stretches, black frames, thumbnails.

Each `check_*` returns a CheckOutcome (pass/fail, a sentence, metadata) so Dagster asset checks
and report.json stay thin. Video scans are one ffmpeg pass with its freezedetect and blackdetect
filters on a downscaled copy; no frame goes through Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import soundfile as sf

from integrations.ffmpeg import ffmpeg_log, probe, read_frames
from models.film.checks import CheckOutcome
from models.film.voicing import film_timeline, take_path

LIPSYNC_MIN = 0.5  # Pearson correlation of mouth opening with the speech envelope, per speaking shot
LIPSYNC_MARGIN = 0.25  # seconds of silence either side of a line, where the mouth should be shut
LIPSYNC_LAG = 1  # frames: animators lead the sound by up to a frame on purpose, so the best of +-1 counts
MAX_FREEZE = 3.0  # seconds without visible motion
FREEZE_NOISE_DB = -60  # ffmpeg freezedetect's default: frames closer than this count as the same
BLACK_PIXEL = 0.10  # luma below 10% counts as black (blackdetect's default)
BLANK_STD = 12.0  # a thumbnail whose luma varies less than this (0-255) is blank
MIN_THUMB_DIFFERENCE = 6.0  # mean absolute difference (0-255) between two thumbnails at 160x90


@dataclass
class VideoScan:
    duration: float
    freezes: list[tuple[float, float]]  # stretches of at least MAX_FREEZE seconds with no visible change
    blacks: list[tuple[float, float]]  # stretches of black frames

    def to_dict(self) -> dict[str, Any]:
        return {"duration": self.duration, "freezes": self.freezes, "blacks": self.blacks}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> VideoScan:
        return cls(data["duration"], [tuple(f) for f in data["freezes"]], [tuple(b) for b in data["blacks"]])


def _floats(pattern: str, text: str) -> list[float]:
    return [float(v) for v in re.findall(pattern, text)]


def scan_video(path: Path, min_freeze: float = MAX_FREEZE) -> VideoScan:
    """Frozen and black stretches of a video in one decode pass."""
    duration = float(probe(path)["format"]["duration"])
    # The deblocking filter changes nothing a freeze or black-frame test can see; skipping it speeds decoding.
    log = ffmpeg_log(["-skip_loop_filter", "all", "-flags2", "+fast", "-i", str(path), "-an", "-vf",
                      f"scale=320:-2,freezedetect=n={FREEZE_NOISE_DB}dB:d={min_freeze},"
                      f"blackdetect=d=0:pix_th={BLACK_PIXEL}", "-f", "null", "-"])  # fmt: skip
    starts = _floats(r"freeze_start: ([0-9.]+)", log)
    ends = _floats(r"freeze_end: ([0-9.]+)", log)
    freezes = [(s, ends[i] if i < len(ends) else duration) for i, s in enumerate(starts)]
    blacks = [(float(a), float(b)) for a, b in re.findall(r"black_start:([0-9.]+) black_end:([0-9.]+)", log)]
    return VideoScan(duration, freezes, blacks)


def intended_black(clips_manifest: dict[str, Any], voice_manifest: dict[str, Any]) -> list[tuple[float, float]]:
    """Film-time windows where the clips fade through black on purpose."""
    starts = {span.scene_id: span.start for span in film_timeline(voice_manifest).scenes}
    windows = []
    for clip in clips_manifest["clips"]:
        offset = starts.get(clip["scene_id"], 0.0)
        windows += [(offset + a, offset + b) for a, b in clip.get("fades", [])]
    return windows


def check_no_freeze(film_path: Path, scan: VideoScan | None = None) -> CheckOutcome:
    """No stretch longer than 3 s without visible motion (`scan`: the film's scan, if already made)."""
    scan = scan or scan_video(film_path)
    longest = max((b - a for a, b in scan.freezes), default=0.0)
    meta = {"frozen_stretches": len(scan.freezes), "longest_frozen_s": round(longest, 2),
            "stretches": [[round(a, 2), round(b, 2)] for a, b in scan.freezes]}  # fmt: skip
    passed = longest <= MAX_FREEZE
    text = "No frozen stretch over 3 s." if passed else f"{len(scan.freezes)} frozen stretch(es), longest {longest:.1f} s."
    return CheckOutcome("no_frozen_stretches", passed, text, meta)


def check_no_black(
    film_path: Path, allowed: list[tuple[float, float]], tolerance: float = 0.1, scan: VideoScan | None = None
) -> CheckOutcome:
    """No black frames mid-film outside the intended fades."""
    scan = scan or scan_video(film_path)
    windows = [(a - tolerance, b + tolerance) for a, b in allowed]
    stray = [(a, b) for a, b in scan.blacks if not any(lo <= a and b <= hi for lo, hi in windows)]
    meta = {"black_stretches": len(scan.blacks), "outside_fades": [[round(a, 2), round(b, 2)] for a, b in stray],
            "fades": len(allowed)}  # fmt: skip
    passed = not stray
    text = "Black only inside fades." if passed else f"{len(stray)} black stretch(es) outside any fade."
    return CheckOutcome("no_black_frames", passed, text, meta)


def envelope(samples: np.ndarray, rate: int, start: float, n_frames: int, fps: int) -> np.ndarray:
    """RMS of a take placed at `start` seconds, per video frame."""
    mono = samples.mean(axis=1) if samples.ndim == 2 else samples
    per = rate / fps
    out = np.zeros(n_frames, dtype=np.float64)
    for i in range(n_frames):
        a, b = int(round(i * per - start * rate)), int(round((i + 1) * per - start * rate))
        a, b = max(a, 0), min(b, mono.size)
        if b > a:
            out[i] = float(np.sqrt(np.mean(mono[a:b].astype(np.float64) ** 2)))
    return out


def _corr(a: np.ndarray, b: np.ndarray) -> float:
    if a.size < 3 or a.std() == 0 or b.std() == 0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def synced(mouth: np.ndarray, speech: np.ndarray, first: int, last: int, lag: int = LIPSYNC_LAG) -> tuple[float, int]:
    """Best correlation of mouth[first:last] with the speech envelope shifted by at most `lag` frames."""
    best = (-1.0, 0)
    for shift in range(-lag, lag + 1):
        a, b = max(first + shift, 0), min(last + shift, mouth.size)
        if b - a < 3:
            continue
        value = _corr(mouth[a:b].astype(np.float64), speech[a - shift : b - shift])
        best = max(best, (value, shift))
    return best


def lipsync_scores(clips_manifest: dict[str, Any], voice_manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """Per speaking shot (each line of an on-screen speaker): correlation of mouth opening and speech."""
    fps = int(clips_manifest["fps"])
    spans = {span.scene_id: span for span in film_timeline(voice_manifest).scenes}
    takes = {(t["scene_id"], t["index"]): t for t in voice_manifest["takes"]}
    scores = []
    for clip in clips_manifest["clips"]:
        with np.load(Path(clips_manifest["dir"]) / clip["mouth"]) as data:
            mouths = {name: data[name] for name in data.files}
        for line in spans[clip["scene_id"]].lines:
            take = takes[(clip["scene_id"], line.index)]
            mouth = mouths.get(take["speaker"])
            if mouth is None:
                continue  # off screen (a narrator, a voice on the radio): no mouth to sync
            samples, rate = sf.read(take_path(voice_manifest, take), dtype="float32")
            first = max(0, int((line.start - LIPSYNC_MARGIN) * fps))
            last = min(mouth.size, int(np.ceil((line.end + LIPSYNC_MARGIN) * fps)))
            speech = envelope(samples, rate, line.start, mouth.size, fps)
            value, shift = synced(mouth, speech, first, last)
            scores.append({"scene_id": clip["scene_id"], "line": line.index, "speaker": take["speaker"],
                           "correlation": round(value, 3), "lag_frames": shift})  # fmt: skip
    return scores


def check_lipsync(clips_manifest: dict[str, Any], voice_manifest: dict[str, Any]) -> CheckOutcome:
    """Every speaking shot's mouth opening correlates with its speech envelope at 0.5 or more."""
    scores = lipsync_scores(clips_manifest, voice_manifest)
    values = [s["correlation"] for s in scores]
    weak = [s for s in scores if s["correlation"] < LIPSYNC_MIN]
    meta = {"speaking_shots": len(scores), "min_correlation": round(min(values), 3) if values else None,
            "mean_correlation": round(float(np.mean(values)), 3) if values else None, "below_0_5": weak}  # fmt: skip
    if not scores:
        return CheckOutcome("lipsync", True, "No on-screen speaker: nothing to sync.", meta)
    text = f"{len(scores)} speaking shots, correlation min {min(values):.2f}, mean {np.mean(values):.2f}."
    return CheckOutcome("lipsync", not weak, text, meta)


def image_stats(paths: list[Path]) -> list[dict[str, float]]:
    """Size, luma spread and edge density of each image."""
    stats = []
    for path in paths:
        info = next(s for s in probe(path)["streams"] if s.get("codec_type") == "video")
        small = read_frames(path, (160, 90))[0].astype(np.float32)
        luma = small @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
        edges = np.abs(np.diff(luma, axis=1)).mean() + np.abs(np.diff(luma, axis=0)).mean()
        stats.append({"width": int(info["width"]), "height": int(info["height"]), "luma_std": float(luma.std()),
                      "edges": float(edges)})  # fmt: skip
    return stats


def check_thumbnails(paths: list[Path], min_size: tuple[int, int] = (1280, 720)) -> CheckOutcome:
    """Three thumbnails, none blank, each at least 1280x720 and different from the others."""
    stats = image_stats(paths)
    small = [read_frames(p, (160, 90))[0].astype(np.float32) for p in paths]
    differences = [float(np.abs(small[i] - small[j]).mean()) for i in range(len(small)) for j in range(i + 1, len(small))]
    blank = [p.name for p, s in zip(paths, stats) if s["luma_std"] < BLANK_STD]
    small_size = [p.name for p, s in zip(paths, stats) if s["width"] < min_size[0] or s["height"] < min_size[1]]
    alike = min(differences, default=0.0) < MIN_THUMB_DIFFERENCE
    passed = len(paths) >= 3 and not blank and not small_size and not alike
    meta = {"count": len(paths), "blank": blank, "too_small": small_size,
            "min_difference": round(min(differences, default=0.0), 2),
            "luma_std": [round(s["luma_std"], 1) for s in stats]}  # fmt: skip
    text = f"{len(paths)} thumbnails, none blank, all distinct." if passed else (
        f"Thumbnails: blank {blank}, too small {small_size}, near-identical: {alike}.")
    return CheckOutcome("thumbnails", passed, text, meta)
