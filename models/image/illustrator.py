"""Illustrate a scene: background plate, staged characters, and the patches the animator pastes.

The plate is recorded once as a skia Picture; every patch re-plays it clipped to a small box
with one character's mouth or eyes changed, so layering (hair, beards, neighbours) stays exact.
"""

from __future__ import annotations

import numpy as np
import skia

from models.breakdown import NARRATOR, Scene
from models.image import raster
from models.image.art import ActorArt, Box, SceneArt
from models.image.backgrounds import paint_plate
from models.image.cards import render_character_sheet, title_card
from models.image.colours import sk
from models.image.figure import FigureBoxes, Pose, draw_figure
from models.image.look import CharacterLook
from models.image.staging import Placement, stage
from models.lipsync.visemes import VISEMES

STYLES = ("flat",)

__all__ = ["draw_scene", "render_character_sheet", "title_card", "SceneArt"]


def _clamp(box: Box, width: int, height: int) -> Box:
    x, y, w, h = box
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(width, x + w), min(height, y + h)
    return x0, y0, max(1, x1 - x0), max(1, y1 - y0)


class _Stage:
    """The recorded plate plus the placed characters, able to render any region in any state."""

    def __init__(self, picture: skia.Picture, placements: list[Placement], looks: dict[str, CharacterLook],
                 figure_tint: str) -> None:
        self.picture = picture
        self.placements = placements
        self.looks = looks
        self.tint = figure_tint

    def render(self, canvas: skia.Canvas, changed: str = "", viseme: str = "rest",
               eyes_open: bool = True) -> dict[str, FigureBoxes]:
        canvas.drawPicture(self.picture)
        layer = self.tint.lower() != "#ffffff"
        if layer:
            paint = skia.Paint(ColorFilter=skia.ColorFilters.Blend(sk(self.tint), skia.BlendMode.kModulate))
            canvas.saveLayer(None, paint)
        boxes = {}
        for place in self.placements:
            mine = place.name == changed
            pose = Pose(place.x, place.ground_y, place.scale, place.facing,
                        viseme=viseme if mine else "rest", eyes_open=eyes_open if mine else True)
            boxes[place.name] = draw_figure(canvas, self.looks[place.name], pose)
        if layer:
            canvas.restore()
        return boxes

    def patch(self, box: Box, changed: str, viseme: str = "rest", eyes_open: bool = True) -> np.ndarray:
        x, y, w, h = box
        surface, pixels = raster.new_surface(w, h)
        canvas = surface.getCanvas()
        canvas.translate(-x, -y)
        self.render(canvas, changed, viseme, eyes_open)
        return raster.rgb_of(pixels)


def draw_scene(scene: Scene, looks: dict[str, CharacterLook], size: tuple[int, int], style: str = "flat") -> SceneArt:
    """The scene's illustrated base frame and, for each visible character, mouth and eye patches."""
    width, height = int(size[0]), int(size[1])
    if width < 64 or height < 64:
        raise ValueError(f"Picture size {width}x{height} is too small; use at least 64x64 pixels.")
    if style not in STYLES:
        raise ValueError(f"Unknown picture style {style!r}; available: {', '.join(STYLES)}.")
    recorder = skia.PictureRecorder()
    plate, archetype = paint_plate(recorder.beginRecording(skia.Rect.MakeWH(width, height)), scene, (width, height))
    picture = recorder.finishRecordingAsPicture()
    names = [n for n in dict.fromkeys(scene.characters) if n != NARRATOR and n in looks]
    placements = stage(names, looks, (width, height), plate.ground_y)
    studio = _Stage(picture, placements, looks, plate.lighting.figure_ambient)

    surface, pixels = raster.new_surface(width, height)
    boxes = studio.render(surface.getCanvas())
    frame = raster.rgb_of(pixels)
    actors: dict[str, ActorArt] = {}
    for place in placements:
        fig = boxes[place.name]
        mouth_box = _clamp(fig.mouth, width, height)
        eyes_box = _clamp(fig.eyes, width, height)
        mouths = {v: studio.patch(mouth_box, place.name, viseme=v) for v in VISEMES}
        mouths["rest"] = _crop(frame, mouth_box)  # identical to the base frame by construction
        actors[place.name] = ActorArt(
            name=place.name, mouth_box=mouth_box, mouths=mouths, eyes_box=eyes_box,
            eyes_closed=studio.patch(eyes_box, place.name, eyes_open=False),
            head_box=_clamp(fig.head, width, height), facing=place.facing)
    focus = (0.5, 0.4)
    if actors:
        heads = [a.head_box for a in actors.values()]
        focus = (float(np.mean([(b[0] + b[2] / 2) / width for b in heads])),
                 float(np.mean([(b[1] + b[3] / 2) / height for b in heads])))
    return SceneArt(frame=frame, actors=actors, scene_id=scene.scene_id, archetype=archetype,
                    time_of_day=plate.lighting.name, focus=focus)


def _crop(frame: np.ndarray, box: Box) -> np.ndarray:
    x, y, w, h = box
    return frame[y : y + h, x : x + w].copy()
