"""Shared timing helpers: group timed phonemes into words, and an energy-based aligner.

Engines that report their own segment times (festival, flite, espeak-ng events, piper's and
Kokoro's duration predictors) use `group_by_counts` and `tidy`, the models with per-symbol
durations also `phoneme_words`; `spread_over_voiced` is the fallback for an engine that gives
audio and a phoneme list but no times.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Literal

import numpy as np

from models.voice.base import Timed


def tidy(items: Sequence[Timed], duration: float) -> list[Timed]:
    """Clamp to [0, duration], make end >= start and sort by start (stable for equal starts)."""
    out = []
    for item in items:
        start = min(max(float(item.start), 0.0), duration)
        end = min(max(float(item.end), start), duration)
        out.append(Timed(item.label, round(start, 6), round(end, 6)))
    return sorted(out, key=lambda item: item.start)


def _boundaries(counts: Sequence[int], total: int) -> list[int]:
    """Cumulative unit boundaries; rescaled when the engine produced a different unit count."""
    expected = sum(counts)
    cumulative = np.cumsum([0, *counts], dtype=float)
    if expected != total:
        cumulative = cumulative * (total / expected) if expected else np.zeros_like(cumulative)
    return [int(round(value)) for value in cumulative]


def group_by_counts(units: Sequence[Timed], labels: Sequence[str], counts: Sequence[int]) -> list[Timed]:
    """Give each label its run of `counts[i]` consecutive units (phonemes or phoneme-words).

    When the counts do not add up to len(units) (an engine re-pronounced a word in context),
    the runs are rescaled proportionally, so the error stays local instead of shifting every
    later word. A label left without units gets a zero-length interval where it would start.
    """
    if not labels:
        return []
    if not units:
        return [Timed(label, 0.0, 0.0) for label in labels]
    bounds = _boundaries(counts, len(units))
    words = []
    for i, label in enumerate(labels):
        first, last = bounds[i], bounds[i + 1]
        if last > first:
            words.append(Timed(label, units[first].start, units[last - 1].end))
        else:
            at = units[first].start if first < len(units) else units[-1].end
            words.append(Timed(label, at, at))
    return words


def _key(phoneme: str) -> str:
    """What two spellings of one phoneme share: no stress, length or tie marks."""
    return "".join(c for c in phoneme if c not in "ˈˌː^") or phoneme


def assign_words(
    units: Sequence[Sequence[Timed]], labels: Sequence[str], spoken: Sequence[Sequence[str]]
) -> list[Timed]:
    """Time each written word from the timed phoneme-words (`units`) of its whole line.

    `spoken[i]` is how labels[i] sounds said alone. The line's phonemes are matched to those
    (difflib), so a phoneme-word that holds two written words ("in the" -> "ɪnðə") is split where
    their phonemes meet, instead of rescaling every later word. An unmatched phoneme belongs to
    the word before it in its phoneme-word; phoneme-words with no match at all ("a" is "eɪ" alone
    and "ə" in a line) are shared out among the words left between their matched neighbours. A
    word left without phonemes gets a zero-length interval where it would be.
    """
    flat = [(phoneme, u) for u, unit in enumerate(units) for phoneme in unit]
    if not flat:
        return [Timed(label, 0.0, 0.0) for label in labels]
    reference = [(_key(p), i) for i, sounds in enumerate(spoken) for p in sounds]
    matcher = SequenceMatcher(None, [_key(p.label) for p, _ in flat], [k for k, _ in reference], autojunk=False)
    owner: list[int | None] = [None] * len(flat)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            owner[block.a + k] = reference[block.b + k][1]
    per_unit: list[list[int | None]] = [[] for _ in units]
    for (_, u), o in zip(flat, owner, strict=True):
        per_unit[u].append(o)
    unit_owner = [sorted({o for o in owners if o is not None}) for owners in per_unit]
    n = 0
    while n < len(units):
        if unit_owner[n]:
            n += 1
            continue
        end = next((m for m in range(n, len(units)) if unit_owner[m]), len(units))
        before = max((o for m in range(n) for o in unit_owner[m]), default=-1)
        gap = list(range(before + 1, min(unit_owner[end]) if end < len(units) else len(labels)))
        if gap:  # the unmatched run of phoneme-words speaks the words between its neighbours
            bounds = _boundaries([1] * (end - n), len(gap))
            for k in range(n, end):
                unit_owner[k] = gap[bounds[k - n] : bounds[k - n + 1]] or [gap[min(bounds[k - n], len(gap) - 1)]]
        n = end
    spans: dict[int, list[Timed]] = {}
    for unit, owners, mine in zip(units, per_unit, unit_owner, strict=True):
        if not any(o is not None for o in owners):
            shares = _boundaries([1] * len(mine), len(unit))  # no phoneme evidence: equal shares
            for i, word in enumerate(mine):
                spans.setdefault(word, []).extend(unit[shares[i] : shares[i + 1]] or unit[-1:])
            continue
        current = mine[0]
        for phoneme, o in zip(unit, owners, strict=True):
            current = current if o is None else o
            spans.setdefault(current, []).append(phoneme)
    words, at = [], flat[0][0].start
    for i, label in enumerate(labels):
        mine_phonemes = spans.get(i, [])
        if mine_phonemes:
            words.append(Timed(label, min(p.start for p in mine_phonemes), max(p.end for p in mine_phonemes)))
            at = words[-1].end
        else:
            words.append(Timed(label, at, at))
    return words


def voiced_regions(
    samples: np.ndarray, sample_rate: int, frame_s: float = 0.01, min_gap_s: float = 0.08, level: float = 0.05
) -> list[tuple[float, float]]:
    """Stretches whose frame RMS is above `level` (5 %) of the loudest frame, gaps under `min_gap_s` bridged."""
    hop = max(1, int(frame_s * sample_rate))
    count = len(samples) // hop
    if count == 0:
        return []
    frames = np.asarray(samples[: count * hop], dtype=np.float64).reshape(count, hop)
    rms = np.sqrt(np.mean(frames**2, axis=1))
    if rms.max() <= 1e-6:
        return []
    loud = rms > level * rms.max()
    regions: list[list[int]] = []
    for index in np.flatnonzero(loud).tolist():  # plain ints, as `regions` holds
        if regions and (index - regions[-1][1]) * frame_s < min_gap_s:
            regions[-1][1] = index + 1
        else:
            regions.append([index, index + 1])
    return [(start * frame_s, end * frame_s) for start, end in regions]


def end_at_voice(
    units: Sequence[Sequence[Timed]], samples: np.ndarray, sample_rate: int, shortest_s: float = 0.025
) -> list[list[Timed]]:
    """Cut each phoneme-word's last phoneme where the sound ends, if it runs on into silence.

    A duration model's last phoneme before a pause often holds much of the pause (Kokoro gives
    the "l" ending a line half a second of silence), which would keep a mouth open and a word's
    subtitle up after the voice has stopped. Sound here reaches down to 1 % of the loudest frame,
    so that soft final consonants keep their tail; a cut phoneme keeps at least `shortest_s`.
    """
    regions = voiced_regions(samples, sample_rate, level=0.01)
    out = []
    for unit in units:
        trimmed = list(unit)
        last = trimmed[-1] if trimmed else None
        if last is not None and not any(start <= last.end <= end for start, end in regions):
            ends = [end for _, end in regions if end < last.end]
            if ends:
                cut = min(max(max(ends), last.start + shortest_s), last.end)
                trimmed[-1] = Timed(last.label, last.start, cut)
        out.append(trimmed)
    return out


def spread_over_voiced(
    samples: np.ndarray, sample_rate: int, words: Sequence[tuple[str, Sequence[str]]]
) -> tuple[list[Timed], list[Timed]]:
    """Time `words` (label, phonemes) by sharing the voiced time equally among their phonemes.

    Voiced time is the concatenation of `voiced_regions`; a phoneme's share is mapped back to
    the real clock, so silences between regions fall between (or inside) words, never on them.
    """
    regions = voiced_regions(samples, sample_rate)
    flat = [(index, phoneme) for index, (_, phonemes) in enumerate(words) for phoneme in phonemes]
    if not regions or not flat:
        return [], [Timed(label, 0.0, 0.0) for label, _ in words]
    lengths = np.array([end - start for start, end in regions])
    voiced_ends = np.cumsum(lengths)

    def clock(voiced_t: float, starting: bool) -> float:
        # A start on a region boundary belongs to the next region, an end to the previous one.
        side: Literal["left", "right"] = "right" if starting else "left"
        i = min(int(np.searchsorted(voiced_ends, voiced_t, side=side)), len(regions) - 1)
        before = voiced_ends[i] - lengths[i]
        return regions[i][0] + min(voiced_t - before, lengths[i])

    step = voiced_ends[-1] / len(flat)
    phonemes = [
        Timed(phoneme, clock(k * step, True), clock((k + 1) * step, False)) for k, (_, phoneme) in enumerate(flat)
    ]
    timed_words = []
    for index, (label, _) in enumerate(words):
        mine = [phonemes[k] for k, (owner, _) in enumerate(flat) if owner == index]
        if mine:
            timed_words.append(Timed(label, mine[0].start, mine[-1].end))
        elif timed_words:
            timed_words.append(Timed(label, timed_words[-1].end, timed_words[-1].end))
        else:
            timed_words.append(Timed(label, phonemes[0].start, phonemes[0].start))
    return phonemes, timed_words


_STRESS = {"ˈ", "ˌ"}
_EDGES = {"^", "$", "_"}  # piper's BOS, EOS and PAD symbols (Kokoro's pads are given as "$")
# espeak writes diphthongs as two codepoints; the mouth makes one glide.
_DIPHTHONGS = {"aɪ", "aʊ", "eɪ", "oʊ", "ɔɪ"}

# One phoneme-word: its phonemes, each with the indices of the symbols it is made of.
PhonemeWord = list[tuple[str, list[int]]]


def phoneme_words(symbols: list[str]) -> list[PhonemeWord]:
    """Split a model's per-codepoint input symbols (piper's, Kokoro's) into words of phonemes.

    Stress marks join the phoneme after them, length marks and diacritics the one before;
    spaces, punctuation and BOS/EOS end a word and are silence, not phonemes.
    """
    words: list[PhonemeWord] = []
    current: PhonemeWord = []
    pending: list[int] = []
    for i, symbol in enumerate(symbols):
        category = unicodedata.category(symbol)
        if symbol in _EDGES or symbol.isspace() or category[0] in "PZ":
            if current:
                words.append(current)
            current, pending = [], []
        elif symbol in _STRESS:
            pending.append(i)
        elif current and (category in ("Lm", "Mn", "Sk") or current[-1][0] + symbol in _DIPHTHONGS):
            label, indices = current[-1]
            current[-1] = (label + symbol, indices + [i])
        else:
            current.append((symbol, pending + [i]))
            pending = []
    if current:
        words.append(current)
    return words


def energy_onsets(samples: np.ndarray, sample_rate: int, rise_db: float = 9.0, floor_db: float = 40.0) -> list[float]:
    """Times (s) where the loudness climbs `rise_db` within 30 ms from under the floor-relative
    level: word and syllable onsets, stop releases. An independent check on any aligner's times."""
    hop = max(1, sample_rate // 100)  # 10 ms frames
    count = len(samples) // hop
    if count < 4:
        return []
    frames = np.asarray(samples[: count * hop], dtype=np.float64).reshape(count, hop)
    level = 10 * np.log10(np.mean(frames**2, axis=1) + 1e-12)
    level = np.maximum(level, level.max() - floor_db)  # quieter than the floor is silence
    rise = level[3:] - level[:-3]
    onsets: list[float] = []
    for index in np.flatnonzero(rise >= rise_db).tolist():
        step = int(np.argmax(np.diff(level[index : index + 4])))  # the steepest 10 ms of the rise
        t = (index + step + 1) * hop / sample_rate
        if not onsets or t - onsets[-1] > 0.05:
            onsets.append(t)
    return onsets
