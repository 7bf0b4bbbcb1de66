"""A trailer of 15-30 s, never more than 40% of the film: a title card, the film's strongest lines, an
end card. A 10 s film gets a 4 s trailer, not one as long as the film.

The pictures are cut from the scene clips and the sound from the mix, the two things the final cut
joins, so the trailer need not wait for the final cut; an identical set of cuts is served from a
cache keyed by the bytes it is cut from. Each stretch of pictures is encoded on its own and kept,
so a re-render after a one-scene edit re-encodes only the stretches cut from that scene's clip.
"""

from __future__ import annotations

import hashlib
import shutil
import wave
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from integrations.ffmpeg import run_ffmpeg
from models.edit.assemble import concat_list
from models.film.scene_cache import FileCache

MIN_SECONDS = 15.0
MAX_SECONDS = 30.0
MAX_SHARE = 0.4  # a trailer longer than this share of the film is just the film again
CARD_SECONDS = 3.0
PAD = 0.25  # keep a breath around each line so cuts do not clip words
# The trailer re-encodes cuts of the finished film; superfast halves that encode against veryfast,
# and at CRF 23 flat illustrated pictures lose nothing a viewer sees.
PRESET = "superfast"


@dataclass(frozen=True)
class Moment:
    start: float
    end: float
    strength: float  # higher is more striking (emotion, exclamation, length)


@dataclass(frozen=True)
class Stretch:
    """`seconds` of a media file from `start`."""

    path: Path
    start: float
    seconds: float


@dataclass(frozen=True)
class Piece:
    """One chosen moment: its pictures (one stretch per scene clip it crosses) and its sound."""

    video: tuple[Stretch, ...]
    audio: Stretch

    @property
    def seconds(self) -> float:
        return self.audio.seconds


def film_pieces(film: Path, moments: list[tuple[float, float]]) -> list[Piece]:
    """Pieces cut from one finished film (pictures and sound from the same file)."""
    return [Piece((Stretch(film, s, e - s),), Stretch(film, s, e - s)) for s, e in moments]


def clip_pieces(clips: list[tuple[Path, float]], mix: Path, moments: list[tuple[float, float]]) -> list[Piece]:
    """Pieces cut from the scene clips (path, seconds, in film order) and the mix: what the final cut
    joins, so the trailer's pictures and sound are the film's own."""
    pieces = []
    for start, end in moments:
        stretches, offset = [], 0.0
        for path, seconds in clips:
            lo, hi = max(start, offset), min(end, offset + seconds)
            if hi - lo > 1e-3:
                stretches.append(Stretch(path, lo - offset, hi - lo))
            offset += seconds
        if stretches:
            pieces.append(Piece(tuple(stretches), Stretch(mix, start, sum(s.seconds for s in stretches))))
    return pieces


def _wav_window(path: Path, start: float, seconds: float) -> bytes:
    with wave.open(str(path), "rb") as wav:
        rate = wav.getframerate()
        wav.setpos(min(wav.getnframes(), round(start * rate)))
        return wav.readframes(round(seconds * rate))


