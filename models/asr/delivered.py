"""What a viewer hears: the delivered film's audio track, recognised stretch by stretch, in order.

The quality gate scores the final MP4, not the clean dialogue stem: music, ducking, the loudness
pass and the AAC encode are all in what the viewer hears. Whisper is given no prompt (a glossary
of the script's names would talk the score up) and only the stretches where the timeline placed
lines (so long silences and music beds cannot make tiny.en invent words). Each stretch is decoded
on its own and the words are put on the film's clock in order; a stretch whose transcript runs away
(a decoding loop: the same phrase again and again) is decoded again line by line, and heard words
far from every placed line are dropped as hallucinations.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from integrations.ffmpeg import ffmpeg_exe, probe
from models.voice.base import Timed

RATE = 16_000
PAD_SEC = 0.3  # audio kept either side of a line in its stretch
JOIN_GAP_SEC = 0.8  # lines closer than this are one stretch (an exchange, a cut-in)
MAX_STRETCH_SEC = 12.0  # well inside Whisper's 30 s window
RUNAWAY_FACTOR = 2.0  # a transcript this many times longer than its lines is a decoding loop
HALLUCINATION_MARGIN_SEC = 0.5  # heard words whose middle is further than this from every line are dropped
CACHE_VERSION = 5


@dataclass(frozen=True)
class Span:
    """A placed line: where the timeline put it (film seconds) and how many words it has."""

    start: float
    end: float
    words: int


@dataclass
class Heard:
    words: list[Timed] = field(default_factory=list)  # film seconds, in order
    stretches: int = 0
    redecoded: int = 0  # stretches decoded again line by line (their first transcript ran away)
    dropped: int = 0  # words heard far from any line (hallucinated in silence or music)
    recognizer: str = ""
    reused: int = 0  # stretches taken from an earlier render's hearing (their delivered audio matched)

    def to_dict(self) -> dict[str, Any]:
        return {"words": [[w.label, w.start, w.end] for w in self.words], "stretches": self.stretches,
                "redecoded": self.redecoded, "dropped": self.dropped, "recognizer": self.recognizer, "reused": self.reused}  # fmt: skip

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Heard:
        return cls([Timed(a, b, c) for a, b, c in data["words"]], data["stretches"], data["redecoded"],
                   data["dropped"], data["recognizer"], data.get("reused", 0))  # fmt: skip


def read_audio(path: Path) -> np.ndarray:
    """The first audio track of a media file as mono float32 at 16 kHz (empty when it has none)."""
    if not any(stream.get("codec_type") == "audio" for stream in probe(path)["streams"]):
        return np.zeros(0, dtype=np.float32)
    cmd = [ffmpeg_exe(), "-v", "error", "-nostdin", "-i", str(path), "-map", "0:a:0?", "-ac", "1",
           "-ar", str(RATE), "-f", "f32le", "-"]  # fmt: skip
    result = subprocess.run(cmd, capture_output=True)
    if result.returncode != 0:
        raise RuntimeError(
            f"ffmpeg could not decode the audio of {path}: {result.stderr.decode(errors='replace')[-300:]}"
        )
    return np.frombuffer(result.stdout, dtype=np.float32).copy()


def stretches(spans: list[Span], duration: float) -> list[tuple[float, float, list[Span]]]:
    """Padded stretches of nearby lines, in film order, each at most MAX_STRETCH_SEC long."""
    out: list[tuple[float, float, list[Span]]] = []
    for span in sorted(spans, key=lambda s: s.start):
        lo, hi = max(0.0, span.start - PAD_SEC), min(duration, span.end + PAD_SEC)
        if out and lo - out[-1][1] < JOIN_GAP_SEC - 2 * PAD_SEC and hi - out[-1][0] <= MAX_STRETCH_SEC:
            out[-1] = (out[-1][0], max(out[-1][1], hi), out[-1][2] + [span])
        else:
            out.append((lo, hi, [span]))
    return out


def _decode(asr: Any, audio: np.ndarray, lo: float, hi: float) -> list[Timed]:
    piece = audio[round(lo * RATE) : round(hi * RATE)]
    transcript = asr.transcribe(piece, RATE, "en", None)  # no prompt: the score must not be talked up
    return [Timed(w.label, round(w.start + lo, 3), round(w.end + lo, 3)) for w in transcript.words]


def _speech_starts(piece: np.ndarray) -> np.ndarray:
    """Where speech starts in a stretch of the delivered audio (seconds from its start), by the
    Silero voice-activity model that ships inside faster-whisper: it tells a voice from the music
    under it, which an energy threshold cannot."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    options = VadOptions(threshold=0.5, min_speech_duration_ms=60, min_silence_duration_ms=80, speech_pad_ms=0)
    return np.array([chunk["start"] / RATE for chunk in get_speech_timestamps(piece, options, RATE)])


