"""Who a quote belongs to and how old someone is, told by what is said rather than by the tags:
a speaker who gives their own name ("My name is Tou," he said), an age said aloud ("I'm nine
and I'm supposed to be asleep"), someone called by name ("Hold it still, Tama"), a compound
role ("the border guard"); and a few genders the action gives away. Texts are written here,
never taken from the held-out halves."""

from __future__ import annotations

from models.breakdown import NARRATOR, Breakdown, Character
from models.script import build_breakdown


def who(breakdown: Breakdown, name: str) -> Character:
    return next(c for c in breakdown.characters if c.name.lower() == name.lower())


def speakers(breakdown: Breakdown) -> list[tuple[str, str]]:
    return [(line.speaker, line.text) for scene in breakdown.scenes for line in scene.lines if line.speaker != NARRATOR]


def test_a_stranger_who_gives_his_name_speaks_under_it_from_then_on() -> None:
    breakdown = build_breakdown(
        "At the fair Nou waited by the woodpile with her necklace. A tall boy came over from the fire.\n\n"
        '"My name is Tou," he said. "Your cousin told me yours."\n\n'
        '"She tells everybody everything," said Nou.\n\n'
        "He turned the ball over in his hands. \"I'll sing first, if you're frightened.\"\n"
    )
    lines = speakers(breakdown)
    assert [speaker for speaker, _ in lines] == ["Tou", "Nou", "Tou"]
    assert who(breakdown, "Tou").gender == "male"
    assert "Boy" not in [c.name for c in breakdown.characters]


def test_call_me_names_the_speaker_even_a_name_the_story_never_used() -> None:
    breakdown = build_breakdown(
        "The harbour was grey. A sailor sat down beside Lena on the sea wall.\n\n"
        '"Call me Ishmael," said the sailor.\n\n"That is not your name," Lena said.\n'
    )
    assert [speaker for speaker, _ in speakers(breakdown)] == ["Ishmael", "Lena"]


def test_i_am_with_a_word_that_is_no_one_introduces_no_one() -> None:
    breakdown = build_breakdown(
        "Lena and Piet stood at the gate of the farm in the rain.\n\n"
        '"I am English," Piet said.\n\n"I am Catholic," said Lena.\n'
    )
    assert [speaker for speaker, _ in speakers(breakdown)] == ["Piet", "Lena"]


def test_an_age_said_before_and_goes_on_is_the_speakers() -> None:
    breakdown = build_breakdown(
        "JO: You're on the air.\nKAYDEN: Hi. Um. I'm Kayden and I'm nine and I'm supposed to be asleep.\n"
        "JO: That's a serious emergency.\nKAYDEN: I am one and the same boy who called before.\n"
    )
    assert who(breakdown, "KAYDEN").age_band == "child"


def test_an_age_said_of_him_goes_to_the_boy_nearby_not_the_speaker() -> None:
    breakdown = build_breakdown(
        "At dawn Efraín and his uncle Lucho climbed to the mine. A widow named Asunta was breaking rocks.\n\n"
        '"You\'re late, Lucho," Asunta said. "And you\'ve brought a child."\n\n'
        '"He\'s fourteen, Doña Asunta," said Lucho.\n\n"Then he can carry the lamp," said Efraín.\n'
    )
    assert who(breakdown, "Efraín").age_band == "teen"
    assert who(breakdown, "Lucho").age_band == "adult"


def test_a_said_age_skips_someone_whose_age_the_story_gives_otherwise() -> None:
    breakdown = build_breakdown(
        "Tobenna pushed the bicycle to the shed. An old man named Bankole sat in the shade, eighty if a day.\n\n"
        '"Let him try," said Bankole. "He looks like he knows what he is doing."\n\n'
        '"He is eight," said Adaeze.\n\n"I can fix the hose," Tobenna said.\n'
    )
    assert who(breakdown, "Tobenna").age_band == "child"
    assert who(breakdown, "Bankole").age_band == "senior"


def test_he_said_is_not_the_man_the_speech_calls_by_name_and_he_answers() -> None:
    breakdown = build_breakdown(
        "Rawiri walked down to the river with his grandson Tama. Tama carried the torch for him.\n\n"
        '"Hold it still, Tama," he said. "The eels see the light."\n\n'
        '"My arm is tired."\n\n'
        '"Then use the other one," said Rawiri.\n'
    )
    assert [speaker for speaker, _ in speakers(breakdown)] == ["Rawiri", "Tama", "Rawiri"]


def test_a_list_of_fish_is_no_one_spoken_to() -> None:
    breakdown = build_breakdown(
        "Before dawn Marisol and her aunt Rosa scaled fish at the terminal. Don Aurelio came at six.\n\n"
        '"What do you have for me?" asked Don Aurelio.\n\n"Corvina, bonito, a little octopus," said Rosa.\n\n'
        '"Is the corvina from today?"\n'
    )
    assert speakers(breakdown)[-1][0] == "Don Aurelio"


def test_it_is_i_gives_the_speakers_name() -> None:
    breakdown = build_breakdown(
        "Vasilisa knocked at the hut on chicken legs. Baba Yaga opened the door.\n\n"
        '"Who is there?" said Baba Yaga.\n\n"It is I, Vasilisa. My stepmother sent me for fire."\n'
    )
    assert speakers(breakdown)[-1][0] == "Vasilisa"


