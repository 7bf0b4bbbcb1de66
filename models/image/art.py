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

from models.image import raster, text
from models.image.colours import sk

Box = tuple[int, int, int, int]  # x, y, width, height in pixels of the base frame

ART_VERSION = 4  # 2: expressions, weather, styles, culture dressing; 3: props, body boxes; 4: figure layers


@dataclass
class FigureLayer:
    """Where one figure lies in the base frame, so it can be moved as a cut-out: its box (clamped to the
    frame), which pixels of the box it covers, and the plate as it is behind it (drawn without it)."""

    box: Box
    mask: np.ndarray  # (h, w) bool: pixels the figure (with its shadow and what it holds) changes
    behind: np.ndarray  # (h, w, 3) uint8: the box drawn without this figure (neighbours stay)

    @classmethod
    def cut(cls, frame: np.ndarray, behind: np.ndarray, box: Box) -> FigureLayer:
        x, y, w, h = box
        drawn = frame[y : y + h, x : x + w].astype(np.int16)
        return cls(box, np.abs(drawn - behind.astype(np.int16)).max(axis=2) > 1, behind)


@dataclass
class ActorArt:
    name: str
    mouth_box: Box
    mouths: dict[str, np.ndarray]  # viseme -> (h, w, 3) uint8 patch the size of mouth_box
    eyes_box: Box
    eyes_closed: np.ndarray
    head_box: Box
    facing: int = 0
    body_box: Box | None = None  # the whole figure, unclamped: may reach past the frame (framing checks)
    figure: FigureLayer | None = None  # the figure as a movable layer (older art: None, the figure stays put)

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
            for viseme, patch in actor.mouths.items():
                arrays[f"a{i}_mouth_{viseme}"] = patch
            arrays[f"a{i}_eyes"] = actor.eyes_closed
            if actor.figure is not None:
                arrays[f"a{i}_figure_mask"] = actor.figure.mask
                arrays[f"a{i}_figure_behind"] = actor.figure.behind
            actors.append(
                {
                    "key": f"a{i}",
                    "name": actor.name,
                    "mouth_box": list(actor.mouth_box),
                    "eyes_box": list(actor.eyes_box),
                    "head_box": list(actor.head_box),
                    "facing": actor.facing,
                    "visemes": list(actor.mouths),
                    "body_box": list(actor.body_box) if actor.body_box else None,
                    "figure_box": list(actor.figure.box) if actor.figure else None,
                }
            )
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
                key = entry["key"]
                actors[entry["name"]] = ActorArt(
                    name=entry["name"],
                    mouth_box=_box(entry["mouth_box"]),
                    mouths={v: patches[f"{key}_mouth_{v}"] for v in entry["visemes"]},
                    eyes_box=_box(entry["eyes_box"]),
                    eyes_closed=patches[f"{key}_eyes"],
                    head_box=_box(entry["head_box"]),
                    facing=int(entry["facing"]),
                    body_box=_box(entry["body_box"]) if entry.get("body_box") else None,
                    figure=FigureLayer(
                        _box(entry["figure_box"]), patches[f"{key}_figure_mask"], patches[f"{key}_figure_behind"]
                    )
                    if entry.get("figure_box")
                    else None,
                )
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


def _box(values: list[int]) -> Box:
    x, y, w, h = (int(v) for v in values)
    return x, y, w, h
