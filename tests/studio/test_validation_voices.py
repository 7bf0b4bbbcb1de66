"""Voice choices are checked before anything is created: unknown ids, unknown characters and a
language no installed voice speaks are refused with a message that says what to do."""

from __future__ import annotations

import pytest

from models.script import build_breakdown
from studio.domain.errors import UserError
from studio.domain.validation import check_voice_overrides

SCRIPT = "MAYA: The storm is coming.\nELI (in French): Bonjour, grand-mère.\n"


def test_a_character_in_a_language_no_voice_speaks_is_refused_until_cast() -> None:
    breakdown = build_breakdown(SCRIPT)
    assert breakdown.character("ELI").language == "fr"
    with pytest.raises(UserError, match=r"ELI speaks 'fr'.*en, es, hi.*--voice 'ELI=VOICE_ID'"):
        check_voice_overrides(breakdown, {})
    check_voice_overrides(breakdown, {"ELI": "espeak-en-boy"})  # the user's choice stands


def test_unknown_voice_ids_and_characters_are_refused() -> None:
    breakdown = build_breakdown("MAYA: The storm is coming.\nELI: Then we run.\n")
    with pytest.raises(UserError, match="Unknown voice 'robot-9'.*piper-joe"):
        check_voice_overrides(breakdown, {"MAYA": "robot-9"})
    with pytest.raises(UserError, match="No character named 'ZED'"):
        check_voice_overrides(breakdown, {"ZED": "piper-joe"})
    check_voice_overrides(breakdown, {"MAYA": "festival-slt-senior", "ELI": "festival-slt-senior"})
