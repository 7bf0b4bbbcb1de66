"""Locating each scene in the script's own text, so a scene edit leaves every other byte alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.script import build_breakdown
from studio.domain.scene_text import replace_scene, scene_source

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.mark.parametrize(
    ("sample", "starts"),
    [
        (
            "lighthouse.fountain",
            ["EXT. ROCKY ISLAND - DUSK", "INT. LIGHTHOUSE - LAMP ROOM - NIGHT", "EXT. ROCKY ISLAND - DAWN"],
        ),
        ("ganga_diya.txt", ["Evening fell over Varanasi.", "Kabir held the diya close"]),
        ("podcast.txt", ["ALEX: Good morning, and welcome back"]),
    ],
)
def test_samples_split_into_their_scenes_without_the_title_page(sample: str, starts: list[str]) -> None:
    script = (SAMPLES / sample).read_text()
    sources = scene_source(script, build_breakdown(script))
    assert [text.lstrip()[: len(start)] for text, start in zip(sources.values(), starts)] == starts
    assert len(sources) == len(starts)
    # The scenes tile the script after the title page: nothing lost, nothing repeated.
    first = script.index(starts[0])
    assert "".join(sources.values()) == script[first:]


def test_replacing_a_scene_keeps_the_others_byte_for_byte() -> None:
    script = (SAMPLES / "lighthouse.fountain").read_text()
    breakdown = build_breakdown(script)
    sources = scene_source(script, breakdown)
    new = replace_scene(script, breakdown, "s02", "INT. LIGHTHOUSE - NIGHT\n\nMAYA\nThe lamp is lit.\n")
    assert new.startswith(script[: script.index(sources["s02"])])
    assert new.endswith(sources["s03"])
    rebuilt = build_breakdown(new)
    assert [line.text for line in rebuilt.scenes[1].lines] == ["The lamp is lit."]
    assert [line.text for line in rebuilt.scenes[0].lines] == [line.text for line in breakdown.scenes[0].lines]
    with pytest.raises(ValueError, match="No scene 's07'"):
        replace_scene(script, breakdown, "s07", "X")
