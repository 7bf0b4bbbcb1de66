"""Key moments for thumbnails: always three different framings, even for a one-scene, one-line film."""

from __future__ import annotations

from functools import cache

import numpy as np

from models.breakdown import Character, Scene
from models.edit.stills import KeyMoment, key_moments, still, with_title
from models.image.art import SceneArt
from models.image.illustrator import draw_scene
from models.image.look import cast_looks


@cache
def art() -> SceneArt:
    scene = Scene("s01", "INT. TEMPLE - DAWN", "TEMPLE", "dawn", True, characters=["MEERA"])
    return draw_scene(
        scene, cast_looks([Character("MEERA", "senior", 70, "female", "white sari")], "indian"), (640, 360)
    )


def test_one_line_film_still_gets_three_different_moments() -> None:
    moments = key_moments([("s01", "MEERA", "happy", 3.0)], {"s01": {"MEERA"}}, "s01", "s01")
    assert [m.kind for m in moments] == ["wide", "close", "medium"]
    pictures = [still(art(), m).astype(int) for m in moments]
    assert all(p.shape == (360, 640, 3) for p in pictures)
    assert min(np.abs(a - b).mean() for i, a in enumerate(pictures) for b in pictures[i + 1 :]) > 5


def test_film_with_nobody_on_screen_gets_three_moments() -> None:
    moments = key_moments([("s01", "Narrator", "neutral", 1.0)], {"s01": set()}, "s01", "s01")
    assert len({(m.scene_id, m.kind) for m in moments}) == 3


def test_strongest_line_is_the_close_up_and_the_third_is_another_speaker() -> None:
    lines = [("s01", "A", "neutral", 1.0), ("s02", "B", "angry", 4.0), ("s02", "A", "sad", 3.0)]
    moments = key_moments(lines, {"s01": {"A"}, "s02": {"A", "B"}}, "s01", "s02")
    assert moments[1] == KeyMoment("s02", "close", "B", "angry")
    assert moments[2].speaker == "A" and moments[2].kind == "two"


def test_title_is_drawn_on_a_1280x720_thumbnail() -> None:
    plain = still(art(), KeyMoment("s01", "wide"))
    titled = with_title(plain, "The Temple Bell", (1280, 720))
    assert titled.shape == (720, 1280, 3)
    band = titled[480:700].astype(int)
    assert (band.min(axis=2) > 230).sum() > 2000  # white title letters
