"""The prop icon set: Microsoft's Fluent Emoji (flat), installed at setup by npm, drawn with skia's SVG DOM.

The icons are not committed: `scripts/setup.sh` installs the npm package
`@iconify-json/fluent-emoji-flat` into `.vendor/` (git-ignored). Without it the plates still
render, but no prop can be staged; `IconSetMissing` says what to install.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import skia

from models.errors import BackendUnavailable

PACKAGE = "@iconify-json/fluent-emoji-flat"
PACKAGE_VERSION = "1.2.6"
DEFAULT_DIR = Path(__file__).resolve().parents[2] / ".vendor" / "node_modules" / "@iconify-json" / "fluent-emoji-flat"
INSTALL_HINT = (
    f"install the prop icons with `bash scripts/setup.sh` (or `npm install --prefix .vendor "
    f"{PACKAGE}@{PACKAGE_VERSION}`)"
)
LICENCE = {
    "set": "Fluent Emoji (flat)",
    "author": "Microsoft Corporation",
    "licence": "MIT",
    "url": "https://github.com/microsoft/fluentui-emoji/blob/main/LICENSE",
    "package": f"npm {PACKAGE}@{PACKAGE_VERSION}",
}
# People come as figures from the character engine; faces, symbols and flags are no props.
PROP_CATEGORIES = ("Objects", "Travel & Places", "Animals & Nature", "Food & Drink", "Activities")
EXTRA_ICONS = {"robot": "Creatures"}  # a robot's head, for robot characters (models/image/creatures.py)


class IconSetMissing(BackendUnavailable):
    """The npm icon set is not installed where the illustrator looks for it."""


@dataclass(frozen=True)
class Icon:
    name: str
    category: str
    svg: bytes
    width: float
    height: float


class IconSet:
    """Every drawable prop icon by name, with its category."""

    def __init__(self, directory: Path = DEFAULT_DIR) -> None:
        icons_file, meta_file = Path(directory) / "icons.json", Path(directory) / "metadata.json"
        if not icons_file.is_file() or not meta_file.is_file():
            raise IconSetMissing(f"The prop icon set is not installed at {directory}: {INSTALL_HINT}.")
        data = json.loads(icons_file.read_text())
        meta = json.loads(meta_file.read_text())
        width, height = float(data.get("width", 32)), float(data.get("height", 32))
        self.icons: dict[str, Icon] = {}
        wanted = [(c, n) for c in PROP_CATEGORIES for n in meta["categories"].get(c, [])]
        for category, name in [*wanted, *((c, n) for n, c in EXTRA_ICONS.items())]:
            body = data["icons"].get(name)
            if body is None:
                continue
            w, h = float(body.get("width", width)), float(body.get("height", height))
            svg = (
                f'<svg xmlns="http://www.w3.org/2000/svg" width="{w:g}" height="{h:g}" '
                f'viewBox="0 0 {w:g} {h:g}">{body["body"]}</svg>'
            ).encode()
            if _dom(svg) is not None:  # a few icons use SVG that skia's DOM cannot parse: not offered
                self.icons[name] = Icon(name, category, svg, w, h)

    def __contains__(self, name: object) -> bool:
        return name in self.icons

    def names(self) -> list[str]:
        return list(self.icons)

    def draw(self, canvas: skia.Canvas, name: str, x: float, bottom: float, height: float, mirror: bool = False) -> Box:
        """Draw icon `name` standing on (x, bottom), `height` pixels tall; returns its pixel box."""
        icon = self.icons[name]
        dom = _dom(icon.svg)
        if dom is None:  # __init__ only keeps icons whose SVG parses
            raise ValueError(f"icon {name!r} has SVG that skia cannot parse")
        scale = height / icon.height
        width = icon.width * scale
        canvas.save()
        canvas.translate(x - width / 2 if not mirror else x + width / 2, bottom - height)
        canvas.scale(-scale if mirror else scale, scale)
        dom.render(canvas)
        canvas.restore()
        return int(x - width / 2), int(bottom - height), int(round(width)), int(round(height))


Box = tuple[int, int, int, int]


@cache
def _dom(svg: bytes) -> skia.SVGDOM | None:
    return skia.SVGDOM.MakeFromStream(skia.MemoryStream(svg))


@cache
def icon_set(directory: str = str(DEFAULT_DIR)) -> IconSet:
    """The installed icon set, parsed once per process (about a second)."""
    return IconSet(Path(directory))


def available(directory: str = str(DEFAULT_DIR)) -> bool:
    try:
        icon_set(directory)
    except IconSetMissing:
        return False
    return True