class Digests:
    """SHA-256 of each file's bytes, read once (the whole-trailer key and the part keys share one)."""

    def __init__(self) -> None:
        self.seen: dict[Path, str] = {}

    def of(self, path: Path) -> str:
        if path not in self.seen:
            self.seen[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        return self.seen[path]


def trailer_key(pieces: list[Piece], cards: tuple[Path, Path], fps: int, film_seconds: float | None,
                files: Digests | None = None) -> str:  # fmt: skip
    """What the trailer's bytes depend on: each clip's bytes and where it is cut, each sound window's
    samples (a WAV) or file bytes, the cards' pixels, the frame rate and the encoder settings."""
    digest = hashlib.sha256(f"trailer-v1|{PRESET}|{fps}|{film_seconds}".encode())
    files = files or Digests()
    for piece in pieces:
        for stretch in piece.video:
            digest.update(f"|v{files.of(stretch.path)}@{stretch.start:.3f}+{stretch.seconds:.3f}".encode())
        sound = piece.audio
        if sound.path.suffix.lower() == ".wav":
            digest.update(hashlib.sha256(_wav_window(sound.path, sound.start, sound.seconds)).digest())
        else:
            digest.update(f"|a{files.of(sound.path)}@{sound.start:.3f}+{sound.seconds:.3f}".encode())
    for card in cards:
        digest.update(files.of(card).encode())
    return digest.hexdigest()


def choose_moments(moments: list[Moment], film_seconds: float, budget: float) -> list[tuple[float, float]]:
    """The strongest moments that fit in `budget` seconds, in film order, padded and clamped."""
    chosen: list[tuple[float, float]] = []
    used = 0.0
    for moment in sorted(moments, key=lambda m: -m.strength):
        start, end = max(moment.start - PAD, 0.0), min(moment.end + PAD, film_seconds)
        if end - start <= 0 or used + (end - start) > budget:
            continue
        chosen.append((start, end))
        used += end - start
    if not chosen and moments and budget > 0:  # a short film's budget: the strongest line, cut to fit
        best = max(moments, key=lambda m: m.strength)
        start = max(best.start - PAD, 0.0)
        end = min(best.end + PAD, film_seconds, start + budget)
        if end > start:
            chosen.append((start, end))
    return sorted(chosen)


def trailer_cap(film_seconds: float | None) -> float:
    """The longest trailer a film may have: 30 s, and never more than 40% of the film."""
    if film_seconds is None:
        return MAX_SECONDS
    return min(MAX_SECONDS, MAX_SHARE * max(film_seconds, 0.0))


def _shortest_card(film_seconds: float | None) -> float:
    # Cards shrink with a short film's cap, so the two of them never take more than half of it.
    return min(CARD_SECONDS, trailer_cap(film_seconds) / 4)


def clip_budget(film_seconds: float | None) -> float:
    """Seconds of the film's own moments that fit in the trailer beside its two cards."""
    return max(0.0, trailer_cap(film_seconds) - 2 * _shortest_card(film_seconds))


def card_seconds(clip_seconds: float, film_seconds: float | None = None) -> float:
    """Cards long enough that the trailer reaches 15 s (or its cap, for a short film), never past the cap."""
    target = min(MIN_SECONDS, trailer_cap(film_seconds))
    return max(_shortest_card(film_seconds), (target - clip_seconds) / 2)


def _frames(seconds: float, fps: int) -> int:
    # Whole frames, rounded down: the trailer never runs past its cap, and each stretch of sound is
    # cut to exactly the frames shown over it.
    return int(seconds * fps + 1e-6)


def _encode_part(inputs: list[str], frames: int, fps: int, out: Path, key: str, parts: FileCache | None) -> Path:
    """One stretch of the trailer's pictures as its own H.264 file (kept in `parts` under `key`), so
    an edit that changes one scene's clip re-encodes only the stretches cut from that clip."""
    if parts is not None and parts.fetch(key, out) is not None:
        return out
    run_ffmpeg(
        [*inputs, "-vf", f"fps={fps},format=yuv420p,setsar=1", "-frames:v", str(frames), "-an",
         "-c:v", "libx264", "-preset", PRESET, "-crf", "23", "-pix_fmt", "yuv420p",
         "-video_track_timescale", str(fps * 1000), str(out)]
    )  # fmt: skip
    if parts is not None:
        parts.store(key, out, {"frames": frames})
    return out


def render_trailer(
    pieces: list[Piece],
    title_card: Path,
    end_card: Path,
    out_path: Path,
    fps: int,
    film_seconds: float | None = None,
    parts: FileCache | None = None,
    digest: Digests | None = None,
) -> float:
    """Encode the trailer and return its length in seconds (at most `trailer_cap(film_seconds)`).

    Each stretch of pictures (a card, or a cut of one clip) is encoded on its own, with the same
    settings, and the stretches are joined without re-encoding; `parts` keeps them by the bytes they
    are cut from. The sound is one concat of the mix's windows, so a moment whose pictures cross a
    scene cut (two clips) keeps one continuous stretch of sound.
    """
    digest = digest or Digests()
    card_frames = _frames(card_seconds(sum(piece.seconds for piece in pieces), film_seconds), fps)
    work = out_path.parent / f".{out_path.stem}.parts"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    jobs: list[tuple[list[str], int, str]] = []  # (ffmpeg inputs, frames, cache key)
    card_inputs = ["-loop", "1", "-framerate", str(fps), "-i"]
    jobs.append(([*card_inputs, str(title_card)], card_frames, digest.of(title_card)))
    sounds: list[tuple[Stretch, int]] = []
    for piece in pieces:
        piece_frames = 0
        for stretch in piece.video:
            frames = _frames(stretch.seconds, fps)
            if frames == 0:
                continue
            inputs = ["-ss", f"{stretch.start:.3f}", "-i", str(stretch.path)]
            jobs.append((inputs, frames, f"{digest.of(stretch.path)}@{stretch.start:.3f}"))
            piece_frames += frames
        if piece_frames:
            sounds.append((piece.audio, piece_frames))
    jobs.append(([*card_inputs, str(end_card)], card_frames, digest.of(end_card)))
    settings = f"trailer-part-v1|{PRESET}|23|{fps}"

    def encode(numbered: tuple[int, tuple[list[str], int, str]]) -> Path:
        number, (inputs, frames, source) = numbered
        key = hashlib.sha256(f"{settings}|{source}|{frames}".encode()).hexdigest()
        return _encode_part(inputs, frames, fps, work / f"{number:03d}.mp4", key, parts)

    with ThreadPoolExecutor(max_workers=2) as pool:  # two ffmpeg processes keep both cores busy on short parts
        files = list(pool.map(encode, enumerate(jobs)))
    card_s = card_frames / fps
    args = ["-f", "concat", "-safe", "0", "-i", str(concat_list(files, work))]
    args += ["-f", "lavfi", "-t", f"{card_s:.6f}", "-i", "anullsrc=r=48000:cl=stereo"]
    audio, labels = ["[1:a]asplit=2[s0][s1];"], ["[s0]"]
    for index, (sound, frames) in enumerate(sounds, 2):
        args += ["-ss", f"{sound.start:.3f}", "-t", f"{frames / fps:.6f}", "-i", str(sound.path)]
        audio.append(f"[{index}:a]aformat=sample_rates=48000:channel_layouts=stereo[a{index}];")
        labels.append(f"[a{index}]")
    labels.append("[s1]")
    graph = "".join(audio) + "".join(labels) + f"concat=n={len(labels)}:v=0:a=1[a]"
    run_ffmpeg(
        [*args, "-filter_complex", graph, "-map", "0:v", "-map", "[a]", "-c:v", "copy",
         "-c:a", "aac", "-b:a", "160k", "-movflags", "+faststart", str(out_path)]
    )  # fmt: skip
    shutil.rmtree(work, ignore_errors=True)
    return (2 * card_frames + sum(frames for _, frames in sounds)) / fps