def _onset_refined(words: list[Timed], audio: np.ndarray, lo: float, hi: float) -> list[Timed]:
    """Whisper's word alignment puts a stretch's first word at the start of the audio it was given,
    silence included: a word that starts before the voice does (by the voice-activity model, on the
    same delivered audio) starts where the voice starts, if that is inside the word."""
    starts = lo + _speech_starts(audio[round(lo * RATE) : round(hi * RATE)])
    out = []
    for w in words:
        inside = starts[(starts > w.start) & (starts < w.end)]
        out.append(Timed(w.label, round(float(inside[0]), 3), w.end) if inside.size else w)
    return out


def _runaway(words: list[Timed], expected: int) -> bool:
    return len(words) > RUNAWAY_FACTOR * expected + 4


ENVELOPE_HZ = 50  # the fingerprint a remembered stretch is compared on: RMS per 20 ms
MATCH_MIN = 0.98  # correlation of the delivered envelope with the remembered one to reuse its words


def envelope(audio: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """RMS of the delivered audio in [lo, hi) per 1/ENVELOPE_HZ s: loudness over time, blind to the
    gain a film-wide loudness pass or the AAC encode change, not to a different voice or line."""
    hop = RATE // ENVELOPE_HZ
    piece = audio[round(lo * RATE) : round(hi * RATE)]
    frames = piece[: piece.size // hop * hop].reshape(-1, hop)
    return np.sqrt((frames.astype(np.float64) ** 2).mean(axis=1)) if frames.size else np.zeros(0)


class StretchMemo:
    """Stretches heard in earlier renders of one film, keyed by how their lines sit in them (offsets
    from the stretch's start, word counts, length) and the recognizer; a remembered stretch is reused
    only when the delivered audio there correlates with the remembered envelope at MATCH_MIN or more,
    so a changed take, a moved line or different music under it is decoded again."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, lo: float, hi: float, lines: list[Span], recognizer: str) -> Path:
        shape = [CACHE_VERSION, recognizer, round(hi - lo, 2), [[round(s.start - lo, 2), round(s.end - lo, 2), s.words]
                                                              for s in lines]]  # fmt: skip
        return self.root / f"{hashlib.sha256(json.dumps(shape).encode()).hexdigest()[:24]}.npz"

    def recall(self, audio: np.ndarray, lo: float, hi: float, lines: list[Span],
               recognizer: str) -> tuple[list[Timed], bool, int] | None:  # fmt: skip
        path = self._path(lo, hi, lines, recognizer)
        if not path.is_file():
            return None
        try:
            with np.load(path, allow_pickle=False) as stored:
                remembered, record = stored["envelope"], json.loads(str(stored["record"]))
        except (OSError, ValueError, KeyError):
            return None  # a damaged entry is decoded again
        now = envelope(audio, lo, hi)
        if now.size != remembered.size or now.size < 2 or now.std() == 0 or remembered.std() == 0:
            return None
        if float(np.corrcoef(now, remembered)[0, 1]) < MATCH_MIN:
            return None
        words = [Timed(label, round(start + lo, 3), round(end + lo, 3)) for label, start, end in record["words"]]
        return words, bool(record["redecoded"]), int(record["dropped"])

    def keep(self, audio: np.ndarray, lo: float, hi: float, lines: list[Span], recognizer: str,
             result: tuple[list[Timed], bool, int]) -> None:  # fmt: skip
        words, redecoded, dropped = result
        record = {"words": [[w.label, round(w.start - lo, 4), round(w.end - lo, 4)] for w in words],
                  "redecoded": redecoded, "dropped": dropped}  # fmt: skip
        path = self._path(lo, hi, lines, recognizer)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.stem + ".part.npz")
        np.savez(partial, envelope=envelope(audio, lo, hi), record=np.array(json.dumps(record)))
        partial.replace(path)


def hear_stretch(audio: np.ndarray, lo: float, hi: float, lines: list[Span], asr: Any) -> tuple[list[Timed], bool, int]:
    """One stretch's kept words (film seconds), whether it was decoded again line by line, and how
    many heard words were dropped as hallucinations."""
    duration = audio.size / RATE
    redecoded = False
    words = _decode(asr, audio, lo, hi)
    if _runaway(words, sum(s.words for s in lines)):
        redecoded = True  # line by line; a lone line without its padding, where loops start
        pad = PAD_SEC if len(lines) > 1 else 0.05
        words = [w for s in lines for w in _decode(asr, audio, max(0.0, s.start - pad),
                                                   min(duration, s.end + pad))]  # fmt: skip
    words = _onset_refined(words, audio, lo, hi)
    kept = [w for w in words if any(s.start - HALLUCINATION_MARGIN_SEC <= (w.start + w.end) / 2
                                    <= s.end + HALLUCINATION_MARGIN_SEC for s in lines)]  # fmt: skip
    return kept, redecoded, len(words) - len(kept)


def hear(audio: np.ndarray, spans: list[Span], asr: Any, memo: StretchMemo | None = None) -> Heard:
    """Recognise each stretch of `audio` (16 kHz mono) holding placed lines, in film order. With a
    memo, a stretch heard in an earlier render of the film is reused when its lines sit the same way
    in it and the delivered audio there still matches what was heard (see StretchMemo)."""
    duration = audio.size / RATE
    heard = Heard(recognizer=f"{asr.name} ({asr.version})")
    for lo, hi, lines in stretches(spans, duration):
        heard.stretches += 1
        remembered = memo.recall(audio, lo, hi, lines, heard.recognizer) if memo is not None else None
        if remembered is not None:
            kept, redecoded, dropped = remembered
            heard.reused += 1
        else:
            kept, redecoded, dropped = hear_stretch(audio, lo, hi, lines, asr)
            if memo is not None:
                memo.keep(audio, lo, hi, lines, heard.recognizer, (kept, redecoded, dropped))
        heard.redecoded += int(redecoded)
        heard.dropped += dropped
        heard.words += kept
    heard.words.sort(key=lambda w: w.start)  # stretches are disjoint and in order; keep it so
    return heard


def hear_film(film_path: Path, spans: list[Span], asr: Any, cache_dir: Path | None = None) -> Heard:
    """`hear` on the film's audio track. With `cache_dir`, checks of one film decode it once (a lock
    makes a check running alongside wait for the first one's result rather than decode it again), and
    a re-render decodes only the stretches whose delivered audio changed."""
    if cache_dir is None:
        return hear(read_audio(film_path), spans, asr)
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(Path(film_path).read_bytes())
    digest.update(json.dumps([CACHE_VERSION, asr.name, asr.version, [[s.start, s.end, s.words] for s in spans]])
                  .encode())  # fmt: skip
    cached = cache_dir / f"heard-{digest.hexdigest()[:24]}.json"
    with open(cache_dir / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if this process dies
        if cached.is_file():
            return Heard.from_dict(json.loads(cached.read_text()))
        heard = hear(read_audio(film_path), spans, asr, StretchMemo(cache_dir / "stretches"))
        partial = cached.with_name(cached.name + ".part")
        partial.write_text(json.dumps(heard.to_dict()))
        partial.replace(cached)  # atomic: a reader never sees half a file
    return heard
