"""Illustrate a scene: background plate, staged characters, and the patches the animator pastes.

The plate is recorded once as a skia Picture; every patch re-plays it clipped to a small box
with one character's mouth or eyes changed, so layering (hair, beards, neighbours) stays exact.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import skia

from models.breakdown import NARRATOR, Character, Scene
from models.image import raster
from models.image.art import ActorArt, Box, FigureLayer, SceneArt
from models.image.backgrounds import paint_plate
from models.image.cards import render_character_sheet, title_card
from models.image.colours import sk
from models.image.expressions import expression_of
from models.image.figure import FigureBoxes, Pose, draw_figure
from models.image.icons import IconSet, IconSetMissing, icon_set
from models.image.light import figure_light
from models.image.look import CharacterLook, cast_looks
from models.image.poses import POSES, lift
from models.image.prop_meaning import prop_matcher
from models.image.scene_objects import named_objects
from models.image.set_dressing import StagedProp, draw_props, stage_props
from models.image.staging import CROWD_WORDS, MAX_VISIBLE, Placement, stage, stage_extras
from models.image.style import STYLES, begin_frame, check_style, end_frame, paint_cut_out
from models.lipsync.gestures import goes_down
from models.lipsync.visemes import VISEMES

__all__ = ["STYLES", "draw_scene", "render_character_sheet", "title_card", "SceneArt"]


TALK_TURN = 1.6  # past three-quarter: a figure turned to talk reads as turned even in a wide shot
Bent = tuple[str, str, int]  # a character drawn in a pose: its name, the pose and how many pixels it lowers it
_IDENTITY = skia.ColorFilters.Matrix([1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0])


def _clamp(box: Box, width: int, height: int) -> Box:
    x, y, w, h = box
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(width, x + w), min(height, y + h)
    return x0, y0, max(1, x1 - x0), max(1, y1 - y0)


class _Stage:
    """The recorded plate plus the placed characters, able to render any region in any state."""

    def __init__(
        self,
        picture: skia.Picture,
        placements: list[Placement],
        looks: dict[str, CharacterLook],
        figure_tint: str,
        size: tuple[int, int],
        style: str = "flat",
        expressions: dict[str, str] | None = None,
        props: list[StagedProp] | None = None,
        icons: IconSet | None = None,
        ground_y: float = 0.0,
    ) -> None:
        self.picture = picture
        self.props = props or []
        self.icons = icons
        self.ground_y = ground_y
        self.extras: list[Placement] = []
        self.extra_looks: dict[str, CharacterLook] = {}
        self.haze = "#ffffff"
        self.placements = placements
        self.looks = looks
        self.tint = figure_tint
        self.size = size
        self.style = style
        self.expressions = expressions or {}
        self.cut_outs: dict[tuple[str, bool, Bent | None], skia.Image] = {}

    def _pose(
        self,
        place: Placement,
        changed: str = "",
        viseme: str = "rest",
        eyes_open: bool = True,
        turned: str = "",
        bent: Bent | None = None,
    ) -> Pose:
        mine = place.name == changed
        key, drop = bent[1:] if bent is not None and bent[0] == place.name else ("", 0)
        return Pose(
            place.x,
            place.ground_y,
            place.scale,
            1 if place.name == turned else 0,  # front in the plate; the turned view faces +x (mirrored for -x)
            viseme=viseme if mine else "rest",
            eyes_open=eyes_open if mine else True,
            expression=self.expressions.get(place.name, "neutral"),
            turn=TALK_TURN,
            bend=key,
            drop=drop,
        )

    def _cut_out(self, place: Placement, turned: bool, bent: Bent | None) -> skia.Image:
        """The figure's storybook shadow and rim, rasterised once per view and pose in frame coordinates."""
        bent = bent if bent is not None and bent[0] == place.name else None
        key = (place.name, turned, bent)
        if key not in self.cut_outs:
            surface = skia.Surface(*self.size)
            canvas = surface.getCanvas()
            canvas.clear(skia.ColorTRANSPARENT)
            look, pose = self.looks[place.name], self._pose(place, turned=place.name if turned else "", bent=bent)
            paint_cut_out(canvas, place.scale, partial(draw_figure, canvas, look, pose))
            self.cut_outs[key] = surface.makeImageSnapshot()
        return self.cut_outs[key]

    def render(
        self,
        canvas: skia.Canvas,
        changed: str = "",
        viseme: str = "rest",
        eyes_open: bool = True,
        without: str = "",
        turned: str = "",
        bent: Bent | None = None,
    ) -> dict[str, FigureBoxes]:
        """Draw the scene; `without` names a character left out (with what it holds): what is behind it;
        `turned` names one drawn in its three-quarter view facing +x; `bent` one drawn in a pose."""
        begin_frame(canvas, self.style)
        canvas.drawPicture(self.picture)
        layer = self.tint.lower() != "#ffffff"
        if layer:
            paint = skia.Paint(ColorFilter=skia.ColorFilters.Blend(sk(self.tint), skia.BlendMode.kModulate))
            canvas.saveLayer(None, paint)
        if self.extras:  # the crowd behind the cast, a little hazed by distance, under the same light
            canvas.saveLayer(
                None,
                skia.Paint(
                    ColorFilter=skia.ColorFilters.Lerp(
                        0.3, _IDENTITY, skia.ColorFilters.Blend(sk(self.haze), skia.BlendMode.kSrcIn)
                    )
                ),
            )
            for place in self.extras:
                draw_figure(canvas, self.extra_looks[place.name], Pose(place.x, place.ground_y, place.scale))
            canvas.restore()
        # Props share the figures' light layer: one lighting model for everything staged in the scene.
        if self.icons is not None:  # props further back first, so the nearer ones overlap them
            draw_props(canvas, [p for p in self.props if p.placement == "back"], self.icons, self.ground_y)
            draw_props(canvas, [p for p in self.props if p.placement in ("ground", "table")], self.icons, self.ground_y)
        boxes = {}
        for place in self.placements:
            if place.name == without:
                continue
            if self.style == "storybook":
                canvas.drawImage(self._cut_out(place, place.name == turned, bent), 0, 0)
            boxes[place.name] = draw_figure(
                canvas, self.looks[place.name], self._pose(place, changed, viseme, eyes_open, turned, bent)
            )
        if self.icons is not None:
            held = [p for p in self.props if p.placement == "held" and p.holder != without]
            draw_props(canvas, held, self.icons, self.ground_y)
        if layer:
            canvas.restore()
        end_frame(canvas, self.style, self.size)
        return boxes

    def patch(
        self,
        box: Box,
        changed: str,
        viseme: str = "rest",
        eyes_open: bool = True,
        without: str = "",
        turned: str = "",
        bent: Bent | None = None,
    ) -> np.ndarray:
        x, y, w, h = box
        surface, pixels = raster.new_surface(w, h)
        canvas = surface.getCanvas()
        canvas.translate(-x, -y)
        self.render(canvas, changed, viseme, eyes_open, without, turned, bent)
        return raster.rgb_of(pixels)

    def poses(self, name: str, layer: FigureLayer, height: int, turned: bool) -> dict[str, FigureLayer]:
        """The figure (`layer`: its standing view) in every pose, each over the same box and plate
        behind it; `height`: the standing figure's, which sets how far each pose lowers it."""
        view = name if turned else ""
        return {
            key: FigureLayer.of(
                self.patch(layer.box, "", turned=view, bent=(name, key, lift(key, height))), layer.behind, layer.box
            )  # fmt: skip
            for key in POSES
        }

    def actor(self, name: str, frame: np.ndarray, fig: FigureBoxes, behind: np.ndarray, turned: bool) -> ActorArt:
        """One character's boxes and patches as drawn in `frame` (its front view, or its turned view
        when `turned`: then the figure layer keeps its own pixels, since the base frame lacks them)."""
        width, height = self.size
        view = name if turned else ""
        mouth_box = _clamp(fig.mouth, width, height)
        eyes_box = _clamp(fig.eyes, width, height)
        mouths = {v: self.patch(mouth_box, name, viseme=v, turned=view) for v in VISEMES}
        mouths["rest"] = _crop(frame, mouth_box)  # identical to the frame by construction
        return ActorArt(
            name=name,
            mouth_box=mouth_box,
            mouths=mouths,
            eyes_box=eyes_box,
            eyes_closed=self.patch(eyes_box, name, eyes_open=False, turned=view),
            head_box=_clamp(fig.head, width, height),
            facing=1 if turned else 0,
            body_box=fig.body,
            figure=FigureLayer.cut(frame, behind, _clamp(fig.body, width, height), keep=turned),
        )


