"""The image role's registry: "illustrator" (default, offline skia vector art) and "sdxl" (diffusers).

Both produce a SceneArt (base frame plus the mouth and eye patches the lip-sync animator pastes).
The SDXL backend paints the scene's backdrop from a prompt and stages the illustrated cast on it,
so identities and lip-sync stay exact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import numpy as np

from models.breakdown import Scene
from models.errors import BackendUnavailable
from models.image.art import ART_VERSION, SceneArt
from models.image.backgrounds import archetype_for, scene_words
from models.image.illustrator import draw_scene
from models.image.look import CharacterLook, stable_seed
from models.image.plate import lighting_for
from models.image.weather import weather_for

if TYPE_CHECKING:  # diffusers is heavy and optional: loaded only when SDXL is chosen (see _sdxl)
    from models.image.diffusion import SDXLPainter

DEFAULT_BACKEND = "illustrator"


@dataclass(frozen=True)
class ImageConfig:
    """What a backend may need; filled from studio Settings by the caller."""

    sdxl_path: str | None = None
    device: str = "auto"
    steps: int = 30


class ImageBackend(Protocol):
    name: str

    @property
    def version(self) -> str: ...

    def draw_scene(
        self,
        scene: Scene,
        looks: dict[str, CharacterLook],
        size: tuple[int, int],
        style: str = "flat",
        backdrop: np.ndarray | None = None,
    ) -> SceneArt: ...


class IllustratorBackend:
    """Flat or storybook vector illustration with skia; no weights, runs anywhere."""

    name = "illustrator"

    @property
    def version(self) -> str:
        return f"skia-vector-{ART_VERSION}.2"

    def draw_scene(
        self,
        scene: Scene,
        looks: dict[str, CharacterLook],
        size: tuple[int, int],
        style: str = "flat",
        backdrop: np.ndarray | None = None,
    ) -> SceneArt:
        return draw_scene(scene, looks, size, style, backdrop)


def scene_prompt(scene: Scene, style: str) -> str:
    """A text prompt for a scene's empty backdrop, from the same reading the illustrator uses."""
    words = scene_words(scene)
    place = scene.location.lower() or archetype_for(scene)
    weather = weather_for(words)
    look = "storybook watercolour illustration" if style == "storybook" else "flat vector illustration"
    parts = [
        f"{look} of {place}",
        lighting_for(scene.time_of_day).name,
        f"{scene.culture.replace('_', ' ')} setting",
        f"{scene.mood} mood",
        "wide establishing shot, empty scene, no people",
    ]
    if weather:
        parts.insert(2, weather)
    return ", ".join(parts)


class SDXLBackend:
    """SDXL backdrops under the illustrated cast."""

    name = "sdxl"

    def __init__(self, painter: SDXLPainter) -> None:
        self.painter = painter

    @property
    def version(self) -> str:
        return str(self.painter.version)

    def draw_scene(
        self,
        scene: Scene,
        looks: dict[str, CharacterLook],
        size: tuple[int, int],
        style: str = "flat",
        backdrop: np.ndarray | None = None,
    ) -> SceneArt:
        if backdrop is None:  # an uploaded background wins over a generated one
            backdrop = self.painter.backdrop(
                scene_prompt(scene, style),
                size,
                stable_seed(scene.identity),
            )
        return draw_scene(scene, looks, size, style, backdrop)


def _sdxl(config: ImageConfig) -> ImageBackend:
    from models.image.diffusion import SDXLOptions, SDXLPainter

    painter = SDXLPainter.load(config.sdxl_path, config.device, SDXLOptions(steps=config.steps))
    return SDXLBackend(painter)


FACTORIES: dict[str, Callable[[ImageConfig], ImageBackend]] = {
    "illustrator": lambda config: IllustratorBackend(),
    "sdxl": _sdxl,
}


def create_backend(name: str = DEFAULT_BACKEND, config: ImageConfig | None = None) -> ImageBackend:
    """Build the named image backend; BackendUnavailable names what is missing or what exists."""
    factory = FACTORIES.get(name)
    if factory is None:
        raise BackendUnavailable(f"Unknown image backend {name!r}; available: {', '.join(sorted(FACTORIES))}.")
    return factory(config or ImageConfig())
