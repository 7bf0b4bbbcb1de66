"""voice_tracks for a podcast: two distinct voices, natural measured gaps, interruptions overlap,
delivery in the cache key, and unchanged scenes reused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf

from models.breakdown import Breakdown
from models.film.scene_cache import SceneCache
from models.film.voicing import placed_takes, scene_voice_key, voice_film
from models.script import build_breakdown
from models.script.options import apply_options
from models.voice.casting import base_voice, cast
from models.voice.catalogue import get_voice

SAMPLES = Path(__file__).resolve().parents[3] / "samples"


def _podcast() -> Breakdown:
    return apply_options(build_breakdown((SAMPLES / "podcast.txt").read_text()), "auto")


def _audible_gaps(manifest: dict) -> list[float]:
    """Silence between one speaker's last word and the next speaker's first, on the film clock."""
    placed = placed_takes(manifest)
    gaps = []
    for (a, a_start, _), (b, b_start, _) in zip(placed, placed[1:]):
        gaps.append((b_start + b["words"][0][1]) - (a_start + a["words"][-1][2]))
    return gaps


def test_podcast_has_two_voices_and_natural_gaps_even_when_stretched(tmp_path: Path) -> None:
    breakdown = _podcast()
    assert breakdown.mode == "podcast"
    voices = cast(breakdown.characters)
    assert len(set(voices.values())) == 2
    assert len({base_voice(get_voice(v)) for v in voices.values()}) == 2  # two people, not one re-pitched
    cache = SceneCache(tmp_path / "cache")
    (tmp_path / "a").mkdir()
    first = voice_film(breakdown, voices, tmp_path / "a", cache)
    assert first["mode"] == "podcast"
    assert {take["voice"] for take in first["takes"]} == set(voices.values())
    gaps = _audible_gaps(first)
    assert len(gaps) == 6 and all(0.15 <= g <= 1.5 for g in gaps), gaps
    # Asked for twice its natural length, the podcast keeps conversational pauses.
    breakdown.requested_seconds = round(first["duration"] * 2, 1)
    (tmp_path / "b").mkdir()
    stretched = voice_film(breakdown, voices, tmp_path / "b", cache)
    assert stretched["scenes_reused"] == ["s01"] and stretched["scenes_recomputed"] == []
    assert abs(stretched["duration"] - breakdown.requested_seconds) < 0.01
    assert all(0.15 <= g <= 1.5 for g in _audible_gaps(stretched)), (gaps, _audible_gaps(stretched))
    audio, rate = sf.read(str(tmp_path / "b" / first["takes"][0]["file"]))
    assert rate > 0 and float(np.sqrt(np.mean(audio**2))) > 0.01


def test_an_interrupted_line_is_talked_over(tmp_path: Path) -> None:
    breakdown = apply_options(
        build_breakdown("ALEX: I was just about to say that the river--\nSAM: No, wait, listen to me."), "auto"
    )
    voices = cast(breakdown.characters)
    manifest = voice_film(breakdown, voices, tmp_path)
    (first, _, first_end), (second, second_start, _) = placed_takes(manifest)
    assert second_start < first_end  # light overlap
    assert first_end - second_start < 0.5


def test_delivery_is_part_of_the_scene_key() -> None:
    breakdown = build_breakdown("ALEX: We should go now.\nSAM: I know.")
    voices = cast(breakdown.characters)
    scene = breakdown.scenes[0]
    before = scene_voice_key(scene, voices)
    assert scene_voice_key(scene, voices) == before
    scene.lines[0].parenthetical = "whispering"
    assert scene_voice_key(scene, voices) != before
    scene.lines[0].parenthetical = None
    scene.lines[0].kind = "chant"
    assert scene_voice_key(scene, voices) != before
