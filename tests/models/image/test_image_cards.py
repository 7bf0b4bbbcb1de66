"""Character sheets and trailer title cards."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from models.breakdown import Character
from models.image.illustrator import render_character_sheet, title_card
from models.image.look import look_for
from models.image.raster import load_png


def test_character_sheet_is_a_png_with_the_figure(tmp_path: Path) -> None:
    look = look_for(Character("ELIAS", "senior", 70, "male", "grey hair, beard, glasses"), "western")
    out = render_character_sheet(look, "ELIAS", tmp_path / "sheets" / "elias.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    sheet = load_png(out)
    assert sheet.shape == (1000, 1600, 3)
    top = np.array([int(look.top[i : i + 2], 16) for i in (1, 3, 5)])
    assert (np.abs(sheet.astype(int) - top).sum(axis=2) < 12).mean() > 0.02  # the jacket is on the sheet


def test_title_card_is_legible() -> None:
    card = title_card("The Lighthouse Keeper's Daughter", "A film by Film Studio", (1280, 720))
    assert card.shape == (720, 1280, 3) and card.dtype == np.uint8
    bright = card.min(axis=2) > 220
    assert bright.mean() > 0.03  # large light letters on a dark ground
    assert card.mean() < 120
    assert np.array_equal(card, title_card("The Lighthouse Keeper's Daughter", "A film by Film Studio", (1280, 720)))


def test_title_card_portrait_and_bad_size() -> None:
    assert title_card("Diwali", "", (720, 1280)).shape == (1280, 720, 3)
    with pytest.raises(ValueError):
        title_card("x", "y", (10, 10))
