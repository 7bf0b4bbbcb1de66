"""Visemes (mouth shapes) and the mapping from phoneme labels of every voice engine to them.

Labels arrive as festival's lowercase ARPAbet ("aa", "m", "pau"), CMU-style stressed ARPAbet
("AA1"), IPA from piper/espeak ("ɑː", "ə", "tʃ") or espeak's ASCII mnemonics ("@", "I", "aI").
"""

from __future__ import annotations

import re
import unicodedata

# Preston Blair's set plus I and a pressed-lips shape distinct from the relaxed rest mouth.
VISEMES: tuple[str, ...] = ("rest", "MBP", "etc", "A", "E", "I", "O", "U", "WQ", "FV", "L")

# How open the jaw is for each shape, 0 (closed) to 1 (wide open "ah").
OPENNESS: dict[str, float] = {
    "rest": 0.0,
    "MBP": 0.0,
    "FV": 0.15,
    "etc": 0.3,
    "U": 0.35,
    "WQ": 0.4,
    "L": 0.5,
    "I": 0.55,
    "E": 0.6,
    "O": 0.75,
    "A": 1.0,
}

# When a vowel is spoken quietly the mouth opens less: the next smaller shape of the same kind.
SMALLER: dict[str, str] = {
    "A": "I",
    "O": "U",
    "E": "etc",
    "I": "etc",
    "L": "etc",
    "WQ": "U",
    "U": "U",
    "etc": "etc",
    "FV": "FV",
    "MBP": "MBP",
    "rest": "rest",
}

SILENCE = {"", "pau", "sil", "sp", "spn", "h#", "ssil", "_", "#", "<eps>", "silence", "brth", "_:", "||", "|"}

# espeak's ASCII phoneme mnemonics are case-sensitive ("I" is ɪ, "i" is i), so they are checked first.
ESPEAK: dict[str, str] = {
    "@": "etc",
    "3": "etc",
    "3:": "etc",
    "@L": "L",
    "a": "A",
    "a#": "A",
    "A:": "A",
    "A@": "A",
    "aa": "A",
    "V": "A",
    "E": "E",
    "e": "E",
    "e@": "E",
    "eI": "E",
    "I": "I",
    "i": "E",
    "i:": "E",
    "i@": "E",
    "0": "O",
    "O": "O",
    "O:": "O",
    "O@": "O",
    "o@": "O",
    "oU": "O",
    "OI": "O",
    "U": "U",
    "u:": "U",
    "U@": "U",
    "aI": "A",
    "aU": "A",
    "T": "L",
    "D": "L",
    "S": "U",
    "Z": "U",
    "tS": "U",
    "dZ": "U",
    "N": "etc",
    "j": "I",
    "w": "WQ",
    "r": "etc",
}

ARPABET: dict[str, str] = {
    "aa": "A",
    "ae": "A",
    "ah": "A",
    "ao": "O",
    "aw": "A",
    "ay": "A",
    "eh": "E",
    "er": "etc",
    "ey": "E",
    "ih": "I",
    "iy": "E",
    "ow": "O",
    "oy": "O",
    "uh": "U",
    "uw": "U",
    "ax": "etc",
    "axr": "etc",
    "ix": "I",
    "b": "MBP",
    "m": "MBP",
    "p": "MBP",
    "em": "MBP",
    "f": "FV",
    "v": "FV",
    "th": "L",
    "dh": "L",
    "l": "L",
    "el": "L",
    "w": "WQ",
    "wh": "WQ",
    "r": "etc",
    "y": "I",
    "ch": "U",
    "jh": "U",
    "sh": "U",
    "zh": "U",
    "s": "etc",
    "z": "etc",
    "t": "etc",
    "d": "etc",
    "n": "etc",
    "en": "etc",
    "ng": "etc",
    "k": "etc",
    "g": "etc",
    "hh": "etc",
    "h": "etc",
    "dx": "etc",
    "nx": "etc",
    "q": "etc",
}

IPA: dict[str, str] = {
    "ɑ": "A",
    "a": "A",
    "ä": "A",
    "æ": "A",
    "ɐ": "A",
    "ʌ": "A",
    "ɒ": "O",
    "ɔ": "O",
    "o": "O",
    "ɵ": "O",
    "e": "E",
    "ɛ": "E",
    "œ": "E",
    "i": "E",
    "ɪ": "I",
    "y": "U",
    "ʏ": "I",
    "ɨ": "I",
    "u": "U",
    "ʊ": "U",
    "ɯ": "U",
    "ə": "etc",
    "ɚ": "etc",
    "ɜ": "etc",
    "ɝ": "etc",
    "ɘ": "etc",
    "m": "MBP",
    "b": "MBP",
    "p": "MBP",
    "ɱ": "FV",
    "f": "FV",
    "v": "FV",
    "ʋ": "FV",
    "θ": "L",
    "ð": "L",
    "l": "L",
    "ɫ": "L",
    "ɭ": "L",
    "ʎ": "L",
    "w": "WQ",
    "ʍ": "WQ",
    "ɥ": "WQ",
    "ʃ": "U",
    "ʒ": "U",
    "ɕ": "U",
    "ʑ": "U",
    "j": "I",
    "ɹ": "etc",
    "r": "etc",
    "ɾ": "etc",
    "ɻ": "etc",
    "ʁ": "etc",
    "s": "etc",
    "z": "etc",
    "t": "etc",
    "d": "etc",
    "n": "etc",
    "ŋ": "etc",
    "ɲ": "etc",
    "ɳ": "etc",
    "k": "etc",
    "g": "etc",
    "ɡ": "etc",
    "h": "etc",
    "ɦ": "etc",
    "x": "etc",
    "ʔ": "etc",
    "ʈ": "etc",
    "ɖ": "etc",
    "q": "etc",
    "c": "etc",
    "ɟ": "etc",
}

# Stress, length, tie bars, syllable marks and other diacritics that do not change the mouth.
_MARKS = re.compile("[ˈˌːˑ'\u0361\u035c.‿ʰʲʷ̩̯̃\u0303\u0329\u032f]")


def _ipa_key(label: str) -> str:
    text = unicodedata.normalize("NFD", label)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn" or ch in "\u0303")
    return _MARKS.sub("", text).lower()


def viseme_for(phoneme: str) -> str:
    """The viseme for one phoneme label from any engine; silence gives "rest", unknowns "etc"."""
    label = phoneme.strip()
    if label.lower() in SILENCE or label in SILENCE:
        return "rest"
    if label in ESPEAK:
        return ESPEAK[label]
    arpa = re.sub(r"[0-2]$", "", label).lower()
    if arpa in ARPABET:
        if arpa in ("ah", "ih") and label.endswith("0"):
            return "etc"  # unstressed: a schwa-like, barely open mouth
        return ARPABET[arpa]
    key = _ipa_key(label)
    if not key:
        return "rest"
    if key in IPA:
        return IPA[key]
    if key[:2] in ("tʃ", "dʒ", "ts", "dz"):
        return "U" if key[1] in "ʃʒ" else "etc"
    # Diphthongs and clusters: the first sound sets the shape the mouth moves from.
    for ch in key:
        if ch in IPA:
            return IPA[ch]
    return "etc"


def openness(viseme: str) -> float:
    return OPENNESS.get(viseme, OPENNESS["etc"])
