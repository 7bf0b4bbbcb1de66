"""build_breakdown end to end: format detection, the samples, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.breakdown import NARRATOR, Breakdown
from models.errors import ScriptError
from models.script import build_breakdown, detect_format
from models.script.durations import spoken_seconds

SAMPLES = Path(__file__).resolve().parents[3] / "samples"


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


# -- format detection -----------------------------------------------------------------------------


def test_detect_format_of_samples() -> None:
    assert detect_format(sample("lighthouse.fountain")) == "fountain"
    assert detect_format(sample("ganga_diya.txt")) == "prose"
    assert detect_format(sample("podcast.txt")) == "dialogue"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("INT. KITCHEN - DAY\n\nShe cooks.\n", "fountain"),
        ("Title: X\nAuthor: Y\n\nSome action.\n\nBOB\nHi.\n", "fountain"),
        ("\nBOB\nHi there.\n\nALICE\nHello.\n", "fountain"),
        ("BOB: Hi there.\nALICE: Hello.\n", "dialogue"),
        ("Title: Chat\n\nBOB: Hi there.\nALICE: Hello.\n", "dialogue"),
        ('Once upon a time a girl lived by the sea.\n\n"Hello," she said.\n', "prose"),
        ("CHAPTER ONE\nThe sea was calm.\n\nCHAPTER TWO\nThe sea was rough.\n", "prose"),
    ],
)
def test_detect_format(text: str, expected: str) -> None:
    assert detect_format(text) == expected


# -- the samples ---------------------------------------------------------------------------------


def test_lighthouse_sample() -> None:
    breakdown = build_breakdown(sample("lighthouse.fountain"))
    assert breakdown.title == "The Last Light"
    assert breakdown.format == "fountain"
    assert [s.scene_id for s in breakdown.scenes] == ["s01", "s02", "s03"]
    assert [s.time_of_day for s in breakdown.scenes] == ["dusk", "night", "dawn"]
    assert [s.location for s in breakdown.scenes] == ["ROCKY ISLAND", "LIGHTHOUSE - LAMP ROOM", "ROCKY ISLAND"]
    assert [s.interior for s in breakdown.scenes] == [False, True, False]
    assert breakdown.scenes[0].transition == "CUT TO:"
    assert breakdown.scenes[-1].transition == "FADE OUT."
    maya = breakdown.character("MAYA")
    assert (maya.age_band, maya.age, maya.gender, maya.wardrobe) == ("senior", 65, "female", "yellow raincoat")
    assert maya.description == "MAYA (60s), a weathered keeper in a yellow raincoat"
    eli = breakdown.character("ELI")
    assert (eli.age_band, eli.age, eli.gender) == ("child", 12, "male")
    captain = breakdown.character("CAPTAIN")
    assert captain.gender == "male"
    assert [c.name for c in breakdown.characters] == ["ELI", "MAYA", "CAPTAIN"]
    afraid = breakdown.scenes[1].lines[0]
    assert (afraid.parenthetical, afraid.emotion) == ("afraid", "afraid")
    assert breakdown.scenes[2].lines[0].extension == "V.O."
    assert 45 <= spoken_seconds(breakdown.scenes) <= 60


def test_lighthouse_never_speaks_notes_sections_synopses_or_boneyard() -> None:
    breakdown = build_breakdown(sample("lighthouse.fountain"))
    spoken = " ".join(line.text for _, _, line in breakdown.spoken_lines())
    for hidden in ["Gull cries", "Act One", "keep the lamp burning through", "coast guard", "Written by"]:
        assert hidden not in spoken


def test_ganga_diya_sample() -> None:
    breakdown = build_breakdown(sample("ganga_diya.txt"))
    assert breakdown.title == "The Diya on the Ganga"
    assert breakdown.format == "prose"
    assert breakdown.culture == "indian"
    assert len(breakdown.scenes) == 2
    assert [c.name for c in breakdown.characters] == [NARRATOR, "Kabir", "Asha"]
    speakers = [
        (line.speaker, line.parenthetical) for _, _, line in breakdown.spoken_lines() if line.kind == "dialogue"
    ]
    assert speakers == [("Kabir", None), ("Asha", None), ("Kabir", "whispered"), ("Asha", "softly")]
    asha = breakdown.character("Asha")
    assert (asha.age_band, asha.gender, asha.wardrobe) == ("senior", "female", "white saree")
    kabir = breakdown.character("Kabir")
    assert (kabir.age_band, kabir.age, kabir.gender) == ("child", 9, "male")
    assert breakdown.scenes[0].time_of_day == "dusk"
    assert breakdown.scenes[0].location.startswith("VARANASI")
    assert all(s.culture == "indian" for s in breakdown.scenes)
    assert [s.characters for s in breakdown.scenes] == [["Kabir", "Asha"], ["Kabir", "Asha"]]


def test_podcast_sample() -> None:
    breakdown = build_breakdown(sample("podcast.txt"), requested_seconds=30)
    assert (breakdown.title, breakdown.format) == ("Morning Brew", "dialogue")
    assert [c.name for c in breakdown.characters] == ["ALEX", "SAM"]
    assert breakdown.scenes[0].lines[2].parenthetical == "laughing"
    assert sum(s.target_seconds for s in breakdown.scenes) == pytest.approx(30)
    assert breakdown.duration_note is None


def test_breakdown_round_trips_through_a_dict() -> None:
    breakdown = build_breakdown(sample("lighthouse.fountain"), requested_seconds=60)
    assert Breakdown.from_dict(breakdown.to_dict()) == breakdown


# -- behaviour across formats ----------------------------------------------------------------------


def test_fountain_names_are_normalised_and_ordered_by_first_line() -> None:
    text = "INT. ROOM - DAY\n\nBOB (O.S.)\nHello?\n\nALICE\nHi.\n\nBOB (CONT'D)\nYou're late.\n\nCUT TO:\n"
    breakdown = build_breakdown(text)
    assert [c.name for c in breakdown.characters] == ["BOB", "ALICE"]
    assert [(l.speaker, l.extension) for l in breakdown.scenes[0].lines] == [
        ("BOB", "O.S."),
        ("ALICE", None),
        ("BOB", "CONT'D"),
    ]


def test_scene_characters_list_speakers_then_people_seen_in_action() -> None:
    text = (
        "INT. ROOM - DAY\n\nBOB\nHello?\n\nALICE\nHi.\n\n"
        "EXT. STREET - DAY\n\nALICE waves at BOB across the road.\n\nBOB\nWait!\n"
    )
    breakdown = build_breakdown(text)
    assert breakdown.scenes[1].characters == ["BOB", "ALICE"]


def test_continuous_takes_the_previous_time_of_day() -> None:
    text = "INT. HALL - NIGHT\n\nBOB\nHello?\n\nINT. KITCHEN - CONTINUOUS\n\nBOB\nAnyone?\n"
    assert [s.time_of_day for s in build_breakdown(text).scenes] == ["night", "night"]


def test_dual_dialogue_reaches_the_lines() -> None:
    text = "INT. ROOM - DAY\n\nBRICK\nScrew retirement.\n\nSTEEL ^\nScrew retirement.\n"
    lines = build_breakdown(text).scenes[0].lines
    assert [(l.speaker, l.dual) for l in lines] == [("BRICK", False), ("STEEL", True)]


def test_lyrics_are_sung_lines() -> None:
    text = "INT. STAGE - NIGHT\n\nWONKA\nListen.\n\n~Come with me and you'll be\n"
    lines = build_breakdown(text).scenes[0].lines
    assert [(l.speaker, l.kind, l.text) for l in lines] == [
        ("WONKA", "dialogue", "Listen."),
        ("WONKA", "lyric", "Come with me and you'll be"),
    ]


def test_title_precedence() -> None:
    assert build_breakdown("Title: Real\n\nINT. A - DAY\n\nBOB\nHi.\n", title="Arg").title == "Real"
    assert build_breakdown("INT. A - DAY\n\nBOB\nHi.\n", title="Arg").title == "Arg"
    assert build_breakdown("INT. A - DAY\n\nBOB\nHi.\n").title == "Untitled"
    assert build_breakdown("> THE CARD <\n\nINT. A - DAY\n\nBOB\nHi.\n").title == "THE CARD"


def test_duration_note_when_speech_is_longer_than_requested() -> None:
    text = "A: " + " ".join(["word"] * 50) + "\nB: " + " ".join(["word"] * 50) + "\n"
    breakdown = build_breakdown(text, requested_seconds=10)
    assert breakdown.duration_note is not None
    assert "40.0 seconds" in breakdown.duration_note and "10 seconds" in breakdown.duration_note
    assert sum(s.target_seconds for s in breakdown.scenes) == pytest.approx(10)
    assert breakdown.requested_seconds == 10


def test_emphasis_is_not_spoken() -> None:
    lines = build_breakdown("INT. A - DAY\n\nBOB\nThat is **not** *my* _problem_.\n").scenes[0].lines
    assert lines[0].text == "That is not my problem."


# -- bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t\n  ",
        "[[Just a note.]]\n\n[[Another note.]]\n",
        "/*\nINT. GONE - DAY\n\nBOB\nHi.\n*/\n",
        "Title: Only a title page\nAuthor: Someone\n\n# Act One\n\n= A synopsis.\n",
        "INT. EMPTY ROOM - DAY\n\nNothing happens. Nobody speaks.\n",
    ],
)
def test_nothing_speakable_raises_script_error(text: str) -> None:
    with pytest.raises(ScriptError) as error:
        build_breakdown(text)
    assert str(error.value) and "\n" not in str(error.value)


@pytest.mark.parametrize("seconds", [0, -5, float("nan")])
def test_bad_requested_length_raises_script_error(seconds: float) -> None:
    with pytest.raises(ScriptError):
        build_breakdown("A: Hi.\nB: Hello.\n", requested_seconds=seconds)


def test_narration_emotion_stays_neutral_unless_strongly_charged() -> None:
    story = "A tall man stopped at the stall and sniffed a mango.\n\nShe wept and wept, heartbroken and alone, at the terrible funeral."
    lines = build_breakdown(story).scenes[0].lines
    assert [l.emotion for l in lines] == ["neutral", "sad"]
