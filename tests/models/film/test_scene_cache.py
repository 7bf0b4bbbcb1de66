"""The per-scene cache reuses unchanged scenes and recomputes edited ones."""

from __future__ import annotations

from pathlib import Path

from models.film.scene_cache import SceneCache, per_scene, scene_key


def _render(cache: SceneCache, texts: dict[str, str], out_dir: Path, built: list[str]):
    out_dir.mkdir(parents=True, exist_ok=True)

    def build(scene_id: str):
        built.append(scene_id)
        (out_dir / scene_id).mkdir(exist_ok=True)
        (out_dir / scene_id / "frame.txt").write_text(texts[scene_id].upper())
        return [f"{scene_id}/frame.txt"], {"chars": len(texts[scene_id])}

    return per_scene(cache, texts, lambda s: scene_key("test", s, texts[s]), build, out_dir)


def test_only_the_edited_scene_is_recomputed(tmp_path: Path) -> None:
    cache = SceneCache(tmp_path / "cache")
    texts = {"s01": "the lamp", "s02": "the storm", "s03": "the dawn"}
    built: list[str] = []
    _, first = _render(cache, texts, tmp_path / "run1", built)
    assert first.recomputed == ["s01", "s02", "s03"] and first.reused == []

    texts["s02"] = "the storm breaks"
    built.clear()
    records, second = _render(cache, texts, tmp_path / "run2", built)
    assert built == ["s02"]
    assert second.to_dict() == {"scenes_recomputed": ["s02"], "scenes_reused": ["s01", "s03"]}
    # Reused scenes come back with their files and records, in a fresh output folder.
    assert (tmp_path / "run2" / "s01" / "frame.txt").read_text() == "THE LAMP"
    assert (tmp_path / "run2" / "s02" / "frame.txt").read_text() == "THE STORM BREAKS"
    assert records["s03"] == {"chars": 8}


def test_without_a_cache_every_scene_is_built(tmp_path: Path) -> None:
    built: list[str] = []
    out = tmp_path / "out"
    out.mkdir()

    def build(scene_id: str):
        built.append(scene_id)
        return [], {}

    _, report = per_scene(None, ["a", "b"], lambda s: s, build, out)
    _, again = per_scene(None, ["a", "b"], lambda s: s, build, out)
    assert built == ["a", "b", "a", "b"] and again.reused == []


def test_keys_depend_on_every_input() -> None:
    assert scene_key("voice", "s01", ["A", "hi"]) == scene_key("voice", "s01", ["A", "hi"])
    assert scene_key("voice", "s01", ["A", "hi"]) != scene_key("voice", "s01", ["A", "hi!"])
    assert scene_key({"b": 1, "a": 2}) == scene_key({"a": 2, "b": 1})
