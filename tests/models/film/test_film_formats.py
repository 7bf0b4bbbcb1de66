"""Delivery formats: 9:16 is re-framed portrait (1080x1920 at 1080p), 480p is 854x480, 24 and 30 fps."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from integrations.ffmpeg import probe
from models.breakdown import Character, Scene
from models.image.illustrator import draw_scene
from models.image.look import cast_looks
from models.lipsync.animator import Direction, Speech, render_clip
from models.voice.base import Timed
from studio.domain.formats import FilmFormat

CAST = [Character("LENA", "adult", 30, "female", "red jacket")]


@pytest.mark.parametrize("aspect, resolution, fps, size", [
    ("9:16", "1080p", 30, (1080, 1920)), ("16:9", "480p", 24, (854, 480)), ("9:16", "480p", 30, (480, 854)),
])  # fmt: skip
def test_clip_has_the_format_size_and_rate(tmp_path: Path, aspect: str, resolution: str, fps: int,
                                           size: tuple[int, int]) -> None:  # fmt: skip
    fmt = FilmFormat(aspect=aspect, resolution=resolution, fps=fps)
    assert fmt.size == size
    scene = Scene("s01", "EXT. CITY STREET - DAY", "CITY STREET", "day", False, characters=["LENA"])
    art = draw_scene(scene, cast_looks(CAST, "western"), fmt.size)
    assert art.size == size  # drawn for the frame (re-framed), not squashed afterwards
    samples = (np.random.default_rng(0).standard_normal(8000) * 0.2).astype(np.float32)
    speech = [Speech("LENA", 0.1, [Timed("a", 0.0, 0.5)], samples, 16000)]
    out = tmp_path / "clip.mp4"
    render_clip(art, speech, 0.6, fps, out, preset="ultrafast", direction=Direction(watermark=True))
    video = probe(out)["streams"][0]
    assert (video["width"], video["height"]) == size
    assert video["r_frame_rate"] == f"{fps}/1" and int(video["nb_frames"]) == round(0.6 * fps)