def test_a_compound_role_keeps_its_kind_and_the_short_form_is_the_same_person() -> None:
    breakdown = build_breakdown(
        "Senelis and Ruta searched the tideline for amber. A border guard came along the sand in a long coat.\n\n"
        '"Anything?" the border guard asked.\n\n"Nothing yet," said Senelis.\n\n'
        '"Then look there." The guard pointed a glove at the weed.\n\n'
        '"Move along, all of you," said the stout woman.\n'
    )
    lines = speakers(breakdown)
    assert [speaker for speaker, _ in lines] == ["Border guard", "Senelis", "Border guard", "Woman"]
    assert not {"Border", "Guard", "Stout woman"} & {c.name for c in breakdown.characters}


def test_a_speaker_named_like_a_creature_answers_when_called() -> None:
    breakdown = build_breakdown(
        "Commander Okafor stood on the bridge. Old Brannigan sat in the pilot's chair, and the ship's voice, "
        'which the crew called Wren, hummed in the walls.\n\n"Distance?" asked Okafor.\n\n'
        '"Four thousand kilometres," said Wren.\n\n"I heard that tune once," said Brannigan. "Out past Ceres."\n\n'
        'The commander set a hand on his chair. "Wren, open a channel."\n\n"Channel open."\n'
    )
    assert [speaker for speaker, _ in speakers(breakdown)][-2:] == ["Okafor", "Wren"]


def test_his_before_someone_set_off_by_commas_is_the_first_ones() -> None:
    breakdown = build_breakdown(
        "[A room under the stands. BALLA, twenty-six, a wrestler, sits on a bench while his grandmother, "
        "MAME COUMBA, ties charms round his arms.]\n\nBALLA: Mame, not so tight.\nMAME COUMBA: Hold still.\n"
        "BALLA: I can't feel my fingers.\n"
    )
    assert who(breakdown, "BALLA").gender == "male"


def test_a_surname_cue_takes_the_first_name_the_action_gives_it() -> None:
    breakdown = build_breakdown(
        "[An interview room. Detective Sergeant Farida Qureshi sits opposite a lad, Callum Reid, and clicks "
        "her pen. The AUCTIONEER from next door bangs a gavel.]\n\nQURESHI: Where were you on Tuesday?\n"
        "CALLUM: Home.\nAUCTIONEER: Sold!\nQURESHI: Try again.\n"
    )
    assert who(breakdown, "QURESHI").gender == "female"
    assert who(breakdown, "AUCTIONEER").gender != "female"


def test_his_in_a_clause_before_someone_else_arrives_is_the_first_ones() -> None:
    breakdown = build_breakdown(
        "INT. MOUNTAIN HUT - NIGHT\n\nCAPTAIN RUIZ, grey at the temples, is already zipping his parka when "
        "LUCÍA bursts in.\n\nLUCÍA\nThey're not back.\n\nRUIZ\nThen we go up.\n\nLUCÍA\nNow?\n"
    )
    assert who(breakdown, "RUIZ").gender == "male"


def test_a_group_in_a_speech_tag_speaks_as_one_but_a_group_subject_does_not() -> None:
    breakdown = build_breakdown(
        "Dr. Abara set the jar on the bench in front of the class. Jess leaned in.\n\n"
        '"What do we do with it?" asked Dr. Abara.\n\n"Poke it," the class chorused.\n\n'
        "The family next door sat down to supper.\n\n"
        '"We do not poke," said Jess.\n'
    )
    assert [speaker for speaker, _ in speakers(breakdown)] == ["Dr. Abara", "Class", "Jess"]
    assert "Family" not in {c.name for c in breakdown.characters}


def test_call_me_auntie_is_what_to_call_her_not_who_she_is() -> None:
    breakdown = build_breakdown(
        "Rosa met the new boy, Kofi, at the door of the flat with her coat still on.\n\n"
        '"Call me Auntie," said Rosa. "Everyone does."\n\n"Yes, Auntie," said Kofi.\n'
    )
    assert [speaker for speaker, _ in speakers(breakdown)] == ["Rosa", "Kofi"]


def test_a_pronoun_after_someone_named_only_as_an_owner_is_the_subjects() -> None:
    breakdown = build_breakdown(
        "Tobenna pushed the bicycle to the shed.\n\n"
        "Adaeze had married Tobenna's father in March, and she was still learning how to talk to the boy.\n\n"
        '"Can you fix it today?" Adaeze asked.\n\n"I can fix the hose," Tobenna said.\n'
    )
    assert who(breakdown, "Adaeze").gender == "female"


def test_a_new_turn_never_goes_to_the_one_spoken_to() -> None:
    breakdown = build_breakdown(
        "Mr. Ferris stood at the front of the lab. Mr. Okoye, the caretaker, came in with a bucket.\n\n"
        '"Class, sit down," said Mr. Ferris.\n\n"Is the tank clean?" asked Mr. Okoye.\n\n'
        '"Thank you, Mr. Okoye," said the teacher, and he smiled.\n\n"Thank you, Mr. Okoye," he said again.\n'
    )
    assert speakers(breakdown)[-1][0] == "Mr. Ferris"
