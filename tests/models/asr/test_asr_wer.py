"""Word error rate with normalisation."""

from __future__ import annotations

import pytest

from models.asr.wer import normalize, spoken_number, word_error_rate


def test_normalisation_lowercases_spells_numbers_and_drops_punctuation() -> None:
    assert normalize("It's 25 dollars, Dr. Smith!") == "its twenty five dollars dr smith"
    assert normalize("1,200 and 3.5") == "one thousand two hundred and three point five"
    assert normalize("in 2024") == "in two thousand twenty four"
    assert normalize("  “Well—maybe.”  ") == "well maybe"


def test_spoken_numbers() -> None:
    assert spoken_number(0) == "zero"
    assert spoken_number(40) == "forty"
    assert spoken_number(101) == "one hundred one"
    assert spoken_number(3_000_017) == "three million seventeen"


def test_equal_after_normalisation_is_zero() -> None:
    assert word_error_rate("It's 25 dollars.", "its twenty-five Dollars") == 0.0


def test_errors_are_counted_against_the_reference_length() -> None:
    assert word_error_rate("the cat sat on the mat", "the cat sat on a mat") == pytest.approx(1 / 6)
    assert word_error_rate("one two three four", "one three four") == pytest.approx(1 / 4)
    assert word_error_rate("one two", "one two three four") == pytest.approx(1.0)


def test_empty_sides() -> None:
    assert word_error_rate("", "") == 0.0
    assert word_error_rate("...", "hello") == 1.0
    assert word_error_rate("hello there", "") == 1.0
