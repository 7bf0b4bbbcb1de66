"""Flite (Debian `flite` CLI): phoneme end times are flite's own, printed by `-psdur`."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from models.errors import BackendUnavailable
from models.voice.align import group_by_counts, tidy
from models.voice.base import VOICE_BACKENDS, Take, Timed, Voice
from models.voice.programs import read_wav, require, run
from models.voice.text import clean_text, to_ascii, tokens

_SILENCE = "pau"


def _utterances(psdur: str) -> list[list[tuple[str, float]]]:
    """`pau:0.164 hh:0.255 ...`, one line per utterance, times relative to that utterance."""
    utterances = []
    for line in psdur.splitlines():
        segments = [(name, float(end)) for name, end in re.findall(r"(\S+?):([0-9.]+)", line)]
        if segments:
            utterances.append(segments)
    return utterances


def _phonemes(utterances: list[list[tuple[str, float]]], duration: float) -> list[Timed]:
    """Lay the utterances end to end on the clock of the concatenated audio.

    Diphone voices (kal, kal16) end each utterance with only half of its closing pause, so the
    audio is shorter than the printed times; the shortfall is taken out of the closing pauses
    in proportion to their length, which keeps each later utterance on its real start.
    """
    closing = [u[-1][1] - (u[-2][1] if len(u) > 1 else 0.0) if u[-1][0] == _SILENCE else 0.0 for u in utterances]
    shortfall = max(0.0, sum(u[-1][1] for u in utterances) - duration)
    weight = sum(closing)
    phonemes, offset = [], 0.0
    for segments, pause in zip(utterances, closing):
        previous = 0.0
        for name, end in segments:
            if name != _SILENCE:
                phonemes.append(Timed(name, offset + previous, offset + end))
            previous = end
        cut = shortfall * pause / weight if weight else 0.0
        offset += segments[-1][1] - cut
    return phonemes


class FliteBackend:
    name = "flite"

    def __init__(self) -> None:
        self._flite = require("flite", "flite")
        banner = run([self._flite, "--version"], check=False)  # exits 1 after printing
        found = re.search(r"version:\s*flite-(\S+)", banner)
        self.version = found.group(1) if found else banner.strip()
        self._voices = set(run([self._flite, "-lv"], check=False).split(":", 1)[-1].split())

    def can_speak(self, voice: Voice) -> bool:
        return dict(voice.params).get("voice", "slt") in self._voices

    def synthesize(self, text: str, voice: Voice) -> Take:
        original = clean_text(text)
        text, written = to_ascii(original, "Flite"), tokens(original)
        flite_voice = dict(voice.params).get("voice", "slt")
        if flite_voice not in self._voices:
            raise BackendUnavailable(
                f"Flite has no voice {flite_voice!r} (installed: {', '.join(sorted(self._voices))}); "
                "the Debian package flite provides kal, kal16, awb, rms and slt."
            )
        words = tokens(text)
        with tempfile.TemporaryDirectory(prefix="flite-") as tmp:
            line, wav, listing = Path(tmp, "line.txt"), Path(tmp, "line.wav"), Path(tmp, "words.txt")
            line.write_text(text + "\n", encoding="ascii")
            psdur = run([self._flite, "-voice", flite_voice, "-psdur", "-f", str(line), "-o", str(wav)])
            samples, rate = read_wav(wav)
            # Each word spoken alone (blank lines force one utterance per word) gives its phoneme
            # count, which splits the sentence's timed phonemes into words.
            listing.write_text("".join(f"{word}.\n\n" for word in words), encoding="ascii")
            alone = run([self._flite, "-voice", flite_voice, "-ps", "-f", str(listing), "-o", "none"])
        duration = len(samples) / rate
        phonemes = _phonemes(_utterances(psdur), duration)
        if not phonemes:
            raise ValueError(f"Flite found nothing to say in {text[:40]!r}.")
        counts = [len([p for p in row.split() if p != _SILENCE]) for row in alone.splitlines() if row.strip()]
        if len(counts) != len(words):
            counts = [len(word) for word in words]  # letters stand in for phonemes
        labels = written if len(written) == len(words) else words  # "café", not "cafe"
        timed_words = group_by_counts(phonemes, labels, counts)
        return Take(samples, rate, tidy(phonemes, duration), tidy(timed_words, duration))


@VOICE_BACKENDS.register("flite")
def _factory() -> FliteBackend:
    return FliteBackend()
