"""Prose stories: scene splitting, narration, and who speaks each quotation."""

from __future__ import annotations

from models.breakdown import NARRATOR
from models.script.attribution import segment, tag_after, tag_before
from models.script.prose import parse_prose, split_scenes


def said(text: str) -> list[tuple[str, str]]:
    """(speaker, text) of every line in a one-scene story."""
    return [(line.speaker, line.text) for scene in parse_prose(text).scenes for line in scene.lines]


def speakers(text: str) -> list[str]:
    return [s for s, _ in said(text) if s != NARRATOR]


def test_tag_after_quote_verb_first() -> None:
    assert said('"The river is quiet tonight," said Lila.') == [("Lila", "The river is quiet tonight.")]


def test_tag_before_quote() -> None:
    assert said('Lila said, "Come with me."') == [("Lila", "Come with me.")]


def test_tag_after_quote_name_first_with_curly_quotes() -> None:
    lines = parse_prose("“Look at the lamps,” Lila whispered.").scenes[0].lines
    assert [(l.speaker, l.text, l.parenthetical) for l in lines] == [("Lila", "Look at the lamps.", "whispered")]


def test_asked_and_adverbs() -> None:
    lines = parse_prose('"Are you coming?" asked Ravi.\n\n"Soon," said Lila softly.').scenes[0].lines
    assert [(l.speaker, l.parenthetical) for l in lines] == [("Ravi", None), ("Lila", "softly")]


def test_speech_verb_becomes_parenthetical() -> None:
    lines = parse_prose('"Run!" shouted Ravi.\n\n"Wait for me," Lila cried.').scenes[0].lines
    assert [l.parenthetical for l in lines] == ["shouted", "cried"]


def test_pronoun_resolves_to_last_named_character_of_that_gender() -> None:
    story = (
        "Lila walked to the river with her brother Ravi. She carried a lamp.\n\n"
        '"It is cold," she said.\n\n'
        '"Then walk faster," he replied.'
    )
    assert speakers(story) == ["Lila", "Ravi"]


def test_pronoun_learns_gender_when_unknown() -> None:
    parsed = parse_prose('Kiran stood by the door.\n\n"I am ready," she said.')
    assert [l.speaker for l in parsed.scenes[0].lines if l.speaker != NARRATOR] == ["Kiran"]
    assert parsed.gender_hints["Kiran"] == "female"


def test_untagged_quotes_alternate_in_a_back_and_forth() -> None:
    story = (
        '"Are you coming?" asked Ravi.\n\n'
        '"Not yet," said Lila.\n\n'
        '"The boat is leaving."\n\n'
        '"Then let it go."\n\n'
        '"You always say that."'
    )
    assert speakers(story) == ["Ravi", "Lila", "Ravi", "Lila", "Ravi"]


def test_quote_split_by_its_tag_is_one_line() -> None:
    assert said('"Go gently," Lila said, "little light."') == [("Lila", "Go gently, little light.")]


def test_second_quote_in_same_paragraph_keeps_the_speaker() -> None:
    assert said('"Maybe," she whispered. "If we make a wish."\n\nAsha nodded.')[0][1] == "Maybe. If we make a wish."


def test_narration_is_read_by_the_narrator_and_tags_are_not() -> None:
    # Only the tag ("said Lila") goes unread: the rest of its sentence is part of the story.
    lines = parse_prose('The sun set. "Come," said Lila, lifting the lamp. The bells rang.').scenes[0].lines
    assert [(l.speaker, l.kind, l.text) for l in lines] == [
        (NARRATOR, "narration", "The sun set."),
        ("Lila", "dialogue", "Come."),
        (NARRATOR, "narration", "Lifting the lamp. The bells rang."),
    ]


def test_narration_after_a_tag_in_the_same_sentence_is_spoken() -> None:
    lines = parse_prose('"Come in," she said, and she opened the gate.').scenes[0].lines
    assert [(l.kind, l.text) for l in lines] == [("dialogue", "Come in."), ("narration", "And she opened the gate.")]


