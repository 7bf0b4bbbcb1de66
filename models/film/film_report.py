"""The figures a film's render reports to MLflow: backend versions, real-time factors, quality.

Real-time factor (RTF) = seconds of compute per second of audio (below 1 is faster than real time).
Voice RTF per engine comes from the takes' own synthesis times when the voice manifest carries them
(`synth_seconds`); otherwise from a probe: the engine, warmed up, speaks a fixed sentence once and
the figure is kept per engine version under the cache folder, so a render pays for it only once.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from integrations.tracking import BackendVersion, FilmRun, render_metrics
from models.voice.catalogue import get_voice

PROBE_TEXT = "The keeper climbed the narrow stairs to light the lamp before the storm arrived."


def _probe(voice_id: str) -> float:
    from models.voice.speak import synthesize

    synthesize("Hello.", voice_id)  # load the engine's model first: a render pays that once per process
    started = time.perf_counter()
    take = synthesize(PROBE_TEXT, voice_id)
    return (time.perf_counter() - started) / max(take.duration, 1e-6)


def voice_rtf(voice_manifest: dict[str, Any], versions: dict[str, str], cache_dir: Path) -> dict[str, dict[str, Any]]:
    """Engine -> {"rtf", "source", "audio_seconds"} for every engine that spoke in the film."""
    by_engine: dict[str, dict[str, Any]] = {}
    for take in voice_manifest["takes"]:
        engine = get_voice(take["voice"]).engine
        entry = by_engine.setdefault(engine, {"audio": 0.0, "compute": 0.0, "timed": True, "voice": take["voice"]})
        entry["audio"] += float(take["duration"])
        if "synth_seconds" in take:
            entry["compute"] += float(take["synth_seconds"])
        else:
            entry["timed"] = False
    result = {}
    for engine, entry in by_engine.items():
        if entry["timed"] and entry["audio"] > 0:
            result[engine] = {"rtf": round(entry["compute"] / entry["audio"], 4), "source": "takes",
                              "audio_seconds": round(entry["audio"], 3)}  # fmt: skip
            continue
        version = versions.get(engine, "unknown")
        cached = cache_dir / f"{engine}-{''.join(c if c.isalnum() else '_' for c in version)}.json"
        if cached.is_file():
            rtf = float(json.loads(cached.read_text())["rtf"])
        else:
            rtf = _probe(entry["voice"])
            cache_dir.mkdir(parents=True, exist_ok=True)
            cached.write_text(json.dumps({"engine": engine, "version": version, "rtf": rtf, "text": PROBE_TEXT}))
        result[engine] = {"rtf": round(rtf, 4), "source": "probe", "audio_seconds": round(entry["audio"], 3)}
    return result


def film_run(film_id: str, dagster_run_id: str, voice_manifest: dict[str, Any], score_manifest: dict[str, Any],
             mix_manifest: dict[str, Any], subtitles_manifest: dict[str, Any], rtf_cache: Path) -> FilmRun:  # fmt: skip
    """Everything one render logs: every voice and music backend version (plus the recognizer and
    translators used), real-time factor per engine, WER, cue timing, loudness and true peak."""
    from models.voice.speak import backend_versions

    versions = backend_versions()
    backends = [BackendVersion("voice", name, version) for name, version in sorted(versions.items())]
    backends.append(BackendVersion("music", score_manifest["backend"], score_manifest["version"]))
    for role, used in (("asr", subtitles_manifest["recognizers"]), ("translation", subtitles_manifest["translators"])):
        backends += [BackendVersion(role, entry["name"], entry["version"]) for entry in used.values()]
    rtf = voice_rtf(voice_manifest, versions, rtf_cache)
    metrics: dict[str, float | None] = {f"rtf.voice.{engine}": entry["rtf"] for engine, entry in rtf.items()}
    metrics |= {"rtf.music": score_manifest.get("realtime_factor"),
                "rtf.asr": subtitles_manifest["asr_realtime_factor"],
                "wer": subtitles_manifest["wer"], "median_cue_offset_ms": subtitles_manifest["median_cue_offset_ms"],
                "integrated_lufs": mix_manifest["integrated_lufs"], "true_peak_dbtp": mix_manifest["true_peak_dbtp"],
                "duration_s": mix_manifest["duration"], "cues": subtitles_manifest["cues"]}  # fmt: skip
    params = {"loudness_preset": mix_manifest.get("loudness_preset"), "music_style": score_manifest.get("music_style"),
              "subtitle_languages": ",".join(subtitles_manifest["languages"]),
              "voice_rtf_source": ",".join(f"{e}:{r['source']}" for e, r in rtf.items())}  # fmt: skip
    return FilmRun(film_id, dagster_run_id, params=params, metrics=render_metrics(metrics), backends=backends)
