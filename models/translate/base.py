"""The translation role: a backend translates subtitle texts from one language to another.

Backends register under a language pair ("en-es"); `translator(source, target)` builds the one
for a pair or says clearly that no translator for it is installed.
"""

from __future__ import annotations

from typing import Protocol

from models.errors import BackendUnavailable
from models.registry import Registry

LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "hi": "Hindi", "fr": "French", "de": "German",
                  "it": "Italian", "pt": "Portuguese", "ja": "Japanese", "zh": "Chinese", "ar": "Arabic",
                  "ta": "Tamil", "bn": "Bengali", "ru": "Russian"}  # fmt: skip


class Translator(Protocol):
    name: str
    version: str
    source: str
    target: str

    def translate(self, texts: list[str]) -> list[str]:
        """One translation per text, in order; raise BackendUnavailable if the engine cannot run."""
        ...


TRANSLATORS: Registry[Translator] = Registry("translation")


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def translator(source: str, target: str) -> Translator:
    """The translator for `source` -> `target` (ISO 639-1 codes)."""
    import models.translate.apertium  # noqa: F401  (registers the apertium pairs)

    pair = f"{source}-{target}"
    if pair not in TRANSLATORS.names():
        available = ", ".join(TRANSLATORS.names()) or "none"
        raise BackendUnavailable(
            f"No translator from {language_name(source)} to {language_name(target)} is installed "
            f"(installed pairs: {available})."
        )
    return TRANSLATORS.create(pair)


def check_subtitle_languages(languages: list[str], source: str = "en") -> None:
    """Raise ValueError when a requested subtitle language has no installed translator."""
    for code in languages:
        if not isinstance(code, str) or not code.isalpha() or len(code) > 3:
            raise ValueError(f"Subtitle language {code!r} is not a language code such as 'es'.")
        if code == source:
            continue
        try:
            translator(source, code)
        except BackendUnavailable as missing:
            raise ValueError(str(missing)) from None
