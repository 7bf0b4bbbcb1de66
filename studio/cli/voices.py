"""Bodies of `studio voices` and `studio say` (the click wiring lives in studio/cli/main.py)."""

from __future__ import annotations

import json
from pathlib import Path

import soundfile as sf

from studio.domain.errors import UserError


def voice_rows() -> list[dict[str, str]]:
    """Every catalogue voice as the JSON objects `studio voices --json` prints, with its measured
    intelligibility ("not measured" when nobody measured it)."""
    from models.voice.catalogue import CATALOGUE
    from models.voice.intelligibility import intelligibility_label

    return [
        {
            "id": v.id,
            "name": v.name,
            "engine": v.engine,
            "age": v.age,
            "gender": v.gender,
            "language": v.language,
            "intelligibility": intelligibility_label(v.id, v.language),
        }
        for v in CATALOGUE
    ]


def voices_text(as_json: bool) -> str:
    """The catalogue as JSON (a list of objects) or as an aligned table."""
    rows = voice_rows()
    if as_json:
        return json.dumps(rows, ensure_ascii=False, indent=2)
    columns = ("id", "name", "engine", "age", "gender", "language")
    widths = {c: max(len(c), *(len(row[c]) for row in rows)) for c in columns}
    lines = ["  ".join(c.upper().ljust(widths[c]) for c in columns)]
    lines += ["  ".join(row[c].ljust(widths[c]) for c in columns) for row in rows]
    return "\n".join(line.rstrip() for line in lines)


def _check_out(out: Path) -> Path:
    if out.suffix.lower() != ".wav":
        raise UserError(f"--out must name a .wav file, not {out.name!r}.")
    if out.exists() and out.is_dir():
        raise UserError(f"--out {out} is a folder; name a .wav file.")
    if not out.parent.is_dir():
        raise UserError(f"The folder for --out does not exist: {out.parent}")
    return out


def say(voice_id: str, text: str, out: Path) -> dict[str, float | str]:
    """Speak `text` with `voice_id` into the WAV file `out`; nothing is written on bad input."""
    from models.errors import BackendUnavailable
    from models.voice.catalogue import UnknownVoice, get_voice
    from models.voice.speak import synthesize
    from models.voice.text import clean_text

    out = _check_out(Path(out))
    try:
        voice = get_voice(voice_id)
        clean_text(text)
    except (UnknownVoice, ValueError, TypeError) as error:
        raise UserError(str(error)) from None
    try:
        take = synthesize(text, voice.id)
    except BackendUnavailable as error:
        raise UserError(str(error)) from None
    except ValueError as error:  # the engine found nothing it can pronounce
        raise UserError(str(error)) from None
    sf.write(str(out), take.samples, take.sample_rate, subtype="PCM_16")
    return {"voice": voice.id, "seconds": round(take.duration, 3), "file": str(out)}
