"""Kinds the tenth blind tune batch brought (bench/understanding/tune/t137-t148, written without
reading the parser): times told by the sky, the lamps and the bells, places WordNet knows, roles
that speak."""

from __future__ import annotations

import pytest

from models.script import build_breakdown
from models.script.markup import moves_on
from models.script.wordnet import names_a_person, names_a_place, names_a_thing, person_traits
from tests.models.script.tune_corpus import character, story


@pytest.mark.parametrize(
    "opening",
    [
        "Two evenings later, when the lamps were lit along the temple wall, the girl went down.",
        "When the bell rang for vespers, Tomé was still on his knees.",
        "The noon siren was still wailing from the tea factory when they filed in.",
        "As the shadows of the coconut palms stretched long across the paddies, the duck swam over.",
        "Under the stars, with the frogs singing in every paddy, the ducklings slept.",
        "Long after the stars came out, the supra was still going.",
        "Inside the chapel, by the light of two candles, Tomé could not keep his eyes closed.",
        "Deep in the fourth level, where the air tasted of sulphur, a niche had been cut.",
        "They reached the marani at the hottest hour of the day.",
        "The washerwoman from the village came up the mule track at dawn, as she did every Thursday.",
    ],
)
def test_a_paragraph_that_moves_to_a_new_hour_or_place_opens_a_scene(opening: str) -> None:
    assert moves_on(opening)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The wolf slunk off into the trees, and when the mother goat came home at dusk, she found them.",
        "Outside the window, the rain kept on.",
        "She reached the door and knocked twice.",
        '"We leave at dawn," said the captain.',
    ],
)
def test_a_paragraph_that_only_mentions_an_hour_or_a_door_stays_in_its_scene(paragraph: str) -> None:
    assert not moves_on(paragraph)


def test_the_sky_the_lamps_and_the_stars_tell_the_time_of_a_scene() -> None:
    scenes = story("t140_the_abbots_raven").scenes  # noon heat, vespers, after compline, at dawn
    assert [s.time_of_day for s in scenes] == ["day", "dusk", "night", "dawn"]
    scenes = story("t138_the_signal_box").scenes  # by lamplighting, then "the sky was only beginning to grey"
    assert [s.time_of_day for s in scenes][-1] == "dawn" and scenes[0].time_of_day == "dusk"


def test_a_later_scene_that_tells_no_time_after_dawn_is_in_the_day() -> None:
    times = [s.time_of_day for s in story("t141_the_heron_of_jatiluwih").scenes]
    assert times == ["dawn", "day", "dusk", "night"]  # "By the time the water in the terraces was as warm as soup"


def test_a_heading_that_says_later_keeps_the_time_its_opening_tells() -> None:
    scenes = story("t146_the_white_mountain").scenes  # "EXT. PIAZZA ALBERICA - LATER", "Stars over the rooftops."
    assert scenes[-1].time_of_day == "night"


def test_a_dialogue_returns_to_a_place_and_moves_on_to_an_occasion() -> None:
    scenes = story("t144_stanley_drums").scenes  # "[Race day at the Tuen Ng festival.]", "[The shed again, ...]"
    assert len(scenes) == 3 and scenes[-1].location == "SHED" and scenes[-1].time_of_day == "night"


def test_places_the_lexicon_does_not_list_are_found_by_what_wordnet_says_they_are() -> None:
    locations = [s.location for s in story("t140_the_abbots_raven").scenes]
    assert locations[:3] == ["CLOISTER", "CLOISTER", "CHAPEL"]
    assert [s.location for s in story("t142_cerro_rico").scenes][:2] == ["POTOSÍ - MINE", "POTOSÍ - MINE"]
    assert "WINE CELLAR" in story("t143_rtveli").scenes[1].location  # two words WordNet knows as one place


def test_a_possessive_pronoun_is_no_mine() -> None:
    breakdown = build_breakdown('The bicycle leaned on the fence.\n\n"That one is mine," said Ana. "Yours is blue."')
    assert "MINE" not in breakdown.scenes[0].location


@pytest.mark.parametrize("word", ["cloister", "signal box", "vineyard", "cellar", "boathouse"])
def test_wordnet_knows_somewhere_a_scene_is_set(word: str) -> None:
    assert names_a_place(word)


@pytest.mark.parametrize("word", ["door", "edge", "city", "umbrella", "was", "me", "table"])
def test_wordnet_places_leave_out_things_positions_and_state_names(word: str) -> None:
    assert not names_a_place(word)  # "was" is WordNet's WA, Washington; "me" Maine


def test_a_role_wordnet_knows_as_a_person_speaks() -> None:
    breakdown = story("t137_the_stepwell")  # "A surveyor from Jaipur sat there", '"...," the surveyor said'
    assert "Surveyor" in {c.name for c in breakdown.characters}
    assert names_a_person("surveyor") and not names_a_person("Ford") and not names_a_person("kettle")


def test_a_thing_that_opens_a_sentence_once_is_no_character() -> None:
    names = {c.name for c in story("t142_cerro_rico").characters}  # "Frost crusted the tailings."
    assert "Frost" not in names and names_a_thing("frost")


@pytest.mark.parametrize(
    ("word", "traits"),
    [("nun", ("female", None)), ("monk", ("male", None)), ("urchin", (None, "child")), ("crone", ("female", "senior")),
     ("schoolboy", ("male", "child")), ("novice", (None, None)), ("Ford", (None, None)), ("ferrywoman", (None, None))],
)  # fmt: skip
def test_wordnet_tells_the_sex_and_age_a_person_noun_carries(word: str, traits: tuple[str | None, str | None]) -> None:
    assert person_traits(word) == traits


def test_a_role_noun_the_lexicon_lacks_tells_a_characters_sex_and_age() -> None:
    text = 'A priestess waited at the shrine.\n\n"Come in," said the priestess.\n\n"Thank you," said the urchin.'
    breakdown = build_breakdown(text)
    assert character(breakdown, "Priestess").gender == "female"
    assert character(breakdown, "Urchin").age_band == "child"


def test_someone_who_calls_papa_to_his_face_more_than_once_is_a_child() -> None:
    assert character(story("t136_whiteout"), "LÉO").age_band == "child"  # "Papa, is this a castle?", "Papa! ..."
    text = "ANA: Mum, where are my keys?\nLUIS: On the hook.\nANA: Thanks."
    assert character(build_breakdown(text), "ANA").age_band == "adult"  # once is not enough to tell


def test_an_age_before_an_owner_of_someone_else_is_kept() -> None:
    # "AUNTIE MAY, seventy-four and the team's drummer for thirty years": the drummer is her, not the team's owner.
    assert character(story("t144_stanley_drums"), "AUNTIE MAY").age_band == "senior"


def test_what_the_pronoun_after_a_name_is_tells_the_age() -> None:
    # "The abbot found him there. He was a very old man, bent almost double."
    assert character(story("t140_the_abbots_raven"), "Abbot").age_band == "senior"
    text = 'Tariq came to the door. He was a young man with a bag.\n\n"Hello," said Tariq.'
    assert character(build_breakdown(text), "Tariq").age_band == "adult"
