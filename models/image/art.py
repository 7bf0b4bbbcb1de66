"""SceneArt: a scene's base frame plus per-character mouth and eye patches, so animation is array copies.

On disk: frame.png (base frame), patches.npz (every patch), art.json (boxes and names).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import skia
from scipy import ndimage

from models.image import raster, text
from models.image.colours import sk

Box = tuple[int, int, int, int]  # x, y, width, height in pixels of the base frame

ART_VERSION = 8  # 2: expressions, weather, styles, culture dressing; 3: props, body boxes; 4: figure layers;
# 5: figures drawn facing front, with a three-quarter view turned toward +x to face whoever they talk to;
# 6: each view also drawn sitting, kneeling and crouching (models/image/poses.py);
# 7: a prop only a spelling guess reaches is not drawn; Game Icons silhouettes draw what no emoji shows;
# 8: a prop is drawn as a broader kind WordNet names (a mitten is handwear) and by more endings (gumboots)


STRAY = 0.02  # changed specks smaller than this share of the figure are edge noise, not figure


def _solid(changed: np.ndarray) -> np.ndarray:
    """The figure's pixels among those a render with it changed: its body and what it holds, without
    specks where the box's edge re-rendered the scenery a level apart (they would travel with it)."""
    labels, count = ndimage.label(changed, structure=np.ones((3, 3), dtype=bool))
    if count <= 1:
        return changed
    sizes = np.bincount(labels.ravel())[1:]
    keep = np.flatnonzero(sizes >= STRAY * sizes.max()) + 1
    return np.isin(labels, keep)


@dataclass
class FigureLayer:
    """Where one figure lies in the base frame, so it can be moved as a cut-out: its box (clamped to the
    frame), which pixels of the box it covers, and the plate as it is behind it (drawn without it)."""

    box: Box
    mask: np.ndarray  # (h, w) bool: pixels the figure (with its shadow and what it holds) changes
    behind: np.ndarray  # (h, w, 3) uint8: the box drawn without this figure (neighbours stay)
    pixels: np.ndarray | None = None  # (h, w, 3) uint8 of a view not in the base frame (None: the frame's)

    @classmethod
    def cut(cls, frame: np.ndarray, behind: np.ndarray, box: Box, keep: bool = False) -> FigureLayer:
        """The layer of the figure drawn in `frame`; `keep` holds its pixels (a view the base frame lacks)."""
        x, y, w, h = box
        return cls.of(frame[y : y + h, x : x + w], behind, box, keep)

    @classmethod
    def of(cls, drawn: np.ndarray, behind: np.ndarray, box: Box, keep: bool = True) -> FigureLayer:
        """The layer of the figure drawn over its box (`drawn`: the box's pixels with it)."""
        changed = np.abs(drawn.astype(np.int16) - behind.astype(np.int16)).max(axis=2) > 1
        return cls(box, _solid(changed), behind, drawn.copy() if keep else None)

    def figure(self, frame: np.ndarray) -> np.ndarray:
        """The figure's pixels over its box (the base frame's when the layer keeps none)."""
        if self.pixels is not None:
            return self.pixels
        x, y, w, h = self.box
        return frame[y : y + h, x : x + w]


@dataclass
class ActorArt:
    name: str
    mouth_box: Box
    mouths: dict[str, np.ndarray]  # viseme -> (h, w, 3) uint8 patch the size of mouth_box
    eyes_box: Box
    eyes_closed: np.ndarray
    head_box: Box
    facing: int = 0  # the view drawn: 0 front (the plate), 1 turned toward +x, -1 toward -x
    body_box: Box | None = None  # the whole figure, unclamped: may reach past the frame (framing checks)
    figure: FigureLayer | None = None  # the figure as a movable layer (older art: None, the figure stays put)
    turned: ActorArt | None = None  # the same figure in three-quarter view facing +x (models/image/views.py)
    poses: dict[str, FigureLayer] = field(default_factory=dict)  # this view sitting, kneeling... (image/poses.py)

    def mouth(self, viseme: str) -> np.ndarray:
        return self.mouths.get(viseme, self.mouths["rest"])


