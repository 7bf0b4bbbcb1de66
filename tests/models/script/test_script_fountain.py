"""Fountain parser: one test (at least) per element of the syntax at fountain.io."""

from __future__ import annotations

from models.script.fountain import Element, parse_fountain
from models.script.markup import strip_emphasis


def kinds(text: str) -> list[tuple[str, str]]:
    return [(e.type, e.text) for e in parse_fountain(text).elements]


def first(text: str, kind: str) -> Element:
    return next(e for e in parse_fountain(text).elements if e.type == kind)


# -- title page ------------------------------------------------------------------------------


def test_title_page_keys_and_indented_multiline_values() -> None:
    doc = parse_fountain(
        "Title:\n    _**BRICK & STEEL**_\n    _**FULL RETIRED**_\nCredit: Written by\n"
        "Author: Stu Maschwitz\nDraft date: 1/27/2012\nContact:\n\tNext Level Productions\n"
        "\t1588 Mission Dr.\n\nEXT. PATIO - DAY\n\nBirds sing.\n"
    )
    assert doc.title_page == {
        "title": "BRICK & STEEL\nFULL RETIRED",
        "credit": "Written by",
        "author": "Stu Maschwitz",
        "draft date": "1/27/2012",
        "contact": "Next Level Productions\n1588 Mission Dr.",
    }
    assert [(e.type, e.text) for e in doc.elements] == [
        ("scene_heading", "EXT. PATIO - DAY"),
        ("action", "Birds sing."),
    ]


def test_no_title_page_when_first_block_is_not_key_value() -> None:
    doc = parse_fountain("FADE IN:\n\nEXT. PATIO - DAY\n")
    assert doc.title_page == {}
    assert kinds("FADE IN:\n\nEXT. PATIO - DAY\n") == [
        ("transition", "FADE IN:"),
        ("scene_heading", "EXT. PATIO - DAY"),
    ]


# -- scene headings --------------------------------------------------------------------------


def test_scene_heading_prefixes_are_case_insensitive() -> None:
    for heading in ["INT. HOUSE - DAY", "EXT. HOUSE - NIGHT", "EST. CITY - DAWN", "INT./EXT. CAR - DAY",
                    "INT/EXT CAR - DAY", "I/E TRUCK - DUSK", "int. kitchen - day", "ext house - night"]:  # fmt: skip
        assert kinds(f"Some action.\n\n{heading}\n\nMore action.\n")[1] == ("scene_heading", heading), heading


def test_scene_heading_needs_a_blank_line_before_it() -> None:
    assert kinds("He looks around.\nINT. HOUSE - DAY\n") == [("action", "He looks around.\nINT. HOUSE - DAY")]


def test_heading_prefix_needs_dot_or_space() -> None:
    assert kinds("INTERIOR DESIGN matters.\n")[0][0] == "action"
    assert kinds("EXTRA! EXTRA!\n")[0][0] == "action"


def test_forced_scene_heading_with_leading_dot() -> None:
    element = first("\n.SNIPER SCOPE POV\n\nA rifle.\n", "scene_heading")
    assert (element.text, element.forced) == ("SNIPER SCOPE POV", True)
    assert kinds("...and then he left.\n")[0] == ("action", "...and then he left.")


def test_scene_numbers_are_split_from_the_heading() -> None:
    element = first("INT. HOUSE - DAY #1A#\n\nAction.\n", "scene_heading")
    assert (element.text, element.scene_number) == ("INT. HOUSE - DAY", "1A")
    element = first(".FLASHBACK #I-1-A#\n", "scene_heading")
    assert (element.text, element.scene_number) == ("FLASHBACK", "I-1-A")


# -- action ----------------------------------------------------------------------------------


def test_action_paragraph_keeps_line_breaks() -> None:
    assert kinds("They run.\nThey hide.\n\nThey wait.\n") == [
        ("action", "They run.\nThey hide."),
        ("action", "They wait."),
    ]


def test_forced_action_with_exclamation_mark() -> None:
    element = first("\n!SCANNING THE AREA.\nNothing there.\n", "action")
    assert (element.text, element.forced) == ("SCANNING THE AREA.\nNothing there.", True)
    # Without "!" the same upper-case line followed by text would be a character cue.
    assert kinds("\nSCANNING THE AREA.\nNothing there.\n")[0][0] == "character"


# -- characters, extensions, parentheticals, dialogue ------------------------------------------


def test_character_and_dialogue() -> None:
    assert kinds("\nSTEEL\nBeer's ready!\n") == [("character", "STEEL"), ("dialogue", "Beer's ready!")]


def test_character_needs_text_right_after_it() -> None:
    assert kinds("\nSTEEL\n\nBeer's ready!\n") == [("action", "STEEL"), ("action", "Beer's ready!")]


def test_character_extensions_any_case() -> None:
    doc = parse_fountain("\nMAYA (V.O.) (CONT'D)\nStill here.\n\nHANS (on the radio)\nWhat?\n\nR2D2\nBeep.\n")
    cues = doc.of_type("character")
    assert [(c.name, c.extensions) for c in cues] == [
        ("MAYA", ["V.O.", "CONT'D"]),
        ("HANS", ["on the radio"]),
        ("R2D2", []),
    ]


def test_numbers_alone_are_not_a_character() -> None:
    assert kinds("\n23\nSomething.\n")[0][0] == "action"


def test_forced_character_keeps_its_case() -> None:
    element = first("\n@McCLANE\nYippie ki-yay!\n", "character")
    assert (element.name, element.forced) == ("McCLANE", True)


