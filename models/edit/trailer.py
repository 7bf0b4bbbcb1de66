"""A 15-30 s trailer: a title card, the film's strongest lines, an end card; one ffmpeg encode."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from integrations.ffmpeg import run_ffmpeg

MIN_SECONDS = 15.0
MAX_SECONDS = 30.0
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
    return sorted(chosen)


def card_seconds(clip_seconds: float) -> float:
    """Cards long enough that the trailer reaches 15 s even when the film is very short."""
    return max(CARD_SECONDS, (MIN_SECONDS - clip_seconds) / 2)


def render_trailer(
    film: Path, moments: list[tuple[float, float]], title_card: Path, end_card: Path, out_path: Path, fps: int
) -> float:
    """Encode the trailer and return its length in seconds."""
    clip_seconds = sum(end - start for start, end in moments)
    card = card_seconds(clip_seconds)
    args: list[str] = ["-loop", "1", "-framerate", str(fps), "-t", f"{card:.3f}", "-i", str(title_card)]
    for start, end in moments:
        args += ["-ss", f"{start:.3f}", "-t", f"{end - start:.3f}", "-i", str(film)]
    args += ["-loop", "1", "-framerate", str(fps), "-t", f"{card:.3f}", "-i", str(end_card)]
    args += ["-f", "lavfi", "-t", f"{card:.3f}", "-i", "anullsrc=r=48000:cl=stereo"]
    silence = len(moments) + 2
    parts = [f"[{silence}:a]asplit=2[s0][s1];[0:v]format=yuv420p,setsar=1[v0];"]
    labels = ["[v0][s0]"]
    for i in range(1, len(moments) + 1):
        parts.append(
            f"[{i}:v]format=yuv420p,setsar=1[v{i}];[{i}:a]aformat=sample_rates=48000:channel_layouts=stereo[a{i}];"
        )
        labels.append(f"[v{i}][a{i}]")
    last = len(moments) + 1
    parts.append(f"[{last}:v]format=yuv420p,setsar=1[v{last}];")
    labels.append(f"[v{last}][s1]")
    graph = "".join(parts) + "".join(labels) + f"concat=n={len(labels)}:v=1:a=1[v][a]"
    run_ffmpeg(
        [*args, "-filter_complex", graph, "-map", "[v]", "-map", "[a]", "-r", str(fps),
         "-c:v", "libx264", "-preset", PRESET, "-crf", "23", "-pix_fmt", "yuv420p",
         "-c:a", "aac", "-b:a", "160k", "-movflags", "+faststart", str(out_path)]
    )  # fmt: skip
    return clip_seconds + 2 * card
