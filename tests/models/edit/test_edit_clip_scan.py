"""The film's scan from its clips agrees with a scan of the whole delivered film, and a kept clip
scan is not decoded again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from integrations.ffmpeg import run_ffmpeg
from models.edit.assemble import final_cut
from models.edit.clip_scan import scan_film
from models.edit.quality import VideoScan, scan_video
from models.film.scene_cache import JsonCache

SOURCES = {"motion": "testsrc=size=320x180:rate=24", "motion2": "testsrc2=size=320x180:rate=24",
           "red": "color=c=red:size=320x180:rate=24",
           "blue": "color=c=blue:size=320x180:rate=24", "black": "color=c=black:size=320x180:rate=24"}  # fmt: skip


def _clip(path: Path, parts: list[tuple[str, float]]) -> Path:
    """A clip made of lavfi pictures one after another, encoded as the animator's clips are joined."""
    args: list[str] = []
    for name, seconds in parts:
        args += ["-f", "lavfi", "-t", f"{seconds}", "-i", SOURCES[name]]
    chain = "".join(f"[{i}:v]" for i in range(len(parts))) + f"concat=n={len(parts)}:v=1:a=0[v]"
    run_ffmpeg([*args, "-filter_complex", chain, "-map", "[v]", "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", "-g", "24", str(path)])  # fmt: skip
    return path


def _film(tmp: Path, clips: list[list[tuple[str, float]]]) -> tuple[Path, list[Path]]:
    paths = [_clip(tmp / f"clip{i}.mp4", parts) for i, parts in enumerate(clips)]
    seconds = sum(s for parts in clips for _, s in parts)
    mix = tmp / "mix.wav"
    run_ffmpeg(["-f", "lavfi", "-t", f"{seconds}", "-i", "anullsrc=r=48000:cl=stereo", str(mix)])
    return final_cut(paths, mix, tmp / "film.mp4"), paths


def _same(a: list[tuple[float, float]], b: list[tuple[float, float]], tolerance: float = 0.15) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= tolerance for s, t in zip(a, b) for x, y in zip(s, t))


CASES = {
    "one picture held across a cut is one freeze": [[("motion", 1), ("red", 2)], [("red", 2), ("motion", 1)]],
    "two different stills either side of a cut are not": [[("motion", 1), ("red", 2)], [("blue", 2), ("motion", 1)]],
    "a freeze inside one clip": [[("motion", 1)], [("motion", 1), ("blue", 3.5), ("motion", 1)]],
    "a still just short of a freeze, ending at a cut": [[("motion", 1), ("red", 2.9)], [("motion", 2)]],
    "black across a cut is one stretch": [[("motion", 1), ("black", 0.5)], [("black", 0.5), ("motion", 1)]],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_clip_scan_finds_what_a_scan_of_the_whole_film_finds(case: str, tmp_path: Path) -> None:
    film, clips = _film(tmp_path, CASES[case])
    whole, from_clips = scan_video(film), scan_film(film, clips)
    assert _same(from_clips.freezes, whole.freezes), (from_clips.freezes, whole.freezes)
    assert _same(from_clips.blacks, whole.blacks), (from_clips.blacks, whole.blacks)
    if case.startswith("one picture"):
        assert len(whole.freezes) == 1 and whole.freezes[0][1] - whole.freezes[0][0] > 3.5  # the control bites
    if case.startswith("two different"):
        assert not whole.freezes


def test_a_kept_clip_scan_is_read_back_and_a_changed_clip_is_scanned_again(tmp_path: Path) -> None:
    film, clips = _film(tmp_path, [[("motion", 5)], [("motion2", 5)]])
    cache = JsonCache(tmp_path / "scans")
    assert scan_film(film, clips, cache).freezes == []
    entries = sorted((tmp_path / "scans").rglob("*.json"))
    assert len(entries) == 2
    marker = VideoScan(5.0, [(0.5, 4.0)], [])  # a freeze no decode of these moving clips could find
    for entry in entries:
        entry.write_text(json.dumps(marker.to_dict()))
    assert scan_film(film, clips, cache).freezes == [(0.5, 4.0), (5.5, 9.0)]  # served, not decoded
    _clip(clips[1], [("motion", 1), ("blue", 4)])  # the second scene re-rendered: new bytes
    changed = final_cut(clips, tmp_path / "mix.wav", tmp_path / "film2.mp4")
    rescanned = scan_film(changed, clips, cache)
    assert len(list((tmp_path / "scans").rglob("*.json"))) == 3  # the new clip got its own scan
    assert rescanned.freezes[0] == (0.5, 4.0)  # the unchanged clip's kept scan
    assert _same(rescanned.freezes[1:], [(6.0, 10.0)])  # the new clip's still, decoded