def test_parentheticals_split_dialogue() -> None:
    assert kinds("\nSTEEL\n(quietly)\nBeer's ready!\n(beat)\nAre they cold?\n") == [
        ("character", "STEEL"),
        ("parenthetical", "quietly"),
        ("dialogue", "Beer's ready!"),
        ("parenthetical", "beat"),
        ("dialogue", "Are they cold?"),
    ]


def test_line_breaks_in_dialogue_and_two_space_blank_line() -> None:
    assert kinds("\nDEAN\nLine one\nLine two\n  \nLine three\n\nAfter.\n") == [
        ("character", "DEAN"),
        ("dialogue", "Line one\nLine two\n\nLine three"),
        ("action", "After."),
    ]


def test_dual_dialogue_marks_the_second_speaker() -> None:
    doc = parse_fountain("\nBRICK\nScrew retirement.\n\nSTEEL ^\nScrew retirement.\n")
    assert [(e.type, e.name, e.dual) for e in doc.elements] == [
        ("character", "BRICK", False),
        ("dialogue", None, False),
        ("character", "STEEL", True),
        ("dialogue", None, True),
    ]


# -- transitions, centered, lyrics, page breaks -----------------------------------------------


def test_transition_ending_in_to() -> None:
    assert kinds("Action.\n\nCUT TO:\n\nINT. HOUSE - DAY\n")[1] == ("transition", "CUT TO:")


def test_transition_needs_blank_lines_around_it() -> None:
    assert kinds("Action.\nCUT TO:\n")[0] == ("action", "Action.\nCUT TO:")


def test_forced_transition() -> None:
    element = first("\n> Burn to white.\n", "transition")
    assert (element.text, element.forced) == ("Burn to white.", True)


def test_centered_text() -> None:
    assert kinds("\n> THE END <\n") == [("centered", "THE END")]
    assert kinds("\n>  *Intermission*  <\n") == [("centered", "Intermission")]


def test_lyrics() -> None:
    assert kinds("\n~Willy Wonka! Willy Wonka!\n~The amazing chocolatier!\n") == [
        ("lyrics", "Willy Wonka! Willy Wonka!"),
        ("lyrics", "The amazing chocolatier!"),
    ]
    assert kinds("\nWONKA\n~Come with me\n")[1] == ("lyrics", "Come with me")


def test_page_break() -> None:
    assert kinds("One.\n\n===\n\nTwo.\n") == [("action", "One."), ("page_break", ""), ("action", "Two.")]


# -- sections, synopses, notes, boneyard ------------------------------------------------------


def test_sections_with_depth() -> None:
    doc = parse_fountain("# Act One\n\n## Sequence A\n\n### The Fight\n")
    assert [(e.type, e.text, e.depth) for e in doc.elements] == [
        ("section", "Act One", 1),
        ("section", "Sequence A", 2),
        ("section", "The Fight", 3),
    ]


def test_synopsis() -> None:
    assert kinds("\n= Set up the characters and the story.\n") == [("synopsis", "Set up the characters and the story.")]


def test_inline_note_is_lifted_out_of_action() -> None:
    assert kinds("His hand is an inch from the button. [[Is this too much?]] He waits.\n") == [
        ("action", "His hand is an inch from the button. He waits."),
        ("note", "Is this too much?"),
    ]


def test_multiline_note_on_its_own_lines() -> None:
    assert kinds("Action.\n\n[[This note\nspans two lines.]]\n\nMore.\n") == [
        ("action", "Action."),
        ("note", "This note\nspans two lines."),
        ("action", "More."),
    ]


def test_note_between_cue_and_dialogue_keeps_the_block() -> None:
    assert kinds("\nMAYA\n[[louder?]]\nHello.\n") == [
        ("character", "MAYA"),
        ("note", "louder?"),
        ("dialogue", "Hello."),
    ]


def test_boneyard_hides_whole_scenes() -> None:
    doc = parse_fountain("Action.\n\n/*\nINT. OLD SCENE - DAY\n\nGONE\nShould not appear.\n*/\n\nMore.\n")
    assert [(e.type, e.text) for e in doc.elements] == [
        ("action", "Action."),
        ("boneyard", "INT. OLD SCENE - DAY\n\nGONE\nShould not appear."),
        ("action", "More."),
    ]


def test_inline_boneyard() -> None:
    assert kinds("He walks /* slowly */ away.\n") == [("action", "He walks away."), ("boneyard", "slowly")]


# -- emphasis ---------------------------------------------------------------------------------


def test_emphasis_is_stripped() -> None:
    assert strip_emphasis("*italic* **bold** ***bold italic*** _underline_") == "italic bold bold italic underline"
    assert strip_emphasis("_**nested**_ and **_nested_**") == "nested and nested"


def test_escaped_and_spaced_asterisks_stay_literal() -> None:
    assert strip_emphasis("Steel enters the code: \\*9765\\*") == "Steel enters the code: *9765*"
    assert strip_emphasis("He dialed *  flying*") == "He dialed *  flying*"
    assert strip_emphasis("snake_case_name") == "snake_case_name"


def test_emphasis_does_not_span_lines() -> None:
    assert strip_emphasis("*one\ntwo*") == "*one\ntwo*"


def test_emphasis_stripped_from_dialogue_text_but_kept_in_raw() -> None:
    element = first("\nSTEEL\nThey're **cold**, *really* cold.\n", "dialogue")
    assert element.text == "They're cold, really cold."
    assert element.raw == "They're **cold**, *really* cold."
