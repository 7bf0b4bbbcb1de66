"""Picture quality metrics of a film: lip-sync, frozen stretches, black frames, thumbnails.

Each `check_*` returns a CheckOutcome (pass/fail, a sentence, metadata) so Dagster asset checks
and report.json stay thin. Video scans are one ffmpeg pass with its freezedetect and blackdetect
filters on a downscaled copy; no frame goes through Python.
"""

from __future__ import annotations

import hashlib
import math
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from integrations.ffmpeg import ffmpeg_exe, ffmpeg_log, probe, read_frames
from models.film.checks import CheckOutcome, not_measured
from models.film.scene_cache import JsonCache, scene_key
from models.film.voicing import film_timeline
from models.lipsync.body import offset_at

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
    freezes, blacks = detect_stills(path, duration, min_freeze)
    return VideoScan(duration, freezes, blacks)


Stretches = list[tuple[float, float]]


def detect_stills(path: Path, duration: float, min_freeze: float, window: tuple[float, float] | None = None
                  ) -> tuple[Stretches, Stretches]:  # fmt: skip
    """ffmpeg's freezedetect (stretches of at least `min_freeze` s) and blackdetect over `path`, or
    over `window` (start, seconds) of it; times are the file's (or the window's) own seconds."""
    seek = ["-ss", f"{window[0]:.3f}", "-t", f"{window[1]:.3f}"] if window else []
    # The deblocking filter changes nothing a freeze or black-frame test can see; skipping it speeds decoding.
    log = ffmpeg_log(["-skip_loop_filter", "all", "-flags2", "+fast", *seek, "-i", str(path), "-an", "-vf",
                      f"scale=320:-2,freezedetect=n={FREEZE_NOISE_DB}dB:d={min_freeze},"
                      f"blackdetect=d=0:pix_th={BLACK_PIXEL}", "-f", "null", "-"])  # fmt: skip
    end = window[1] if window else duration
    starts = _floats(r"freeze_start: ([0-9.]+)", log)
    ends = _floats(r"freeze_end: ([0-9.]+)", log)
    freezes = [(s, ends[i] if i < len(ends) else end) for i, s in enumerate(starts)]
    blacks = [(float(a), float(b)) for a, b in re.findall(r"black_start:([0-9.]+) black_end:([0-9.]+)", log)]
    return freezes, blacks


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
    text = (
        "No frozen stretch over 3 s." if passed else f"{len(scan.freezes)} frozen stretch(es), longest {longest:.1f} s."
    )
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


MOUTH_SIGNAL_VERSION = 3  # bump when mouth_signal measures differently: kept measurements are then ignored
MIN_VISIBLE = 0.6  # share of a line's frames in which the speaker's mouth must be in the picture


def _pose(shots: list[dict[str, Any]], n: int, fps: int) -> tuple[float, float, float]:
    """The camera's (cx, cy, zoom) at frame n, eased exactly as models/lipsync/camera.py's ffmpeg
    expression does (shot k holds from its first frame until the next shot's first frame)."""
    firsts = [round(s["start"] * fps) for s in shots]
    k = max([i for i, first in enumerate(firsts) if first <= n], default=0)
    shot, first = shots[k], firsts[k]
    last = max(round(shot["end"] * fps) - 1, first + 1)
    u = min(max((n - first) / (last - first), 0.0), 1.0)
    e = u * u * (3 - 2 * u)
    return tuple(a + (b - a) * e for a, b in zip(shot["begin"], shot["finish"]))  # type: ignore[return-value]


SHIFT_X, SHIFT_Y = 3, 2  # heads move at most this many pixels (models/lipsync/heads.py): search them


