"""Stand-alone pictures: a character's model sheet and a title card for the trailer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import skia

from models.image import raster, text
from models.image.colours import fill, mix, sk, stroke, vertical_gradient
from models.image.figure import Pose, draw_figure
from models.image.look import CharacterLook, stable_seed
from models.lipsync.visemes import VISEMES

SHEET_SIZE = (1600, 1000)


def _head_tile(canvas: skia.Canvas, look: CharacterLook, tile: skia.Rect, viseme: str, eyes_open: bool) -> None:
    """The figure's head filling `tile`, recorded once at the origin and then centred in the tile."""
    recorder = skia.PictureRecorder()
    rec = recorder.beginRecording(skia.Rect(-2000, -4000, 2000, 100))
    boxes = draw_figure(rec, look, Pose(0, 0, 100, facing=0, viseme=viseme, eyes_open=eyes_open))
    picture = recorder.finishRecordingAsPicture()
    hx, hy, hw, hh = boxes.head
    zoom = min(tile.width() / hw, tile.height() / hh) * 0.95
    canvas.save()
    canvas.clipRRect(skia.RRect.MakeRectXY(tile, 14, 14), doAntiAlias=True)
    canvas.drawRect(tile, fill("#eef2f6"))
    canvas.translate(tile.centerX(), tile.centerY())
    canvas.scale(zoom, zoom)
    canvas.translate(-(hx + hw / 2), -(hy + hh / 2))
    canvas.drawPicture(picture)
    canvas.restore()


def render_character_sheet(look: CharacterLook, name: str, out_path: Path) -> Path:
    """A PNG model sheet: front and three-quarter views, a row of mouth shapes and blinks, the palette."""
    width, height = SHEET_SIZE
    surface, pixels = raster.new_surface(width, height)
    canvas = surface.getCanvas()
    canvas.drawRect(skia.Rect(0, 0, width, height), vertical_gradient("#fbfaf6", "#e6ebf0", 0, height))
    f, lines = text.fit(name, 560, 90, start=72)
    text.draw_lines(canvas, lines[:1], f, 330, 20, colour="#ffffff", outline="#2a2f45")
    ground = height - 60
    canvas.drawLine(40, ground, 620, ground, stroke("#c6ccd4", 3))
    draw_figure(canvas, look, Pose(200, ground, 160, facing=0))
    draw_figure(canvas, look, Pose(480, ground, 130, facing=1))
    caption = text.font(22, bold=False)
    tiles = [(v, True) for v in VISEMES] + [("blink", False)]
    cols, size, gap = 4, 210, 20
    for i, (viseme, eyes_open) in enumerate(tiles):
        col, row = i % cols, i // cols
        tile = skia.Rect.MakeXYWH(680 + col * (size + gap), 30 + row * (size + 40 + gap) * 0.98, size, size)
        _head_tile(canvas, look, tile, viseme if eyes_open else "rest", eyes_open)
        label = viseme if eyes_open else "eyes closed"
        canvas.drawString(
            label, tile.centerX() - caption.measureText(label) / 2, tile.bottom() + 26, caption, fill("#2a2f45")
        )
    for i, colour in enumerate(look.palette):
        canvas.drawRoundRect(skia.Rect.MakeXYWH(40 + i * 60, 130, 48, 48), 10, 10, fill(colour))
        canvas.drawRoundRect(skia.Rect.MakeXYWH(40 + i * 60, 130, 48, 48), 10, 10, stroke("#2a2f45", 2))
    small = text.font(18, bold=False)
    details = f"{look.age_band} · {look.outfit.replace('_', ' ')} · {look.hair_style.replace('_', ' ')} hair"
    canvas.drawString(details, 40, 210, small, fill("#4a5068"))
    out_path = Path(out_path)
    raster.save_png(raster.rgb_of(pixels), out_path)
    return out_path


def title_card(title: str, subtitle: str, size: tuple[int, int]) -> np.ndarray:
    """A trailer card: deep dusk gradient, soft light rays, the title large and the subtitle beneath."""
    width, height = int(size[0]), int(size[1])
    if width < 64 or height < 64:
        raise ValueError(f"Title card size {width}x{height} is too small.")
    surface, pixels = raster.new_surface(width, height)
    canvas = surface.getCanvas()
    canvas.drawRect(skia.Rect(0, 0, width, height), vertical_gradient("#141a3a", "#5a2a5e", 0, height))
    glow = skia.GradientShader.MakeRadial(
        skia.Point(width / 2, height * 0.45), max(width, height) * 0.6, [sk("#f5b82e", 0.35), sk("#f5b82e", 0.0)]
    )
    canvas.drawRect(skia.Rect(0, 0, width, height), skia.Paint(Shader=glow))
    rng = np.random.default_rng(stable_seed(title))  # the same title always gets the same stars
    for _ in range(int(60 * width * height / (1280 * 720))):
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        canvas.drawCircle(
            float(x), float(y), float(rng.uniform(0.7, 2.0)), fill("#ffffff", float(rng.uniform(0.2, 0.7)))
        )
    short = min(width, height)
    f, lines = text.fit(title, width * 0.86, height * 0.45, start=short * 0.16)
    sub_font, sub_lines = (
        text.fit(subtitle, width * 0.8, height * 0.2, start=short * 0.05, bold=False) if subtitle else (None, [])
    )
    block = len(lines) * f.getSize() * 1.2 + (
        len(sub_lines) * sub_font.getSize() * 1.2 + short * 0.05 if sub_font else 0
    )
    top = (height - block) / 2
    bottom = text.draw_lines(canvas, lines, f, width / 2, top, colour="#fff6e0", outline="#241a3a")
    if sub_font:
        rule_y = bottom + short * 0.02
        canvas.drawLine(
            width * 0.35, rule_y, width * 0.65, rule_y, stroke(mix("#f5b82e", "#ffffff", 0.2), max(2, short * 0.005))
        )
        text.draw_lines(
            canvas,
            sub_lines,
            sub_font,
            width / 2,
            rule_y + short * 0.025,
            colour="#f5d38a",
            outline="#241a3a",
            shadow=False,
        )
    return raster.rgb_of(pixels)
