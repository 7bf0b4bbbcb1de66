"""Illustrator: every archetype, time of day and weather renders a non-blank, distinct picture;
styles, cultures and backdrops change it; patches still match their frame in every style."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from models.breakdown import Character, Line, Scene
from models.image.backgrounds import ARCHETYPES, archetype_for
from models.image.identity import resolve
from models.image.illustrator import draw_scene
from models.image.look import CharacterLook, cast_looks
from models.image.weather import weather_for

CAST = [Character("MAYA", "adult", 34, "female", "yellow raincoat"), Character("ELIAS", "senior", 70, "male", "beard")]
SIZE = (256, 144)
HEADINGS = {
    "coast": ("EXT. CLIFF TOP", False),
    "sea": ("EXT. OPEN SEA", False),
    "lighthouse": ("INT. LIGHTHOUSE", True),
    "forest": ("EXT. FOREST", False),
    "street": ("EXT. CITY STREET", False),
    "home": ("INT. LIVING ROOM", True),
    "office": ("INT. OFFICE", True),
    "classroom": ("INT. CLASSROOM", True),
    "temple": ("EXT. TEMPLE", False),
    "ghat": ("EXT. DASASWAMEDH GHAT", False),
    "riverbank": ("EXT. RIVERBANK", False),
    "desert": ("EXT. DESERT", False),
    "mountain": ("EXT. MOUNTAIN PASS", False),
    "exterior": ("EXT. SPACEPORT", False),
    "interior": ("INT. NOWHERE", True),  # a place nothing names (a storeroom is a kind of room, WordNet says)
    "bridge": ("EXT. OLD BRIDGE", False),
    "harbour": ("EXT. HARBOUR", False),
    "boat_deck": ("EXT. SHIP DECK", False),
    "village_square": ("EXT. VILLAGE SQUARE", False),
    "market": ("EXT. MARKET", False),
    "farm": ("EXT. FARM", False),
    "castle": ("EXT. CASTLE", False),
    "snowfield": ("EXT. SNOWFIELD", False),
    "beach": ("EXT. BEACH", False),
    "road": ("EXT. COUNTRY ROAD", False),
    "station": ("EXT. RAILWAY STATION", False),
    "palace_hall": ("INT. PALACE", True),
    "cave": ("INT. CAVE", True),
    "school_corridor": ("INT. SCHOOL CORRIDOR", True),
    "hospital": ("INT. HOSPITAL WARD", True),
    "kitchen": ("INT. KITCHEN", True),
    "shop": ("INT. BAKERY", True),
    "train": ("INT. TRAIN", True),
    "car_interior": ("INT. CAR", True),
    "spaceship": ("INT. SPACESHIP", True),
}


@cache
def looks() -> dict[str, CharacterLook]:
    return cast_looks(CAST, "western")


def _scene(heading: str, interior: bool, time: str = "day", culture: str = "western", action: str = "") -> Scene:
    location = heading.split(". ", 1)[1]
    return Scene(
        "s01",
        f"{heading} - {time.upper()}",
        location,
        time,
        interior,
        culture=culture,
        action=[action] if action else [],
        characters=["MAYA", "ELIAS"],
        lines=[Line("MAYA", "Hello.")],
    )


@cache
def frame(archetype: str, time: str = "day", culture: str = "western", action: str = "", style: str = "flat") -> bytes:
    heading, interior = HEADINGS[archetype]
    return draw_scene(_scene(heading, interior, time, culture, action), looks(), SIZE, style).frame.tobytes()


def _array(raw: bytes) -> np.ndarray:
    return np.frombuffer(raw, dtype=np.uint8).reshape(SIZE[1], SIZE[0], 3).astype(np.int16)


def test_at_least_thirty_archetypes_each_chosen_by_its_heading() -> None:
    assert len(ARCHETYPES) >= 30
    assert set(HEADINGS) == set(ARCHETYPES)
    for archetype, (heading, interior) in HEADINGS.items():
        assert archetype_for(_scene(heading, interior)) == archetype


def test_every_archetype_is_non_blank_and_distinct() -> None:
    frames = {a: _array(frame(a)) for a in ARCHETYPES}
    for archetype, picture in frames.items():
        assert picture.std() > 20, archetype
    names = list(frames)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert np.abs(frames[a] - frames[b]).mean() > 8, (a, b)


@pytest.mark.parametrize("archetype", ["coast", "street", "home", "desert"])
def test_times_of_day_light_the_scene_differently(archetype: str) -> None:
    pictures = {t: _array(frame(archetype, t)) for t in ("dawn", "day", "dusk", "night")}
    for t, picture in pictures.items():
        assert picture.std() > 15, t
    assert pictures["night"].mean() < pictures["day"].mean() - 15
    times = list(pictures)
    for i, a in enumerate(times):
        for b in times[i + 1 :]:
            assert np.abs(pictures[a] - pictures[b]).mean() > 4, (archetype, a, b)


def test_weather_comes_from_the_scene_words_and_shows() -> None:
    assert weather_for({"the", "storm", "breaks"}) == "storm"
    assert weather_for({"monsoon", "rain"}) == "rain"
    assert weather_for({"thick", "fog"}) == "fog"
    assert weather_for({"sunny"}) is None
    clear = _array(frame("coast"))
    for action in ("Rain lashes the sand.", "A storm breaks; thunder.", "Fog rolls over the water."):
        assert np.abs(_array(frame("coast", action=action)) - clear).mean() > 6, action
    assert _array(frame("coast", action="A storm breaks; thunder.")).mean() < clear.mean() - 10
    # Indoors the weather is seen through the windows only.
    assert np.abs(_array(frame("home", action="Rain on the glass.")) - _array(frame("home"))).mean() > 0.5


def test_culture_changes_props_and_architecture() -> None:
    western = _array(frame("street", culture="western"))
    for culture in ("indian", "middle_eastern", "east_asian"):
        assert np.abs(_array(frame("street", culture=culture)) - western).mean() > 5, culture
    assert np.abs(_array(frame("forest", culture="indian")) - _array(frame("forest"))).mean() > 1


def test_style_changes_the_picture_but_not_the_staging() -> None:
    heading, interior = HEADINGS["forest"]
    flat = draw_scene(_scene(heading, interior), looks(), SIZE, "flat")
    book = draw_scene(_scene(heading, interior), looks(), SIZE, "storybook")
    assert np.abs(flat.frame.astype(int) - book.frame.astype(int)).mean() > 6
    assert {n: a.mouth_box for n, a in flat.actors.items()} == {n: a.mouth_box for n, a in book.actors.items()}
    assert (flat.style, book.style) == ("flat", "storybook")
    with pytest.raises(ValueError, match="Unknown picture style"):
        draw_scene(_scene(heading, interior), looks(), SIZE, "cubist")


@pytest.mark.parametrize("style, mode", [("storybook", "avatar"), ("flat", "mascot"), ("storybook", "mascot")])
def test_patches_match_the_frame_in_every_style(style: str, mode: str) -> None:
    cast = {name: resolve(look, mode) for name, look in looks().items()}
    heading, interior = HEADINGS["coast"]
    art = draw_scene(_scene(heading, interior), cast, (320, 180), style)
    for actor in art.actors.values():
        x, y, w, h = actor.eyes_box
        around = art.frame[y : y + h, x : x + w].astype(int)
        closed = actor.eyes_closed.astype(int)
        assert np.abs(closed - around).max() > 30  # the blink shows
        # ...and the patch's border rows match the frame, so pasting it leaves no seam.
        assert np.abs(closed[0] - around[0]).max() <= 16 and np.abs(closed[:, 0] - around[:, 0]).max() <= 16


def test_backdrop_replaces_the_painted_scenery() -> None:
    heading, interior = HEADINGS["coast"]
    gradient = np.zeros((90, 160, 3), dtype=np.uint8)
    gradient[..., 0] = np.linspace(0, 255, 160, dtype=np.uint8)[None, :]
    art = draw_scene(_scene(heading, interior), looks(), SIZE, "flat", backdrop=gradient)
    assert art.archetype == "backdrop" and set(art.actors) == {"MAYA", "ELIAS"}
    corner = art.frame[:10, -10:].astype(int)
    assert corner[..., 0].mean() > 200 and corner[..., 2].mean() < 40  # the upload's red edge, not a painted sky


@pytest.mark.parametrize(
    "heading, interior, expected",
    [
        ("INT. MARKET", True, "shop"),
        ("EXT. BAKERY", False, "market"),
        ("EXT. PALACE", False, "castle"),
        ("INT. CASTLE", True, "palace_hall"),
        ("INT. CAR", True, "car_interior"),
        ("EXT. CAR PARK", False, "road"),
        ("EXT. TRAIN", False, "station"),
        ("INT. HARBOUR MASTER'S HUT", True, "home"),
    ],
)
def test_interior_and_exterior_variants_of_a_place(heading: str, interior: bool, expected: str) -> None:
    assert archetype_for(_scene(heading, interior)) == expected


@pytest.mark.parametrize("archetype", sorted(set(HEADINGS) - {"coast", "street", "home", "desert"}))
def test_every_archetype_renders_lit_by_night_and_weather(archetype: str) -> None:
    day = _array(frame(archetype))
    night = _array(frame(archetype, "night", action="Rain falls."))
    assert night.std() > 10
    assert night.mean() < day.mean() - 8, archetype
