"""An edited line re-synthesizes only itself: the scene's other takes come back from the take cache
byte for byte, and the edited take speaks the new words."""

from __future__ import annotations

from pathlib import Path

from models.film.scene_cache import FileCache, SceneCache
from models.film.voicing import voice_film
from models.script import build_breakdown
from models.voice.casting import cast

SCRIPT = """INT. WORKSHOP - DAY

MAYA
Hand me the small hammer, please.

ELI
This one, with the red handle?

MAYA
That one. Now hold the lamp steady.
"""


def test_editing_one_line_reuses_the_other_takes_of_its_scene(tmp_path: Path) -> None:
    before = build_breakdown(SCRIPT)
    after = build_breakdown(SCRIPT.replace("hold the lamp steady", "hold the lantern higher"))
    voices = cast(before.characters)
    scenes, takes = SceneCache(tmp_path / "scenes"), FileCache(tmp_path / "takes")
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    first = voice_film(before, voices, tmp_path / "a", scenes, takes)
    edited = voice_film(after, voices, tmp_path / "b", scenes, takes)
    assert edited["scenes_recomputed"] == ["s01"]  # the scene changed...
    assert len(list((tmp_path / "takes").rglob("*.json"))) == 4  # ...but only one new take was made
    for old, new in zip(first["takes"][:2], edited["takes"][:2]):
        assert (tmp_path / "b" / new["file"]).read_bytes() == (tmp_path / "a" / old["file"]).read_bytes()
        assert new["phonemes"] == old["phonemes"] and new["index"] == old["index"]
    assert edited["takes"][2]["text"].endswith("hold the lantern higher.")
    assert edited["takes"][2]["duration"] != first["takes"][2]["duration"]
