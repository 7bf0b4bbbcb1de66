"""Scene illustration: archetypes, lighting, patches, portrait staging, storage and thumbnails."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pytest

from models.breakdown import NARRATOR, Character, Scene
from models.image.art import SceneArt
from models.image.backgrounds import archetype_for
from models.image.illustrator import draw_scene
from models.image.look import CharacterLook, cast_looks
from models.lipsync.visemes import VISEMES

CAST = [
    Character("MAYA", "adult", 34, "female", "a lighthouse keeper in a yellow raincoat"),
    Character("ELIAS", "senior", 70, "male", "grey hair, beard, glasses"),
    Character("Lila", "child", 9, "female", "curious girl"),
    Character("ARJUN", "adult", 30, "male", ""),
]


@cache
def looks(culture: str) -> dict[str, CharacterLook]:
    return cast_looks(CAST, culture)


def scene(
    heading: str, location: str, time: str, interior: bool | None, culture: str = "western", count: int = 2
) -> Scene:
    return Scene(
        "s01",
        heading,
        location,
        time,
        interior,
        culture=culture,
        characters=[c.name for c in CAST][:count] + [NARRATOR],
    )


def luminance(frame: np.ndarray) -> float:
    return float((frame.astype(np.float32) @ np.array([0.2126, 0.7152, 0.0722], dtype=np.float32)).mean())


@cache
def lighthouse_art() -> SceneArt:
    return draw_scene(scene("INT. LIGHTHOUSE - NIGHT", "LIGHTHOUSE", "night", True), looks("western"), (640, 360))


@pytest.mark.parametrize(
    "heading, location, interior, expected",
    [
        ("INT. LIGHTHOUSE - NIGHT", "LIGHTHOUSE", True, "lighthouse"),
        ("EXT. LIGHTHOUSE - DAY", "LIGHTHOUSE", False, "coast"),
        ("EXT. BEACH - DAY", "BEACH", False, "beach"),
        ("EXT. DASASWAMEDH GHAT - DUSK", "DASASWAMEDH GHAT", False, "ghat"),
        ("EXT. TEMPLE - DAY", "TEMPLE", False, "temple"),
        ("INT. OFFICE - DAY", "OFFICE", True, "office"),
        ("EXT. CITY STREET - NIGHT", "CITY STREET", False, "street"),
        ("EXT. FOREST - DAWN", "FOREST", False, "forest"),
        ("INT. KITCHEN - NIGHT", "KITCHEN", True, "kitchen"),
        ("INT. SPACESHIP - DAY", "SPACESHIP", True, "spaceship"),
        ("EXT. SPACESHIP - DAY", "SPACESHIP", False, "exterior"),
        ("Scene 1", "", None, "exterior"),
        ("EXT. CLOCK TOWER - DAY", "CLOCK TOWER", False, "street"),
        ("INT. CAFE - DAY", "CAFE", True, "shop"),
    ],
)
def test_archetype_from_location_words(heading: str, location: str, interior: bool | None, expected: str) -> None:
    assert archetype_for(scene(heading, location, "day", interior)) == expected


@pytest.mark.parametrize(
    "heading, location, time, interior, culture",
    [
        ("INT. LIGHTHOUSE - NIGHT", "LIGHTHOUSE", "night", True, "western"),
        ("EXT. BEACH - DAY", "BEACH", "day", False, "western"),
        ("INT. HOME - DUSK", "HOME", "dusk", True, "indian"),
        ("EXT. GHAT - DAWN", "GHAT", "dawn", False, "indian"),
        ("EXT. TEMPLE - DAY", "TEMPLE", "day", False, "indian"),
        ("INT. OFFICE - DAY", "OFFICE", "day", True, "western"),
        ("EXT. MARKET - NIGHT", "MARKET", "night", False, "indian"),
        ("EXT. WOODS - DAY", "WOODS", "day", False, "western"),
    ],
)
def test_draw_scene_gives_a_full_frame(heading: str, location: str, time: str, interior: bool, culture: str) -> None:
    art = draw_scene(scene(heading, location, time, interior, culture, count=3), looks(culture), (480, 270))
    assert art.frame.shape == (270, 480, 3) and art.frame.dtype == np.uint8
    assert art.frame.std() > 20  # not a blank plate
    assert set(art.actors) == {"MAYA", "ELIAS", "Lila"}  # the narrator is never drawn


@pytest.mark.parametrize("location, interior", [("BEACH", False), ("HOME", True), ("CITY STREET", False)])
def test_night_is_darker_than_day(location: str, interior: bool) -> None:
    day = draw_scene(scene(f"EXT. {location} - DAY", location, "day", interior), looks("western"), (320, 180))
    night = draw_scene(scene(f"EXT. {location} - NIGHT", location, "night", interior), looks("western"), (320, 180))
    assert luminance(night.frame) < 0.8 * luminance(day.frame)


def test_patches_cover_every_viseme_and_the_blink() -> None:
    art = lighthouse_art()
    for actor in art.actors.values():
        x, y, w, h = actor.mouth_box
        assert 0 <= x and x + w <= 640 and 0 <= y and y + h <= 360
        assert set(actor.mouths) == set(VISEMES)
        for patch in actor.mouths.values():
            assert patch.shape == (h, w, 3) and patch.dtype == np.uint8
        np.testing.assert_array_equal(actor.mouths["rest"], art.frame[y : y + h, x : x + w])
        assert np.abs(actor.mouths["A"].astype(int) - actor.mouths["rest"]).sum() > 0
        ex, ey, ew, eh = actor.eyes_box
        assert actor.eyes_closed.shape == (eh, ew, 3)
        assert np.abs(actor.eyes_closed.astype(int) - art.frame[ey : ey + eh, ex : ex + ew]).max() > 60


def test_portrait_restages_instead_of_squashing() -> None:
    everyone = scene("INT. HOME - DAY", "HOME", "day", True, "indian", count=4)
    wide = draw_scene(everyone, looks("indian"), (1280, 720))
    tall = draw_scene(everyone, looks("indian"), (720, 1280))
    assert tall.frame.shape == (1280, 720, 3) and len(tall.actors) == 4
    for name in wide.actors:
        _, _, ww, wh = wide.actors[name].head_box
        _, _, tw, th = tall.actors[name].head_box
        assert abs(ww / wh - tw / th) < 0.05  # heads keep their proportions
        assert th > 0.7 * wh  # and stay about as large
    heads = [a.head_box for a in tall.actors.values()]
    rows = {round(y + h / 2) for _, y, _, h in heads}
    assert len(rows) >= 2  # two rows of characters in the tall frame


def test_save_load_round_trip(tmp_path: Path) -> None:
    art = lighthouse_art()
    art.save(tmp_path / "art")
    back = SceneArt.load(tmp_path / "art")
    np.testing.assert_array_equal(back.frame, art.frame)
    assert back.scene_id == art.scene_id and back.archetype == "lighthouse" and back.time_of_day == "night"
    assert back.focus == pytest.approx(art.focus)
    for name, actor in art.actors.items():
        other = back.actors[name]
        assert (other.mouth_box, other.eyes_box, other.head_box, other.facing) == (
            actor.mouth_box,
            actor.eyes_box,
            actor.head_box,
            actor.facing,
        )
        for viseme, patch in actor.mouths.items():
            np.testing.assert_array_equal(other.mouths[viseme], patch)
        np.testing.assert_array_equal(other.eyes_closed, actor.eyes_closed)
        turned, kept = actor.turned, other.turned  # the three-quarter view the figure turns to talk in
        assert turned is not None and kept is not None and turned.figure is not None and kept.figure is not None
        assert (kept.mouth_box, kept.eyes_box, kept.facing) == (turned.mouth_box, turned.eyes_box, 1)
        np.testing.assert_array_equal(kept.figure.figure(back.frame), turned.figure.figure(art.frame))
        np.testing.assert_array_equal(kept.figure.mask, turned.figure.mask)
        np.testing.assert_array_equal(kept.mouths["A"], turned.mouths["A"])


def test_thumbnail_is_large_and_titled() -> None:
    art = lighthouse_art()
    thumb = art.thumbnail("The Keeper of the Light")
    assert thumb.shape == (720, 1280, 3) and thumb.std() > 20
    band = thumb[int(720 * 0.55) : int(720 * 0.9)]
    assert (band.min(axis=2) > 235).mean() > 0.02  # white title letters
    assert (band.max(axis=2) < 40).mean() > 0.01  # their dark outline


def test_bad_requests_are_refused() -> None:
    with pytest.raises(ValueError):
        draw_scene(scene("EXT. BEACH - DAY", "BEACH", "day", False), looks("western"), (32, 32))
    with pytest.raises(ValueError):
        draw_scene(scene("EXT. BEACH - DAY", "BEACH", "day", False), looks("western"), (320, 180), style="oil")


def test_scene_without_visible_characters() -> None:
    empty = Scene("s09", "EXT. FOREST - NIGHT", "FOREST", "night", False, characters=[NARRATOR, "NOBODY"])
    art = draw_scene(empty, looks("western"), (320, 180))
    assert art.actors == {} and art.frame.shape == (180, 320, 3) and art.frame.std() > 5
