"""Picture metrics on videos made for the purpose: frozen stretches, black frames, lip-sync, thumbnails."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from integrations.ffmpeg import run_ffmpeg, write_image
from models.edit.quality import check_no_black, check_no_freeze, check_thumbnails, scan_video, synced


def _video(path: Path, graph: str, seconds: float) -> Path:
    run_ffmpeg(["-f", "lavfi", "-i", graph, "-t", str(seconds), "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", str(path)])  # fmt: skip
    return path


def test_a_still_picture_for_five_seconds_is_a_freeze(tmp_path: Path) -> None:
    still = _video(tmp_path / "still.mp4", "color=c=0x3366aa:s=320x180:r=24", 5.0)
    outcome = check_no_freeze(still)
    assert not outcome.passed and outcome.metadata["longest_frozen_s"] > 3.0


def test_moving_pictures_are_not_frozen(tmp_path: Path) -> None:
    moving = _video(tmp_path / "moving.mp4", "testsrc2=s=320x180:r=24", 5.0)
    assert check_no_freeze(moving).passed


def test_black_mid_film_fails_unless_it_is_a_fade(tmp_path: Path) -> None:
    graph = "testsrc2=s=320x180:r=24,drawbox=c=black:t=fill:enable='between(t,2,2.5)'"
    clip = _video(tmp_path / "black.mp4", graph, 4.0)
    scan = scan_video(clip)
    assert scan.blacks and 1.9 <= scan.blacks[0][0] <= 2.1
    assert not check_no_black(clip, []).passed
    assert check_no_black(clip, [(1.9, 2.6)]).passed


def test_lipsync_score_tolerates_a_one_frame_lead() -> None:
    rng = np.random.default_rng(3)
    speech = np.abs(np.convolve(rng.standard_normal(200), np.ones(4) / 4, mode="same"))
    mouth = np.roll(speech, -1)  # a mouth one frame ahead of the sound
    value, lag = synced(mouth, speech, 10, 190)
    assert value > 0.99 and lag == -1
    assert synced(rng.random(200), speech, 10, 190)[0] < 0.5


def test_thumbnail_check(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    paths = []
    for i in range(3):
        picture = np.zeros((720, 1280, 3), dtype=np.uint8)
        picture[:, : 400 * (i + 1)] = rng.integers(0, 255, 3, dtype=np.uint8)
        picture[300:420, 100:1100] = 255
        paths.append(write_image(tmp_path / f"t{i}.jpg", picture))
    assert check_thumbnails(paths).passed
    blank = write_image(tmp_path / "blank.jpg", np.full((720, 1280, 3), 30, dtype=np.uint8))
    outcome = check_thumbnails([paths[0], paths[1], blank])
    assert not outcome.passed and outcome.metadata["blank"] == ["blank.jpg"]
    assert not check_thumbnails([paths[0], paths[0], paths[1]]).passed  # two alike
    small = write_image(tmp_path / "small.jpg", np.asarray(rng.integers(0, 255, (360, 640, 3)), dtype=np.uint8))
    assert check_thumbnails([paths[0], paths[1], small]).metadata["too_small"] == ["small.jpg"]


def test_a_stored_scan_gives_the_same_verdicts_as_a_fresh_one(tmp_path: Path) -> None:
    """final_cut keeps its scan in the manifest; the checks read it instead of decoding again."""
    from models.edit.quality import VideoScan

    graph = "testsrc2=s=320x180:r=24,drawbox=c=black:t=fill:enable='between(t,2,2.5)'"
    clip = _video(tmp_path / "black.mp4", graph, 4.0)
    scan = scan_video(clip)
    stored = VideoScan.from_dict(json.loads(json.dumps(scan.to_dict())))
    assert stored == scan
    assert check_no_black(clip, [], scan=stored).passed == check_no_black(clip, []).passed is False
    assert check_no_freeze(clip, stored).passed == check_no_freeze(clip).passed
