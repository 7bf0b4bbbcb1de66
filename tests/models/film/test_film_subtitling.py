"""Subtitles of a Spanish film: no Spanish recognizer ships here, so cues keep the synthesizer's word
times snapped to the real speech onsets, the reason is recorded, and English subtitles are made."""

from __future__ import annotations

from pathlib import Path

from models.breakdown import Breakdown, Character, Line, Scene
from models.film.sound import mix_film, score
from models.film.subtitling import subtitle_film
from models.film.voicing import voice_film
from models.subtitles import parse_srt

LINES = ["El barco está a salvo en el puerto.", "Mi madre está en la casa."]


def test_spanish_film_gets_timed_cues_and_english_translation(tmp_path: Path) -> None:
    scene = Scene("s01", "EXT. PUERTO - DÍA", mood="calm", culture="latin",
                  lines=[Line("ANA", LINES[0]), Line("LUIS", LINES[1])], characters=["ANA", "LUIS"])  # fmt: skip
    breakdown = Breakdown("Puerto", "dialogue", "latin",
                          [Character("ANA", "adult", gender="female", language="es"),
                           Character("LUIS", "adult", gender="male", language="es")], [scene])  # fmt: skip
    folders = {name: tmp_path / name for name in ("voices", "score", "mix", "subs")}
    for folder in folders.values():
        folder.mkdir()
    voices = voice_film(breakdown, {"ANA": "espeak-es-f", "LUIS": "espeak-es-m"}, folders["voices"])
    voices["dir"] = str(folders["voices"])
    music = score(breakdown, voices, folders["score"]) | {"dir": str(folders["score"])}
    mixed = mix_film(voices, music, folders["mix"]) | {"dir": str(folders["mix"])}
    manifest = subtitle_film(breakdown, voices, mixed, folders["subs"], ["en"])

    assert manifest["language"] == "es" and manifest["wer"] is None
    assert "STUDIO_WHISPER_BASE_PATH" in manifest["unrecognised_languages"]["es"]
    cues = parse_srt((folders["subs"] / "film.srt").read_text())
    assert [c.text for c in cues] == LINES
    assert manifest["median_cue_offset_ms"] <= 150.0 and cues[-1].end <= manifest["duration"]
    english = parse_srt((folders["subs"] / manifest["languages"]["en"]["srt"]).read_text())
    assert "mother" in english[1].text.lower() and english[1].start == cues[1].start


def test_recognition_skips_silences_and_keeps_exchanges_together() -> None:
    from models.film.captions import LineTiming
    from models.film.subtitling import SEGMENT_MAX_SEC, speech_segments

    def line(start: float, end: float) -> LineTiming:
        return LineTiming({"text": "x"}, start, end, "en", True, ["x"], [(start, end)])

    lines = [line(1.0, 3.0), line(3.35, 6.0), line(7.5, 9.0), line(40.0, 42.0)]
    lines += [line(50.0 + 3 * k, 52.8 + 3 * k) for k in range(6)]
    segments = [(round(lo, 3), round(hi, 3)) for lo, hi in speech_segments(lines, 100.0)]
    # A 0.35 s gap joins an exchange; 1.5 s and the 31 s of silence split it; 12 s caps a segment.
    assert segments[:3] == [(0.7, 6.3), (7.2, 9.3), (39.7, 42.3)]
    assert all(hi - lo <= SEGMENT_MAX_SEC for lo, hi in segments) and len(segments) == 5


def test_unchanged_stretches_are_not_recognised_again(tmp_path: Path) -> None:
    """A re-render reuses what the recognizer heard in stretches whose takes did not change,
    and gives the same subtitles as recognising everything again."""
    from models.film.scene_cache import JsonCache

    lines = ["The storm is coming in fast tonight.", "Then we light the lamp early."]
    scene = Scene("s01", "INT. LIGHTHOUSE - NIGHT", mood="tense", culture="western",
                  lines=[Line("MAYA", lines[0]), Line("ELI", lines[1])], characters=["MAYA", "ELI"])  # fmt: skip
    breakdown = Breakdown("Lamp", "dialogue", "western",
                          [Character("MAYA", "adult", gender="female"), Character("ELI", "child", gender="male")],
                          [scene])  # fmt: skip
    folders = {name: tmp_path / name for name in ("voices", "score", "mix", "first", "second", "plain")}
    for folder in folders.values():
        folder.mkdir()
    voices = voice_film(breakdown, {"MAYA": "flite-slt", "ELI": "flite-awb"}, folders["voices"])
    voices["dir"] = str(folders["voices"])
    music = score(breakdown, voices, folders["score"]) | {"dir": str(folders["score"])}
    mixed = mix_film(voices, music, folders["mix"]) | {"dir": str(folders["mix"])}
    cache = JsonCache(tmp_path / "asr")

    first = subtitle_film(breakdown, voices, mixed, folders["first"], cache=cache)
    second = subtitle_film(breakdown, voices, mixed, folders["second"], cache=cache)
    plain = subtitle_film(breakdown, voices, mixed, folders["plain"])

    assert first["recognizers"]["en"]["segments_reused"] == 0
    assert second["recognizers"]["en"]["segments_reused"] >= 1
    srt = [(folders[name] / "film.srt").read_text() for name in ("first", "second", "plain")]
    assert srt[0] == srt[1] == srt[2]
    assert second["wer"] == first["wer"] == plain["wer"]
