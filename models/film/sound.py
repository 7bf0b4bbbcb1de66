"""The film's score and its final mix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import soundfile as sf

from models.audio.mix import mix
from models.breakdown import Breakdown
from models.edit.dialogue import FILM_SAMPLE_RATE, PlacedTake, assemble_dialogue
from models.film.voicing import film_timeline, placed_takes, take_path
from models.music.base import MUSIC_BACKENDS, Cue

SCORE_BACKEND = "midi-soundfont"


def score(breakdown: Breakdown, voice_manifest: dict[str, Any], out_dir: Path, seed: int = 0) -> dict[str, Any]:
    """One music cue per scene, from its mood and cultural context, on the film's clock."""
    moods = {scene.scene_id: scene for scene in breakdown.scenes}
    cues = [
        Cue(span.scene_id, moods[span.scene_id].mood, moods[span.scene_id].culture, span.start, span.duration)
        for span in film_timeline(voice_manifest).scenes
    ]
    backend = MUSIC_BACKENDS.create(SCORE_BACKEND)
    music = backend.render(cues, FILM_SAMPLE_RATE, seed)
    sf.write(out_dir / "score.wav", music, FILM_SAMPLE_RATE, subtype="PCM_16")
    return {
        "file": "score.wav",
        "backend": backend.name,
        "version": backend.version,
        "cues": [{"scene_id": c.scene_id, "mood": c.mood, "culture": c.culture, "start": c.start,
                  "duration": c.duration} for c in cues],  # fmt: skip
    }


def mix_film(voice_manifest: dict[str, Any], score_manifest: dict[str, Any], out_dir: Path) -> dict[str, Any]:
    """Dialogue over the ducked score, normalised for YouTube (-14 LUFS, true peak <= -1 dBTP)."""
    duration = film_timeline(voice_manifest).duration
    takes = []
    for take, start, _end in placed_takes(voice_manifest):
        samples, rate = sf.read(take_path(voice_manifest, take), dtype="float32")
        takes.append(PlacedTake(start, samples, rate))
    dialogue = assemble_dialogue(takes, duration)
    music, _ = sf.read(Path(score_manifest["dir"]) / score_manifest["file"], dtype="float32")
    result = mix(dialogue, music, FILM_SAMPLE_RATE)
    sf.write(out_dir / "mix.wav", result.samples, FILM_SAMPLE_RATE, subtype="PCM_24")
    sf.write(out_dir / "dialogue.wav", dialogue, FILM_SAMPLE_RATE, subtype="PCM_16")
    return {
        "file": "mix.wav",
        "dialogue": "dialogue.wav",
        "sample_rate": FILM_SAMPLE_RATE,
        "duration": round(duration, 3),
        "integrated_lufs": round(result.loudness.integrated_lufs, 2),
        "true_peak_dbtp": round(result.loudness.true_peak_dbtp, 2),
    }
