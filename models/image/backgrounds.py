"""Pick a location archetype for a scene and paint its background plate, lit by the time of day.

Order of painting: sky (untinted), scenery under a multiply tint for the time of day, then lit
windows and glows on top so lamps and diyas stay bright at night.
"""

from __future__ import annotations

import difflib
import random
import re
from collections.abc import Callable

import numpy as np
import skia

from models.breakdown import Scene
from models.image import exteriors, interiors, landscapes, places_indoor, places_outdoor, raster, sacred
from models.image.classroom import paint_classroom
from models.image.colours import fill, mix, sk, vertical_gradient
from models.image.culture import dress
from models.image.look import stable_seed
from models.image.plate import Plate, lighting_for
from models.image.weather import paint_weather, weather_for
from models.script.wordnet import kinds_of

Painter = Callable[[skia.Canvas, Plate], None]

# Checked in order; the first archetype with a matching word wins (specific places before general ones).
ARCHETYPE_WORDS: list[tuple[str, tuple[str, ...]]] = [
    (
        "spaceship",
        ("spaceship", "spacecraft", "starship", "space station", "space shuttle", "cockpit", "airlock", "mothership"),
    ),
    ("lighthouse", ("lighthouse", "lamp room", "lantern room", "beacon", "tower", "keeper's")),
    ("ghat", ("ghat", "ghats", "ganga", "ganges", "varanasi", "banaras", "benares", "river", "riverbank", "riverside")),
    (
        "temple",
        ("temple", "mandir", "shrine", "church", "mosque", "pagoda", "monastery", "cathedral", "chapel", "gurudwara"),
    ),
    ("cave", ("cave", "cavern", "grotto", "tunnel", "den", "burrow", "lair")),
    ("palace_hall", ("palace", "throne", "throne room", "ballroom", "royal court", "durbar", "great hall")),
    ("castle", ("castle", "fortress", "fort", "citadel", "ramparts", "battlements")),
    ("school_corridor", ("corridor", "hallway", "hall way", "lockers", "locker")),
    ("classroom", ("classroom", "school", "schoolroom", "lecture hall", "tuition", "kindergarten")),
    ("hospital", ("hospital", "clinic", "ward", "infirmary", "surgery", "emergency room", "icu", "dispensary")),
    ("kitchen", ("kitchen", "pantry", "scullery", "galley")),
    ("car_interior", ("car", "taxi", "cab", "back seat", "driver's seat", "front seat", "limousine", "jeep")),
    ("train", ("train", "carriage", "compartment", "railway carriage", "sleeper", "dining car")),
    (
        "station",
        (
            "station",
            "platform",
            "railway station",
            "train station",
            "bus station",
            "depot",
            "terminus",
            "bus shelter",
            "bus stop",
            "tram stop",
            "halt",
            "airport",
            "terminal",
        ),
    ),
    (
        "shop",
        (
            "shop",
            "store",
            "bakery",
            "boutique",
            "pharmacy",
            "grocery",
            "bookshop",
            "bookstore",
            "stall",
            "kiosk",
            "dhaba",
            "tea stall",
            "pawnshop",
            "barbershop",
            "barber",
            "salon",
            "hairdresser",
            "laundromat",
            "pub",
            "diner",
            "canteen",
            "cafeteria",
        ),
    ),
    (
        "office",
        (
            "office",
            "desk",
            "workplace",
            "boardroom",
            "newsroom",
            "bank",
            "lab",
            "laboratory",
            "cubicle",
            "warehouse",
            "factory",
            "observatory",
            "courtroom",
        ),
    ),
    (
        "home",
        (
            "home",
            "house",
            "living room",
            "bedroom",
            "apartment",
            "flat",
            "room",
            "hut",
            "cottage",
            "veranda",
            "verandah",
            "dining",
            "haveli",
            "parlour",
            "parlor",
            "lobby",
            "foyer",
            "stairwell",
            "bathroom",
            "nursery",
            "basement",
            "loft",
            "garage",
            "study",
            "cabin",
            "hall",
        ),
    ),
    (
        "boat_deck",
        (
            "deck",
            "aboard",
            "on board",
            "ship's deck",
            "fishing boat",
            "ferry",
            "lifeboat",
            "raft",
            "sailboat",
            "yacht",
            "steamer",
            "ship",
        ),
    ),
    ("bridge", ("bridge", "footbridge", "viaduct", "overpass")),
    ("harbour", ("harbour", "harbor", "port", "dock", "docks", "pier", "jetty", "quay", "wharf", "marina")),
    ("beach", ("beach", "seaside", "sand", "sands", "shore", "shoreline", "seashore", "lagoon")),
    ("sea", ("open sea", "at sea", "ocean", "voyage", "high seas")),
    (
        "snowfield",
        (
            "snowfield",
            "snow field",
            "tundra",
            "arctic",
            "antarctic",
            "antarctica",
            "ice field",
            "glacier",
            "frozen lake",
            "icefield",
            "snowy",
            "snow",
        ),
    ),
    ("desert", ("desert", "dunes", "dune", "sahara", "thar", "oasis", "caravan", "wasteland")),
    (
        "mountain",
        ("mountain", "mountains", "peak", "summit", "himalaya", "himalayas", "alps", "ridge", "mountainside", "pass"),
    ),
    ("coast", ("sea", "coast", "cliff", "cliffs", "bay", "waves", "boat", "headland")),
    ("market", ("market", "bazaar", "marketplace", "souk", "mela", "mandi", "haat")),
    ("village_square", ("village square", "square", "plaza", "piazza", "courtyard", "village", "chowk", "town square")),
    (
        "farm",
        (
            "farm",
            "field",
            "fields",
            "barn",
            "paddy",
            "pasture",
            "meadow",
            "farmyard",
            "ranch",
            "vineyard",
            "cornfield",
            "wheat field",
            "rice field",
            "countryside",
        ),
    ),
    (
        "forest",
        (
            "forest",
            "woods",
            "wood",
            "jungle",
            "park",
            "garden",
            "grove",
            "orchard",
            "trees",
            "trail",
            "yard",
            "backyard",
            "glade",
        ),
    ),
    ("street", ("street", "city", "town", "alley", "lane", "sidewalk", "crossing", "rooftop", "cafe", "avenue")),
    ("road", ("road", "highway", "motorway", "roadside", "dirt road", "country road", "crossroads", "freeway")),
]
INTERIOR_TYPES = {
    "home",
    "office",
    "lighthouse",
    "interior",
    "classroom",
    "palace_hall",
    "cave",
    "school_corridor",
    "hospital",
    "kitchen",
    "shop",
    "train",
    "car_interior",
    "spaceship",
}
OUTDOOR_TYPES = (
    "coast",
    "riverbank",
    "forest",
    "street",
    "ghat",
    "sea",
    "desert",
    "mountain",
    "bridge",
    "harbour",
    "village_square",
    "farm",
    "snowfield",
    "beach",
    "boat_deck",
)
# Interior and exterior variants of one place: INT. MARKET is a shop, EXT. PALACE is its castle.
INSIDE_OF = {
    "market": "shop",
    "castle": "palace_hall",
    "road": "car_interior",
    "farm": "home",
    "village_square": "home",
    "street": "shop",
}
OUTSIDE_OF = {
    "palace_hall": "castle",
    "shop": "market",
    "kitchen": "exterior",
    "hospital": "street",
    "school_corridor": "street",
    "train": "station",
    "car_interior": "road",
    "spaceship": "exterior",
    "office": "street",
    "classroom": "street",
    "home": "exterior",
}

