"""The film's subtitles from its real audio: recognise the dialogue stem, time the script's words on
it, write SRT and WebVTT, translate them, and score intelligibility and timing."""

from __future__ import annotations

import hashlib
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

import soundfile as sf

from models.asr.whisper import recognizer
from models.audio.onsets import SpeechOnsets
from models.breakdown import NARRATOR, Breakdown
from models.errors import BackendUnavailable
from models.film.captions import (
    LineTiming,
    build_cues,
    cue_offsets_ms,
    intelligibility,
    line_timings,
    place_words,
)  # fmt: skip
from models.film.scene_cache import JsonCache, scene_key
from models.subtitles import Cue, to_srt, to_vtt
from models.translate.base import language_name, translator
from models.voice.base import Timed


def _write(out_dir: Path, stem: str, cues: list[Cue]) -> dict[str, str]:
    (out_dir / f"{stem}.srt").write_text(to_srt(cues), encoding="utf-8")
    (out_dir / f"{stem}.vtt").write_text(to_vtt(cues), encoding="utf-8")
    return {"srt": f"{stem}.srt", "vtt": f"{stem}.vtt"}


SEGMENT_PAD_SEC = 0.3  # audio kept either side of a line in its recognition segment
SEGMENT_JOIN_GAP_SEC = 0.8  # lines of one exchange (gaps under this) are recognised together
SEGMENT_MAX_SEC = 12.0  # well under Whisper's 30 s window
RUNAWAY_FACTOR = 2.0  # a transcript this many times longer than its lines is a decoding loop
ASR_CACHE_VERSION = 3  # bump when how a stretch is decoded changes
# Greedy decoding: the cue text is the script's own, so the recognizer only times the words; a beam
# of 5 gave the same cue starts on the rerender bench film and decoding took ~15 % longer.
TIMING_BEAM = 1
TRUNCATED_FACTOR = 0.7  # one this much shorter means the decoder stopped early and dropped lines


def speech_segments(timings: list[LineTiming], duration: float) -> list[tuple[float, float]]:
    """Padded stretches holding lines: one exchange (short gaps) per stretch, at most 12 s each.

    Whisper decodes 30 s windows; long silences between lines and scenes make tiny.en drift or
    invent words ("see you in the next video", over and over), and decoding them costs time. The
    timeline says where the lines are, so only they go in, with the context of their exchange.
    """
    segments: list[tuple[float, float]] = []
    for timing in sorted(timings, key=lambda t: t.start):
        lo, hi = max(0.0, timing.start - SEGMENT_PAD_SEC), min(duration, timing.end + SEGMENT_PAD_SEC)
        joined = segments and lo - segments[-1][1] < SEGMENT_JOIN_GAP_SEC - 2 * SEGMENT_PAD_SEC
        if joined and hi - segments[-1][0] <= SEGMENT_MAX_SEC:
            segments[-1] = (segments[-1][0], max(segments[-1][1], hi))
        else:
            segments.append((lo, hi))
    return segments


def glossary(breakdown: Breakdown, timings: list[LineTiming], limit: int = 40) -> list[str]:
    """The film's own vocabulary for the recognizer: character names, names inside the lines
    (capitalised words not starting a sentence) and culture words from the script lexicon (diya,
    ghats). Ordinary English words stay out, so the intelligibility score is not talked up."""
    from models.script.lexicon import CULTURE_WORDS

    borrowed = {word for words in CULTURE_WORDS.values() for word in words if " " not in word}
    found: dict[str, None] = {c.name.title(): None for c in breakdown.characters
                              if c.name.isalpha() and c.name != NARRATOR}  # fmt: skip
    for timing in timings:
        previous = "."
        for raw in timing.words:
            word = raw.strip(".,;:!?\"'()[]—-")
            if word and word.isalpha():
                named = word[0].isupper() and not previous.endswith((".", "!", "?")) and word != "I"
                if named or word.lower() in borrowed:
                    found.setdefault(word, None)
            previous = raw
    return list(found)[:limit]


Recognised = tuple[dict[str, list[Timed]], dict[str, dict[str, object]], dict[str, str]]


def _heard(asr: Any, samples: Any, rate: int, span: tuple[float, float], language: str,
           words: list[str]) -> list[Timed]:  # fmt: skip
    lo, hi = span
    transcript = asr.transcribe(
        samples[round(lo * rate) : round(hi * rate)], rate, language, words, beam_size=TIMING_BEAM
    )
    return [Timed(w.label, w.start + lo, w.end + lo) for w in transcript.words]


def _file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _segment_key(asr: Any, language: str, words: list[str], span: tuple[float, float],
                 lines: list[LineTiming], voice_dir: Path) -> str:  # fmt: skip
    """What a stretch's transcript depends on: the takes in it (their audio) and where they sit in
    it, the recognizer, the language and the glossary. Where the stretch starts in the film does
    not matter, so an edit in one scene leaves the other scenes' transcripts reusable."""
    lo, hi = span
    takes = [[_file_sha(voice_dir / t.take["file"]), round(t.start - lo, 3), round(t.end - lo, 3)] for t in lines]
    return scene_key("asr", ASR_CACHE_VERSION, asr.name, asr.version, language, words, round(hi - lo, 3), takes)


