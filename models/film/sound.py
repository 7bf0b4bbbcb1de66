"""The film's score (composed, or the creator's own music) and its final mix."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import soundfile as sf

from models.audio.ambience import ROOM_TONE_RELATIVE_LU, room_tone
from models.audio.beats import estimate_beats
from models.audio.fit import fit_to_length, load_music
from models.audio.mix import mix
from models.audio.presets import loudness_preset
from models.breakdown import Breakdown
from models.edit.dialogue import FILM_SAMPLE_RATE, PlacedTake, assemble_dialogue
from models.film.voicing import film_timeline, placed_takes, take_path
from models.music.base import MUSIC_BACKENDS, Cue
from models.music.composer import beat_map
from models.music.styles import cue_family

SCORE_BACKEND = "midi-soundfont"
USER_MUSIC_BACKEND, USER_MUSIC_VERSION = "user-file", "1.0"
DRONE_LEAD_IN, DRONE_TAIL = 0.8, 1.2  # the drone settles before the first syllable and rings past the last
DRONE_RELATIVE_LU = -14.0  # the drone under a chant, relative to the dialogue; it is not ducked
DRONE_MIN_GAP = 2.0  # chants closer than this share one drone


def chant_spans(breakdown: Breakdown, voice_manifest: dict[str, Any]) -> list[tuple[float, float]]:
    """Film-time spans of the lines marked `kind == "chant"`, widened for the drone and merged."""
    kinds = {(scene.scene_id, i): line.kind for scene, i, line in breakdown.spoken_lines()}
    duration = film_timeline(voice_manifest).duration
    spans: list[tuple[float, float]] = []
    for take, start, end in placed_takes(voice_manifest):
        if kinds.get((take["scene_id"], take["index"])) != "chant":
            continue
        lo, hi = max(0.0, start - DRONE_LEAD_IN), min(duration, end + DRONE_TAIL)
        if spans and lo - spans[-1][1] < DRONE_MIN_GAP:
            spans[-1] = (spans[-1][0], max(spans[-1][1], hi))
        else:
            spans.append((lo, hi))
    return spans


def score_cues(breakdown: Breakdown, voice_manifest: dict[str, Any], music_style: str = "auto") -> list[Cue]:
    """One cue per scene on the film's clock; its family is the creator's style or the scene's culture."""
    scenes = {scene.scene_id: scene for scene in breakdown.scenes}
    cues = []
    for span in film_timeline(voice_manifest).scenes:
        scene = scenes[span.scene_id]
        chanted = any(line.kind == "chant" for line in scene.lines)
        family = cue_family(music_style, scene.culture, chanted)
        cues.append(Cue(span.scene_id, scene.mood, family, span.start, span.duration))
    return cues


def _user_score(music_file: Path, length: float, out_dir: Path) -> dict[str, Any]:
    if not music_file.is_file():
        raise FileNotFoundError(f"The film's music file {music_file.name!r} is missing from the uploads; add it again.")
    n = round(length * FILM_SAMPLE_RATE)
    music, loops = fit_to_length(load_music(music_file, FILM_SAMPLE_RATE), n, FILM_SAMPLE_RATE)
    sf.write(out_dir / "score.wav", music, FILM_SAMPLE_RATE, subtype="PCM_16")
    bpm, beats = estimate_beats(music, FILM_SAMPLE_RATE, length)
    return {"backend": USER_MUSIC_BACKEND, "version": USER_MUSIC_VERSION, "source": music_file.name,
            "loops": loops, "beat_map": {"beats": beats, "downbeats": beats[::4], "estimated_bpm": bpm,
                                         "source": "estimated from the file's onsets"}}  # fmt: skip


def _composer(cache_dir: Path | None) -> Any:
    composer = MUSIC_BACKENDS.create(SCORE_BACKEND)
    if cache_dir is not None and hasattr(composer, "levels_cache"):
        composer.levels_cache = cache_dir  # the soundfont's preset levels, measured once per install
    return composer


def _drone(spans: list[tuple[float, float]], backend: Any, seed: int, out_dir: Path) -> str | None:
    """Render the tanpura drone for the chant spans on the score's tonic; None when there are none."""
    if not spans:
        return None
    drone_cues = [Cue(f"chant{i + 1}", "calm", "drone", lo, hi - lo) for i, (lo, hi) in enumerate(spans)]
    sf.write(out_dir / "drone.wav", backend.render(drone_cues, FILM_SAMPLE_RATE, seed), FILM_SAMPLE_RATE,
             subtype="PCM_16")  # fmt: skip
    return "drone.wav"


