"""The film's frozen and black stretches from its scene clips, each clip scanned once.

The final cut joins the clips without re-encoding, so the film's pictures are the clips' own bytes:
a clip whose bytes were scanned before is not decoded again, and a re-render after editing one
scene decodes that scene only. Each clip is scanned for stills down to FINE_FREEZE; a still that
reaches a cut on both sides can be one freeze across it only if the pictures on either side match,
which the film itself decides: that stretch of the delivered film is scanned again, whole.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from integrations.ffmpeg import probe
from models.edit.quality import MAX_FREEZE, Stretches, VideoScan, detect_stills
from models.film.scene_cache import JsonCache, scene_key

FINE_FREEZE = 0.2  # shortest still a clip's scan reports: anything that could add up across a cut
SCAN_VERSION = 1  # bump when how a clip is scanned changes
JOIN = 0.1  # seconds: stretches this close either side of a cut touch it


def _clip_scan(clip: Path, cache: JsonCache | None) -> VideoScan:
    key = scene_key("clip-scan", SCAN_VERSION, hashlib.sha256(clip.read_bytes()).hexdigest(), FINE_FREEZE)
    kept = cache.get(key) if cache is not None else None
    if kept is not None:
        return VideoScan.from_dict(kept)
    duration = float(probe(clip)["format"]["duration"])
    scan = VideoScan(duration, *detect_stills(clip, duration, FINE_FREEZE))
    if cache is not None:
        cache.put(key, scan.to_dict())
    return scan


def _joined(stretches: Stretches) -> Stretches:
    """Stretches in order, those that touch (across a cut) made one."""
    out: Stretches = []
    for start, end in sorted(stretches):
        if out and start - out[-1][1] <= JOIN:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def scan_film(
    film: Path, clips: list[Path], cache: JsonCache | None = None, min_freeze: float = MAX_FREEZE
) -> VideoScan:
    """The scan `scan_video(film)` gives, from the clips the film joins (in order)."""
    duration = float(probe(film)["format"]["duration"])
    offset, freezes, blacks, cuts = 0.0, [], [], []
    for clip in clips:
        scan = _clip_scan(clip, cache)
        freezes += [(offset + a, offset + b) for a, b in scan.freezes]
        blacks += [(offset + a, offset + b) for a, b in scan.blacks]
        offset += scan.duration
        cuts.append(offset)
    inner = cuts[:-1]
    found: Stretches = []
    for start, end in _joined(freezes):
        at_cut = any(start - JOIN <= cut <= end + JOIN for cut in inner)
        if at_cut and end - start >= min_freeze - FINE_FREEZE:
            # A still at a cut may go on across it (a still under FINE_FREEZE on the far side is not
            # in that clip's scan): the film says whether it is one picture or two.
            lo, hi = max(0.0, start - FINE_FREEZE - JOIN), min(duration, end + FINE_FREEZE + JOIN)
            again, _ = detect_stills(film, duration, min_freeze, (lo, hi - lo))
            found += [(lo + a, lo + b) for a, b in again]
        elif end - start >= min_freeze:
            found.append((start, end))
    return VideoScan(duration, [(a, min(b, duration)) for a, b in found], _joined(blacks))
