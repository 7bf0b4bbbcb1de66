"""Posters in three styles and a 16:9 banner, drawn with skia from the film's own plates and cast.

- key art: the strongest moment's plate (the lead characters as the camera frames them), a tagline
  from the strongest line, the title block low on the sheet and a billing block under it;
- minimal: one flat colour taken from the film, a single prop (or the lead's face) large in the
  middle and the title set typographically, nothing else;
- ensemble: every character's portrait from the character engine in a grid over the opening plate,
  names under the faces, the title on top.

Posters are 1080x1600 (the 27x40 one-sheet ratio); the banner is 1920x1080. Each style records
where its title block lies so the legibility check can measure that part of the delivered pixels.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import skia
from PIL import Image

from models.breakdown import Breakdown
from models.edit.stills import view
from models.film.package import film_moments, line_strength
from models.film.picture import scene_art
from models.image import raster, text
from models.image.colours import sk, to_hex

POSTER_SIZE = (1080, 1600)  # 27x40
BANNER_SIZE = (1920, 1080)  # 16:9
STYLES = ("key_art", "minimal", "ensemble")
ACCENT = "#f5b82e"

Box = tuple[int, int, int, int]


@dataclass
class PosterMaterial:
    """What every style draws from: the title, a tagline, plates, the cast's portraits and one prop."""

    title: str
    tagline: str
    hero: np.ndarray  # the strongest moment as the camera frames it
    opening: np.ndarray  # the first scene, wide
    portraits: list[tuple[str, np.ndarray]]  # (name, head picture) for every character, in billing order
    prop: str | None  # an icon name from the hero scene, for the minimal style
    lead: np.ndarray | None  # the lead's face, when there is no prop


def _tagline(breakdown: Breakdown) -> str:
    lines = [(line_strength(line.text, line.emotion), line.text) for _, _, line in breakdown.spoken_lines()]
    if not lines:
        return ""
    best = max(lines, key=lambda item: item[0])[1].strip()
    return best if len(best) <= 70 else best[:67].rsplit(" ", 1)[0] + "\u2026"


def material(breakdown: Breakdown, images: dict[str, Any], sheets: dict[str, Any],
             title: str | None = None) -> PosterMaterial:  # fmt: skip
    """Gather the pictures every poster style needs from the scene_images and character_sheets manifests."""
    arts = {s.scene_id: scene_art(images, s.scene_id) for s in breakdown.scenes}
    moments = film_moments(breakdown, arts)
    hero = moments[1] if len(moments) > 1 else moments[0]
    sheet_dir = Path(sheets["dir"])
    portraits = []
    for character in breakdown.characters:
        entry = sheets["characters"].get(character.name)
        if entry is None:
            continue
        faces = entry["expressions"]
        face = faces.get("happy", next(iter(faces.values())))
        portraits.append((character.name, raster.load_png(sheet_dir / face)))
    hero_art = arts[hero.scene_id]
    props = [o["icon"] for o in hero_art.objects if o.get("icon")] or [
        o["icon"] for art in arts.values() for o in art.objects if o.get("icon")]  # fmt: skip
    return PosterMaterial(
        title=title or breakdown.title, tagline=_tagline(breakdown), hero=view(hero_art, hero),
        opening=arts[breakdown.scenes[0].scene_id].frame, portraits=portraits,
        prop=props[0] if props else None, lead=portraits[0][1] if portraits else None,
    )  # fmt: skip


