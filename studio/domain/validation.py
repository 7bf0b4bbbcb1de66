"""Check a script and render options before anything is created, so bad input changes nothing."""

from __future__ import annotations

import math
from pathlib import Path

from models.breakdown import Breakdown
from models.errors import ScriptError
from models.script import build_breakdown
from models.voice.catalogue import UnknownVoice, get_voice
from studio.domain.errors import UserError
from studio.settings import MAX_DURATION_SECONDS, MAX_SCRIPT_BYTES, MIN_DURATION_SECONDS


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.02


def read_script(path: Path) -> str:
    """The script's text, or a UserError saying why it cannot be a script."""
    if not path.is_file():
        raise UserError(f"Script not found: {path}")
    size = path.stat().st_size
    if size > MAX_SCRIPT_BYTES:
        raise UserError(f"Script is {size:,} bytes; the limit is {MAX_SCRIPT_BYTES:,} bytes.")
    data = path.read_bytes()
    if _looks_binary(data):
        raise UserError(f"{path.name} is a binary file, not a text script.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"{path.name} is not UTF-8 text.") from None
    if not text.strip():
        raise UserError("The script is empty.")
    return text


def parse_voice_overrides(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """`NAME=VOICE_ID` pairs from the command line."""
    voices: dict[str, str] = {}
    for pair in pairs:
        name, sep, voice_id = pair.partition("=")
        if not sep or not name.strip() or not voice_id.strip():
            raise UserError(f"--voice takes NAME=VOICE_ID, not {pair!r}.")
        voices[name.strip()] = voice_id.strip()
    return voices


def check_duration(seconds: float | None) -> float | None:
    if seconds is None:
        return None
    if not math.isfinite(seconds) or seconds < MIN_DURATION_SECONDS or seconds > MAX_DURATION_SECONDS:
        raise UserError(
            f"Duration must be between {MIN_DURATION_SECONDS:g} and {MAX_DURATION_SECONDS:g} seconds, not {seconds:g}."
        )
    return float(seconds)


def preflight(text: str, duration: float | None) -> Breakdown:
    """Parse the script once up front; a script with nothing speakable is refused here."""
    try:
        return build_breakdown(text, requested_seconds=duration)
    except ScriptError as error:
        raise UserError(str(error)) from None


def check_voice_overrides(breakdown: Breakdown, voices: dict[str, str]) -> None:
    """Every overridden character exists in the script, every voice id is in the catalogue and
    can run here, and every other character speaks a language some installed voice speaks."""
    from models.voice.speak import installed_voices

    names = {character.name for character in breakdown.characters}
    installed = installed_voices()
    for name, voice_id in voices.items():
        if name not in names:
            raise UserError(f"No character named {name!r} in the script.")
        try:
            voice = get_voice(voice_id)
        except UnknownVoice as error:
            raise UserError(str(error)) from None
        if voice not in installed:
            raise UserError(
                f"Voice {voice_id!r} for {name!r} needs the {voice.engine} engine and its voice data, "
                "which are not installed here; pick another voice (`studio voices`)."
            )
    spoken = sorted({voice.language for voice in installed})
    for character in breakdown.characters:
        language = character.language.replace("_", "-").split("-")[0].lower() or "en"
        if character.name not in voices and language not in spoken:
            raise UserError(
                f"{character.name} speaks {language!r}, which no installed voice speaks (voices speak "
                f"{', '.join(spoken)}); cast a voice for them with --voice '{character.name}=VOICE_ID'."
            )
