"""Bad input: parsing is bounded (one-pass scans, caps with a clear message), and odd but
legal scripts get a sensible, reported fallback instead of a hang or a silent loss.

The fuzz test runs every parse in one worker subprocess with a per-input alarm, so a parse
that hangs fails the test (naming the input) instead of hanging CI."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from models.breakdown import NARRATOR
from models.errors import ScriptError
from models.script import build_breakdown, detect_format
from models.script.limits import MAX_SPEAKERS, pairs, remove_pairs

ROOT = Path(__file__).resolve().parents[3]
PER_INPUT_SECONDS = 20  # a hang guard, far above any real parse; not a speed assertion


def test_pairs_match_the_lazy_regex_and_stop_at_the_last_closer() -> None:
    assert list(pairs("a [[b]] c [[d]] [[e", "[[", "]]")) == [(2, 7), (10, 15)]
    assert remove_pairs("x [[note]] y [[[[", "[[", "]]") == "x  y [[[["


def test_198_kb_of_unclosed_note_openers_is_refused_quickly() -> None:
    text = "INT. ROOM - DAY\n\n" + "[[" * 99_000
    with pytest.raises(ScriptError, match="no dialogue"):
        build_breakdown(text)


def test_a_line_of_thousands_of_parentheses_still_parses() -> None:
    breakdown = build_breakdown("ALEX: " + "(" * 5000 + " hello\nSAM: Hi there, Alex.\n")
    assert [line.speaker for scene in breakdown.scenes for line in scene.lines][-1] == "SAM"


def test_2500_speakers_are_refused_with_a_clear_message() -> None:
    text = "\n".join(f"Speaker{i:04d}: hello number {i}" for i in range(2500))
    with pytest.raises(ScriptError, match=f"2,500 different speakers; a film can cast at most {MAX_SPEAKERS}"):
        build_breakdown(text)


def test_fifty_characters_in_one_scene_are_all_cast() -> None:
    names = [f"Guest{chr(65 + i // 26)}{chr(97 + i % 26)}" for i in range(50)]
    breakdown = build_breakdown("\n".join(f"{n}: Good evening, I am {n}." for n in names))
    assert len(breakdown.scenes) == 1
    assert breakdown.scenes[0].characters == names
    guest = breakdown.character(names[0])
    assert guest.age_band == "adult" and guest.gender == "unknown"
    assert any("gender: unknown" in a for a in guest.assumed)  # the fallback is reported


def test_a_story_made_only_of_narration_is_read_by_the_narrator_and_says_so() -> None:
    breakdown = build_breakdown("The tide went out. The gulls circled the empty harbour.\n\nNight fell.")
    assert {line.speaker for scene in breakdown.scenes for line in scene.lines} == {NARRATOR}
    assert any("no character speech" in note for note in breakdown.notes)


def test_a_quote_with_no_speaker_is_read_and_reported() -> None:
    breakdown = build_breakdown('"Is anyone there?"\n\nThe wind blew through the empty house.')
    lines = [(line.speaker, line.text) for scene in breakdown.scenes for line in scene.lines]
    assert (NARRATOR, "Is anyone there?") in lines
    assert any("name no speaker" in note for note in breakdown.notes)


def _fuzz_inputs() -> list[str]:
    rng = random.Random(9)
    pieces = [
        "[[", "]]", "/*", "*/", "(", ")", '"', "“", "”", "ALEX: ", "Sam (quietly): ", "INT. ROOM - NIGHT",
        "\n", "\n\n", "* * *", "That night", " said the fox", "she said, and ", "~", "@", "^", ">", "<",
        "===", "#", "Title: x", "THE END.", "CUT TO:", "नमस्ते", "\u200b", "\t", "...", "—", "**", "_",
        "Lila", "the old man", "a girl named Mei", "Once upon a time", ",", ".", "!", "?", "'",
    ]  # fmt: skip
    inputs = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 400))) for _ in range(24)]
    inputs += ["".join(rng.choice("[](){}\"'*/\\:^@~#.!?\n ") for _ in range(5000)) for _ in range(4)]
    inputs += [  # adversarial: long runs of one construct (198 KB for the note openers found hanging)
        "INT. ROOM - DAY\n\n" + "[[" * 99_000,
        "INT. ROOM - DAY\n\nALEX\n" + "(" * 60_000 + "\n",
        "ALEX: " + "(" * 60_000 + "\nSAM: Hi.",
        '"' * 60_000,
        "/*" * 50_000,
        "She said hello. " * 4_000,
        "\n".join(f"Speaker{i:04d}: hello number {i}" for i in range(2500)),
        "A:" + " b" * 30_000,
        "*" * 100_000,
        "_a" * 50_000,
    ]
    return inputs


_WORKER = textwrap.dedent(
    """
    import json, signal, sys
    from models.errors import StudioModelError
    from models.script import build_breakdown

    class Hang(Exception):
        pass

    def alarm(*_):
        raise Hang()

    signal.signal(signal.SIGALRM, alarm)
    build_breakdown("WARM: up line.\\nUP: and another.")  # model loads are not a parse
    results = []
    for text in json.load(sys.stdin)["inputs"]:
        signal.alarm(int(sys.argv[1]))
        try:
            build_breakdown(text)
            results.append("ok")
        except StudioModelError:
            results.append("refused")
        except Hang:
            results.append("hang")
        except Exception as error:
            results.append(f"crash: {type(error).__name__}: {error}")
        finally:
            signal.alarm(0)
    print(json.dumps(results))
    """
)


def test_fuzzed_and_adversarial_scripts_never_hang_or_crash() -> None:
    inputs = _fuzz_inputs()
    done = subprocess.run(
        [sys.executable, "-c", _WORKER, str(PER_INPUT_SECONDS)],
        input=json.dumps({"inputs": inputs}), capture_output=True, text=True, cwd=ROOT,
        timeout=PER_INPUT_SECONDS * len(inputs) + 120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout.strip().splitlines()[-1])
    bad = [(i, inputs[i][:60], r) for i, r in enumerate(results) if r not in ("ok", "refused")]
    assert not bad
    assert "ok" in results and "refused" in results  # the generator reaches both outcomes


def test_format_detection_is_bounded_on_nested_notes() -> None:
    assert detect_format("[[" * 99_000) == "prose"  # nothing hidden is closed: the text is what it is