PAINTERS: dict[str, Painter] = {
    "coast": exteriors.paint_coast,
    "street": exteriors.paint_street,
    "forest": exteriors.paint_forest,
    "exterior": exteriors.paint_open_land,
    "temple": sacred.paint_temple,
    "ghat": sacred.paint_ghat,
    "home": interiors.paint_home,
    "office": interiors.paint_office,
    "lighthouse": interiors.paint_lighthouse,
    "interior": interiors.paint_room,
    "classroom": paint_classroom,
    "sea": landscapes.paint_sea,
    "desert": landscapes.paint_desert,
    "mountain": landscapes.paint_mountain,
    "bridge": places_outdoor.paint_bridge,
    "riverbank": places_outdoor.paint_riverbank,
    "harbour": places_outdoor.paint_harbour,
    "boat_deck": places_outdoor.paint_boat_deck,
    "village_square": places_outdoor.paint_village_square,
    "market": places_outdoor.paint_market,
    "farm": places_outdoor.paint_farm,
    "castle": places_outdoor.paint_castle,
    "snowfield": places_outdoor.paint_snowfield,
    "beach": places_outdoor.paint_beach,
    "road": places_outdoor.paint_road,
    "station": places_outdoor.paint_station,
    "palace_hall": places_indoor.paint_palace_hall,
    "cave": places_indoor.paint_cave,
    "school_corridor": places_indoor.paint_school_corridor,
    "hospital": places_indoor.paint_hospital,
    "kitchen": places_indoor.paint_kitchen,
    "shop": places_indoor.paint_shop,
    "train": places_indoor.paint_train,
    "car_interior": places_indoor.paint_car_interior,
    "spaceship": places_indoor.paint_spaceship,
}
ARCHETYPES = tuple(PAINTERS)


def _find(text: str) -> str | None:
    found = _find_word(text)
    return found[0] if found else None


