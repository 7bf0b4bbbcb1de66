"""Watermark and burned-in subtitles: validation, and pixels where they should be."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from integrations.ffmpeg import read_frames
from models.edit.overlays import subtitle_style, write_ass
from models.image.art import SceneArt
from models.lipsync.animator import Direction, render_clip


def grey_art() -> SceneArt:
    frame = np.full((480, 854, 3), 90, dtype=np.uint8)
    frame[:, ::40] = 120  # some texture so the camera's motion shows
    return SceneArt(frame=frame)


@pytest.mark.parametrize(
    "options, message",
    [
        ({"size": 4}, "size"), ({"size": "big"}, "size"), ({"colour": "plaid"}, "colour"),
        ({"position": "middle"}, "position"), ({"background": "nope"}, "background"), ({"font": "x"}, "font"),
        ("yes", "mapping"),
    ],
)  # fmt: skip
def test_bad_subtitle_options_are_refused_with_a_reason(options: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        subtitle_style(options)  # type: ignore[arg-type]


def test_subtitle_defaults_and_colours() -> None:
    assert subtitle_style(None) is None
    style = subtitle_style({})
    assert style is not None and (style.colour, style.position, style.background) == ("#ffffff", "bottom", "#000000")
    custom = subtitle_style({"size": 40, "colour": "#FFD400", "position": "top", "background": False})
    assert custom is not None and (custom.size, custom.colour, custom.background) == (40, "#ffd400", None)


def test_ass_text_cannot_inject_override_tags(tmp_path: Path) -> None:
    style = subtitle_style({"colour": "yellow"})
    assert style is not None
    text = write_ass(tmp_path / "s.ass", [(0.0, 1.0, "{\\pos(1,1)}Hi\\N there")], style, (854, 480)).read_text()
    assert "{" not in text.split("[Events]")[1] and "\\" not in text.split("[Events]")[1]


def test_watermark_and_burned_subtitle_pixels(tmp_path: Path) -> None:
    style = subtitle_style({"colour": "yellow", "position": "bottom", "size": 36})
    out = tmp_path / "overlay.mp4"
    direction = Direction(watermark=True, subtitles=[(0.2, 1.0, "The lamp is lit")], subtitle_style=style)
    render_clip(grey_art(), [], 2.0, 24, out, preset="ultrafast", direction=direction)
    on, off = read_frames(out, (854, 480), [0.6, 1.6]).astype(int)
    corner = on[5:45, 520:850]
    assert (corner.min(axis=2) > 200).sum() > 60  # white watermark letters, top right
    assert (off[5:45, 520:850].min(axis=2) > 200).sum() > 60  # on every frame
    yellow = (on[:, :, 0] > 200) & (on[:, :, 1] > 170) & (on[:, :, 2] < 90)
    assert yellow[360:, :].sum() > 200 and yellow[:240, :].sum() == 0  # at the bottom while the cue is on
    gone = (off[:, :, 0] > 200) & (off[:, :, 1] > 170) & (off[:, :, 2] < 90)
    assert gone.sum() < 20  # and gone after it
