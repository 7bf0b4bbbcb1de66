"""The character engine: locked identities, traits, modes, expressions, visemes and turnarounds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from models.breakdown import Breakdown, Character, Line, Scene
from models.film.picture import character_sheets, derived_looks
from models.film.scene_cache import SceneCache
from models.image.expressions import EXPRESSIONS, expression_of
from models.image.identity import check_traits, resolve
from models.image.look import cast_looks
from models.image.sheets import head_image, turnaround
from models.lipsync.visemes import VISEMES

CAST = [
    Character("MAYA", "adult", 34, "female", "a lighthouse keeper in a yellow raincoat"),
    Character("ELIAS", "senior", 70, "male", "grey hair, beard, glasses"),
    Character("Lila", "child", 9, "female", "curious girl"),
    Character("ARJUN", "adult", 30, "male", ""),
    Character("NOOR", "adult", 28, "female", ""),
    Character("KENJI", "teen", 16, "male", ""),
]


def _rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])


def test_identity_is_deterministic_and_distinct_across_a_cast() -> None:
    first, again = cast_looks(CAST, "western"), cast_looks(CAST, "western")
    assert {n: l.to_dict() for n, l in first.items()} == {n: l.to_dict() for n, l in again.items()}
    signatures = {(l.top, l.hair_style, l.hair_colour, l.skin) for l in first.values()}
    assert len(signatures) == len(CAST)
    tops = [_rgb(l.top) for l in first.values()]
    closest = min(np.linalg.norm(a - b) for i, a in enumerate(tops) for b in tops[i + 1 :])
    assert closest > 40  # no two characters wear nearly the same colour
    # The pictures are deterministic too, and the heads of different characters differ.
    assert np.array_equal(head_image(first["MAYA"], size=96), head_image(again["MAYA"], size=96))
    assert np.abs(head_image(first["MAYA"], size=96).astype(int) - head_image(first["NOOR"], size=96)).mean() > 5


def test_traits_are_validated_and_win() -> None:
    look = cast_looks(CAST, "western")["ARJUN"]
    edited = resolve(look, traits={"hair_colour": "#B5472A", "accessories": ["glasses"], "height": 1.1})
    assert (edited.hair_colour, edited.accessories, edited.height) == ("#b5472a", ["glasses"], 1.1)
    assert edited.palette[1] == "#b5472a" and "edited" in edited.from_script
    for bad, message in [
        ({"wings": True}, "Unknown character trait"),
        ({"top": "red"}, "colour like"),
        ({"hair_style": "mohawk"}, "hair_style must be one of"),
        ({"height": 3}, "height"),
        ({"accessories": ["cape"]}, "accessories"),
    ]:
        with pytest.raises(ValueError, match=message):
            check_traits(bad)


def test_mascot_is_simpler_and_bolder() -> None:
    look = cast_looks(CAST, "western")["ELIAS"]
    mascot = resolve(look, "mascot")
    assert mascot.mode == "mascot" and "glasses" not in mascot.accessories
    avatar_sat = np.ptp(_rgb(look.top)) / max(_rgb(look.top).max(), 1)
    mascot_sat = np.ptp(_rgb(mascot.top)) / max(_rgb(mascot.top).max(), 1)
    assert mascot_sat >= avatar_sat
    # Drawn with a bold dark outline: many more near-black pixels than the avatar.
    dark = lambda image: int((image.max(axis=2) < 60).sum())  # noqa: E731
    assert dark(turnaround(mascot, "ELIAS")) > dark(turnaround(look, "ELIAS")) * 1.5
    with pytest.raises(ValueError, match="needs a reference photo"):
        resolve(look, "actor")
    actor = resolve(look, "actor", photo={"skin": "#8d5536", "hair": "#281c16"})
    assert (actor.skin, actor.hair_colour, actor.mode) == ("#8d5536", "#281c16", "actor")


def test_expression_set_is_seven_distinct_faces() -> None:
    look = cast_looks(CAST, "western")["MAYA"]
    faces = {e: head_image(look, expression=e, size=128) for e in EXPRESSIONS}
    assert set(EXPRESSIONS) == {"neutral", "happy", "sad", "angry", "surprised", "afraid", "thinking"}
    for i, a in enumerate(EXPRESSIONS):
        for b in EXPRESSIONS[i + 1 :]:
            assert np.abs(faces[a].astype(int) - faces[b].astype(int)).sum() > 0, (a, b)
    assert expression_of(["neutral", "angry", "angry"], "calm") == "angry"
    assert expression_of(["tender"], "sad") == "happy"
    assert expression_of([], "mysterious") == "thinking"


def test_viseme_set_has_at_least_eight_distinct_mouths() -> None:
    look = cast_looks(CAST, "western")["ARJUN"]
    mouths = [head_image(look, viseme=v, size=128) for v in VISEMES]
    distinct = {m.tobytes() for m in mouths}
    assert len(VISEMES) >= 8 and len(distinct) == len(VISEMES)


def test_turnaround_has_front_three_quarter_and_profile() -> None:
    look = cast_looks(CAST, "western")["MAYA"]
    sheet = turnaround(look, "MAYA")
    assert sheet.shape == (800, 1200, 3)
    thirds = [sheet[100:700, i * 400 : (i + 1) * 400].astype(int) for i in range(3)]
    assert all(t.std() > 20 for t in thirds)
    changed = lambda a, b: int((np.abs(a - b).max(axis=2) > 40).sum())  # noqa: E731
    assert changed(thirds[0], thirds[1]) > 500 and changed(thirds[1], thirds[2]) > 500  # three different views


def test_character_sheets_manifest_lists_every_picture(tmp_path: Path) -> None:
    breakdown = Breakdown(
        "T",
        "fountain",
        "western",
        CAST[:2],
        [Scene("s01", "INT. HOME - DAY", characters=["MAYA", "ELIAS"], lines=[Line("MAYA", "Hi.")])],
    )
    photo = tmp_path / "elias.png"
    pixels = np.full((120, 100, 3), (200, 220, 240), dtype=np.uint8)
    pixels[30:110, 20:80] = (224, 172, 140)
    Image.fromarray(pixels).save(photo)
    versions = {"MAYA": {"version": 2, "stage": "casting", "mode": "mascot", "traits": {"top": "#2f6fd0"}}}
    references = [{"path": str(photo), "role": "character", "character": "ELIAS"}]
    cache = SceneCache(tmp_path / "cache")
    manifest = character_sheets(breakdown, {}, tmp_path / "sheets", versions, references, cache=cache)
    maya, elias = manifest["characters"]["MAYA"], manifest["characters"]["ELIAS"]
    assert (maya["version"], maya["stage"], maya["mode"], maya["look"]["top"]) == (2, "casting", "mascot", "#2f6fd0")
    assert maya["derived"] == derived_looks(breakdown)["MAYA"].to_dict()
    assert elias["mode"] == "actor" and elias["version"] == 1
    assert np.abs(_rgb(elias["look"]["skin"]) - (224, 172, 140)).max() <= 10
    for entry in (maya, elias):
        files = [
            entry["sheet"],
            entry["turnaround"],
            entry["blink"],
            *entry["expressions"].values(),
            *entry["visemes"].values(),
        ]
        assert len(entry["expressions"]) == 7 and len(entry["visemes"]) >= 8
        assert all((tmp_path / "sheets" / f).is_file() for f in files)
    assert manifest["backend"]["name"] == "illustrator"
    assert manifest["characters_recomputed"] == ["MAYA", "ELIAS"]
    # Re-running gives the same identity (a re-render draws the same people) and reuses the pictures.
    again = character_sheets(breakdown, {}, tmp_path / "again", versions, references, cache=cache)
    assert again["characters"] == manifest["characters"]
    assert again["characters_reused"] == ["MAYA", "ELIAS"] and again["characters_recomputed"] == []
    assert (tmp_path / "again" / again["characters"]["ELIAS"]["turnaround"]).is_file()
