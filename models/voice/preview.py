"""A short preview of each catalogue voice, spoken once and cached by voice id and engine version.

The Gradio casting page and `studio voices` call `voice_preview`; a new engine version or a
change of the voice's processing makes a new file, an unchanged voice is served from the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import soundfile as sf

from models.voice.catalogue import get_voice
from models.voice.dsp import DSP_VERSION
from models.voice.speak import backend_versions, synthesize

# One fixed sentence per language: short, with varied sounds, the same for every voice.
PREVIEW_TEXT = {
    "en": "Hello! This is how I sound when I tell your story.",
    "es": "¡Hola! Así suena mi voz cuando cuento tu historia.",
    "hi": "नमस्ते! जब मैं आपकी कहानी सुनाता हूँ, तो मेरी आवाज़ ऐसी लगती है।",
}


def preview_text(language: str) -> str:
    return PREVIEW_TEXT.get(language, PREVIEW_TEXT["en"])


def _cache_name(voice_id: str) -> str:
    voice = get_voice(voice_id)
    version = backend_versions().get(voice.engine, "unknown")
    fingerprint = json.dumps([voice.params, version, DSP_VERSION, preview_text(voice.language)], ensure_ascii=False)
    digest = hashlib.sha256(fingerprint.encode("utf-8")).hexdigest()[:12]
    return f"{voice_id}-{digest}.wav"


def voice_preview(voice_id: str, cache_dir: Path) -> Path:
    """The preview WAV of `voice_id` in `cache_dir`, synthesized on first use.

    Raises UnknownVoice for an id not in the catalogue and BackendUnavailable when the voice's
    engine is not installed. The file is written to a temporary name and renamed, so a reader
    never sees half a preview.
    """
    voice = get_voice(voice_id)
    cache_dir = Path(cache_dir)
    target = cache_dir / _cache_name(voice_id)
    if target.is_file():
        return target
    take = synthesize(preview_text(voice.language), voice.id)
    cache_dir.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{voice_id}-", suffix=".wav", dir=cache_dir)
    os.close(handle)
    try:
        sf.write(temp, take.samples, take.sample_rate, subtype="PCM_16")
        os.replace(temp, target)
    finally:
        Path(temp).unlink(missing_ok=True)
    return target
