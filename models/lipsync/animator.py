"""Animate a SceneArt into an H.264 clip: mouth and eye patches pasted per frame, a slow camera push-in.

Composition is numpy slice copies into one reused buffer; the push-in is done by ffmpeg's scale
and crop filters in the same process that encodes, so Python never resamples a frame.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import numpy as np

from integrations.ffmpeg import close_ffmpeg_writer, open_ffmpeg_writer
from models.image.art import SceneArt
from models.lipsync.timeline import MouthTrack, blink_frames, mouth_track
from models.voice.base import Timed

FPS_CHOICES = (24, 25, 30)
PRESETS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow")


@dataclass
class Speech:
    speaker: str  # Character.name, as in SceneArt.actors
    start: float  # seconds from the clip's start
    phonemes: list[Timed]  # times relative to the speech's start
    samples: np.ndarray  # mono float32 of the line
    sample_rate: int


@dataclass
class ClipStats:
    frames: int
    seconds: float  # the clip's duration: frames / fps
    fps: int
    openness: dict[str, np.ndarray] = field(default_factory=dict)  # per speaker, the shown mouth's openness
    loudness: dict[str, np.ndarray] = field(default_factory=dict)  # per speaker, RMS of their speech per frame
    visemes: dict[str, list[str]] = field(default_factory=dict)
    blinks: int = 0  # frames with some character's eyes shut
    compose_seconds: float = 0.0  # time spent building frames (excludes encoding)
    wall_seconds: float = 0.0

    @property
    def mouth(self) -> dict[str, np.ndarray]:
        """Alias of `openness`: the mouth series a quality check correlates with the speech."""
        return self.openness


def _validate(art: SceneArt, speech: list[Speech], duration: float, fps: int, crf: int, preset: str) -> None:
    if not (isinstance(duration, (int, float)) and math.isfinite(duration) and duration > 0):
        raise ValueError(f"Clip duration must be a positive number of seconds, got {duration!r}.")
    if fps not in FPS_CHOICES:
        raise ValueError(f"Frame rate must be one of {FPS_CHOICES}, got {fps!r}.")
    width, height = art.size
    if width % 2 or height % 2:
        raise ValueError(f"H.264 needs even frame sizes; the art is {width}x{height}.")
    if art.frame.dtype != np.uint8 or art.frame.ndim != 3 or art.frame.shape[2] != 3:
        raise ValueError("SceneArt.frame must be an (H, W, 3) uint8 array.")
    if not 0 <= crf <= 51:
        raise ValueError(f"crf must be within 0-51, got {crf}.")
    if preset not in PRESETS:
        raise ValueError(f"Unknown x264 preset {preset!r}.")
    for line in speech:
        if line.sample_rate <= 0 or np.asarray(line.samples).ndim not in (1, 2):
            raise ValueError(f"Speech for {line.speaker!r} needs samples and a positive sample rate.")


def tracks_for(speech: list[Speech], n_frames: int, fps: int) -> dict[str, MouthTrack]:
    by_speaker: dict[str, list[tuple[float, list[Timed], np.ndarray, int]]] = {}
    for line in speech:
        samples = np.asarray(line.samples, dtype=np.float32)
        if samples.ndim == 2:  # a stereo file read as (frames, channels): loudness of the mix
            samples = samples.mean(axis=1)
        by_speaker.setdefault(line.speaker, []).append((line.start, line.phonemes, samples, line.sample_rate))
    return {name: mouth_track(lines, n_frames, fps) for name, lines in by_speaker.items()}


def iter_frames(art: SceneArt, tracks: dict[str, MouthTrack], blinks: dict[str, np.ndarray],
                n_frames: int) -> Iterator[np.ndarray]:
    """Yield each frame. The same buffer is reused: consume (write or copy) it before the next one."""
    base = art.frame
    work = base.copy()
    actors = list(art.actors.values())
    for i in range(n_frames):
        touched = []
        for actor in actors:
            track = tracks.get(actor.name)
            if track is not None and track.visemes[i] != "rest":
                x, y, w, h = actor.mouth_box
                work[y : y + h, x : x + w] = actor.mouth(track.visemes[i])
                touched.append(actor.mouth_box)
            if blinks[actor.name][i]:
                x, y, w, h = actor.eyes_box
                work[y : y + h, x : x + w] = actor.eyes_closed
                touched.append(actor.eyes_box)
        yield work
        for x, y, w, h in touched:  # restore only what changed
            work[y : y + h, x : x + w] = base[y : y + h, x : x + w]


def _snap(value: float) -> float:
    # Quarter steps keep the crop offset an integer for widths growing in steps of 4: no sub-pixel jitter.
    return min((0.25, 0.5, 0.75), key=lambda q: abs(q - value))


def camera_filter(width: int, height: int, n_frames: int, duration: float, focus: tuple[float, float]) -> str:
    """ffmpeg filters for an eased push-in towards the characters' heads, output at the input size."""
    zoom = min(0.08, 0.03 + 0.005 * duration)
    last = max(n_frames - 1, 1)
    ease = f"(n/{last})*(n/{last})*(3-2*(n/{last}))"
    grow_w = f"{width}+4*floor({width * zoom:.3f}*{ease}/4)"
    grow_h = f"{height}+4*floor({height * zoom:.3f}*{ease}/4)"
    fx, fy = _snap(focus[0]), _snap(focus[1])
    return (f"scale=w='{grow_w}':h='{grow_h}':eval=frame:flags=bicubic,"
            f"crop=w={width}:h={height}:x='(in_w-{width})*{fx}':y='(in_h-{height})*{fy}',format=yuv420p")


def render_clip(art: SceneArt, speech: list[Speech], duration: float, fps: int, out_path: Path, crf: int = 23,
                preset: str = "veryfast") -> ClipStats:
    """Write an H.264 MP4 (no audio) of exactly round(duration * fps) frames through one ffmpeg process."""
    _validate(art, speech, duration, fps, crf, preset)
    began = time.perf_counter()
    width, height = art.size
    n_frames = max(1, round(duration * fps))
    tracks = tracks_for(speech, n_frames, fps)
    blinks = {name: blink_frames(name, n_frames, fps) for name in art.actors}
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    args = ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}", "-r", str(fps), "-i", "-", "-an",
            "-vf", camera_filter(width, height, n_frames, duration, art.focus), "-c:v", "libx264", "-preset", preset,
            "-crf", str(crf), "-pix_fmt", "yuv420p", "-r", str(fps), "-movflags", "+faststart", str(out_path)]
    proc = open_ffmpeg_writer(args)
    assert proc.stdin is not None
    compose = 0.0
    try:
        mark = time.perf_counter()
        for frame in iter_frames(art, tracks, blinks, n_frames):
            compose += time.perf_counter() - mark
            proc.stdin.write(frame.data)
            mark = time.perf_counter()
    except BrokenPipeError:
        proc.wait()
        message = proc.stderr.read().decode(errors="replace").strip()[-500:] if proc.stderr else ""
        raise RuntimeError(f"ffmpeg stopped while reading frames ({proc.returncode}): {message}") from None
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    close_ffmpeg_writer(proc)
    return ClipStats(
        frames=n_frames, seconds=n_frames / fps, fps=fps,
        openness={n: t.openness for n, t in tracks.items()}, loudness={n: t.loudness for n, t in tracks.items()},
        visemes={n: t.visemes for n, t in tracks.items()},
        blinks=int(sum(int(b.sum()) for b in blinks.values())), compose_seconds=compose,
        wall_seconds=time.perf_counter() - began)
