"""Film or podcast: the breakdown carries the resolved mode; culture choices apply everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.breakdown import Breakdown
from models.script import build_breakdown
from models.script.options import apply_options, resolve_mode

SAMPLES = Path(__file__).resolve().parents[3] / "samples"


def _sample(name: str) -> Breakdown:
    return build_breakdown((SAMPLES / name).read_text())


def test_auto_makes_two_person_dialogue_a_podcast_and_everything_else_a_film() -> None:
    assert resolve_mode(_sample("podcast.txt"), "auto") == "podcast"
    assert resolve_mode(_sample("lighthouse.fountain"), "auto") == "film"
    assert resolve_mode(_sample("ganga_diya.txt"), "auto") == "film"
    three = build_breakdown("A: Hello there.\nB: Hi, how are you?\nC: Fine, thanks.")
    assert resolve_mode(three, "auto") == "film"


def test_an_explicit_mode_wins_and_a_bad_one_is_refused() -> None:
    assert resolve_mode(_sample("podcast.txt"), "film") == "film"
    assert resolve_mode(_sample("lighthouse.fountain"), "podcast") == "podcast"
    with pytest.raises(ValueError, match="auto, film or podcast"):
        resolve_mode(_sample("podcast.txt"), "radio")


def test_mode_and_culture_round_trip_and_old_breakdowns_read_as_film() -> None:
    breakdown = apply_options(_sample("podcast.txt"), "auto", "latin")
    assert breakdown.mode == "podcast" and breakdown.culture == "latin"
    assert all(scene.culture == "latin" for scene in breakdown.scenes)
    assert Breakdown.from_dict(breakdown.to_dict()) == breakdown
    old = breakdown.to_dict()
    del old["mode"]
    assert Breakdown.from_dict(old).mode == "film"
