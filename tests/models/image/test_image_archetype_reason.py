"""Which archetype a place is drawn as, and why: named, misspelt, or unknown (reported, never hidden)."""

from __future__ import annotations

from models.breakdown import Scene
from models.image.backgrounds import archetype_choice, archetype_for


def test_a_named_place_says_which_word_chose_it() -> None:
    archetype, why = archetype_choice(Scene("s01", "INT. KITCHEN - DAY", "KITCHEN"))
    assert archetype == "kitchen" and "'kitchen'" in why and "location" in why


def test_a_misspelt_or_plural_place_gets_the_nearest_archetype_and_says_so() -> None:
    archetype, why = archetype_choice(Scene("s01", "INT. KITCHENS - DAY", "KITCHENS"))
    assert archetype == "kitchen" and why.startswith("nearest archetype") and "'kitchens'" in why
    assert archetype_for(Scene("s01", "EXT. HARBUOR - DAWN", "HARBUOR")) == "harbour"


def test_an_unknown_place_is_drawn_generic_and_reported() -> None:
    archetype, why = archetype_choice(Scene("s01", "INT. ZORBLAX NEBULA - NIGHT", "ZORBLAX NEBULA"))
    assert archetype == "interior" and "ZORBLAX NEBULA" in why and "generic interior" in why
    outside, why_out = archetype_choice(Scene("s02", "EXT. ZORBLAX - DAY", "ZORBLAX"))
    assert outside == "exterior" and "generic exterior" in why_out


def test_the_settings_a_stage_direction_names_are_drawn_as_their_kind() -> None:
    # The parser names the head of an opening stage direction ("[A rainy bus shelter at night.]").
    for location, archetype in [("BUS SHELTER", "station"), ("BARBERSHOP", "shop"), ("FLAT", "home"),
                                ("STAIRWELL", "home"), ("COURTROOM", "office")]:  # fmt: skip
        assert archetype_for(Scene("s01", "Scene 1", location, action=["Two people wait."])) == archetype, location


def test_a_river_is_the_ganga_only_in_an_indian_story() -> None:
    assert archetype_for(Scene("s01", "Scene 1", "RIVER", culture="indian", action=["They wade in."])) == "ghat"
    archetype, why = archetype_choice(Scene("s01", "Scene 1", "RIVER", culture="western", action=["They wade in."]))
    assert archetype == "riverbank" and "not an Indian story" in why


def test_a_place_no_archetype_names_is_drawn_as_what_wordnet_says_it_is() -> None:
    for location, archetype in [("ABBEY", "temple"), ("SYNAGOGUE", "temple"), ("DUNGEON", "castle"), ("POND", "riverbank"),
                                ("CLOISTER", "home")]:  # fmt: skip
        chosen, why = archetype_choice(Scene("s01", "Scene 1", location, action=["They waited."]))
        assert chosen == archetype and "(WordNet)" in why and location.lower() in why, location
