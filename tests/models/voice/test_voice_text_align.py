"""Text hygiene and the shared timing helpers, on synthetic input with known answers."""

from __future__ import annotations

import numpy as np
import pytest

from models.voice.align import assign_words, energy_onsets, group_by_counts, spread_over_voiced, tidy, voiced_regions
from models.voice.base import Timed
from models.voice.text import clean_text, tokens


def test_clean_text_removes_controls_and_pictographs_but_keeps_indic_joiners() -> None:
    assert clean_text("  Hello\x00\x07 there,\n\tfriend 🙂👍🏽 ") == "Hello there, friend"
    assert clean_text("क्\u200dष 30°") == "क्\u200dष 30°"
    assert clean_text("e\u0301te\u0301") == "été"  # NFC


@pytest.mark.parametrize("text", ["", " \n", "🙂", "?!...", "\x1b\x00"])
def test_clean_text_refuses_unspeakable_text(text: str) -> None:
    with pytest.raises(ValueError, match="Nothing speakable"):
        clean_text(text)


def test_tokens_strip_edge_punctuation_but_not_devanagari_vowel_signs() -> None:
    assert tokens('"Hello," she said -- it\'s 25!') == ["Hello", "she", "said", "it's", "25"]
    assert tokens("नमस्ते, आप कैसे हैं?") == ["नमस्ते", "आप", "कैसे", "हैं"]


def _units(n: int) -> list[Timed]:
    return [Timed(str(i), i * 0.1, (i + 1) * 0.1) for i in range(n)]


def test_group_by_counts_exact_and_rescaled() -> None:
    words = group_by_counts(_units(5), ["a", "bc"], [2, 3])
    assert words == [Timed("a", 0.0, 0.2), Timed("bc", 0.2, 0.5)]
    # The engine said 6 phonemes where 4 were expected: runs grow in proportion.
    words = group_by_counts(_units(6), ["x", "y"], [2, 2])
    assert [t for w in words for t in (w.start, w.end)] == pytest.approx([0.0, 0.3, 0.3, 0.6])
    # A word left with no units gets a zero-length interval where it would start.
    words = group_by_counts(_units(1), ["x", "y"], [1, 1])
    assert sorted(w.end - w.start for w in words) == pytest.approx([0.0, 0.1])


def test_tidy_clamps_orders_and_rounds() -> None:
    items = [Timed("b", 0.5, 0.4), Timed("a", -0.1, 0.2), Timed("c", 0.9, 1.7)]
    assert tidy(items, 1.0) == [Timed("a", 0.0, 0.2), Timed("b", 0.5, 0.5), Timed("c", 0.9, 1.0)]


def _tone_bursts(rate: int = 16000) -> np.ndarray:
    """0.2 s silence, 0.5 s tone, 0.3 s silence, 0.5 s tone, 0.2 s silence."""
    t = np.arange(int(0.5 * rate)) / rate
    tone = 0.5 * np.sin(2 * np.pi * 220 * t)
    gap = lambda s: np.zeros(int(s * rate))  # noqa: E731
    return np.concatenate([gap(0.2), tone, gap(0.3), tone, gap(0.2)]).astype(np.float32)


def test_voiced_regions_find_the_bursts() -> None:
    regions = voiced_regions(_tone_bursts(), 16000)
    assert len(regions) == 2
    assert regions[0] == pytest.approx((0.2, 0.7), abs=0.02)
    assert regions[1] == pytest.approx((1.0, 1.5), abs=0.02)
    assert voiced_regions(np.zeros(16000, np.float32), 16000) == []


def test_spread_over_voiced_keeps_phonemes_out_of_silence() -> None:
    phonemes, words = spread_over_voiced(_tone_bursts(), 16000, [("one", ["w", "a", "n"]), ("two", ["t", "u", "x"])])
    assert [w.label for w in words] == ["one", "two"]
    assert words[0].start == pytest.approx(0.2, abs=0.02) and words[0].end == pytest.approx(0.7, abs=0.02)
    assert words[1].start == pytest.approx(1.0, abs=0.02) and words[1].end == pytest.approx(1.5, abs=0.02)
    assert len(phonemes) == 6
    for p in phonemes:
        assert 0.18 <= p.start <= p.end <= 0.72 or 0.98 <= p.start <= p.end <= 1.52, p


def _word(start: float, *labels: str) -> list[Timed]:
    return [Timed(label, start + 0.1 * k, start + 0.1 * (k + 1)) for k, label in enumerate(labels)]


def test_assign_words_splits_joined_words_and_gives_unmatched_ones_their_gap() -> None:
    # eSpeak says "in the snow" as "ɪnðə snoʊ" and "a" in a line as "ə", but alone as "eɪ".
    units = [_word(0.0, "ɪ", "n", "ð", "ə"), _word(0.5, "s", "n", "oʊ"), _word(0.9, "ə"), _word(1.1, "k", "æ", "t")]
    spoken = [["ɪ", "n"], ["ð", "ə"], ["s", "n", "oʊ"], ["eɪ"], ["k", "æ", "t"]]
    words = assign_words(units, ["in", "the", "snow", "a", "cat"], spoken)
    assert [(w.label, round(w.start, 2), round(w.end, 2)) for w in words] == [
        ("in", 0.0, 0.2), ("the", 0.2, 0.4), ("snow", 0.5, 0.8), ("a", 0.9, 1.0), ("cat", 1.1, 1.4),
    ]  # fmt: skip


def test_energy_onsets_mark_where_sound_starts() -> None:
    rate = 16_000
    samples = np.zeros(rate, np.float32)
    for start in (0.2, 0.6):  # two 150 ms tones
        t = np.arange(int(0.15 * rate)) / rate
        samples[int(start * rate) : int(start * rate) + len(t)] = 0.5 * np.sin(2 * np.pi * 220 * t)
    onsets = energy_onsets(samples, rate)
    assert len(onsets) == 2 and all(abs(o - s) <= 0.03 for o, s in zip(onsets, (0.2, 0.6), strict=True)), onsets
