"""One light for everything staged in a scene: characters and props get the same tint.

Night outdoors dims more than it tints (a strong blue multiply turns pale skin grey beside darker
skin that barely changes); indoors after dark the lamps warm everyone alike, as they warm the room.
"""

from __future__ import annotations

from models.image.colours import mix
from models.image.plate import Lighting

LAMPLIGHT = "#ffe2b8"  # the same warm mix paint_plate gives a lit interior's scenery
MOONLIGHT = "#b9bccb"


def figure_light(lighting: Lighting, interior: bool) -> str:
    """The multiply tint applied to every figure and prop of the scene."""
    tint = lighting.figure_ambient
    if lighting.name == "night":
        tint = mix(tint, MOONLIGHT, 0.5)
    if interior and lighting.lights_on:
        tint = mix(tint, LAMPLIGHT, 0.45)
    return tint