def _find_word(text: str) -> tuple[str, str] | None:
    """The first archetype whose words occur in `text`, and the word that matched."""
    for archetype, words in ARCHETYPE_WORDS:
        for word in words:
            if re.search(rf"\b{re.escape(word)}\b", text):
                return archetype, word
    return None


def _nearest_word(text: str) -> tuple[str, str, str] | None:
    """For a place no archetype word names: the archetype of the closest spelling of one of its
    words ("harbor", "kitchens", "hospitl"), with the word and what it was taken for."""
    vocabulary = {word: archetype for archetype, words in ARCHETYPE_WORDS for word in words if " " not in word}
    for token in re.findall(r"[a-z']{4,}", text):
        close = difflib.get_close_matches(token, list(vocabulary), n=1, cutoff=0.8)
        if close:
            return vocabulary[close[0]], token, close[0]
    return None


def _wordnet_kind(location: str) -> tuple[str, str, str] | None:
    """For a place no archetype word names: the archetype of what WordNet says it is a kind of
    ("cloister" -> house, "stable" -> horse barn), with the word and its kind."""
    words = re.findall(r"[a-z'-]{3,}", location)
    for word in [*(f"{a} {b}" for a, b in zip(words, words[1:], strict=False)), *reversed(words)]:
        for kind in kinds_of(word, depth=4):
            hit = _ARCHETYPE_OF.get(kind)
            if hit:
                return hit, word, kind
    return None


# WordNet's names for kinds of place, besides the archetype words themselves.
_ARCHETYPE_OF = {
    "place of worship": "temple", "house of prayer": "temple", "body of water": "riverbank", "stronghold": "castle",
    "defensive structure": "castle", "outbuilding": "farm",
    **{word: archetype for archetype, words in reversed(ARCHETYPE_WORDS) for word in words},
}  # fmt: skip


def is_interior(scene: Scene) -> bool | None:
    if scene.interior is not None:
        return scene.interior
    heading = scene.heading.strip().upper()
    if heading.startswith(("INT", "I/E")):
        return True
    if heading.startswith("EXT"):
        return False
    return None


_ANY_RIVER = {"river", "riverbank", "riverside"}


def archetype_for(scene: Scene) -> str:
    """The location archetype: the location's words first, then the heading, then the action."""
    return archetype_choice(scene)[0]


def archetype_choice(scene: Scene) -> tuple[str, str]:
    """The location archetype and why it was chosen: which of the scene's texts named it with which
    word, the nearest spelling of an unknown word, or a generic interior/exterior when nothing fits
    (reported, so an unknown place is never silently drawn as something else)."""
    interior = is_interior(scene)
    found, why, word = None, "", ""
    for label, text in (("location", scene.location), ("heading", scene.heading), ("action", " ".join(scene.action))):
        hit = _find_word(text.lower())
        if hit:
            (found, word), why = hit, f"{label} says '{hit[1]}'"
            break
    if found is None:
        kind = _wordnet_kind(scene.location.lower())
        if kind:
            found, why = kind[0], f"nearest archetype: '{kind[1]}' is a kind of {kind[2]} (WordNet)"
    if found is None:
        near = _nearest_word(f"{scene.location} {scene.heading}".lower())
        if near:
            found, why = near[0], f"nearest archetype: '{near[1]}' read as '{near[2]}'"
    if found is None:
        generic = "interior" if interior else "exterior"
        place = scene.location or scene.heading or "the scene"
        return generic, f"no archetype fits '{place}'; drawn as a generic {generic}"
    if interior is False and found == "lighthouse":
        # The coast painter puts a lighthouse on the headland; any other tower stands in a town.
        words = scene_words(scene)
        chosen = "coast" if words & {"lighthouse", "beacon", "keeper's", "keeper"} else "street"
        return chosen, f"{why}; seen from outside: {chosen}"
    if found == "ghat" and scene.culture != "indian" and word in _ANY_RIVER:
        # A river in a story from elsewhere is not the Ganga: its bank, without the temple steps.
        return "riverbank", f"{why}; not an Indian story: a riverbank"
    if interior is False and found in OUTSIDE_OF:
        return OUTSIDE_OF[found], f"{why}; seen from outside: {OUTSIDE_OF[found]}"
    if interior is True and found in INSIDE_OF:
        return INSIDE_OF[found], f"{why}; inside: {INSIDE_OF[found]}"
    if interior is True and found in OUTDOOR_TYPES:
        return "interior", f"{why}, but the heading says interior: a generic interior"
    return found, why


def scene_words(scene: Scene) -> set[str]:
    text = " ".join([scene.location, scene.heading, *scene.action]).lower()
    return set(re.findall(r"[a-z']+", text))


