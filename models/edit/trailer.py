"""A trailer of 15-30 s, never more than 40% of the film: a title card, the film's strongest lines, an
end card; one ffmpeg encode. A 10 s film gets a 4 s trailer, not one as long as the film.

The pictures are cut from the scene clips and the sound from the mix, the two things the final cut
joins, so the trailer need not wait for the final cut; an identical set of cuts is served from a
cache keyed by the bytes it is cut from.
"""

from __future__ import annotations

import hashlib
import wave
from dataclasses import dataclass
from pathlib import Path

from integrations.ffmpeg import run_ffmpeg

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


def trailer_key(pieces: list[Piece], cards: tuple[Path, Path], fps: int, film_seconds: float | None) -> str:
    """What the trailer's bytes depend on: each clip's bytes and where it is cut, each sound window's
    samples (a WAV) or file bytes, the cards' pixels, the frame rate and the encoder settings."""
    digest = hashlib.sha256(f"trailer-v1|{PRESET}|{fps}|{film_seconds}".encode())
    files: dict[Path, str] = {}

    def of(path: Path) -> str:
        if path not in files:
            files[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        return files[path]

    for piece in pieces:
        for stretch in piece.video:
            digest.update(f"|v{of(stretch.path)}@{stretch.start:.3f}+{stretch.seconds:.3f}".encode())
        sound = piece.audio
        if sound.path.suffix.lower() == ".wav":
            digest.update(hashlib.sha256(_wav_window(sound.path, sound.start, sound.seconds)).digest())
        else:
            digest.update(f"|a{of(sound.path)}@{sound.start:.3f}+{sound.seconds:.3f}".encode())
    for card in cards:
        digest.update(of(card).encode())
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


def render_trailer(
    pieces: list[Piece],
    title_card: Path,
    end_card: Path,
    out_path: Path,
    fps: int,
    film_seconds: float | None = None,
) -> float:
    """Encode the trailer and return its length in seconds (at most `trailer_cap(film_seconds)`).
    Pictures and sound are joined by two separate concats, so a moment whose pictures cross a scene
    cut (two clips) keeps one continuous stretch of sound."""
    clip_seconds = sum(piece.seconds for piece in pieces)
    card = card_seconds(clip_seconds, film_seconds)
    still = ["-loop", "1", "-framerate", str(fps), "-t", f"{card:.3f}", "-i"]
    args: list[str] = [*still, str(title_card), *still, str(end_card)]
    args += ["-f", "lavfi", "-t", f"{card:.3f}", "-i", "anullsrc=r=48000:cl=stereo"]
    video, audio = ["[0:v]format=yuv420p,setsar=1[v0];"], ["[2:a]asplit=2[s0][s1];"]
    video_labels, audio_labels = ["[v0]"], ["[s0]"]
    index = 3
    for piece in pieces:
        for stretch in piece.video:
            args += ["-ss", f"{stretch.start:.3f}", "-t", f"{stretch.seconds:.3f}", "-i", str(stretch.path)]
            video.append(f"[{index}:v]fps={fps},format=yuv420p,setsar=1[v{index}];")
            video_labels.append(f"[v{index}]")
            index += 1
        sound = piece.audio
        args += ["-ss", f"{sound.start:.3f}", "-t", f"{sound.seconds:.3f}", "-i", str(sound.path)]
        audio.append(f"[{index}:a]aformat=sample_rates=48000:channel_layouts=stereo[a{index}];")
        audio_labels.append(f"[a{index}]")
        index += 1
    video.append("[1:v]format=yuv420p,setsar=1[v1];")
    video_labels.append("[v1]")
    audio_labels.append("[s1]")
    graph = (
        "".join(video + audio)
        + "".join(video_labels) + f"concat=n={len(video_labels)}:v=1:a=0[v];"
        + "".join(audio_labels) + f"concat=n={len(audio_labels)}:v=0:a=1[a]"
    )  # fmt: skip
    run_ffmpeg(
        [*args, "-filter_complex", graph, "-map", "[v]", "-map", "[a]", "-r", str(fps),
         "-c:v", "libx264", "-preset", PRESET, "-crf", "23", "-pix_fmt", "yuv420p",
         "-c:a", "aac", "-b:a", "160k", "-movflags", "+faststart", str(out_path)]
    )  # fmt: skip
    return clip_seconds + 2 * card
