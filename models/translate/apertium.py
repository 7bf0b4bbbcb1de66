"""Apertium (Debian `apertium` + `apertium-eng-spa`): rule-based English <-> Spanish, fully offline.

Rough but real. Every text of a film goes through one apertium process, separated by blank lines,
which apertium keeps as paragraph breaks; unknown words pass through unmarked (`-u`).
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

from models.errors import BackendUnavailable
from models.translate.base import TRANSLATORS, language_name

MODES = {("en", "es"): "eng-spa", ("es", "en"): "spa-eng"}
MODE_DIRS = (Path("/usr/share/apertium/modes"), Path("/usr/local/share/apertium/modes"))
TIMEOUT_SEC = 120.0


@cache
def apertium_exe() -> str:
    found = shutil.which("apertium")
    if not found:
        raise BackendUnavailable("The apertium program is not installed (apt-get install apertium apertium-eng-spa).")
    return found


def _version() -> str:
    for path in (Path("/usr/share/doc/apertium-eng-spa/changelog.Debian.gz"),):
        if path.exists():
            import gzip

            first = gzip.open(path, "rt", errors="replace").readline()
            if "(" in first:
                return "apertium-eng-spa " + first.split("(")[1].split(")")[0]
    return "apertium-eng-spa"


class ApertiumTranslator:
    def __init__(self, source: str, target: str) -> None:
        self.source, self.target = source, target
        self.mode = MODES[(source, target)]
        apertium_exe()
        if not any((folder / f"{self.mode}.mode").is_file() for folder in MODE_DIRS):
            raise BackendUnavailable(
                f"Apertium has no {language_name(source)}-{language_name(target)} data "
                "(apt-get install apertium-eng-spa)."
            )
        self.name = f"apertium-{self.mode}"
        self.version = _version()

    def _run(self, text: str) -> str:
        result = subprocess.run(
            [apertium_exe(), "-u", self.mode], input=text, capture_output=True, text=True, timeout=TIMEOUT_SEC
        )
        if result.returncode != 0:
            raise RuntimeError(f"apertium {self.mode} failed: {result.stderr.strip()[:200]}")
        return result.stdout

    def translate(self, texts: list[str]) -> list[str]:
        """Each text translated; one process for all of them, one per text if the batch loses a break."""
        flat = [" ".join(t.split()) for t in texts]
        if not flat:
            return []
        parts = [p.strip() for p in self._run("\n\n".join(flat) + "\n").split("\n\n")]
        parts = [p for p in parts if p] if len(parts) != len(flat) else parts
        if len(parts) != len(flat):
            parts = [self._run(t + "\n").strip() if t else "" for t in flat]
        return [" ".join(p.split()) for p in parts]


def _register(source: str, target: str) -> None:
    @TRANSLATORS.register(f"{source}-{target}")
    def _factory() -> ApertiumTranslator:
        return ApertiumTranslator(source, target)


for _source, _target in MODES:
    _register(_source, _target)
