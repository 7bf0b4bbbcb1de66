"""Animate a SceneArt into an H.264 clip: mouths, blinks and head motion per frame, a directed camera.

Composition is numpy slice copies into one reused buffer (mouth, eye and moved-head patches made
once); the camera (shots cut on line boundaries, push-ins, pans), fades, burned-in subtitles and the
watermark are ffmpeg filters in the same process that encodes, so Python never resamples a frame.
"""

from __future__ import annotations

import math
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from integrations.ffmpeg import close_ffmpeg_writer, ffmpeg_errors, open_ffmpeg_writer
from models.edit.overlays import SubtitleStyle, subtitles_filter, watermark_filter, write_ass
from models.image.art import SceneArt
from models.lipsync.body import Bodies, Stage, body_motion, figure_changes, staged_at
from models.lipsync.camera import Beat, Shot, camera_filter, plan_shots
from models.lipsync.facing import facing_frames
from models.lipsync.gestures import ARM_KINDS, ArmRig, Gesture, LightChange, arm_angles, arm_side, nod_offsets
from models.lipsync.heads import MAX_DY, HeadRig, LineCue, head_offsets
from models.lipsync.timeline import MouthTrack, blink_frames, mouth_track
from models.voice.base import Timed

FPS_CHOICES = (12, 24, 25, 30)  # 12: the draft pass
MAX_INLINE_FILTER = 30_000  # characters; longer filter graphs are read from a file
PRESETS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow")


@dataclass
class Speech:
    speaker: str  # Character.name, as in SceneArt.actors
    start: float  # seconds from the clip's start
    phonemes: list[Timed]  # times relative to the speech's start
    samples: np.ndarray  # mono float32 of the line
    sample_rate: int
    emotion: str = "neutral"  # Line.emotion: picks the framing and the gesture
    text: str = ""  # the line's words: whom it names is whom the speaker turns to

    @property
    def end(self) -> float:
        return self.start + len(self.samples) / self.sample_rate


@dataclass
class Direction:
    """How a clip is shot and finished, beyond its picture and its speech."""

    mode: str = "film"  # film | podcast (close-ups on whoever speaks)
    shots: list[Shot] | None = None  # None: planned from the speech
    fade_in: float = 0.0  # seconds from black at the start
    fade_out: float = 0.0  # seconds to black at the end
    dissolve_from: np.ndarray | None = None  # the previous scene's closing picture, same size as the art
    dissolve_seconds: float = 0.0
    watermark: bool = False
    subtitles: list[tuple[float, float, str]] = field(default_factory=list)  # clip seconds
    subtitle_style: SubtitleStyle | None = None
    head_motion: bool = True
    gestures: list[Gesture] = field(default_factory=list)  # action beats (models.lipsync.gestures)
    lights: list[LightChange] = field(default_factory=list)  # a lamp lit or put out during the clip


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
    shots: list[Shot] = field(default_factory=list)
    fades: list[tuple[float, float]] = field(default_factory=list)  # clip seconds where black is intended
    figure_moves: dict[str, list[list[int]]] = field(default_factory=dict)  # per moved or turned figure: [frame,
    # dx, dy, shown, facing] from that frame on (models/lipsync/body.py), so a check finds a seated or
    # turned speaker's mouth

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


Heads = dict[str, tuple[HeadRig, np.ndarray, np.ndarray]]  # per actor: rig, dx and dy per frame
Arms = dict[str, tuple[ArmRig, np.ndarray]]  # per gesturing actor: rig and arm angle per frame (NaN: at rest)


def arm_motion(art: SceneArt, gestures: list[Gesture], n_frames: int, fps: int) -> Arms:
    """Each gesturing on-screen character's arm rig and its angle per frame (a later beat wins)."""
    arms: Arms = {}
    for name, actor in art.actors.items():
        own = [g for g in gestures if g.actor == name and g.kind in ARM_KINDS]
        if not own:
            continue
        angles = np.full(n_frames, np.nan)
        for gesture in own:
            a = arm_angles(gesture, n_frames, fps)
            angles = np.where(np.isnan(a), angles, a)
        others = [o for n, o in art.actors.items() if n != name]
        arms[name] = (ArmRig(art.frame, actor, arm_side(actor, others)), angles)
    return arms


def _centres(art: SceneArt) -> dict[str, float]:
    """Each actor's head centre across the frame, 0 (left) to 1 (right)."""
    return {name: (a.head_box[0] + a.head_box[2] / 2) / art.size[0] for name, a in art.actors.items()}


def _cues(speech: list[Speech]) -> list[LineCue]:
    return [LineCue(s.speaker, s.start, s.end, s.emotion, s.text) for s in speech]


