"""Lip-sync measured on rendered frames: the mouth signal comes from the decoded clip's pixels, and
clips whose mouths are late, shuffled or still fail the 0.5 correlation bar."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lipsync"))
from test_lipsync_clip import RATE, art, frame_envelope, synthetic_speech  # noqa: E402

from models.edit.quality import LIPSYNC_MIN, measured_mouths, pixel_sync  # noqa: E402
from models.film.scene_cache import JsonCache  # noqa: E402
from models.image.views import mouth_boxes, resting_mouths  # noqa: E402
from models.lipsync.animator import Direction, Speech, render_clip  # noqa: E402
from models.lipsync.gestures import Gesture, LightChange  # noqa: E402
from models.voice.base import Timed  # noqa: E402

FPS, SECONDS = 24, 8.0
LINES = {"MAYA": (0.6, 3.0, 1), "ELIAS": (4.5, 2.5, 2)}  # speaker: start, seconds, seed


def _scores(tmp_path: Path, name: str, timing: str, gestures: list[Gesture] | None = None,
            record_moves: bool = True, cache: JsonCache | None = None,
            measured: dict[str, Any] | None = None, facing_sign: int = 1,
            lights: list[LightChange] | None = None, record_lights: bool = True) -> dict[str, float]:  # fmt: skip
    """Render a clip whose mouths follow the lines `timing` ("normal", "late" 0.7 s, "shuffled"
    phonemes and loudness, or "still": no mouth motion) and score it against the real audio; with
    `gestures` (a figure seated) the clip records where the figures moved unless `record_moves` is off
    (then a line whose mouth was out of the picture scores -1); the speakers turn to each other and
    the check is told each one's view times `facing_sign` (-1: the wrong side, 0: front); `lights`
    change the scene's light mid-clip, recorded for the check unless `record_lights` is off; with `cache`,
    through the kept measurements a re-render uses; `measured` receives what was measured (clip
    file, staging, rest, the recorded moves)."""
    picture = art((854, 480))
    audio, speech = {}, []
    for speaker, (start, seconds, seed) in LINES.items():
        samples, phonemes = synthetic_speech(seconds, seed)
        audio[speaker] = (start, samples)
        if timing == "late":
            speech.append(Speech(speaker, start + 0.7, phonemes, samples, RATE))
        elif timing == "shuffled":  # the same sounds in a different order: 0.25 s chunks permuted
            chunk = RATE // 4
            pieces = [samples[i : i + chunk] for i in range(0, samples.size, chunk)]
            order = np.random.default_rng(seed).permutation(len(pieces))
            mixed = np.concatenate([pieces[i] for i in order])
            shuffled = [Timed(p.label, p.start, p.end) for p in np.random.default_rng(seed).permutation(phonemes)]
            speech.append(Speech(speaker, start, sorted(shuffled, key=lambda p: p.start), mixed, RATE))
        elif timing == "normal":
            speech.append(Speech(speaker, start, phonemes, samples, RATE))
    path = tmp_path / f"{name}.mp4"
    stats = render_clip(
        picture, speech, SECONDS, FPS, path, direction=Direction(gestures=gestures or [], lights=lights or [])
    )
    moves = {n: [[*row[:4], row[4] * facing_sign] for row in rows] for n, rows in stats.figure_moves.items()}
    clip = {"figure_moves": moves if record_moves else {}, "size": list(picture.size),
            "mouth_boxes": {n: list(a.mouth_box) for n, a in picture.actors.items()},
            "view_mouth_boxes": mouth_boxes(picture),
            "shots": [{"start": s.start, "end": s.end, "begin": [s.begin.cx, s.begin.cy, s.begin.zoom],
                       "finish": [s.finish.cx, s.finish.cy, s.finish.zoom]} for s in stats.shots],
            "light_changes": [vars(light) for light in lights or []] if record_lights else []}  # fmt: skip
    rest = resting_mouths(picture)
    mouths = measured_mouths(path, clip, FPS, rest, cache)
    if measured is not None:
        measured.update(path=path, clip=clip, rest=rest, moves=stats.figure_moves)
    scores = {}
    for speaker, (start, samples) in audio.items():
        envelope = frame_envelope(samples, start, stats.frames, FPS)
        first, last = int((start - 0.25) * FPS), int(np.ceil((start + samples.size / RATE + 0.25) * FPS))
        value, _, visible = pixel_sync(mouths[speaker], envelope, first, last)
        assert visible > 0.6 or not record_moves
        scores[speaker] = value if visible > 0.6 else -1.0
    return scores


def test_mouths_that_follow_the_speech_pass(tmp_path: Path) -> None:
    scores = _scores(tmp_path, "normal", "normal")
    assert min(scores.values()) >= LIPSYNC_MIN, scores


@pytest.mark.parametrize("timing", ["late", "shuffled", "still"])
def test_late_shuffled_or_still_mouths_fail(tmp_path: Path, timing: str) -> None:
    scores = _scores(tmp_path, timing, timing)
    assert max(scores.values()) < LIPSYNC_MIN, scores


def test_a_kept_measurement_is_never_given_to_a_changed_clip(tmp_path: Path) -> None:
    """A re-render reuses the measurement of a clip whose bytes are unchanged, and measures a clip
    rendered again with late mouths at the same path afresh: it fails, as it does uncached."""
    cache, seen = JsonCache(tmp_path / "kept"), {}
    fresh = _scores(tmp_path, "scene", "normal", cache=cache, measured=seen)
    [entry] = (tmp_path / "kept").rglob("*.json")
    kept = json.loads(entry.read_text())
    entry.write_text(json.dumps({name: [0.5] * len(values) for name, values in kept.items()}))  # a marker
    again = measured_mouths(seen["path"], seen["clip"], FPS, seen["rest"], cache)
    assert {name: set(values.tolist()) for name, values in again.items()} == {name: {0.5} for name in kept}
    late = _scores(tmp_path, "scene", "late", cache=cache)  # the same file name, new pixels: not the marker
    assert min(fresh.values()) >= LIPSYNC_MIN > max(late.values()), (fresh, late)
    assert len(list((tmp_path / "kept").rglob("*.json"))) == 2


def test_a_seated_speakers_mouth_is_measured_where_the_figure_sits(tmp_path: Path) -> None:
    seated = [Gesture("MAYA", "sit", 0.0, 0.5), Gesture("ELIAS", "crouch", 0.0, 0.5)]
    scores = _scores(tmp_path, "seated", "normal", seated)
    assert min(scores.values()) >= LIPSYNC_MIN, scores
    blind = _scores(tmp_path, "seated_blind", "normal", seated, record_moves=False)  # looking at the old place
    assert max(blind.values()) < LIPSYNC_MIN, (scores, blind)


def test_a_turned_speakers_mouth_is_measured_in_the_view_shown(tmp_path: Path) -> None:
    """The two speakers turn to each other (ELIAS, on the right, mirrored to face left): measured
    where the recorded facing puts each mouth, both pass; told the wrong side, the check looks at
    the mirrored view's mouth and fails, so it reads the recorded facing."""
    seen: dict[str, Any] = {}
    scores = _scores(tmp_path, "turned", "normal", measured=seen)
    facings = {name: {row[4] for row in rows} for name, rows in seen["moves"].items()}
    assert facings == {"MAYA": {0, 1}, "ELIAS": {0, -1}}, facings  # front until the talk, then turned
    assert min(scores.values()) >= LIPSYNC_MIN, scores
    wrong = _scores(tmp_path, "turned_wrong", "normal", facing_sign=-1)
    assert max(wrong.values()) < LIPSYNC_MIN, (scores, wrong)


def test_a_speakers_mouth_is_measured_under_the_light_the_scene_changes_to(tmp_path: Path) -> None:
    """A lamp lit in the middle of each line brightens every pixel after it (t111's close-up scored
    0.40 for mouths that followed the speech). Compared with the resting mouth under the same light,
    both pass; compared with the unlit one, the step in brightness swamps the mouth and they fail;
    late mouths under the light still fail."""
    lamp = [LightChange(1.6, 0.12), LightChange(5.5, -0.05)]
    scores = _scores(tmp_path, "lit", "normal", lights=lamp)
    assert min(scores.values()) >= LIPSYNC_MIN, scores
    unlit = _scores(tmp_path, "lit_unrecorded", "normal", lights=lamp, record_lights=False)
    assert min(unlit.values()) < LIPSYNC_MIN, (scores, unlit)
    late = _scores(tmp_path, "lit_late", "late", lights=lamp)
    assert max(late.values()) < LIPSYNC_MIN, late
