"""Subtitle translation through Debian's apertium (English <-> Spanish) and clear refusals."""

from __future__ import annotations

import pytest

from models.errors import BackendUnavailable
from models.translate.base import check_subtitle_languages, translator


def test_english_to_spanish_and_back_keeps_the_meaning_words() -> None:
    english = ["The storm is coming.", "", "My mother is in the house.", "The house is small."]
    spanish = translator("en", "es").translate(english)
    assert len(spanish) == len(english) and spanish[1] == ""
    assert "tormenta" in spanish[0].lower() and "madre" in spanish[2].lower() and "casa" in spanish[3].lower()
    back = translator("es", "en").translate(spanish)
    assert "storm" in back[0].lower() and "mother" in back[2].lower() and back[3] == "The house is small."


def test_translator_reports_its_name_and_version() -> None:
    engine = translator("en", "es")
    assert engine.name == "apertium-eng-spa" and engine.version.startswith("apertium-eng-spa")
    assert engine.translate([]) == []


def test_languages_without_a_translator_are_refused_clearly() -> None:
    with pytest.raises(BackendUnavailable, match="No translator from English to French is installed"):
        translator("en", "fr")
    with pytest.raises(ValueError, match="Hindi"):
        check_subtitle_languages(["es", "hi"])
    with pytest.raises(ValueError, match="not a language code"):
        check_subtitle_languages(["e$"])
    check_subtitle_languages(["es", "en"])  # English is the script's own language: nothing to translate