def head_motion(art: SceneArt, speech: list[Speech], tracks: dict[str, MouthTrack], n_frames: int,
                fps: int, gestures: list[Gesture] | None = None) -> Heads:  # fmt: skip
    """Each on-screen character's rig and per-frame head offsets."""
    centres = _centres(art)
    lines = _cues(speech)
    heads: Heads = {}
    for name, actor in art.actors.items():
        others = {n: x for n, x in centres.items() if n != name}
        track = tracks.get(name)
        dx, dy = head_offsets(name, centres[name], others, lines, track.loudness if track else None, n_frames, fps)
        if gestures:
            nods = np.rint(nod_offsets(gestures, name, n_frames, fps)).astype(np.int8)
            dy = np.clip(dy + nods, -MAX_DY, MAX_DY).astype(np.int8)
        heads[name] = (HeadRig(art.frame, actor), dx, dy)
    return heads


def _spans(speech: list[Speech]) -> dict[str, list[tuple[float, float]]]:
    spans: dict[str, list[tuple[float, float]]] = {}
    for line in speech:
        spans.setdefault(line.speaker, []).append((line.start, line.end))
    return spans


def _inside(box: tuple[int, int, int, int], dx: int, dy: int, width: int, height: int) -> bool:
    x, y, w, h = box
    return 0 <= x + dx and x + dx + w <= width and 0 <= y + dy and y + dy + h <= height


def iter_frames(
    art: SceneArt,
    tracks: dict[str, MouthTrack],
    blinks: dict[str, np.ndarray],
    n_frames: int,
    heads: Heads | None = None,
    arms: Arms | None = None,
    bodies: Bodies | None = None,
) -> Iterator[np.ndarray]:
    """Yield each frame. The same buffer is reused: consume (write or copy) it before the next one.

    Moved or turned figures (`bodies`) are emptied from their places and pasted at their offsets, in
    their views, first (into a plate kept per held state, models.lipsync.body.Stage); heads, arms, mouths
    and eyes then follow their figure's offset (mouths and eyes from the view shown), and a figure out
    of frame shows none. Only what changes from frame to frame is copied, then restored from the plate."""
    work = art.frame.copy()
    width, height = art.size
    actors = list(art.actors.values())
    bodies = bodies or {}
    stage = Stage(art.frame, bodies)  # the figures composed once per held place and view, not per frame
    for i in range(n_frames):
        for x, y, w, h in stage.at(i):  # a figure moved or turned: the frame takes the plate's new pixels
            work[y : y + h, x : x + w] = stage.plate[y : y + h, x : x + w]
        base = stage.plate
        touched: list[tuple[int, int, int, int]] = []
        for actor in actors:
            body = bodies.get(actor.name)
            if body is not None and not body.shown[i]:
                continue  # walked out: nothing of it to draw
            bx, by, bf = (int(body.dx[i]), int(body.dy[i]), int(body.facing[i])) if body is not None else (0, 0, 0)
            seen = body.views.get(bf, actor) if body is not None else actor  # the view shown: its mouth and eyes
            dx = dy = 0
            if heads is not None and actor.name in heads:
                rig, dxs, dys = heads[actor.name]
                held = body.heads.get((bx, by, bf)) if body is not None and (bx or by or bf) else rig
                dx, dy = (int(dxs[i]), int(dys[i])) if held is not None else (0, 0)  # sliding: the head holds
                if not (_inside(seen.mouth_box, bx + dx, by + dy, width, height)
                        and _inside(seen.eyes_box, bx + dx, by + dy, width, height)):  # fmt: skip
                    dx = dy = 0
                if held is not None and (dx or dy):
                    x, y, w, h = held.region
                    work[y : y + h, x : x + w] = held.patch(dx, dy)
                    touched.append(held.region)
            if arms is not None and actor.name in arms and not np.isnan(arms[actor.name][1][i]):
                touched.append(arms[actor.name][0].draw(work, float(arms[actor.name][1][i]), bx, by))
            dx, dy = dx + bx, dy + by
            track = tracks.get(actor.name)
            if track is not None and track.visemes[i] != "rest" and _inside(seen.mouth_box, dx, dy, width, height):
                x, y, w, h = seen.mouth_box
                work[y + dy : y + dy + h, x + dx : x + dx + w] = seen.mouth(track.visemes[i])
                touched.append((x + dx, y + dy, w, h))
            if blinks[actor.name][i] and _inside(seen.eyes_box, dx, dy, width, height):
                x, y, w, h = seen.eyes_box
                work[y + dy : y + dy + h, x + dx : x + dx + w] = seen.eyes_closed
                touched.append((x + dx, y + dy, w, h))
        yield work
        for x, y, w, h in touched:  # restore only what changed
            work[y : y + h, x : x + w] = base[y : y + h, x : x + w]


def _dissolved(frames: Iterator[np.ndarray], still: np.ndarray | None, count: int) -> Iterator[np.ndarray]:
    """The first `count` frames cross-faded from `still` (the previous scene's last picture)."""
    if still is None or count <= 0:
        yield from frames
        return
    source = still.astype(np.float32)
    for i, frame in enumerate(frames):
        if i < count:
            a = (i + 1) / (count + 1)
            yield np.rint(source * (1 - a) + frame.astype(np.float32) * a).astype(np.uint8)
        else:
            yield frame


