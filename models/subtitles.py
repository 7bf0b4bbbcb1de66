"""SRT and WebVTT subtitles from cues timed on the film's real audio."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

MAX_CUE_CHARS = 84  # two lines of 42, the usual broadcast limit
LINE_WIDTH = 42


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


def split_cues(start: float, end: float, text: str, words: list[tuple[str, float, float]] | None = None) -> list[Cue]:
    """One cue per line of dialogue, split into readable chunks; word times place each chunk."""
    text = " ".join(text.split())
    if len(text) <= MAX_CUE_CHARS:
        return [Cue(start, end, text)]
    chunks = textwrap.wrap(text, MAX_CUE_CHARS)
    total = sum(len(c) for c in chunks)
    cues: list[Cue] = []
    clock = start
    for chunk in chunks:
        # Without usable word times, a chunk lasts in proportion to its characters.
        length = (end - start) * len(chunk) / total
        cues.append(Cue(clock, min(clock + length, end), chunk))
        clock += length
    if words:
        cues = _snap_to_words(cues, chunks, words, end)
    return cues


def _snap_to_words(cues: list[Cue], chunks: list[str], words: list[tuple[str, float, float]], end: float) -> list[Cue]:
    counts = [len(chunk.split()) for chunk in chunks]
    if sum(counts) != len(words):
        return cues
    snapped: list[Cue] = []
    index = 0
    for chunk, count in zip(chunks, counts):
        first, last = words[index], words[index + count - 1]
        snapped.append(Cue(first[1], min(last[2], end), chunk))
        index += count
    return snapped


def _stamp(seconds: float, separator: str) -> str:
    millis = max(int(round(seconds * 1000)), 0)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def _wrapped(text: str) -> str:
    return "\n".join(textwrap.wrap(text, LINE_WIDTH)) or text


def to_srt(cues: list[Cue]) -> str:
    blocks = [
        f"{i}\n{_stamp(c.start, ',')} --> {_stamp(c.end, ',')}\n{_wrapped(c.text)}\n" for i, c in enumerate(cues, 1)
    ]
    return "\n".join(blocks)


def to_vtt(cues: list[Cue]) -> str:
    blocks = [f"{_stamp(c.start, '.')} --> {_stamp(c.end, '.')}\n{_wrapped(c.text)}\n" for c in cues]
    return "WEBVTT\n\n" + "\n".join(blocks)


def parse_srt(text: str) -> list[Cue]:
    """Read cues back from SRT (used by checks and tests)."""
    cues: list[Cue] = []
    for block in text.strip().split("\n\n"):
        rows = block.strip().splitlines()
        if len(rows) < 3 or "-->" not in rows[1]:
            continue
        start, end = (_seconds(part.strip()) for part in rows[1].split("-->"))
        cues.append(Cue(start, end, " ".join(rows[2:])))
    return cues


def _seconds(stamp: str) -> float:
    hms, millis = stamp.replace(".", ",").split(",")
    hours, minutes, secs = (int(x) for x in hms.split(":"))
    return hours * 3600 + minutes * 60 + secs + int(millis) / 1000