def _recognise(samples: Any, rate: int, timings: list[LineTiming], duration: float,
               multilingual_path: str | None, words: list[str], voice_dir: Path,
               cache: JsonCache | None = None) -> Recognised:  # fmt: skip
    """Heard words per language (film seconds), the recognizer (name, version) per language, and why
    a language went unrecognised. A segment whose transcript runs away (a decoding loop) or stops
    short (tiny.en sometimes ends a window early, dropping whole lines) is decoded again line by line. With a cache, a stretch whose takes are unchanged is not decoded again."""
    heard: dict[str, list[Timed]] = {}
    used, missing = {}, {}
    for language in sorted({t.language for t in timings}):
        try:
            asr = recognizer(language, multilingual_path)
        except BackendUnavailable as error:
            missing[language] = str(error)
            continue
        mine = [t for t in timings if t.language == language]
        found: list[Timed] = []
        reused = 0
        for lo, hi in speech_segments(mine, duration):
            inside = [t for t in mine if lo <= t.start < hi]
            touching = [t for t in mine if t.end > lo and t.start < hi]
            key = _segment_key(asr, language, words, (lo, hi), touching, voice_dir) if cache else ""
            cached = cache.get(key) if cache else None
            if cached is not None:
                found += [Timed(label, start + lo, end + lo) for label, start, end in cached]
                reused += 1
                continue
            got = _heard(asr, samples, rate, (lo, hi), language, words)
            expected = sum(len(t.words) for t in inside)
            if len(inside) > 1 and not TRUNCATED_FACTOR * expected <= len(got) <= RUNAWAY_FACTOR * expected + 4:
                got = [w for t in inside for w in _heard(asr, samples, rate, (max(0.0, t.start - SEGMENT_PAD_SEC),
                                                                               min(duration, t.end + SEGMENT_PAD_SEC)),
                                                          language, words)]  # fmt: skip
            if cache:
                cache.put(key, [[w.label, round(w.start - lo, 4), round(w.end - lo, 4)] for w in got])
            found += got
        heard[language] = found
        used[language] = {"name": asr.name, "version": asr.version, "segments_reused": reused}
    return heard, used, missing


def subtitle_film(
    breakdown: Breakdown,
    voice_manifest: dict[str, Any],
    mix_manifest: dict[str, Any],
    out_dir: Path,
    languages: list[str] | None = None,
    multilingual_path: str | None = None,
    cache: JsonCache | None = None,
) -> dict[str, Any]:
    """film.srt/film.vtt in the script's language plus film.<lang>.srt/.vtt per requested translation."""
    started = time.perf_counter()
    samples, rate = sf.read(Path(mix_manifest["dir"]) / mix_manifest["dialogue"], dtype="float32")
    duration = float(mix_manifest["duration"])
    timings = line_timings(breakdown, voice_manifest)
    spoken = Counter(t.language for t in timings)
    source = spoken.most_common(1)[0][0] if spoken else "en"
    vocabulary = glossary(breakdown, timings)
    heard, used, missing = _recognise(
        samples, rate, timings, duration, multilingual_path, vocabulary, Path(voice_manifest.get("dir", ".")), cache
    )
    for language, words in heard.items():
        place_words([t for t in timings if t.language == language], words)
    asr_seconds = time.perf_counter() - started
    timed = build_cues(timings, SpeechOnsets(samples, rate), duration)
    offsets = cue_offsets_ms(timed)

    files = {source: _write(out_dir, "film", timed.cues)}
    translators = {}
    for language in languages or []:
        if language == source or language in files:
            continue
        engine = translator(source, language)  # BackendUnavailable names the pair when none is installed
        texts = engine.translate([cue.text for cue in timed.cues])
        translated = [Cue(c.start, c.end, text or c.text) for c, text in zip(timed.cues, texts)]
        files[language] = _write(out_dir, f"film.{language}", translated)
        translators[language] = {"name": engine.name, "version": engine.version}
    wer = intelligibility(timings, heard.get("en", []))
    return {
        "srt": "film.srt",
        "vtt": "film.vtt",
        "language": source,
        "languages": files,
        "translators": translators,
        "cues": len(timed.cues),
        "lines": len(timings),
        "wer": wer,
        "wer_scope": "English spoken lines (chants excluded)" if wer is not None else "no English lines",
        "median_cue_offset_ms": round(float(statistics.median(offsets)), 1) if offsets else None,
        "max_cue_offset_ms": round(float(max(offsets)), 1) if offsets else None,
        "last_cue_end": max((c.end for c in timed.cues), default=0.0),
        "duration": duration,
        "recognizers": used,
        "asr_glossary": vocabulary,
        "unrecognised_languages": {k: v for k, v in missing.items()},
        "words_heard": {k: len(v) for k, v in heard.items()},
        "transcripts": {k: " ".join(w.label for w in v) for k, v in heard.items()},  # what the recognizer heard
        "asr_seconds": round(asr_seconds, 3),
        "asr_realtime_factor": round(asr_seconds / duration, 4) if duration else None,
        "language_names": {code: language_name(code) for code in files},
    }
