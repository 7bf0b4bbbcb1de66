"""Phoneme labels from festival (ARPAbet), piper/espeak (IPA) and espeak mnemonics map to mouth shapes."""

from __future__ import annotations

import pytest

from models.lipsync.visemes import OPENNESS, VISEMES, openness, viseme_for


def test_viseme_set_covers_the_classic_mouths() -> None:
    assert len(VISEMES) >= 8
    assert {"rest", "MBP", "A", "E", "I", "O", "U", "FV", "L"} <= set(VISEMES)
    assert set(OPENNESS) == set(VISEMES)
    assert openness("A") == 1.0 and openness("MBP") == 0.0 and openness("rest") == 0.0
    assert openness("A") > openness("O") > openness("U") > openness("FV")


@pytest.mark.parametrize(
    "label, viseme",
    [
        ("aa", "A"),
        ("ae", "A"),
        ("m", "MBP"),
        ("b", "MBP"),
        ("p", "MBP"),
        ("f", "FV"),
        ("v", "FV"),
        ("uw", "U"),
        ("iy", "E"),
        ("ow", "O"),
        ("l", "L"),
        ("th", "L"),
        ("dh", "L"),
        ("w", "WQ"),
        ("s", "etc"),
        ("k", "etc"),
        ("AA1", "A"),
        ("IY0", "E"),
        ("AH0", "etc"),
    ],
)
def test_arpabet_labels(label: str, viseme: str) -> None:
    assert viseme_for(label) == viseme


@pytest.mark.parametrize(
    "label, viseme",
    [
        ("ɑ", "A"),
        ("ɑː", "A"),
        ("æ", "A"),
        ("ˈa", "A"),
        ("m", "MBP"),
        ("f", "FV"),
        ("ə", "etc"),
        ("uː", "U"),
        ("ʊ", "U"),
        ("oʊ", "O"),
        ("ɔː", "O"),
        ("θ", "L"),
        ("ð", "L"),
        ("iː", "E"),
        ("ɪ", "I"),
        ("tʃ", "U"),
        ("dʒ", "U"),
        ("ʃ", "U"),
        ("ɹ", "etc"),
        ("aɪ", "A"),
        ("eɪ", "E"),
        ("ɛ", "E"),
        ("ã", "A"),
        ("w", "WQ"),
    ],
)
def test_ipa_labels(label: str, viseme: str) -> None:
    assert viseme_for(label) == viseme


@pytest.mark.parametrize("label, viseme", [("@", "etc"), ("I", "I"), ("i:", "E"), ("aI", "A"), ("T", "L"), ("S", "U")])
def test_espeak_mnemonics(label: str, viseme: str) -> None:
    assert viseme_for(label) == viseme


@pytest.mark.parametrize("label", ["pau", "_", "#", " ", "", "sil", "h#", "PAU"])
def test_silence_rests(label: str) -> None:
    assert viseme_for(label) == "rest"


def test_unknown_labels_still_give_a_mouth() -> None:
    for label in ["ʘ", "xyz", "123", "ǃ", "ɰ̃"]:
        assert viseme_for(label) in VISEMES