def video_filters(art: SceneArt, direction: Direction, shots: list[Shot], n_frames: int, fps: int,
                  ass_name: str | None) -> str:  # fmt: skip
    """The clip's filter chain: camera, fades, burned-in subtitles, watermark, then 4:2:0 for H.264."""
    width, height = art.size
    seconds = n_frames / fps
    chain = [camera_filter(shots, width, height, fps), *(light.filter() for light in direction.lights)]
    if direction.fade_in > 0:
        chain.append(f"fade=t=in:st=0:d={direction.fade_in:.3f}")
    if direction.fade_out > 0:
        chain.append(f"fade=t=out:st={max(seconds - direction.fade_out, 0):.3f}:d={direction.fade_out:.3f}")
    if ass_name:
        chain.append(subtitles_filter(ass_name))
    if direction.watermark:
        style = direction.subtitle_style
        chain.append(watermark_filter(width, height, "bottom" if style and style.position == "top" else "top"))
    chain.append("format=yuv420p")
    return ",".join(chain)


def _fades(direction: Direction, seconds: float) -> list[tuple[float, float]]:
    fades = []
    if direction.fade_in > 0:
        fades.append((0.0, direction.fade_in))
    if direction.fade_out > 0:
        fades.append((max(seconds - direction.fade_out, 0.0), seconds))
    return fades


def render_clip(
    art: SceneArt,
    speech: list[Speech],
    duration: float,
    fps: int,
    out_path: Path,
    crf: int = 23,
    preset: str = "veryfast",
    direction: Direction | None = None,
) -> ClipStats:
    """Write an H.264 MP4 (no audio) of exactly round(duration * fps) frames through one ffmpeg process."""
    _validate(art, speech, duration, fps, crf, preset)
    direction = direction or Direction()
    began = time.perf_counter()
    width, height = art.size
    n_frames = max(1, round(duration * fps))
    tracks = tracks_for(speech, n_frames, fps)
    blinks = {name: blink_frames(name, n_frames, fps) for name in art.actors}
    heads = head_motion(art, speech, tracks, n_frames, fps, direction.gestures) if direction.head_motion else None
    arms = arm_motion(art, direction.gestures, n_frames, fps) if direction.gestures else None
    facings = facing_frames(_cues(speech), _centres(art), n_frames, fps)  # who turns to whom, per frame
    bodies = body_motion(art, direction.gestures, _spans(speech), n_frames, fps, facings)
    beats = [Beat(s.speaker, s.start, s.end, s.emotion) for s in speech]
    staging = (lambda t: staged_at(art, bodies, fps, t)) if bodies else None  # where the figures are at a cut
    shots = direction.shots or plan_shots(art, beats, n_frames / fps, direction.mode, staging)
    if direction.dissolve_from is not None and direction.dissolve_from.shape != art.frame.shape:
        raise ValueError("The picture to dissolve from must have the same size as the scene's art.")
    out_path = Path(out_path).resolve()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work_dir:
        ass_name = None
        if direction.subtitle_style is not None and direction.subtitles:
            ass_name = write_ass(Path(work_dir) / "subs.ass", direction.subtitles, direction.subtitle_style,
                                 art.size).name  # fmt: skip
        vf = video_filters(art, direction, shots, n_frames, fps, ass_name)
        filters = ["-vf", vf]
        if len(vf) > MAX_INLINE_FILTER:  # a scene with very many lines: one argument may not exceed 128 KiB
            (Path(work_dir) / "camera.vf").write_text(vf)
            filters = ["-/vf", "camera.vf"]
        args = ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}", "-r", str(fps), "-i", "-", "-an",
                *filters, "-c:v", "libx264", "-preset", preset, "-crf", str(crf), "-pix_fmt", "yuv420p",
                "-r", str(fps), "-movflags", "+faststart", str(out_path)]  # fmt: skip
        proc = open_ffmpeg_writer(args, cwd=Path(work_dir))
        assert proc.stdin is not None
        compose = 0.0
        frames = _dissolved(iter_frames(art, tracks, blinks, n_frames, heads, arms, bodies),
                            direction.dissolve_from, round(direction.dissolve_seconds * fps))  # fmt: skip
        try:
            mark = time.perf_counter()
            for frame in frames:
                compose += time.perf_counter() - mark
                proc.stdin.write(frame.data)
                mark = time.perf_counter()
        except BrokenPipeError:
            proc.wait()
            raise RuntimeError(
                f"ffmpeg stopped while reading frames ({proc.returncode}): {ffmpeg_errors(proc)}"
            ) from None
        except BaseException:
            proc.kill()
            proc.wait()
            ffmpeg_errors(proc)
            raise
        close_ffmpeg_writer(proc)
    return ClipStats(
        frames=n_frames,
        seconds=n_frames / fps,
        fps=fps,
        openness={n: t.openness for n, t in tracks.items()},
        loudness={n: t.loudness for n, t in tracks.items()},
        visemes={n: t.visemes for n, t in tracks.items()},
        blinks=int(sum(int(b.sum()) for b in blinks.values())),
        compose_seconds=compose,
        wall_seconds=time.perf_counter() - began,
        shots=shots,
        fades=_fades(direction, n_frames / fps),
        figure_moves={name: figure_changes(track) for name, track in bodies.items()},
    )