def _dominant(rgb: np.ndarray) -> tuple[float, float, float]:
    """The plate's most saturated common hue as (h, s, v), for the minimal style's ground."""
    small = rgb[:: max(1, rgb.shape[0] // 48), :: max(1, rgb.shape[1] // 48)].reshape(-1, 3) / 255.0
    hsv = np.array([colorsys.rgb_to_hsv(*p) for p in small])
    weights = hsv[:, 1] * hsv[:, 2]
    bins = np.bincount((hsv[:, 0] * 12).astype(int) % 12, weights=weights, minlength=12)
    return (int(np.argmax(bins)) + 0.5) / 12, 0.55, 0.28


def _title(canvas: skia.Canvas, title: str, box: tuple[float, float, float, float], start: float,
           colour: str = "#ffffff", outline: str = "#14141c", bold: bool = True, shadow: bool = True) -> Box:  # fmt: skip
    """The title fitted into (x, y, w, h), centred; returns the box its lines fill."""
    x, y, w, h = box
    f, lines = text.fit(title.upper(), w, h, start=start, bold=bold)
    block = len(lines) * f.getSize() * 1.2
    top = y + (h - block) / 2
    text.draw_lines(canvas, lines, f, x + w / 2, top, colour=colour, outline=outline, shadow=shadow)
    widest = max(f.measureText(line) for line in lines)
    return int(x + w / 2 - widest / 2), int(top), int(widest), int(block)


def _small(canvas: skia.Canvas, words: str, cx: float, top: float, max_width: float, size: float,
           colour: str = "#ffffff", italic_quotes: bool = False) -> float:  # fmt: skip
    if not words:
        return top
    f, lines = text.fit(words, max_width, size * 2.6, start=size, max_lines=2, bold=False)
    return text.draw_lines(canvas, lines, f, cx, top, colour=colour, outline="#101018", shadow=False) if lines else top


def _shade(canvas: skia.Canvas, width: int, height: int, top: float, bottom: float, strength: float = 0.85) -> None:
    """Darken from `top` to `bottom` (fractions of the height) so type reads over a busy plate."""
    shader = skia.GradientShader.MakeLinear([skia.Point(0, height * top), skia.Point(0, height * bottom)],
                                            [sk("#000000", 0.0), sk("#000000", strength)])  # fmt: skip
    canvas.drawRect(
        skia.Rect(0, height * min(top, bottom), width, height * max(top, bottom)), skia.Paint(Shader=shader)
    )


def key_art(m: PosterMaterial, size: tuple[int, int]) -> tuple[np.ndarray, Box]:
    """The lead characters over the strongest scene's plate, tagline on top, title block and billing below."""
    width, height = size
    portrait = height > width
    surface, pixels = raster.new_surface(width, height)
    canvas = surface.getCanvas()
    canvas.drawImage(raster.image_of(raster.resample_cover(m.hero, size, focus=(0.5, 0.4))), 0, 0)
    _shade(canvas, width, height, 0.18, 0.0, 0.55)
    _shade(canvas, width, height, 0.5 if portrait else 0.35, 1.0, 0.92)
    unit = min(width, height)
    if m.tagline:
        _small(canvas, f"\u201c{m.tagline}\u201d", width / 2, height * 0.035, width * 0.86, unit * 0.04)
    title_area = (
        width * 0.06,
        height * (0.66 if portrait else 0.52),
        width * 0.88,
        height * (0.17 if portrait else 0.26),
    )
    box = _title(canvas, m.title, title_area, start=unit * 0.15)
    rule_y = box[1] + box[3] + unit * 0.02
    canvas.drawRect(skia.Rect(width * 0.35, rule_y, width * 0.65, rule_y + max(3, unit * 0.005)),
                    skia.Paint(Color=sk(ACCENT)))  # fmt: skip
    billing = "  \u00b7  ".join(name for name, _ in m.portraits)
    _small(canvas, billing, width / 2, rule_y + unit * 0.03, width * 0.84, unit * 0.032, colour="#e8e8ee")
    return raster.rgb_of(pixels), box


def _prop_picture(name: str, side: int) -> np.ndarray | None:
    from models.image.icons import IconSetMissing, icon_set

    try:
        icons = icon_set()
    except IconSetMissing:
        return None
    if name not in icons:
        return None
    surface = skia.Surface(side, side)
    canvas = surface.getCanvas()
    canvas.clear(skia.ColorTRANSPARENT)
    icons.draw(canvas, name, side / 2, side, side)
    image = surface.makeImageSnapshot().convert(skia.ColorType.kRGBA_8888_ColorType, skia.AlphaType.kUnpremul_AlphaType)
    return np.array(image, copy=True)


def _circle_image(canvas: skia.Canvas, rgb: np.ndarray, cx: float, cy: float, radius: float, ring: str) -> None:
    canvas.save()
    path = skia.Path()
    path.addCircle(cx, cy, radius)
    canvas.clipPath(path, doAntiAlias=True)
    canvas.drawImageRect(raster.image_of(rgb), skia.Rect(cx - radius, cy - radius, cx + radius, cy + radius),
                         skia.SamplingOptions(skia.FilterMode.kLinear))  # fmt: skip
    canvas.restore()
    canvas.drawCircle(cx, cy, radius, skia.Paint(Color=sk(ring), Style=skia.Paint.kStroke_Style,
                                                  StrokeWidth=max(3.0, radius * 0.05), AntiAlias=True))  # fmt: skip


def minimal(m: PosterMaterial, size: tuple[int, int]) -> tuple[np.ndarray, Box]:
    """Typographic: a flat colour from the film, one object large, the title, a thin rule; nothing else."""
    width, height = size
    hue, sat, val = _dominant(m.hero)
    ground = to_hex(tuple(round(c * 255) for c in colorsys.hsv_to_rgb(hue, sat, val)))  # type: ignore[arg-type]
    surface, pixels = raster.new_surface(width, height)
    canvas = surface.getCanvas()
    canvas.clear(sk(ground))
    side = int(min(width, height) * 0.5)
    cx, cy = width / 2, height * 0.34
    prop = _prop_picture(m.prop, side) if m.prop else None
    if prop is not None:
        image = skia.Image.fromarray(prop, colorType=skia.kRGBA_8888_ColorType, alphaType=skia.kUnpremul_AlphaType)
        canvas.drawImage(image, cx - side / 2, cy - side / 2)
    elif m.lead is not None:
        _circle_image(canvas, m.lead, cx, cy, side / 2, "#f4f1ea")
    rule_y = height * 0.62
    canvas.drawRect(skia.Rect(width * 0.42, rule_y, width * 0.58, rule_y + 3), skia.Paint(Color=sk("#f4f1ea")))
    box = _title(canvas, m.title, (width * 0.1, height * 0.65, width * 0.8, height * 0.2), start=min(width, height) * 0.12,
                 colour="#f4f1ea", outline=ground, shadow=False)  # fmt: skip
    return raster.rgb_of(pixels), box


def ensemble(m: PosterMaterial, size: tuple[int, int]) -> tuple[np.ndarray, Box]:
    """Every character's portrait in a grid over the darkened opening plate, names beneath, title on top."""
    width, height = size
    surface, pixels = raster.new_surface(width, height)
    canvas = surface.getCanvas()
    back = raster.resample_cover(m.opening, (max(1, width // 8), max(1, height // 8)))  # blur by scaling down and up
    canvas.drawImage(raster.image_of(raster.resample_cover(back, size)), 0, 0)
    canvas.drawRect(skia.Rect(0, 0, width, height), skia.Paint(Color=sk("#0b0c16", 0.62)))
    box = _title(
        canvas, m.title, (width * 0.06, height * 0.05, width * 0.88, height * 0.2), start=min(width, height) * 0.13
    )
    faces = m.portraits or [("", np.full((8, 8, 3), 90, np.uint8))]
    columns = 1 if len(faces) == 1 else 2 if len(faces) <= 4 else 3
    rows = -(-len(faces) // columns)
    area_top, area_h = height * 0.3, height * 0.62
    cell_w, cell_h = width * 0.9 / columns, area_h / rows
    radius = min(cell_w * 0.4, cell_h * 0.36)
    rings = ("#f5b82e", "#5ec8e5", "#ef6f6c", "#8fd694", "#c39bd3", "#f4a259")
    for index, (name, face) in enumerate(faces):
        row, col = divmod(index, columns)
        in_row = min(columns, len(faces) - row * columns)
        cx = width / 2 + (col - (in_row - 1) / 2) * cell_w
        cy = area_top + row * cell_h + cell_h * 0.42
        _circle_image(canvas, face, cx, cy, radius, rings[index % len(rings)])
        if name:
            _small(canvas, name.title(), cx, cy + radius * 1.08, cell_w * 0.9, min(width, height) * 0.04)
    return raster.rgb_of(pixels), box


RENDERERS = {"key_art": key_art, "minimal": minimal, "ensemble": ensemble}


def save_jpeg(rgb: np.ndarray, path: Path) -> None:
    Image.fromarray(np.ascontiguousarray(rgb, dtype=np.uint8), "RGB").save(path, format="JPEG", quality=92)


def render_posters(m: PosterMaterial, out_dir: Path) -> dict[str, Any]:
    """poster_<style>.jpg for each style at 1080x1600 and banner.jpg at 1920x1080 (key art, landscape)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    posters = []
    for style in STYLES:
        rgb, box = RENDERERS[style](m, POSTER_SIZE)
        name = f"poster_{style}.jpg"
        save_jpeg(rgb, out_dir / name)
        posters.append({"style": style, "file": name, "size": list(POSTER_SIZE), "title_box": list(box)})
    rgb, box = key_art(m, BANNER_SIZE)
    save_jpeg(rgb, out_dir / "banner.jpg")
    return {
        "dir": str(out_dir),
        "title": m.title,
        "posters": posters,
        "banner": {"style": "key_art", "file": "banner.jpg", "size": list(BANNER_SIZE), "title_box": list(box)},
    }