def crowd_of(
    scene: Scene, names: list[str], looks: dict[str, CharacterLook], words: set[str]
) -> tuple[list[str], dict[str, CharacterLook]]:
    """Who stands in the crowd: the named cast beyond the front row, else (when the scene speaks of
    a crowd) eight generated passers-by of the scene's culture."""
    overflow = names[MAX_VISIBLE:]
    if overflow:
        return overflow, looks
    if not words & CROWD_WORDS:
        return [], {}
    passers = [Character(f"{scene.identity} extra {i}") for i in range(8)]
    generated = cast_looks(passers, scene.culture)
    return [c.name for c in passers], generated


def scene_expressions(scene: Scene, names: list[str]) -> dict[str, str]:
    """Each visible character's expression: from the emotions of their lines, else the scene's mood."""
    return {
        name: expression_of([line.emotion for line in scene.lines if line.speaker == name], scene.mood)
        for name in names
    }


def draw_scene(
    scene: Scene,
    looks: dict[str, CharacterLook],
    size: tuple[int, int],
    style: str = "flat",
    backdrop: np.ndarray | None = None,
) -> SceneArt:
    """The scene's illustrated base frame (figures facing front) and, for each visible character,
    mouth and eye patches and its figure as a movable layer, front and turned three-quarter.

    `backdrop` (H, W, 3) replaces the painted scenery: an uploaded background or a diffusion plate.
    """
    width, height = int(size[0]), int(size[1])
    if width < 64 or height < 64:
        raise ValueError(f"Picture size {width}x{height} is too small; use at least 64x64 pixels.")
    check_style(style)
    recorder = skia.PictureRecorder()
    plate, archetype = paint_plate(
        recorder.beginRecording(skia.Rect.MakeWH(width, height)), scene, (width, height), backdrop
    )
    picture = recorder.finishRecordingAsPicture()
    names = [n for n in dict.fromkeys(scene.characters) if n != NARRATOR and n in looks]
    placements = stage(names, looks, (width, height), plate.ground_y)
    crowd, crowd_looks = crowd_of(scene, names, looks, plate.words)
    extras = stage_extras(crowd, crowd_looks, (width, height), plate.ground_y, placements)
    wanted = named_objects(scene, [n for n in scene.characters if n != NARRATOR])
    icons, props, props_note = None, [], None
    if wanted:
        try:
            icons = icon_set()
            matcher = prop_matcher(scene.prop_matcher)  # the breakdown's place/prop backend
            props = stage_props(
                wanted, icons, placements, looks, (width, height), plate.ground_y, plate.interior, matcher
            )
        except IconSetMissing as missing:
            props_note = str(missing)  # the plate renders; objects_on_screen lists every object as missed
    studio = _Stage(
        picture,
        placements,
        looks,
        figure_light(plate.lighting, plate.interior),
        (width, height),
        style,
        scene_expressions(scene, [p.name for p in placements]),
        props,
        icons,
        plate.ground_y,
    )
    studio.extras, studio.extra_looks, studio.haze = extras, crowd_looks, plate.lighting.haze

    surface, pixels = raster.new_surface(width, height)
    boxes = studio.render(surface.getCanvas())
    frame = raster.rgb_of(pixels)
    actors: dict[str, ActorArt] = {}
    down = goes_down(scene.action)
    for place in placements:
        behind = studio.patch(_clamp(boxes[place.name].body, width, height), "", without=place.name)  # the plate
        # there without this figure
        actors[place.name] = studio.actor(place.name, frame, boxes[place.name], behind, turned=False)
        # The same figure turned three-quarter toward +x, drawn once: the animator shows it (or its
        # mirror) while the character talks with someone (models/lipsync/facing.py).
        surface, pixels = raster.new_surface(width, height)
        turned = studio.render(surface.getCanvas(), turned=place.name)
        actors[place.name].turned = studio.actor(place.name, raster.rgb_of(pixels), turned[place.name], behind, True)
        # Each view sitting, kneeling and crouching, half way and all the way down: the animator swaps
        # them in while the character is down (models/lipsync/body.py). Creatures keep standing, and
        # so does everyone in a scene whose action never takes anyone down (half the plate's drawing).
        if down and looks[place.name].species == "human":
            tall = boxes[place.name].body[3]
            for seen in (actors[place.name], actors[place.name].turned):
                assert seen is not None and seen.figure is not None
                seen.poses = studio.poses(place.name, seen.figure, tall, seen.facing != 0)
    focus = (0.5, 0.4)
    if actors:
        heads = [a.head_box for a in actors.values()]
        focus = (
            float(np.mean([(b[0] + b[2] / 2) / width for b in heads])),
            float(np.mean([(b[1] + b[3] / 2) / height for b in heads])),
        )
    return SceneArt(
        frame=frame,
        actors=actors,
        scene_id=scene.scene_id,
        archetype=archetype,
        time_of_day=plate.lighting.name,
        focus=focus,
        style=style,
        weather=plate.weather,
        expressions=dict(studio.expressions),
        named_objects=[o.word for o in wanted],
        objects=[p.to_dict() for p in props],
        props_note=props_note,
        licences=icons.licences([p.icon for p in props]) if icons is not None else [],
        figure_light=studio.tint,
    )


def _crop(frame: np.ndarray, box: Box) -> np.ndarray:
    x, y, w, h = box
    return frame[y : y + h, x : x + w].copy()
