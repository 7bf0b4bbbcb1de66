"""Understanding on the tuning half of the corpus (bench/understanding/tune): scenes at shifts
of time and place, every narration word spoken once, attribution through roles and animals,
ages and genders from descriptors. The held-out half is never used here."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from models.breakdown import NARRATOR, Breakdown
from models.script import build_breakdown

ROOT = Path(__file__).resolve().parents[3]
TUNE = ROOT / "bench" / "understanding" / "tune"


def _bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("understanding_bench", ROOT / "bench" / "understanding_bench.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["understanding_bench"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


bench = _bench()


def story(name: str) -> Breakdown:
    script = next(p for p in TUNE.glob(f"{name}.*") if p.suffix in (".txt", ".fountain"))
    return build_breakdown(script.read_text())


def spoken(breakdown: Breakdown) -> list[tuple[str, str]]:
    return [(line.speaker, line.text) for scene in breakdown.scenes for line in scene.lines]


def test_prose_story_breaks_scenes_at_shifts_of_time_and_place() -> None:
    gate = story("t02_the_gate")
    assert len(gate.scenes) == 2
    assert gate.scenes[1].action[0].startswith("That night")
    assert [s.time_of_day for s in gate.scenes] == ["day", "night"]
    shepherd = story("t04_shepherd_boy")
    assert [s.action[0].split(",")[0][:18] for s in shepherd.scenes] == [
        "A shepherd boy of ", "At dusk a real wol", "Back at the villag",
    ]  # fmt: skip


def test_narration_after_an_attribution_is_spoken_and_her_father_speaks() -> None:
    lines = spoken(story("t02_the_gate"))
    assert ("Father", "Let us find out.") in lines  # "Her father smiled." names the speaker
    assert (NARRATOR, "And she opened the gate.") == lines[-1]
    assert ("Asha", "Come in.") in lines


def test_animals_become_characters_with_their_kind() -> None:
    fable = story("t01_lion_mouse")
    kinds = {c.name: (c.kind, c.gender) for c in fable.characters if c.name != NARRATOR}
    assert kinds == {"Mouse": ("mouse", kinds["Mouse"][1]), "Lion": ("lion", "male")}
    assert [s for s, _ in spoken(fable) if s != NARRATOR] == ["Mouse", "Lion", "Mouse", "Lion"]


def test_ages_and_genders_come_from_descriptors() -> None:
    people = {c.name: (c.age_band, c.gender) for c in story("t04_shepherd_boy").characters}
    assert people["Peter"] == ("child", "male")  # "A shepherd boy of eleven named Peter"
    assert people["Shepherd"] == ("senior", "male")  # "the old shepherd"
    assert {c.name: c.age_band for c in story("t02_the_gate").characters}["Asha"] == "child"  # "a girl named"


def test_untold_age_falls_back_to_adult_and_says_so() -> None:
    father = next(c for c in story("t02_the_gate").characters if c.name == "Father")
    assert father.age_band == "adult"
    assert any(a.startswith("age_band: adult") for a in father.assumed)


@pytest.fixture(scope="module")
def tune_scores() -> dict[str, object]:
    return {case.name: (case, bench.score_case(case, build_breakdown(case.text).to_dict(), None))
            for case in bench.load_half("tune")}  # fmt: skip


def test_every_narration_word_of_the_tuning_stories_is_spoken_once(tune_scores: dict) -> None:
    for name, (_case, score) in tune_scores.items():
        good, total = score.counts["narration"]
        assert good == total, (name, score.problems)


def test_tuning_half_attribution_and_segmentation(tune_scores: dict) -> None:
    total = bench.Score()
    for _, score in tune_scores.values():
        total.merge(score)
    figures = total.figures()
    assert figures["attribution"] >= 0.9
    assert figures["segmentation_f1"] >= 0.85
    assert figures["objects"] >= 0.8


def test_the_bench_scores_a_wrong_attribution_lower() -> None:
    # Negative control: the same breakdown with its speakers rotated scores worse.
    case = next(c for c in bench.load_half("tune") if c.name == "t03_tenali")
    data = build_breakdown(case.text).to_dict()
    right = bench.score_case(case, data, None).figures()["attribution"]
    people = [line for s in data["scenes"] for line in s["lines"] if line["speaker"] != NARRATOR]
    names = [line["speaker"] for line in people]
    for line, name in zip(people, names[1:] + names[:1]):
        line["speaker"] = name
    wrong = bench.score_case(case, data, None).figures()["attribution"]
    assert wrong < right


def test_scenes_name_their_objects_and_why_their_place() -> None:
    gate = story("t02_the_gate")
    assert {"box", "letter"} <= {w for obj in gate.scenes[0].objects for w in obj.split()}
    kitchen = story("t10_wedding_kitchen").scenes[0]
    assert kitchen.place_reason == "heading: INT. HAVELI KITCHEN - NIGHT"
    assert "laddoo" in kitchen.objects
