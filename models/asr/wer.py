"""Word error rate between a script line and what the recognizer heard, after normalisation.

Both sides are lower-cased, digits become spoken words ("25" -> "twenty five"), and
punctuation goes, so "It's 25." and "its twenty-five" compare equal.
"""

from __future__ import annotations

import re
import unicodedata

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ((10**9, "billion"), (10**6, "million"), (1000, "thousand"), (100, "hundred"))


def spoken_number(n: int) -> str:
    """English words for a non-negative integer below 10**12 ("hundred" without "and")."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    for size, name in _SCALES:
        if n >= size:
            head, rest = divmod(n, size)
            return f"{spoken_number(head)} {name}" + ("" if rest == 0 else " " + spoken_number(rest))
    raise AssertionError("unreachable")


def _number(match: re.Match[str]) -> str:
    whole, _, fraction = match.group(0).replace(",", "").partition(".")
    if len(whole) > 12:
        return " ".join(_ONES[int(d)] for d in whole)
    words = spoken_number(int(whole))
    if fraction:
        words += " point " + " ".join(_ONES[int(d)] for d in fraction)
    return f" {words} "


def normalize(text: str) -> str:
    """Lower case, numbers spelled out, punctuation and symbols removed, single spaces; Devanagari
    nukta dropped and candrabindu written as anusvara."""
    text = unicodedata.normalize("NFKC", text).lower()
    # Devanagari spelling variants a listener cannot hear apart: nukta ("ज़" ~ "ज"), candrabindu ~ anusvara.
    text = unicodedata.normalize("NFD", text).replace("\u093c", "").replace("\u0901", "\u0902")
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\d[\d,]*(?:\.\d+)?", _number, text)
    text = text.replace("'", "").replace("\u2019", "")  # "it's" and "its" are one word
    text = "".join(c if unicodedata.category(c)[0] in "LNM" else " " for c in text)
    return " ".join(text.split())


def word_error_rate(reference: str, hypothesis: str) -> float:
    """(substitutions + deletions + insertions) / reference words, after `normalize`.

    An empty reference scores 0.0 against an empty hypothesis and 1.0 against anything else.
    """
    import jiwer

    ref, hyp = normalize(reference), normalize(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    if not hyp:
        return 1.0
    return float(jiwer.wer(ref, hyp))


def english_normalize(text: str) -> str:
    """Whisper's own English normalisation (the one its published WERs use): case, punctuation,
    numbers and number words ("twenty-five" and "25" compare equal), contractions, British and
    American spellings, "Mr." and "mister". Raises ImportError naming the package if it is missing."""
    try:
        from whisper_normalizer.english import EnglishTextNormalizer
    except ImportError:
        raise ImportError(
            "Fair English scoring needs whisper-normalizer: pip install whisper-normalizer==0.1.15."
        ) from None
    global _ENGLISH
    if _ENGLISH is None:
        _ENGLISH = EnglishTextNormalizer()
    return " ".join(_ENGLISH(text).split())


_ENGLISH = None


# "a hundred and twelve" is "one hundred and twelve" (Whisper's normaliser reads only the second as 112),
# and "for hundred" can only be "four hundred" heard: a number's homophone before a multiplier is the number.
_MULTIPLIER = r"(?=\s+(?:hundred|thousand|million|billion)\b)"
_SAID_NUMBERS = [(re.compile(rf"\b{said}{_MULTIPLIER}", re.IGNORECASE), number)
                 for said, number in (("a", "one"), ("(?:for|fore)", "four"), ("(?:to|too)", "two"))]  # fmt: skip


def _numbers_said(text: str) -> str:
    for pattern, number in _SAID_NUMBERS:
        text = pattern.sub(number, text)
    return text


def compounds_joined(words: list[str], other: list[str]) -> list[str]:
    """`words` with each neighbouring pair that `other` writes as one word joined: open and closed
    compounds sound the same ("North Head" and "northhead", "coast guard" and "coastguard")."""
    known, out, i = set(other), [], 0
    while i < len(words):
        if i + 1 < len(words) and words[i] + words[i + 1] in known:
            out.append(words[i] + words[i + 1])
            i += 2
        else:
            out.append(words[i])
            i += 1
    return out


def english_word_error_rate(reference: str, hypothesis: str) -> float:
    """WER after Whisper's English normalisation of both sides (see `english_normalize`), with "a
    hundred" (or "for hundred") read as the number and a compound written open on one side and closed
    on the other counted as the same word."""
    import jiwer

    ref, hyp = (english_normalize(_numbers_said(text)).split() for text in (reference, hypothesis))
    ref, hyp = compounds_joined(ref, hyp), compounds_joined(hyp, ref)
    if not ref:
        return 0.0 if not hyp else 1.0
    if not hyp:
        return 1.0
    return float(jiwer.wer(" ".join(ref), " ".join(hyp)))
