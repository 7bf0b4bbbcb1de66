"""`NAME: line` dialogue scripts."""

from __future__ import annotations

from models.script.dialogue import parse_dialogue


def test_speakers_and_lines() -> None:
    parsed = parse_dialogue("ALEX: Good morning.\nSAM: Morning! Coffee?\nALEX: Always.\n")
    assert [(l.speaker, l.text) for l in parsed.scenes[0].lines] == [
        ("ALEX", "Good morning."),
        ("SAM", "Morning! Coffee?"),
        ("ALEX", "Always."),
    ]
    assert parsed.speakers() == ["ALEX", "SAM"]


def test_parenthetical_after_the_name_and_at_the_start_of_the_line() -> None:
    lines = (
        parse_dialogue("MIA (whispering): Is he asleep?\nJO: (laughing) Not a chance. (beat) Listen.\n").scenes[0].lines
    )
    assert [(l.speaker, l.parenthetical, l.text) for l in lines] == [
        ("MIA", "whispering", "Is he asleep?"),
        ("JO", "laughing", "Not a chance. Listen."),
    ]


def test_names_differing_only_in_case_are_one_speaker() -> None:
    parsed = parse_dialogue("Alex: Hi.\nSAM: Hello.\nALEX: Bye.\n")
    assert parsed.speakers() == ["Alex", "SAM"]


def test_continuation_lines_join_the_speech() -> None:
    lines = parse_dialogue("ALEX: This is a long thought\nthat goes on.\nSAM: Sure.\n").scenes[0].lines
    assert lines[0].text == "This is a long thought that goes on."


def test_scene_separators_and_headings() -> None:
    text = (
        "A: One.\nB: Two.\n\n---\n\nA: Three.\nB: Four.\n\n"
        "Scene 3: The Kitchen\nA: Five.\nB: Six.\n\nINT. CAR - NIGHT\nA: Seven.\nB: Eight.\n"
    )
    scenes = parse_dialogue(text).scenes
    assert [s.heading for s in scenes] == ["Scene 1", "Scene 2", "Scene 3: The Kitchen", "INT. CAR - NIGHT"]
    assert [[l.text for l in s.lines] for s in scenes] == [
        ["One.", "Two."],
        ["Three.", "Four."],
        ["Five.", "Six."],
        ["Seven.", "Eight."],
    ]


def test_bracketed_lines_are_stage_directions() -> None:
    scene = parse_dialogue("[Rain on the window.]\nA: Hear that?\nB: Just rain.\n").scenes[0]
    assert scene.action == ["Rain on the window."]
    assert [l.text for l in scene.lines] == ["Hear that?", "Just rain."]


def test_metadata_block() -> None:
    parsed = parse_dialogue("Title: Morning Brew\nAuthor: Jo Smith\n\nALEX: Hi.\nSAM: Hello.\n")
    assert (parsed.title, parsed.author) == ("Morning Brew", "Jo Smith")
    assert parsed.speakers() == ["ALEX", "SAM"]


def test_bare_first_line_is_the_title() -> None:
    assert parse_dialogue("Morning Brew\n\nALEX: Hi.\nSAM: Hello.\n").title == "Morning Brew"


def test_narrator_speaker_is_the_film_narrator() -> None:
    lines = parse_dialogue("NARRATOR: It was late.\nALEX: Who's there?\n").scenes[0].lines
    assert [(l.speaker, l.kind) for l in lines] == [("Narrator", "narration"), ("ALEX", "dialogue")]
