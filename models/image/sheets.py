"""A character's reference set: turnaround (front, three-quarter, profile), expressions and visemes.

Every picture is drawn from the same locked look, so the set is what animators and the
consistency check compare scenes against.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import skia

from models.image import raster, text
from models.image.colours import fill, stroke, vertical_gradient
from models.image.expressions import EXPRESSIONS
from models.image.figure import Pose, draw_figure
from models.image.look import CharacterLook
from models.lipsync.visemes import VISEMES

TURNAROUND_SIZE = (1200, 800)
TILE = 256
VIEWS = (("front", 0, False), ("three_quarter", 1, False), ("profile", 1, True))


def head_image(
    look: CharacterLook, viseme: str = "rest", expression: str = "neutral", eyes_open: bool = True, size: int = TILE
) -> np.ndarray:
    """The character's front-facing head filling a square tile on a light backdrop."""
    recorder = skia.PictureRecorder()
    rec = recorder.beginRecording(skia.Rect(-2000, -4000, 2000, 100))
    boxes = draw_figure(rec, look, Pose(0, 0, 100, viseme=viseme, eyes_open=eyes_open, expression=expression))
    picture = recorder.finishRecordingAsPicture()
    hx, hy, hw, hh = boxes.head
    surface, pixels = raster.new_surface(size, size)
    canvas = surface.getCanvas()
    canvas.drawRect(skia.Rect(0, 0, size, size), fill("#eef2f6"))
    zoom = size / max(hw, hh) * 0.92
    canvas.translate(size / 2, size / 2)
    canvas.scale(zoom, zoom)
    canvas.translate(-(hx + hw / 2), -(hy + hh / 2))
    canvas.drawPicture(picture)
    return raster.rgb_of(pixels)


def turnaround(look: CharacterLook, name: str) -> np.ndarray:
    """Front, three-quarter and profile views of the whole figure on one ground line."""
    width, height = TURNAROUND_SIZE
    surface, pixels = raster.new_surface(width, height)
    canvas = surface.getCanvas()
    canvas.drawRect(skia.Rect(0, 0, width, height), vertical_gradient("#fbfaf6", "#e3e8ee", 0, height))
    f, lines = text.fit(name, width * 0.8, 70, start=56)
    text.draw_lines(canvas, lines[:1], f, width / 2, 14, colour="#ffffff", outline="#2a2f45")
    ground = height - 70
    canvas.drawLine(40, ground, width - 40, ground, stroke("#c6ccd4", 3))
    caption = text.font(24, bold=False)
    for i, (label, facing, profile) in enumerate(VIEWS):
        x = width * (i + 0.5) / len(VIEWS)
        draw_figure(canvas, look, Pose(x, ground, 140, facing=facing, profile=profile))
        shown = label.replace("_", "-")
        canvas.drawString(shown, x - caption.measureText(shown) / 2, ground + 42, caption, fill("#2a2f45"))
    return raster.rgb_of(pixels)


def write_reference_set(look: CharacterLook, name: str, out_dir: Path) -> dict[str, Any]:
    """Write turnaround.png, expressions/<name>.png and visemes/<viseme>.png; paths relative to out_dir."""
    out_dir = Path(out_dir)
    raster.save_png(turnaround(look, name), out_dir / "turnaround.png")
    expressions = {}
    for expression in EXPRESSIONS:
        raster.save_png(head_image(look, expression=expression), out_dir / "expressions" / f"{expression}.png")
        expressions[expression] = f"expressions/{expression}.png"
    visemes = {}
    for viseme in VISEMES:
        raster.save_png(head_image(look, viseme=viseme), out_dir / "visemes" / f"{viseme}.png")
        visemes[viseme] = f"visemes/{viseme}.png"
    raster.save_png(head_image(look, eyes_open=False), out_dir / "visemes" / "blink.png")
    return {
        "turnaround": "turnaround.png",
        "expressions": expressions,
        "visemes": visemes,
        "blink": "visemes/blink.png",
    }
