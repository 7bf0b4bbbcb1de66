"""The quality gate on a delivered MP4's audio: Whisper tiny.en with no prompt, real synthesized
speech, and the negative controls (noise, the wrong speech, subtitles half a second late)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pytest

from integrations.ffmpeg import run_ffmpeg
from models.asr.delivered import Heard, Span, hear, hear_film, read_audio, stretches
from models.asr.wer import english_word_error_rate
from models.film.checks import check_intelligibility, check_subtitle_timing, delivered_speech
from models.subtitles import Cue
from models.voice.base import Timed
from models.voice.speak import synthesize

RATE = 16_000
LINES = ["The storm is coming in fast tonight.", "Will the light reach the boat before the waves?",
         "Look, the boat is safe in the harbour."]  # fmt: skip
OTHER = ["My aunt sells green apples at the market.", "Twelve cats slept under the warm kitchen stove.",
         "Please close the window before it rains."]  # fmt: skip


@cache
def _speech(lines: tuple[str, ...]) -> tuple[np.ndarray, list[tuple[float, float, str]], list[float]]:
    """The lines spoken one after another (piper-joe, 16 kHz) with pauses; their placed spans and the
    true speech onsets (from the samples' energy: the reference a correct cue starts on)."""
    from models.audio.resample import resample

    audio, placed, starts, clock = [np.zeros(RATE // 2, np.float32)], [], [], 0.5
    for text in lines:
        take = synthesize(text, "piper-joe")
        samples = resample(take.samples.astype(np.float32), take.sample_rate, RATE)
        placed.append((clock, clock + samples.size / RATE, text))
        frames = samples[: samples.size // 160 * 160].reshape(-1, 160)  # 10 ms frames
        loud = np.flatnonzero(np.sqrt((frames**2).mean(axis=1)) > 0.02)
        starts.append(clock + (loud[0] * 0.01 if loud.size else 0.0))  # where the voice really starts
        audio += [samples, np.zeros(int(RATE * 1.2), np.float32)]
        clock += samples.size / RATE + 1.2
    return np.concatenate(audio), placed, starts


def _mp4(path: Path, samples: np.ndarray) -> Path:
    """A delivered film: a plain picture and `samples` as its AAC track."""
    wav = path.with_suffix(".f32")
    wav.write_bytes(samples.astype(np.float32).tobytes())
    seconds = samples.size / RATE
    run_ffmpeg(["-f", "lavfi", "-i", f"color=c=gray:s=320x180:r=12:d={seconds:.3f}", "-f", "f32le", "-ar", str(RATE),
                "-ac", "1", "-i", str(wav), "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-b:a", "128k",
                "-shortest", str(path)])  # fmt: skip
    return path


def test_english_normalisation_is_fair() -> None:
    assert english_word_error_rate("It's 25 past nine, Mr. Smith.", "it is twenty-five past 9 mister smith") == 0.0
    assert english_word_error_rate("The colour of the harbour.", "the color of the harbor") == 0.0
    assert english_word_error_rate("The boat is safe.", "the goat is safe") == 0.25
    # t111: a compound heard closed, and "a hundred" as a number: nothing a listener could hear apart.
    assert english_word_error_rate("North Head, North Head, this is the coast guard.",
                                   "Northhead. Northhead. This is the coastguard.") == 0.0  # fmt: skip
    assert english_word_error_rate("A hundred and twelve steps.", "112 steps") == 0.0
    assert english_word_error_rate("Four hundred.", "for hundred") == 0.0  # t127: only a number fits there
    # A word really misheard still counts, joined or not.
    assert english_word_error_rate(
        "North Head, this is the coast guard.", "Northbed, this is the coast card."
    ) == pytest.approx(3 / 7)


def test_a_number_whisper_splits_at_its_comma_is_heard_whole() -> None:
    # t127: Whisper heard "1,100" as the words "1" and ",100"; joined with a space they read "one 100".
    heard = Heard(words=[Timed(w, 0.2 + 0.3 * i, 0.4 + 0.3 * i) for i, w in
                         enumerate(["I", "have", "made", "dal", "for", "1", ",100", "weddings."])])  # fmt: skip
    outcome = check_intelligibility([(0.2, 2.8, "I have made dal for eleven hundred weddings.")], heard)
    assert outcome.metadata["wer"] == 0.0 and outcome.metadata["transcript"].endswith("for 1,100 weddings.")
    misheard = Heard(words=[*heard.words[:5], Timed("1", 1.7, 1.9), Timed(",200", 2.0, 2.2), heard.words[-1]])
    assert check_intelligibility([(0.2, 2.8, "I have made dal for eleven hundred weddings.")], misheard).metadata[
        "wer"
    ] == pytest.approx(1 / 7, abs=1e-4)


def test_stretches_keep_film_order_and_a_runaway_transcript_is_heard_again_line_by_line() -> None:
    spans = [Span(5.0, 6.0, 3), Span(0.5, 1.5, 3), Span(1.8, 2.6, 2)]
    assert [(round(a, 2), len(lines)) for a, _, lines in stretches(spans, 10.0)] == [(0.2, 2), (4.7, 1)]

    class Looping:  # stands in for a decoder stuck in a loop on the whole stretch, fine on single lines
        name, version = "loop", "1"

        def transcribe(self, audio, rate, language, glossary):  # noqa: ANN001, ANN201
            assert glossary is None  # the gate never prompts the recognizer
            from models.asr.whisper import Transcript

            seconds = audio.size / rate
            if seconds > 2.0:
                return Transcript("", [Timed("again", 0.1 * i, 0.1 * i + 0.05) for i in range(30)])
            return Transcript("", [Timed("word", 0.4, 0.6)])

    heard = hear(np.zeros(10 * RATE, np.float32), spans, Looping())
    assert heard.redecoded == 1 and [w.label for w in heard.words] == ["word", "word", "word"]
    lone = hear(np.zeros(10 * RATE, np.float32), [Span(1.0, 4.0, 3)], Looping())  # one line that loops
    assert lone.redecoded == 1 and [w.label for w in lone.words] == ["again"] * 30  # still looping: counted
    assert [w.start for w in heard.words] == sorted(w.start for w in heard.words)


def test_delivered_speech_passes_and_noise_or_wrong_speech_fail(tmp_path: Path) -> None:
    samples, placed, _ = _speech(tuple(LINES))
    good = delivered_speech(_mp4(tmp_path / "good.mp4", samples), placed)
    outcome = check_intelligibility(placed, good)
    assert outcome.passed and outcome.measured, (outcome.description, outcome.metadata["transcript"])

    noise = np.random.default_rng(3).standard_normal(samples.size).astype(np.float32) * 0.1
    heard_noise = delivered_speech(_mp4(tmp_path / "noise.mp4", noise), placed)
    failed = check_intelligibility(placed, heard_noise)
    assert not failed.passed and failed.measured

    other, other_placed, _ = _speech(tuple(OTHER))
    wrong = delivered_speech(_mp4(tmp_path / "wrong.mp4", other), placed)
    assert not check_intelligibility(placed, wrong).passed
    print(f"WER good {outcome.metadata['wer']:.3f}, noise {failed.metadata['wer']:.3f}")


def test_subtitle_timing_is_measured_on_the_heard_words_and_late_cues_fail(tmp_path: Path) -> None:
    samples, placed, starts = _speech(tuple(LINES))
    film = _mp4(tmp_path / "film.mp4", samples)
    heard = hear_film(film, [Span(a, b, len(t.split())) for a, b, t in placed], _tiny(), tmp_path / "cache")
    assert list((tmp_path / "cache").glob("heard-*.json"))  # a second check of the film decodes nothing
    assert hear_film(film, [Span(a, b, len(t.split())) for a, b, t in placed], _tiny(), tmp_path / "cache") == heard
    duration = samples.size / RATE
    cues = [Cue(round(s, 3), round(b + 0.2, 3), text) for s, (_, b, text) in zip(starts, placed)]
    on_time = check_subtitle_timing(cues, heard, duration)
    assert on_time.passed, on_time.metadata
    late = [Cue(c.start + 0.5, c.end + 0.5, c.text) for c in cues]
    shifted = check_subtitle_timing(late, heard, duration)
    assert not shifted.passed and shifted.metadata["median_cue_offset_ms"] >= 350
    print(
        f"cue offset on time {on_time.metadata['median_cue_offset_ms']} ms, shifted {shifted.metadata['median_cue_offset_ms']} ms"
    )


def test_nothing_heard_is_not_measured_never_passed() -> None:
    outcome = check_subtitle_timing([Cue(0.5, 1.5, "Hello there.")], Heard(), 4.0)
    assert not outcome.measured and not outcome.passed and outcome.status == "not measured"
    assert check_intelligibility([], Heard()).status == "not measured"


def test_read_audio_of_a_video_without_sound_is_empty(tmp_path: Path) -> None:
    silent = tmp_path / "silent.mp4"
    run_ffmpeg(["-f", "lavfi", "-i", "color=c=gray:s=64x64:r=12:d=1", "-c:v", "libx264", str(silent)])
    assert read_audio(silent).size == 0


def _tiny():  # noqa: ANN202
    from models.asr.whisper import recognizer

    return recognizer("en")


def test_a_rerendered_film_reuses_the_stretches_whose_delivered_audio_is_unchanged(tmp_path: Path) -> None:
    """A re-render whose loudness pass changed the gain decodes nothing again; a film whose middle
    line is another sentence (same place, same word count) decodes that stretch again and hears it."""
    samples, placed, _ = _speech(tuple(LINES))
    spans = [Span(a, b, len(t.split())) for a, b, t in placed]
    first = hear_film(_mp4(tmp_path / "v1.mp4", samples), spans, _tiny(), tmp_path / "cache")
    assert first.reused == 0 and first.stretches == 3

    quieter = hear_film(_mp4(tmp_path / "v2.mp4", samples * 0.7), spans, _tiny(), tmp_path / "cache")
    assert quieter.reused == quieter.stretches == 3
    assert [w.label for w in quieter.words] == [w.label for w in first.words]

    other, other_placed, _ = _speech(tuple(OTHER))
    a, b, _ = placed[1]
    start = round(a * RATE)
    changed = samples.copy()
    piece = other[round(other_placed[2][0] * RATE) : round(other_placed[2][1] * RATE)]  # "Please close the window..."
    changed[start : start + round((b - a) * RATE)] = 0.0
    changed[start : start + min(piece.size, round((b - a) * RATE))] = piece[: round((b - a) * RATE)]
    edited = hear_film(_mp4(tmp_path / "v3.mp4", changed), spans, _tiny(), tmp_path / "cache")
    assert edited.reused == 2  # the first and last lines' stretches
    middle = " ".join(w.label for w in edited.words if a - 0.3 <= (w.start + w.end) / 2 <= b + 0.3).lower()
    assert "window" in middle and "light" not in middle, middle
