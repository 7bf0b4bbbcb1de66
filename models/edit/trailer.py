"""A trailer of 15-30 s, never more than 40% of the film: a title card, the film's strongest lines, an
end card; one ffmpeg encode. A 10 s film gets a 4 s trailer, not one as long as the film."""

from __future__ import annotations

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
    film: Path,
    moments: list[tuple[float, float]],
    title_card: Path,
    end_card: Path,
    out_path: Path,
    fps: int,
    film_seconds: float | None = None,
) -> float:
    """Encode the trailer and return its length in seconds (at most `trailer_cap(film_seconds)`)."""
    clip_seconds = sum(end - start for start, end in moments)
    card = card_seconds(clip_seconds, film_seconds)
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
