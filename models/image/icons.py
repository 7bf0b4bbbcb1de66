"""The prop icon sets, installed at setup by npm and drawn with skia's SVG DOM: Microsoft's Fluent
Emoji (flat, in colour) first, then the Game Icons silhouettes for the things no emoji shows (a
fence, a well, a pillow, an anvil), filled in one ink colour that the plate's grade then lights.

The icons are not committed: `scripts/setup.sh` installs the npm packages
`@iconify-json/fluent-emoji-flat` and `@iconify-json/game-icons` into `.vendor/` (git-ignored).
Without the emoji set the plates still render, but no prop can be staged; `IconSetMissing` says
what to install. Without the silhouettes only the emoji are offered.
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
SILHOUETTE_PACKAGE = "@iconify-json/game-icons"
SILHOUETTE_VERSION = "1.2.4"
_VENDOR = Path(__file__).resolve().parents[2] / ".vendor" / "node_modules"
DEFAULT_DIR = _VENDOR / PACKAGE
SILHOUETTE_DIR = _VENDOR / SILHOUETTE_PACKAGE
INSTALL_HINT = (
    f"install the prop icons with `bash scripts/setup.sh` (or `npm install --prefix .vendor "
    f"{PACKAGE}@{PACKAGE_VERSION} {SILHOUETTE_PACKAGE}@{SILHOUETTE_VERSION}`)"
)
LICENCE = {
    "set": "Fluent Emoji (flat)",
    "author": "Microsoft Corporation",
    "licence": "MIT",
    "url": "https://github.com/microsoft/fluentui-emoji/blob/main/LICENSE",
    "package": f"npm {PACKAGE}@{PACKAGE_VERSION}",
}
SILHOUETTE_LICENCE = {
    "set": "Game Icons",
    "author": "Lorc, Delapouite and contributors (https://game-icons.net)",
    "licence": "CC BY 3.0",
    "url": "https://github.com/game-icons/icons/blob/master/license.txt",
    "package": f"npm {SILHOUETTE_PACKAGE}@{SILHOUETTE_VERSION}",
}
SILHOUETTE = "Silhouettes"  # the category of every Game Icons icon (the set has none of its own)
INK = "#4a3b30"  # the silhouettes' outline: a dark warm brown that reads on a light (day) plate
# Their fill: a light warm brown that reads on a dark (night) plate, where an ink shape on dark
# ground fades to nothing (objects_on_screen saw no detail in them).
FILL = "#b09a80"
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

    def __init__(self, directory: Path = DEFAULT_DIR, silhouettes: Path | None = SILHOUETTE_DIR) -> None:
        icons_file, meta_file = Path(directory) / "icons.json", Path(directory) / "metadata.json"
        if not icons_file.is_file() or not meta_file.is_file():
            raise IconSetMissing(f"The prop icon set is not installed at {directory}: {INSTALL_HINT}.")
        data = json.loads(icons_file.read_text())
        meta = json.loads(meta_file.read_text())
        self.icons: dict[str, Icon] = {}
        wanted = [(c, n) for c in PROP_CATEGORIES for n in meta["categories"].get(c, [])]
        self._add(data, [*wanted, *((c, n) for n, c in EXTRA_ICONS.items())])
        self._emoji = list(self.icons)
        if silhouettes is not None and (Path(silhouettes) / "icons.json").is_file():
            extra = json.loads((Path(silhouettes) / "icons.json").read_text())
            self._add(extra, [(SILHOUETTE, n) for n in extra["icons"] if n not in self.icons])
        self._silhouettes = list(self.icons)[len(self._emoji) :]

    def _add(self, data: dict, wanted: list[tuple[str, str]]) -> None:
        width, height = float(data.get("width", 32)), float(data.get("height", 32))
        for category, name in wanted:
            body = data["icons"].get(name)
            if body is None:
                continue
            w, h = float(body.get("width", width)), float(body.get("height", height))
            inner = body["body"].replace("currentColor", FILL if category == SILHOUETTE else INK)
            if category == SILHOUETTE:
                # A light shape outlined in ink reads on day and night plates; the stroke, 3 % of the
                # icon, also keeps an outline of thin lines (a folding table) visible at prop size.
                inner = f'<g stroke="{INK}" stroke-width="{w * 0.03:g}" stroke-linejoin="round">{inner}</g>'
            svg = (
                f'<svg xmlns="http://www.w3.org/2000/svg" width="{w:g}" height="{h:g}" '
                f'viewBox="0 0 {w:g} {h:g}">{inner}</svg>'
            ).encode()
            if _dom(svg) is not None:  # a few icons use SVG that skia's DOM cannot parse: not offered
                self.icons[name] = Icon(name, category, svg, w, h)

    def __contains__(self, name: object) -> bool:
        return name in self.icons

    def names(self) -> list[str]:
        """The emoji: the house style, and the set that meaning and spelling are matched against."""
        return list(self._emoji)

    def silhouettes(self) -> list[str]:
        return list(self._silhouettes)

    def is_silhouette(self, name: str) -> bool:
        icon = self.icons.get(name)
        return icon is not None and icon.category == SILHOUETTE

    def licences(self, names: list[str]) -> list[dict[str, str]]:
        """The licence of each set that drew one of `names`, once each."""
        used = {self.is_silhouette(n) for n in names if n in self.icons}
        return [lic for flag, lic in ((False, LICENCE), (True, SILHOUETTE_LICENCE)) if flag in used]

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
