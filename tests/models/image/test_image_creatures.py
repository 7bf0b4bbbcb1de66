"""Fable animals and robots on the identity system; crowds of extras behind the cast."""

from __future__ import annotations

import numpy as np
import pytest

from models.breakdown import Character, Line, Scene
from models.image.consistency import consistency
from models.image.creatures import KINDS, species_of
from models.image.illustrator import draw_scene
from models.image.look import cast_looks
from models.lipsync.framing import plate_issues

FABLE = [
    Character("FOX", description="a sly red fox"),
    Character("CROW", description="a vain crow"),
    Character("Lion"),
    Character("Unit 7", description="a helpful robot who sweeps the station"),
]


def test_species_come_from_the_name_or_the_description() -> None:
    assert species_of("FOX") == "fox"
    assert species_of("Old Hare") == "rabbit"
    assert species_of("Unit 7", "a helpful robot") == "robot"
    assert species_of("Maya", "a farmer who keeps a dog") == "human"  # a person with a dog is a person
    assert species_of("Bruno", "", declared="bear") == "bear"
    looks = cast_looks(FABLE, "western")
    assert [looks[c.name].species for c in FABLE] == ["fox", "crow", "lion", "robot"]
    assert len(KINDS) >= 20


@pytest.mark.parametrize("size", [(480, 270), (270, 480)])
def test_animals_are_staged_speak_blink_and_stay_themselves(size: tuple[int, int]) -> None:
    looks = cast_looks(FABLE, "western")
    arts = []
    for i, (heading, time) in enumerate((("EXT. FOREST", "day"), ("EXT. FARM", "dusk"))):
        scene = Scene(
            f"s0{i}",
            f"{heading} - {time.upper()}",
            heading[5:],
            time,
            False,
            characters=["FOX", "CROW"],
            lines=[Line("FOX", "Sing for me, friend.")],
        )
        art = draw_scene(scene, looks, size)
        assert set(art.actors) == {"FOX", "CROW"}
        assert plate_issues(art) == []
        for actor in art.actors.values():
            assert np.abs(actor.mouth("A").astype(int) - actor.mouth("rest").astype(int)).mean() > 5
            x, y, w, h = actor.eyes_box
            assert np.abs(actor.eyes_closed.astype(int) - art.frame[y : y + h, x : x + w].astype(int)).mean() > 3
        arts.append(art)
    report = consistency(arts)
    assert report.accuracy == 1.0, report.to_dict()


def test_twenty_characters_make_a_readable_scene() -> None:
    cast = [Character(f"Villager {i}") for i in range(20)]
    looks = cast_looks(cast, "indian")
    scene = Scene(
        "s01",
        "EXT. VILLAGE SQUARE - DUSK",
        "VILLAGE SQUARE",
        "dusk",
        False,
        culture="indian",
        characters=[c.name for c in cast],
        lines=[Line("Villager 0", "Listen, all of you!")],
    )
    art = draw_scene(scene, looks, (640, 360))
    assert len(art.actors) == 4  # the speaking front row keeps faces large enough to read
    assert plate_issues(art) == []
    faces = [a.head_box[3] for a in art.actors.values()]
    assert min(faces) >= 360 * 0.08
    alone = Scene(
        "s01",
        scene.heading,
        scene.location,
        "dusk",
        False,
        culture="indian",
        characters=[c.name for c in cast[:4]],
        lines=scene.lines,
    )
    bare = draw_scene(alone, looks, (640, 360)).frame.astype(int)
    assert np.abs(art.frame.astype(int) - bare).mean() > 3  # the other sixteen stand behind them


def test_a_crowd_named_in_the_action_brings_extras() -> None:
    looks = cast_looks([Character("MAYA", "adult", 34, "female")], "western")
    quiet = Scene("s01", "EXT. MARKET - DAY", "MARKET", "day", False, characters=["MAYA"], lines=[Line("MAYA", "Hi.")])
    busy = Scene(
        "s01",
        "EXT. MARKET - DAY",
        "MARKET",
        "day",
        False,
        action=["A crowd of shoppers pushes past."],
        characters=["MAYA"],
        lines=[Line("MAYA", "Hi.")],
    )
    a, b = draw_scene(quiet, looks, (480, 270)), draw_scene(busy, looks, (480, 270))
    assert np.abs(a.frame.astype(int) - b.frame.astype(int)).mean() > 3
    assert not b.objects  # "crowd" and "shoppers" are people, not props
