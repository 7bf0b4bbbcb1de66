"""Slokas and poems in scripts: detected, split at their line ends, and the culture is Indian."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.script import build_breakdown
from models.script.verse import is_sanskrit, join_lines, looks_like_poem

SAMPLES = Path(__file__).resolve().parents[3] / "samples"


@pytest.mark.parametrize(
    "text",
    [
        "Om sarve bhavantu sukhinah",
        "Om namah shivaya",
        "Asato ma sadgamaya, tamaso ma jyotirgamaya",
        "sarve santu niramayah ||",
        "ॐ सर्वे भवन्तु सुखिनः ॥",
        "Om bhur bhuvah svah, tat savitur varenyam",
    ],
)
def test_sanskrit_transliteration_is_recognised(text: str) -> None:
    assert is_sanskrit(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hare you coming home, Rama?",
        "Ma, the tea is ready.",
        "Om is a short name.",
        "The river is calm.",
        "नमस्ते, आप कैसे हैं?",
    ],
)
def test_ordinary_lines_are_not_slokas(text: str) -> None:
    assert not is_sanskrit(text)


def test_the_sample_sloka_is_chanted_the_poem_keeps_its_lines_and_the_film_is_indian() -> None:
    breakdown = build_breakdown((SAMPLES / "sloka.fountain").read_text())
    assert breakdown.culture == "indian" and all(s.culture == "indian" for s in breakdown.scenes)
    lines = breakdown.scenes[0].lines
    chants = [line for line in lines if line.kind == "chant"]
    assert [c.text for c in chants] == [
        "Om sarve bhavantu sukhinah", "sarve santu niramayah",
        "Sarve bhadrani pashyantu", "ma kaschid duhkha bhag bhavet",
    ]  # fmt: skip
    assert {c.speaker for c in chants} == {"MEERA", "ANU"}
    verse = [line for line in lines if line.kind == "verse"]
    assert [v.text for v in verse][0] == "The river carries every light,"
    assert len(verse) == 4 and all(v.speaker == "ANU" for v in verse)
    assert all("|" not in line.text and " / " not in line.text for line in lines)


def test_an_unmarked_sloka_in_a_western_looking_story_makes_it_indian() -> None:
    script = "PRIEST: Good evening, everyone.\nPRIEST: Om namah shivaya, om namah shivaya.\nGUEST: Thank you."
    breakdown = build_breakdown(script)
    kinds = [line.kind for _, _, line in breakdown.spoken_lines()]
    assert kinds == ["dialogue", "chant", "dialogue"]
    assert breakdown.culture == "indian"


def test_dialogue_chant_keeps_half_verses_and_prose_poem_blocks_become_verse() -> None:
    script = "GURU (chanting): Asato ma sadgamaya |\ntamaso ma jyotirgamaya ||\nSHISHYA: Thank you, Guruji."
    lines = [line for _, _, line in build_breakdown(script).spoken_lines()]
    assert [(l.kind, l.text) for l in lines[:2]] == [
        ("chant", "Asato ma sadgamaya"),
        ("chant", "tamaso ma jyotirgamaya"),
    ]
    prose = (
        "The old man sat by the window and opened his book.\n\n"
        "The night is long and the stars are few,\nthe road is dark but the lamp is new,\n"
        "and I will walk it home to you.\n\nThen he closed the book and smiled."
    )
    verse = [l for _, _, l in build_breakdown(prose).spoken_lines() if l.kind == "verse"]
    assert [v.text for v in verse] == [
        "The night is long and the stars are few,", "the road is dark but the lamp is new,",
        "and I will walk it home to you.",
    ]  # fmt: skip


def test_line_breaks_are_kept_only_for_verse() -> None:
    assert join_lines("Om namah shivaya\nom namah shivaya") == "Om namah shivaya / om namah shivaya"
    assert join_lines("Hand me the matches,\nand listen.") == "Hand me the matches, and listen."
    assert join_lines("The sea\nthe sky", "reciting") == "The sea / the sky"
    assert not looks_like_poem(["Title", "by Someone"])


def test_existing_samples_are_unchanged_by_verse_detection() -> None:
    for name in ("lighthouse.fountain", "ganga_diya.txt", "podcast.txt"):
        kinds = {line.kind for _, _, line in build_breakdown((SAMPLES / name).read_text()).spoken_lines()}
        assert kinds <= {"dialogue", "narration"}, name