def draw_sky(canvas: skia.Canvas, plate: Plate) -> None:
    w, h, light = plate.width, plate.height, plate.lighting
    horizon = plate.horizon_y or h * 0.6
    canvas.drawRect(skia.Rect(0, 0, w, h), vertical_gradient(light.sky_top, light.sky_bottom, 0, horizon))
    rng = random.Random(plate.rng.random())
    if light.moon:
        for _ in range(int(90 * w * h / (1280 * 720))):
            x, y = rng.uniform(0, w), rng.uniform(0, horizon * 0.85)
            canvas.drawCircle(x, y, rng.uniform(0.6, 1.8) * plate.unit, fill("#ffffff", rng.uniform(0.4, 0.95)))
    x = w * (0.78 if not plate.portrait else 0.72)
    y = horizon - (horizon * 0.85) * light.sun_height
    radius = (34 if light.moon else 46) * plate.unit
    glow = skia.GradientShader.MakeRadial(skia.Point(x, y), radius * 4, [sk(light.sun, 0.5), sk(light.sun, 0.0)])
    canvas.drawCircle(x, y, radius * 4, skia.Paint(Shader=glow, AntiAlias=True))
    canvas.drawCircle(x, y, radius, fill(light.sun))
    if light.moon:
        canvas.drawCircle(x - radius * 0.3, y - radius * 0.2, radius * 0.22, fill("#dcd8c0"))
        canvas.drawCircle(x + radius * 0.35, y + radius * 0.3, radius * 0.15, fill("#dcd8c0"))
    elif light.name in ("day", "dawn"):
        for i in range(3 if not plate.portrait else 2):
            cx, cy = w * (0.15 + 0.3 * i) + rng.uniform(-40, 40), horizon * rng.uniform(0.15, 0.45)
            exteriors.cloud(canvas, cx, cy, rng.uniform(0.8, 1.3) * plate.unit)


def paint_plate(
    canvas: skia.Canvas, scene: Scene, size: tuple[int, int], backdrop: np.ndarray | None = None
) -> tuple[Plate, str]:
    """Paint the background for `scene` on `canvas`; returns the plate (ground line, lights) and archetype.

    With a `backdrop` (an uploaded reference or a diffusion backend's picture) that image, scaled to
    cover the frame, replaces the painted scenery; the archetype is then "backdrop".
    """
    width, height = size
    archetype = archetype_for(scene) if backdrop is None else "backdrop"
    plate = Plate(
        width=width,
        height=height,
        lighting=lighting_for(scene.time_of_day),
        culture=scene.culture,
        words=scene_words(scene),
        rng=random.Random(stable_seed(scene.identity)),
        interior=archetype in INTERIOR_TYPES,
    )
    plate.horizon_y = height * (0.58 if not plate.portrait else 0.52)
    plate.ground_y = height * (0.93 if plate.interior else 0.9)
    plate.weather = weather_for(plate.words)
    if backdrop is not None:
        canvas.drawImage(raster.image_of(raster.resample_cover(backdrop, (width, height))), 0, 0)
        return plate, archetype
    draw_sky(canvas, plate)
    if plate.interior:
        paint_weather(canvas, plate, plate.weather, sky_only=True)  # seen through the windows
    ambient = plate.lighting.ambient
    if plate.interior and plate.lighting.lights_on:
        ambient = mix(ambient, "#ffe2b8", 0.45)  # lamps are lit indoors after dark
    tint = skia.Paint(ColorFilter=skia.ColorFilters.Blend(sk(ambient), skia.BlendMode.kModulate))
    canvas.saveLayer(None, tint)
    PAINTERS[archetype](canvas, plate)
    dress(canvas, plate, archetype)
    canvas.restore()
    if not plate.interior:
        paint_weather(canvas, plate, plate.weather, sky_only=False)
    if plate.lighting.lights_on:
        for x, y, w, h in plate.lit_windows:
            canvas.drawRect(skia.Rect.MakeXYWH(x, y, w, h), vertical_gradient("#ffd978", "#f5a640", y, y + h))
            plate.glow(x + w / 2, y + h / 2, max(w, h) * 0.9, "#ffc861", 0.35)
    for light in plate.lights:
        canvas.drawCircle(
            light.x, light.y, light.radius, _glow_paint(light.x, light.y, light.radius, light.colour, light.strength)
        )
    return plate, archetype


def _glow_paint(x: float, y: float, radius: float, colour: str, strength: float) -> skia.Paint:
    shader = skia.GradientShader.MakeRadial(
        skia.Point(x, y),
        max(radius, 1.0),
        [sk(colour, strength), sk(colour, strength * 0.3), sk(colour, 0.0)],
        [0.0, 0.3, 1.0],
    )
    return skia.Paint(Shader=shader, AntiAlias=True, BlendMode=skia.BlendMode.kScreen)
