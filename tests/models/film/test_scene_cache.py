"""The per-scene cache reuses unchanged scenes and recomputes edited ones."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from models.film.scene_cache import SceneCache, per_scene, scene_key


def _render(
    cache: SceneCache, texts: dict[str, str], out_dir: Path, built: list[str], fail: str = "", workers: int = 1
):
    out_dir.mkdir(parents=True, exist_ok=True)

    def build(scene_id: str):
        built.append(scene_id)
        if scene_id == fail:
            raise RuntimeError(f"{scene_id} could not be drawn")
        (out_dir / scene_id).mkdir(exist_ok=True)
        (out_dir / scene_id / "frame.txt").write_text(texts[scene_id].upper())
        return [f"{scene_id}/frame.txt"], {"chars": len(texts[scene_id])}

    return per_scene(cache, texts, lambda s: scene_key("test", s, texts[s]), build, out_dir, workers)


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


def test_a_failed_scene_keeps_the_scenes_built_before_it(tmp_path: Path) -> None:
    cache = SceneCache(tmp_path / "cache")
    texts = {"s01": "the lamp", "s02": "the storm", "s03": "the dawn"}
    built: list[str] = []
    with pytest.raises(RuntimeError, match="s02 could not be drawn"):
        _render(cache, texts, tmp_path / "run1", built, fail="s02")
    assert built == ["s01", "s02"]  # the scene after the failure was never started
    built.clear()
    _, retry = _render(cache, texts, tmp_path / "run2", built)
    assert built == ["s02", "s03"] and retry.reused == ["s01"]


def _meeting_builds(out: Path, texts: dict[str, str], seconds: float):
    """A build that waits for a second build to run beside it (a broken barrier otherwise)."""
    together = threading.Barrier(2, timeout=seconds)

    def build(scene_id: str):
        together.wait()
        (out / scene_id).mkdir(parents=True)
        (out / scene_id / "frame.txt").write_text(texts[scene_id])
        return [f"{scene_id}/frame.txt"], {"text": texts[scene_id]}

    return build


def test_scenes_built_side_by_side_come_back_in_scene_order(tmp_path: Path) -> None:
    cache = SceneCache(tmp_path / "cache")
    texts = {"s01": "the lamp", "s02": "the storm", "s03": "the dawn", "s04": "the boat"}
    build = _meeting_builds(tmp_path / "out", texts, 10)
    records, report = per_scene(cache, texts, lambda s: scene_key("test", texts[s]), build, tmp_path / "out", 2)
    assert list(records) == report.recomputed == ["s01", "s02", "s03", "s04"]
    assert records["s03"] == {"text": "the dawn"}
    # The control: built one at a time, no build ever has a partner.
    alone = _meeting_builds(tmp_path / "alone", texts, 0.5)
    with pytest.raises(threading.BrokenBarrierError):
        per_scene(None, texts, lambda s: s, alone, tmp_path / "alone", 1)