@dataclass
class SceneArt:
    frame: np.ndarray  # (H, W, 3) uint8, mouths at rest and eyes open
    actors: dict[str, ActorArt] = field(default_factory=dict)
    scene_id: str = ""
    archetype: str = ""
    time_of_day: str = "day"
    focus: tuple[float, float] = (0.5, 0.4)  # where the characters' heads are, as fractions of the frame
    style: str = "flat"  # flat|storybook
    weather: str | None = None  # rain|storm|snow|fog read from the scene, None for fair weather
    expressions: dict[str, str] = field(default_factory=dict)  # actor -> neutral|happy|sad|...
    named_objects: list[str] = field(default_factory=list)  # what the scene names, in order
    objects: list[dict[str, Any]] = field(default_factory=list)  # staged props (set_dressing.StagedProp.to_dict)
    props_note: str | None = None  # why no prop could be staged (the icon set is missing)
    licences: list[dict[str, str]] = field(default_factory=list)  # licences of third-party art in the plate
    figure_light: str | None = None  # the one multiply tint on every figure and prop (models/image/light.py)

    @property
    def size(self) -> tuple[int, int]:
        return int(self.frame.shape[1]), int(self.frame.shape[0])

    def save(self, directory: Path) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        raster.save_png(self.frame, directory / "frame.png")
        arrays: dict[str, np.ndarray] = {}
        actors: list[dict[str, Any]] = []
        for i, actor in enumerate(self.actors.values()):
            entry = _save_actor(actor, f"a{i}", arrays)
            if actor.turned is not None:
                entry["turned"] = _save_actor(actor.turned, f"a{i}t", arrays, view=True)
            actors.append(entry)
        np.savez_compressed(directory / "patches.npz", **arrays)  # type: ignore[arg-type]  # numpy's stub: a **dict of arrays might name allow_pickle
        meta = {
            "version": ART_VERSION,
            "scene_id": self.scene_id,
            "archetype": self.archetype,
            "time_of_day": self.time_of_day,
            "focus": list(self.focus),
            "size": list(self.size),
            "actors": actors,
            "style": self.style,
            "weather": self.weather,
            "expressions": self.expressions,
            "named_objects": self.named_objects,
            "objects": self.objects,
            "props_note": self.props_note,
            "licences": self.licences,
            "figure_light": self.figure_light,
        }
        (directory / "art.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False))

    @classmethod
    def load(cls, directory: Path) -> SceneArt:
        directory = Path(directory)
        meta = json.loads((directory / "art.json").read_text())
        frame = raster.load_png(directory / "frame.png")
        actors: dict[str, ActorArt] = {}
        with np.load(directory / "patches.npz") as patches:
            for entry in meta["actors"]:
                actor = _load_actor(entry, patches)
                if entry.get("turned"):
                    actor.turned = _load_actor(entry["turned"], patches, actor.figure)
                actors[actor.name] = actor
        return cls(
            frame=frame,
            actors=actors,
            scene_id=meta["scene_id"],
            archetype=meta["archetype"],
            time_of_day=meta["time_of_day"],
            focus=(float(meta["focus"][0]), float(meta["focus"][1])),
            style=meta.get("style", "flat"),
            weather=meta.get("weather"),
            expressions=dict(meta.get("expressions", {})),
            named_objects=list(meta.get("named_objects", [])),
            objects=list(meta.get("objects", [])),
            props_note=meta.get("props_note"),
            licences=list(meta.get("licences", [])),
            figure_light=meta.get("figure_light"),
        )

    def thumbnail(self, title: str, size: tuple[int, int] = (1280, 720)) -> np.ndarray:
        """The base frame filling `size` with `title` in large outlined type on a translucent band."""
        width, height = size
        base = raster.resample_cover(self.frame, size, focus=self.focus)
        surface, pixels = raster.new_surface(width, height)
        canvas = surface.getCanvas()
        canvas.drawImage(raster.image_of(base), 0, 0)
        f, lines = text.fit(title, width * 0.88, height * 0.3, start=min(width, height) * 0.13)
        block = len(lines) * f.getSize() * 1.2
        top = height * 0.78 - block / 2 if height >= width * 0.75 else height * 0.72 - block / 2
        band = skia.Rect(0, top - f.getSize() * 0.35, width, top + block + f.getSize() * 0.25)
        shader = skia.GradientShader.MakeLinear(
            [skia.Point(0, band.top()), skia.Point(0, band.bottom())],
            [sk("#000000", 0.25), sk("#000000", 0.6), sk("#000000", 0.25)],
        )
        canvas.drawRect(band, skia.Paint(Shader=shader))
        canvas.drawRect(
            skia.Rect(0, band.top(), width, band.top() + max(3, height * 0.006)), skia.Paint(Color=sk("#f5b82e"))
        )
        text.draw_lines(canvas, lines, f, width / 2, top)
        return raster.rgb_of(pixels)


def _save_actor(actor: ActorArt, key: str, arrays: dict[str, np.ndarray], view: bool = False) -> dict[str, Any]:
    """Put the actor's patches in `arrays` under `key` and return its entry in art.json (a `view`
    shares the front layer's background, so it is not stored twice)."""
    for viseme, patch in actor.mouths.items():
        arrays[f"{key}_mouth_{viseme}"] = patch
    arrays[f"{key}_eyes"] = actor.eyes_closed
    if actor.figure is not None:
        arrays[f"{key}_figure_mask"] = actor.figure.mask
        if not view:
            arrays[f"{key}_figure_behind"] = actor.figure.behind
        if actor.figure.pixels is not None:
            arrays[f"{key}_figure_pixels"] = actor.figure.pixels
    for pose, layer in actor.poses.items():
        assert layer.pixels is not None  # a pose is never the base frame's
        arrays[f"{key}_pose_{pose}_mask"], arrays[f"{key}_pose_{pose}_pixels"] = layer.mask, layer.pixels
    return {
        "key": key,
        "name": actor.name,
        "mouth_box": list(actor.mouth_box),
        "eyes_box": list(actor.eyes_box),
        "head_box": list(actor.head_box),
        "facing": actor.facing,
        "visemes": list(actor.mouths),
        "body_box": list(actor.body_box) if actor.body_box else None,
        "figure_box": list(actor.figure.box) if actor.figure else None,
        "poses": list(actor.poses),
    }


def _load_actor(entry: dict[str, Any], patches: Any, front: FigureLayer | None = None) -> ActorArt:
    """One actor from its art.json entry and the patch arrays (`front`: the layer a view shares its
    background with)."""
    key = entry["key"]
    figure = None
    if entry.get("figure_box"):
        behind = front.behind if front is not None else patches[f"{key}_figure_behind"]
        pixels = patches[f"{key}_figure_pixels"] if f"{key}_figure_pixels" in patches else None
        figure = FigureLayer(_box(entry["figure_box"]), patches[f"{key}_figure_mask"], behind, pixels)
    poses = {}
    if figure is not None:
        for pose in entry.get("poses", []):
            poses[pose] = FigureLayer(figure.box, patches[f"{key}_pose_{pose}_mask"], figure.behind,
                                      patches[f"{key}_pose_{pose}_pixels"])  # fmt: skip
    return ActorArt(
        name=entry["name"],
        mouth_box=_box(entry["mouth_box"]),
        mouths={v: patches[f"{key}_mouth_{v}"] for v in entry["visemes"]},
        eyes_box=_box(entry["eyes_box"]),
        eyes_closed=patches[f"{key}_eyes"],
        head_box=_box(entry["head_box"]),
        facing=int(entry["facing"]),
        body_box=_box(entry["body_box"]) if entry.get("body_box") else None,
        figure=figure,
        poses=poses,
    )


def _box(values: list[int]) -> Box:
    x, y, w, h = (int(v) for v in values)
    return x, y, w, h