def _sample(frame: np.ndarray, box: tuple[int, int, int, int], pose: tuple[float, float, float],
            size: tuple[int, int]) -> np.ndarray | None:  # fmt: skip
    """The plate region `box` (x, y, w, h) as seen in a rendered frame, resampled back onto the
    plate's pixel grid (bilinear) by inverting the camera's scale-and-crop; None when it falls
    outside the picture."""
    width, height = size
    cx, cy, zoom = pose
    sw, sh = 2 * math.floor(width * zoom / 2), 2 * math.floor(height * zoom / 2)
    ox = min(max(cx * sw - width / 2, 0), sw - width)
    oy = min(max(cy * sh - height / 2, 0), sh - height)
    x, y, w, h = box
    # ffmpeg's scaler maps pixel centres: view = (plate + 0.5) * scale - 0.5 - offset
    xs = (np.arange(x, x + w) + 0.5) * (sw / width) - 0.5 - ox
    ys = (np.arange(y, y + h) + 0.5) * (sh / height) - 0.5 - oy
    if xs[0] < 0 or ys[0] < 0 or xs[-1] > width - 1 or ys[-1] > height - 1:
        return None
    x0, y0 = np.floor(xs).astype(int), np.floor(ys).astype(int)
    x1, y1 = np.minimum(x0 + 1, width - 1), np.minimum(y0 + 1, height - 1)
    fx, fy = (xs - x0)[None, :, None], (ys - y0)[:, None, None]

    def at(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:  # only the region's pixels become floats
        return frame[np.ix_(rows, cols)].astype(np.float32)

    top = at(y0, x0) * (1 - fx) + at(y0, x1) * fx
    bottom = at(y1, x0) * (1 - fx) + at(y1, x1) * fx
    return top * (1 - fy) + bottom * fy


def mouth_change(seen: np.ndarray, rest: np.ndarray) -> float:
    """How far a mouth seen in a frame is from the resting mouth: mean absolute RGB difference,
    the least over the head's possible small moves (so head motion alone reads as no change)."""
    h, w = rest.shape[:2]
    windows = np.lib.stride_tricks.sliding_window_view(seen, rest.shape)[: 2 * SHIFT_Y + 1, : 2 * SHIFT_X + 1, 0]
    return float(np.abs(windows - rest).mean(axis=(2, 3, 4)).min())


Rest = dict[str, dict[int, np.ndarray]]  # per character, per view (facing), its resting mouth's RGB pixels


def _brightness_at(clip: dict[str, Any], n: int, fps: int) -> float:
    """The scene's light change in force at frame n (a lamp lit, a candle put out): the sum of the
    ffmpeg `eq` brightness steps the clip records (models.lipsync.gestures.LightChange)."""
    return sum(c["brightness"] for c in clip.get("light_changes", []) if n >= c["at"] * fps)


def _lit(rest: np.ndarray, brightness: float) -> np.ndarray:
    """The resting mouth as `eq=brightness` shows it: luma moves by 255 x brightness, which decodes
    as the same step on every RGB channel (measured: +20.2 for 0.08 on a lit t111 close-up)."""
    return rest if brightness == 0 else np.clip(rest + 255.0 * brightness, 0.0, 255.0)


def _view_boxes(clip: dict[str, Any], name: str) -> dict[int, list[int]]:
    """A character's mouth box per view (facing) as the clip records it; front only for older clips."""
    views = clip.get("view_mouth_boxes", {}).get(name, {})
    return {0: clip["mouth_boxes"][name], **{int(f): box for f, box in views.items()}}


def mouth_signal(video: Path, clip: dict[str, Any], fps: int, rest: Rest) -> dict[str, np.ndarray]:
    """Per frame of the rendered clip, each character's mouth opening measured from its pixels: the
    mouth region (located from the staging's mouth box of the view shown, the figure's recorded
    moves and turns and the camera's recorded poses) is resampled onto the plate's grid and compared
    with that character's resting mouth in that view (`rest`: name -> facing -> the closed mouth's
    RGB pixels). NaN while it is out of picture."""
    width, height = clip["size"]
    boxes = {name: _view_boxes(clip, name) for name in rest if name in clip["mouth_boxes"]}
    moves = clip.get("figure_moves", {})
    cmd = [ffmpeg_exe(), "-v", "error", "-nostdin", "-i", str(video), "-an", "-f", "rawvideo", "-pix_fmt", "rgb24",
           "-s", f"{width}x{height}", "-"]  # fmt: skip
    frame_bytes = width * height * 3
    signal: dict[str, list[float]] = {name: [] for name in boxes}
    reference = {name: {f: pixels.astype(np.float32) for f, pixels in rest[name].items()} for name in boxes}
    lit: dict[tuple[str, int, float], np.ndarray] = {}  # the resting mouths under each light the scene has
    cuts = {round(shot["start"] * fps) + k for shot in clip["shots"][1:] for k in (-1, 0, 1)}  # a frame either
    # side of a cut may be scaled for the other shot: not measured there
    blended = [(a * fps - 1, b * fps + 1) for a, b in clip.get("fades", [])]  # fades and a dissolve change every
    blended.append((-1, float(clip.get("edges", {}).get("dissolve_in", 0.0)) * fps + 1))  # pixel: not measured
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as proc:
        assert proc.stdout is not None
        n = 0
        while True:
            raw = proc.stdout.read(frame_bytes)
            if len(raw) < frame_bytes:
                break
            frame = np.frombuffer(raw, dtype=np.uint8).reshape(height, width, 3)
            pose, light = _pose(clip["shots"], n, fps), _brightness_at(clip, n, fps)
            measured = n not in cuts and not any(a <= n <= b for a, b in blended)
            for name, views in boxes.items():
                bx, by, shown, facing = offset_at(moves.get(name, []), n)  # a figure seated, walked or turned
                box, resting = views.get(facing), reference[name].get(facing)
                seen = None
                if box is not None and resting is not None and shown and measured:
                    x, y, w, h = box
                    seen = _sample(frame, (x + bx - SHIFT_X, y + by - SHIFT_Y, w + 2 * SHIFT_X, h + 2 * SHIFT_Y),
                                   pose, (width, height))  # fmt: skip
                if seen is None or resting is None:
                    signal[name].append(float("nan"))  # unknown
                else:
                    shown_rest = lit.setdefault((name, facing, light), _lit(resting, light))
                    signal[name].append(mouth_change(seen, shown_rest))
            n += 1
    if proc.returncode not in (0, None):
        raise RuntimeError(f"ffmpeg could not decode {video}")
    return {name: np.asarray(values, dtype=np.float64) for name, values in signal.items()}


def measured_mouths(video: Path, clip: dict[str, Any], fps: int, rest: Rest,
                    cache: JsonCache | None = None) -> dict[str, np.ndarray]:  # fmt: skip
    """`mouth_signal`, kept by the clip file's bytes and everything else the measurement reads, so a
    re-render decodes only the clips whose pixels changed; the same bytes give the same measurement."""
    if cache is None:
        return mouth_signal(video, clip, fps, rest)
    key = scene_key("mouths", MOUTH_SIGNAL_VERSION, hashlib.sha256(video.read_bytes()).hexdigest(), fps,
                    clip["size"], clip["mouth_boxes"], clip.get("view_mouth_boxes", {}), clip["shots"],
                    clip.get("fades", []), clip.get("edges", {}), clip.get("figure_moves", {}),
                    clip.get("light_changes", []),
                    {name: {str(f): [list(a.shape), hashlib.sha256(a.tobytes()).hexdigest()]
                            for f, a in sorted(views.items())} for name, views in sorted(rest.items())})  # fmt: skip
    kept = cache.get(key)
    if kept is not None:
        return {name: np.asarray(values, dtype=np.float64) for name, values in kept.items()}
    mouths = mouth_signal(video, clip, fps, rest)
    cache.put(key, {name: values.tolist() for name, values in mouths.items()})  # NaN (out of picture) round-trips
    return mouths


def pixel_sync(mouth: np.ndarray, speech: np.ndarray, first: int, last: int,
               lag: int = LIPSYNC_LAG) -> tuple[float, int, float]:  # fmt: skip
    """Best correlation (within +-lag frames) of the pixel mouth signal with the speech envelope over
    frames first..last, ignoring frames where the mouth was out of the picture; also the share of
    frames in which it was visible."""
    best, visible = (-1.0, 0), 0.0
    for shift in range(-lag, lag + 1):
        a, b = max(first + shift, 0), min(last + shift, mouth.size)
        if b - a < 3:
            continue
        m, e = mouth[a:b], speech[a - shift : b - shift]
        seen = ~np.isnan(m)
        if shift == 0:
            visible = float(seen.mean())
        if seen.sum() >= 3:
            best = max(best, (_corr(m[seen], e[seen]), shift))
    return best[0], best[1], visible


def lipsync_scores(clips_manifest: dict[str, Any], voice_manifest: dict[str, Any], dialogue: tuple[np.ndarray, int],
                   rest: dict[str, Rest], cache: JsonCache | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """Per speaking shot (each line of an on-screen speaker): correlation of the mouth opening seen
    in the rendered clip's pixels with the speech envelope of the delivered dialogue audio.

    `dialogue`: the mix's dialogue stem (samples, rate) on the film's clock; `rest`: per scene, each
    staged character's resting mouth per view (models.image.views.resting_mouths); `cache`: measurements of
    clips already decoded. A line whose speaker is out of the picture for most of it is not scored
    (recorded with correlation None)."""
    fps = int(clips_manifest["fps"])
    spans = {span.scene_id: span for span in film_timeline(voice_manifest).scenes}
    takes = {(t["scene_id"], t["index"]): t for t in voice_manifest["takes"]}
    samples, rate = dialogue
    scores = []
    for clip in clips_manifest["clips"]:
        span = spans[clip["scene_id"]]
        speakers = [takes[(clip["scene_id"], line.index)]["speaker"] for line in span.lines]
        on_screen = sorted({s for s in speakers if s in clip.get("mouth_boxes", {})})
        if not on_screen:
            continue
        mouths = measured_mouths(Path(clips_manifest["dir"]) / clip["file"], clip, fps,
                                 {name: rest[clip["scene_id"]][name] for name in on_screen}, cache)  # fmt: skip
        n_frames = next(iter(mouths.values())).size
        speech = envelope(samples, rate, -span.start, n_frames, fps)  # frame i is film time span.start + i/fps
        for line, speaker in zip(span.lines, speakers):
            if speaker not in mouths:
                continue  # off screen (a narrator, a voice on the radio): no mouth to sync
            first = max(0, int((line.start - LIPSYNC_MARGIN) * fps))
            last = min(n_frames, int(np.ceil((line.end + LIPSYNC_MARGIN) * fps)))
            value, shift, visible = pixel_sync(mouths[speaker], speech, first, last)
            scored = visible >= MIN_VISIBLE
            scores.append({"scene_id": clip["scene_id"], "line": line.index, "speaker": speaker,
                           "correlation": round(value, 3) if scored else None, "lag_frames": shift,
                           "visible": round(visible, 2)})  # fmt: skip
    return scores


def check_lipsync(clips_manifest: dict[str, Any], voice_manifest: dict[str, Any], dialogue: tuple[np.ndarray, int],
                  rest: dict[str, Rest], cache: JsonCache | None = None) -> CheckOutcome:  # fmt: skip
    """Every speaking shot's mouth opening, measured in the rendered frames, correlates with the
    delivered speech envelope at 0.5 or more. Clips rendered before the camera's poses were recorded
    cannot be measured, and say so."""
    if any("mouth_boxes" not in clip or "begin" not in (clip["shots"] or [{}])[0] for clip in clips_manifest["clips"]):
        return not_measured("lipsync", "the clips do not record where the camera and the mouths were "
                            "(rendered by an older animator); re-render the lip-sync clips.")  # fmt: skip
    scores = lipsync_scores(clips_manifest, voice_manifest, dialogue, rest, cache)
    measured = [s for s in scores if s["correlation"] is not None]
    values = [s["correlation"] for s in measured]
    weak = [s for s in measured if s["correlation"] < LIPSYNC_MIN]
    meta = {"speaking_shots": len(measured), "off_picture_lines": len(scores) - len(measured),
            "min_correlation": round(min(values), 3) if values else None,
            "mean_correlation": round(float(np.mean(values)), 3) if values else None, "below_0_5": weak,
            "signal": "mouth pixels of the decoded clip frames (change from the resting mouth) vs RMS of "
                      "the delivered dialogue stem"}  # fmt: skip
    if not scores:
        return CheckOutcome("lipsync", True, "No on-screen speaker: nothing to sync.", meta)
    if not measured:
        return not_measured("lipsync", "no speaking character's mouth was in the picture long enough to measure.",
                            meta)  # fmt: skip
    text = (f"{len(measured)} speaking shots measured in the rendered frames, correlation with the speech "
            f"min {min(values):.2f}, mean {np.mean(values):.2f}.")  # fmt: skip
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
    differences = [
        float(np.abs(small[i] - small[j]).mean()) for i in range(len(small)) for j in range(i + 1, len(small))
    ]
    blank = [p.name for p, s in zip(paths, stats) if s["luma_std"] < BLANK_STD]
    small_size = [p.name for p, s in zip(paths, stats) if s["width"] < min_size[0] or s["height"] < min_size[1]]
    alike = min(differences, default=0.0) < MIN_THUMB_DIFFERENCE
    passed = len(paths) >= 3 and not blank and not small_size and not alike
    meta = {"count": len(paths), "blank": blank, "too_small": small_size,
            "min_difference": round(min(differences, default=0.0), 2),
            "luma_std": [round(s["luma_std"], 1) for s in stats]}  # fmt: skip
    text = (
        f"{len(paths)} thumbnails, none blank, all distinct."
        if passed
        else (f"Thumbnails: blank {blank}, too small {small_size}, near-identical: {alike}.")
    )
    return CheckOutcome("thumbnails", passed, text, meta)
