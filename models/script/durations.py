"""Scene timing: a natural length per scene from its words and beats, fitted to a requested total.

Natural pace is 2.5 spoken words a second with a short pause between lines, plus 1.5 s for
each action beat nobody reads aloud, and never less than a few seconds per scene.
"""

from __future__ import annotations

from models.breakdown import Scene
from models.script.markup import squash, word_count

WORDS_PER_SECOND = 2.5
LINE_PAUSE_S = 0.4  # breath between lines
BEAT_S = 1.5  # a silent action beat
MIN_SCENE_S = 3.0


def line_seconds(text: str) -> float:
    return word_count(text) / WORDS_PER_SECOND


def spoken_seconds(scenes: list[Scene]) -> float:
    """Seconds the spoken words alone need at the natural pace (no pauses, no beats)."""
    return sum(line_seconds(line.text) for scene in scenes for line in scene.lines if not line.dual)


def scene_speech_seconds(scene: Scene) -> float:
    """Speech time of one scene; a dual line overlaps the line before it."""
    total, previous = 0.0, 0.0
    for line in scene.lines:
        seconds = line_seconds(line.text)
        if line.dual:
            total += max(0.0, seconds - previous)
            previous = max(previous, seconds)
        else:
            total += seconds
            previous = seconds
    return total


def natural_seconds(scene: Scene) -> float:
    """Speech, pauses between lines and silent beats (action that no line reads aloud)."""
    spoken = {squash(line.text) for line in scene.lines}
    silent_beats = sum(1 for beat in scene.action if squash(beat) not in spoken)
    pauses = LINE_PAUSE_S * sum(1 for line in scene.lines if not line.dual)
    return max(MIN_SCENE_S, scene_speech_seconds(scene) + pauses + BEAT_S * silent_beats)


def fit_durations(scenes: list[Scene], requested_seconds: float | None) -> str | None:
    """Set every scene's `target_seconds`; return a note when the speech cannot fit.

    With no request, targets are the natural lengths. A longer request stretches every scene in
    proportion; a shorter one takes time from pauses and beats first, so each scene keeps
    room for its speech; only when the speech alone is too long is speech itself squeezed.
    """
    if not scenes:
        return None
    natural = [natural_seconds(scene) for scene in scenes]
    speech = [scene_speech_seconds(scene) for scene in scenes]
    total = sum(natural)
    if requested_seconds is None:
        targets = natural
    elif requested_seconds >= total:
        targets = [n * requested_seconds / total for n in natural]
    elif requested_seconds >= sum(speech) and total > sum(speech):
        slack = [n - s for n, s in zip(natural, speech)]
        share = (requested_seconds - sum(speech)) / sum(slack)
        targets = [s + d * share for s, d in zip(speech, slack)]
    else:
        targets = [n * requested_seconds / total for n in natural]
    targets = [round(t, 2) for t in targets]
    if requested_seconds is not None:
        # Rounding must not change the total the caller asked for.
        targets[-1] = round(targets[-1] + requested_seconds - sum(targets), 2)
    for scene, target in zip(scenes, targets):
        scene.target_seconds = target
    return duration_note(scenes, requested_seconds)


def duration_note(scenes: list[Scene], requested_seconds: float | None) -> str | None:
    needed = spoken_seconds(scenes)
    if requested_seconds is None or needed <= requested_seconds:
        return None
    return (
        f"The spoken lines alone need about {needed:.1f} seconds at a natural pace "
        f"({WORDS_PER_SECOND:g} words a second), more than the requested {requested_seconds:g} seconds."
    )
