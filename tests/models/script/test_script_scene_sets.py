"""Which set a scene is drawn at: the place its people are in, not one merely mentioned, come
from, or standing beside the place. The texts are written fresh or shortened from stories of the
tuning half of the corpus (bench/understanding/tune); none comes from a held-out half."""

from __future__ import annotations

from models.script import build_breakdown
from models.script.analysis import setting_from_words


def test_the_edge_or_shade_of_a_place_puts_someone_at_it() -> None:
    # t23, t80: "at the edge of the marsh" outweighs a bank only trotted along once.
    text = "At the edge of the marsh, a fox came trotting along the bank. The heron stood in the shallows."
    assert setting_from_words(text)[0] == "MARSH"
    text = "Ikaika had fished the reef for years. Now he spent his mornings in the shade of the boathouse."
    assert setting_from_words(text)[0] == "BOATHOUSE"


def test_an_owner_between_the_preposition_and_the_place_still_puts_someone_there() -> None:
    # t118: "in her great-grandmother's kitchen" is where Catalina sits.
    text = "Catalina sat at the table in her great-grandmother's kitchen. Her mother hung washing in the yard."
    assert setting_from_words(text)[0] == "KITCHEN"


def test_a_place_someone_comes_in_from_is_not_the_scene() -> None:
    # t118: the mother comes in from the patio to the kitchen where the scene is.
    text = "Her mother came in from the patio with the washing. Catalina wrote her letter in the kitchen."
    assert setting_from_words(text)[0] == "KITCHEN"


def test_a_place_behind_which_the_scene_is_does_not_set_it() -> None:
    # t104, t125: the greenhouse is behind the house; the hives stand on the hillside.
    text = "The greenhouse behind the old house was older than the house, and so was she."
    assert setting_from_words(text)[0] == "GREENHOUSE"
    text = "She climbed the goat track behind the village. On the hillside the hives stood in a row."
    assert setting_from_words(text)[0] == "HILLSIDE"


def test_the_street_a_named_place_is_on_is_not_the_scene() -> None:
    # t165: "at the Cinema Rialto on Emad el-Din Street": the street ends a name.
    text = "They met on Camden High Street. Later she sat in the cafe and waited."
    assert setting_from_words(text)[0] == "CAFE"


def test_a_later_scene_that_only_talks_of_a_place_stays_where_it_was() -> None:
    # t101: a shop "in Kumasi" that someone remembers is not where the scene is.
    story = (
        "In the kitchen Asha chopped onions while her brother laid the table.\n\n* * *\n\n"
        "An hour later the onions were soft and the rice was ready.\n\n"
        '"Grandfather had a shop like this in the market," Asha said.'
    )
    scenes = build_breakdown(story).scenes
    assert [s.location for s in scenes] == ["KITCHEN", "KITCHEN"]


def test_a_later_scene_whose_lines_alone_name_a_place_stays_where_it_was() -> None:
    # t109: "I cracked on the bridge" is a song's bridge, said in the studio.
    script = (
        "[A small recording studio, late at night. The band waits behind the glass.]\n\n"
        "BAEK: Take eleven.\nYOON-SEO: I did breathe.\n\n"
        "[Ten minutes later. The red light is on.]\n\n"
        "BAEK: That one.\nYOON-SEO: Really? I cracked on the bridge.\n"
    )
    scenes = build_breakdown(script).scenes
    assert [s.location for s in scenes] == ["RECORDING STUDIO", "RECORDING STUDIO"]


def test_a_town_someone_only_comes_from_does_not_name_the_scene() -> None:
    # t137, t67: "a surveyor from Jaipur" and a groom "from Ibadan" are not where the scene is.
    story = (
        "The compound was loud with drums. Under the canopy sat the bride, and beside her the groom, "
        "who had come all the way from Ibadan and could not believe his luck.\n\n"
        '"Is he going to feed her properly?" the old woman asked.'
    )
    assert "IBADAN" not in build_breakdown(story).scenes[0].location


def test_a_scene_that_opens_on_a_place_after_its_time_is_set_there() -> None:
    # t83: "That night the workshop smelled of resin", not the home a boy was not left at.
    text = "That night the workshop smelled of resin. Can had refused to be left at home."
    assert setting_from_words(text)[0] == "WORKSHOP"


def test_what_a_scene_opens_on_at_a_named_place_is_its_set() -> None:
    # t67, t115: no list knows "compound" or "ground" as a place; the opening says they are.
    text = "The compound in Enugu was loud with drums. Under the white canopy sat the bride."
    assert setting_from_words(text)[0] == "COMPOUND"
    text = "The ground behind St Teresa's had been chalked before dawn. Anjali's brother stayed at home."
    assert setting_from_words(text)[0] == "GROUND"
    # Not a creature, nor a verb: the fish arrive at the market.
    text = "The fish arrived at Villa María before the sun did. The market was already loud."
    assert setting_from_words(text)[0] == "MARKET"


def test_a_place_named_in_the_plural_is_still_the_place() -> None:
    # t139: the line rooms, not the school the shoes are for.
    text = "Down in the line rooms, long after dark, Paati unwrapped a pair of black school shoes."
    assert setting_from_words(text)[0] == "ROOM"
