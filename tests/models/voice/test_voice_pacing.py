"""Pauses between lines from punctuation, turn-taking, mood, delivery and mode."""

from __future__ import annotations

from models.breakdown import Line, Scene
from models.voice.pacing import INTERRUPTION_OVERLAP, PODCAST_GAP_RANGE, is_cut_off, line_gaps


def _scene(lines: list[tuple[str, str]], mood: str = "calm") -> Scene:
    return Scene("s01", "Scene 1", mood=mood, lines=[Line(speaker, text) for speaker, text in lines])


TALK = [
    ("ALEX", "Welcome back to the show."), ("SAM", "Thanks, it is good to be here."),
    ("ALEX", "So what did you bring us today?"), ("SAM", "A story about rivers."),
    ("SAM", "And one about the sea."), ("ALEX", "I love that. Tell me more!"),
]  # fmt: skip


def test_podcast_pauses_are_conversational_varied_and_stable() -> None:
    gaps = line_gaps(_scene(TALK), "podcast")
    low, high = PODCAST_GAP_RANGE
    assert len(gaps) == len(TALK) - 1 and all(low <= g <= high for g in gaps)
    assert len(set(gaps)) >= 3  # not one fixed pause
    assert gaps == line_gaps(_scene(TALK), "podcast")  # deterministic across renders
    assert gaps[2] < 0.66  # a question is answered quickly


def test_a_cut_off_line_answered_by_someone_else_overlaps() -> None:
    scene = _scene(
        [
            ("ALEX", "I was just about to say—"),
            ("SAM", "No, wait, listen."),
            ("SAM", "It was--"),
            ("SAM", "Never mind."),
        ]
    )
    gaps = line_gaps(scene, "podcast")
    assert gaps[0] == -INTERRUPTION_OVERLAP
    assert gaps[2] > 0  # a speaker trailing off into their own next line is not an interruption
    assert is_cut_off("Wait…") and is_cut_off('"I thought--"') and not is_cut_off("Done.")


def test_punctuation_mood_and_delivery_set_film_pauses() -> None:
    lines = [("A", "Is it you?"), ("B", "Yes."), ("B", "Well..."), ("B", "I think so."), ("A", "Go on.")]
    calm = line_gaps(_scene(lines), "film")
    assert calm[2] > calm[1]  # a trailing ellipsis lingers (same speaker: no interruption)
    tense, sad = line_gaps(_scene(lines, "tense"), "film"), line_gaps(_scene(lines, "sad"), "film")
    assert all(t < c < s for t, c, s in zip(tense, calm, sad))
    whispered = _scene(lines)
    whispered.lines[0].emotion = "sad"
    assert line_gaps(whispered, "film")[0] > calm[0]  # a sad line leaves a longer silence
