"""The parser's spaCy model loads without torch (a second and 180 MB a process it never used),
and torch stays importable for the matchers by meaning that do use it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import sys
from models.script.nlp import english
tags = [t.pos_ for t in english()("The old woman lit a lamp.")]
print(tags, "torch" in sys.modules)
import torch
print(torch.tensor([2.0]).sum().item())
"""


def test_the_parser_loads_without_torch_and_torch_still_imports_after() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    first, second = out.stdout.strip().splitlines()[-2:]
    assert first == "['DET', 'ADJ', 'NOUN', 'VERB', 'DET', 'NOUN', 'PUNCT'] False"
    assert second == "2.0"