def score(
    breakdown: Breakdown,
    voice_manifest: dict[str, Any],
    out_dir: Path,
    seed: int = 0,
    music_style: str = "auto",
    music_file: str | Path | None = None,
    cache_dir: Path | None = None,
) -> dict[str, Any]:
    """The film's music: a MIDI cue per scene from its mood and culture (or `music_style`), rendered
    with a GM soundfont, or the creator's `music_file` looped or trimmed to the film; a beat map in
    film seconds; and a tanpura drone under every chanted line."""
    started = time.perf_counter()
    cues = score_cues(breakdown, voice_manifest, music_style)
    length = film_timeline(voice_manifest).duration
    spans = chant_spans(breakdown, voice_manifest)
    composer = None
    if music_file is not None:
        manifest = _user_score(Path(music_file), length, out_dir)
    else:
        composer = _composer(cache_dir)
        sf.write(out_dir / "score.wav", composer.render(cues, FILM_SAMPLE_RATE, seed), FILM_SAMPLE_RATE,
                 subtype="PCM_16")  # fmt: skip
        manifest = {"backend": composer.name, "version": composer.version, "beat_map": beat_map(cues)}
    render_seconds = time.perf_counter() - started
    if spans:
        composer = composer or _composer(cache_dir)
        manifest["drone"] = _drone(spans, composer, seed, out_dir)
        manifest["drone_version"] = composer.version
    return {
        "file": "score.wav",
        **manifest,
        "music_style": music_style,
        "duration": round(length, 3),
        "render_seconds": round(render_seconds, 3),
        "realtime_factor": round(render_seconds / length, 4) if length else None,
        "chant_spans": [[round(lo, 3), round(hi, 3)] for lo, hi in spans],
        "cues": [
            {"scene_id": c.scene_id, "mood": c.mood, "culture": c.culture, "start": c.start, "duration": c.duration}
            for c in cues
        ],  # fmt: skip
    }


def _read(path: Path) -> np.ndarray:
    samples, _ = sf.read(path, dtype="float32")
    return samples


def mix_film(
    voice_manifest: dict[str, Any],
    score_manifest: dict[str, Any],
    out_dir: Path,
    loudness: str = "youtube",
    podcast: bool = False,
    seed: int = 0,
) -> dict[str, Any]:
    """Cleaned dialogue over the ducked score (plus the chant drone, and room tone in podcast mode),
    normalised to the loudness preset: youtube -14 LUFS or broadcast -23 LUFS, true peak <= -1 dBTP."""
    preset = loudness_preset(loudness)
    started = time.perf_counter()
    duration = film_timeline(voice_manifest).duration
    takes = []
    for take, start, _end in placed_takes(voice_manifest):
        samples, rate = sf.read(take_path(voice_manifest, take), dtype="float32")
        takes.append(PlacedTake(start, samples, rate))
    dialogue = assemble_dialogue(takes, duration)
    del takes
    n = len(dialogue)
    score_dir = Path(score_manifest["dir"])
    beds: list[tuple[np.ndarray, float]] = []
    if score_manifest.get("drone"):
        beds.append((_read(score_dir / score_manifest["drone"]), DRONE_RELATIVE_LU))
    if podcast:
        beds.append((room_tone(n, FILM_SAMPLE_RATE, seed), ROOM_TONE_RELATIVE_LU))
    result = mix(dialogue, _read(score_dir / score_manifest["file"]), FILM_SAMPLE_RATE,
                 target_lufs=preset.target_lufs, max_true_peak=preset.max_true_peak, beds=beds)  # fmt: skip
    del beds
    sf.write(out_dir / "mix.wav", result.samples, FILM_SAMPLE_RATE, subtype="PCM_24")
    stem = result.dialogue if result.dialogue is not None else dialogue
    peak = float(np.max(np.abs(stem))) if len(stem) else 0.0
    if peak > 0.99:  # the stem is for recognition and editors: keep 16-bit PCM from clipping
        stem *= np.float32(0.99 / peak)
    sf.write(out_dir / "dialogue.wav", stem, FILM_SAMPLE_RATE, subtype="PCM_16")
    seconds = time.perf_counter() - started
    return {
        "file": "mix.wav",
        "dialogue": "dialogue.wav",
        "sample_rate": FILM_SAMPLE_RATE,
        "duration": round(duration, 3),
        "loudness_preset": preset.name,
        "target_lufs": preset.target_lufs,
        "max_true_peak": preset.max_true_peak,
        "integrated_lufs": round(result.loudness.integrated_lufs, 2),
        "true_peak_dbtp": round(result.loudness.true_peak_dbtp, 2),
        "room_tone": podcast,
        "drone": bool(score_manifest.get("drone")),
        "mix_seconds": round(seconds, 3),
    }


def check_sound_options(music_file: str | None, subtitle_languages: list[str]) -> None:
    """Refuse, before anything is created, music that is not usable MP3/WAV of at most 50 MB and
    subtitle languages no installed translator serves (ValueError with the reason)."""
    from models.audio.upload import check_music_file
    from models.translate.base import check_subtitle_languages

    if music_file:
        check_music_file(music_file)
    check_subtitle_languages(list(subtitle_languages or []))