def test_action_beats_keep_unread_fragments() -> None:
    scene = parse_prose('"Come," said Lila, lifting the lamp.').scenes[0]
    assert "lifting the lamp." in [a.lower() for a in scene.action]


def test_narration_subject_hints_the_speaker() -> None:
    story = '"Hello," said Ravi.\n\n"Hi," said Lila.\n\nRavi looked at the water. "It is cold."'
    assert speakers(story) == ["Ravi", "Lila", "Ravi"]


def test_first_person_narrator_speaks_his_own_quotes() -> None:
    assert said('"I will stay," I said.') == [(NARRATOR, "I will stay.")]


def test_role_as_speaker() -> None:
    assert speakers('"The river is high," said the old boatman.') == ["Boatman"]


def test_chapter_markers_split_scenes_and_name_them() -> None:
    story = "Chapter 1\n\nThe house was quiet.\n\nChapter 2: The River\n\nThe river was loud.\n\n***\n\nNight came."
    scenes = parse_prose(story).scenes
    assert [s.heading for s in scenes] == ["Chapter 1", "Chapter 2: The River", "Scene 3"]
    assert [s.lines[0].text for s in scenes] == ["The house was quiet.", "The river was loud.", "Night came."]


def test_without_markers_long_stories_are_grouped_by_size() -> None:
    paragraph = " ".join(["The wind moved the grass across the hill."] * 10)  # 80 words
    chunks = split_scenes([paragraph] * 6)
    assert len(chunks) == 2
    assert [len(group) for _, group in chunks] == [3, 3]
    assert [heading for heading, _ in chunks] == ["Scene 1", "Scene 2"]


def test_short_story_is_one_scene() -> None:
    assert len(parse_prose("One.\n\nTwo.\n\nThree.").scenes) == 1


def test_title_and_author_lines() -> None:
    parsed = parse_prose("The Diya on the Ganga\n\nby Meera Rao\n\nEvening fell.")
    assert (parsed.title, parsed.author) == ("The Diya on the Ganga", "Meera Rao")
    assert [l.text for l in parsed.scenes[0].lines] == ["Evening fell."]


def test_places_from_ner_are_not_speakers_and_set_location() -> None:
    scene = parse_prose('Lila walked along the ghat in Varanasi at dusk.\n\n"It\'s beautiful," said Lila.').scenes[0]
    assert scene.location == "VARANASI - GHAT"
    assert scene.interior is False


def test_segment_splits_quotes_and_narration() -> None:
    parts = segment('"Hi," said Lila, "how are you?" He smiled.')
    assert [(p.kind, p.text) for p in parts] == [
        ("quote", "Hi,"),
        ("text", " said Lila, "),
        ("quote", "how are you?"),
        ("text", " He smiled."),
    ]


def test_open_quote_continues_into_next_paragraph() -> None:
    story = '"Listen," said Asha. "Long ago the river was wider.\n\n"Boats came from every city."'
    assert speakers(story) == ["Asha", "Asha"]


def test_tag_patterns() -> None:
    assert tag_after(", said Lila.").who == "Lila"  # type: ignore[union-attr]
    assert tag_after(" she whispered softly.").adverb == "softly"  # type: ignore[union-attr]
    assert tag_before("Then Lila said,").who == "Lila"  # type: ignore[union-attr]
    assert tag_before("Ravi turned to his sister and asked,").who == "Ravi"  # type: ignore[union-attr]
    assert tag_after(" The river glowed.") is None


def test_unresolvable_pronoun_gets_a_stranger_of_that_gender() -> None:
    parsed = parse_prose('"Hello there," she said.')
    assert speakers('"Hello there," she said.') == ["Woman"]
    assert parsed.gender_hints["Woman"] == "female"


def test_short_untagged_quote_inside_a_sentence_is_narration() -> None:
    assert said('The sign on the door said "Closed" in red letters.') == [
        (NARRATOR, "The sign on the door said ‘Closed’ in red letters.")
    ]


def test_quote_without_comma_after_tag_is_still_speech() -> None:
    assert said('Lila said "Come here."') == [("Lila", "Come here.")]
