"""Running the command-line speech engines safely and reading what they write."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np

from models.errors import BackendUnavailable, StudioModelError


def require(program: str, package: str) -> str:
    """Absolute path of `program`, or BackendUnavailable naming the Debian package to install."""
    path = shutil.which(program)
    if path is None:
        raise BackendUnavailable(
            f"The {program!r} program is not installed: install the Debian package {package} "
            f"(apt-get install {package})."
        )
    return path


def run(args: list[str], timeout: float = 120.0, check: bool = True) -> str:
    """Run an engine without a shell (text travels in files, never in argv) and return stdout."""
    try:
        done = subprocess.run(args, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise StudioModelError(f"{Path(args[0]).name} took longer than {timeout:.0f} s and was stopped.") from None
    stdout = done.stdout.decode("utf-8", "replace")
    if done.returncode < 0:
        raise StudioModelError(f"{Path(args[0]).name} crashed (signal {-done.returncode}).")
    if check and done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise StudioModelError(
            f"{Path(args[0]).name} failed with exit status {done.returncode}: {' / '.join(detail) or 'no message'}."
        )
    return stdout


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """Mono float32 samples in [-1, 1] and the sample rate of a WAV file an engine wrote."""
    import soundfile

    if not path.exists() or path.stat().st_size <= 44:
        raise StudioModelError(f"The engine wrote no audio to {path.name}.")
    samples, rate = soundfile.read(str(path), dtype="float32", always_2d=True)
    mono = samples.mean(axis=1) if samples.shape[1] > 1 else samples[:, 0]
    return np.clip(mono, -1.0, 1.0).astype(np.float32), int(rate)
