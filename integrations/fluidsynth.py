"""FluidSynth: find a General MIDI soundfont and render a MIDI file to audio with the CLI.

The CLI (Debian `fluidsynth`) renders faster than real time with `-F`; we ask it for 32-bit
float WAV so that loud passages are not clipped before the mix sets the final level.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from integrations.errors import BackendUnavailable

if TYPE_CHECKING:
    import mido

SOUNDFONT_DIRS = (Path("/usr/share/sounds/sf2"), Path("/usr/share/soundfonts"), Path("/usr/share/sounds/sf3"))
# Best first: the larger banks sound better, TimGM6mb is the small one Debian installs by default.
SOUNDFONT_NAMES = (
    "FluidR3_GM.sf2",
    "MuseScore_General.sf3",
    "MuseScore_General.sf2",
    "MuseScore_General_Full.sf2",
    "default-GM.sf2",
    "TimGM6mb.sf2",
    "default.sf2",
)
SOUNDFONT_PACKAGES = "timgm6mb-soundfont or fluid-soundfont-gm"
DEFAULT_GAIN = 0.5
RENDER_TIMEOUT_SEC = 120.0


def with_all_notes_off(midi: mido.MidiFile) -> mido.MidiFile:
    """A copy of `midi` that releases pedals and notes on every channel at its end.

    FluidSynth's fast render runs until every voice has died away, so one note left on with a
    looping preset (strings, organ) would render forever.
    """
    import mido

    copy = mido.MidiFile(type=midi.type, ticks_per_beat=midi.ticks_per_beat)
    copy.tracks = [mido.MidiTrack(track) for track in midi.tracks]
    end = max((sum(msg.time for msg in track) for track in copy.tracks), default=0)
    release = [
        mido.Message("control_change", channel=channel, control=control, value=0, time=0)
        for channel in range(16)
        for control in (64, 123)  # sustain pedal up, then all notes off
    ]
    if copy.type == 0 and copy.tracks:  # one track: append after its last event
        copy.tracks[0].extend(release)
    else:
        copy.tracks.append(mido.MidiTrack([release[0].copy(time=end), *release[1:]]))
    return copy


@cache
def fluidsynth_exe() -> str:
    found = shutil.which("fluidsynth")
    if not found:
        raise BackendUnavailable("The fluidsynth program is not installed (apt-get install fluidsynth).")
    return found


def find_soundfont(path: str | os.PathLike[str] | None = None) -> Path:
    """Return `path` if given and present, else the best General MIDI soundfont installed."""
    if path is not None:
        explicit = Path(path)
        if not explicit.is_file():
            raise BackendUnavailable(
                f"Soundfont {str(explicit)!r} does not exist; give the path of a General MIDI .sf2/.sf3 "
                f"file or install one (apt-get install {SOUNDFONT_PACKAGES})."
            )
        return explicit
    for name in SOUNDFONT_NAMES:
        for folder in SOUNDFONT_DIRS:
            candidate = folder / name
            if candidate.is_file():  # follows symlinks, so a dangling default-GM.sf2 is skipped
                return candidate
    raise BackendUnavailable(
        "No General MIDI soundfont found in /usr/share/sounds/sf2 or /usr/share/soundfonts "
        f"(apt-get install {SOUNDFONT_PACKAGES})."
    )


def render_midi(
    midi: str | os.PathLike[str] | mido.MidiFile,
    sample_rate: int,
    soundfont: str | os.PathLike[str] | None = None,
    gain: float = DEFAULT_GAIN,
) -> np.ndarray:
    """Render `midi` (a path or a `mido.MidiFile`) to float32 stereo samples of shape (n, 2).

    The length is what FluidSynth plays: the MIDI file plus the release of its last notes, so
    callers that need an exact length trim or pad.
    """
    import mido
    import soundfile

    exe = fluidsynth_exe()
    font = find_soundfont(soundfont)
    if isinstance(midi, (str, os.PathLike)):
        if not Path(midi).is_file():
            raise FileNotFoundError(f"MIDI file {os.fspath(midi)!r} does not exist.")
        midi = mido.MidiFile(midi)
    released = with_all_notes_off(midi)
    with tempfile.TemporaryDirectory(prefix="fluidsynth-") as tmp:
        midi_path = Path(tmp) / "score.mid"
        released.save(midi_path)
        wav_path = Path(tmp) / "out.wav"
        cmd = [
            exe, "-ni", "-q", "-g", f"{gain:g}", "-r", str(int(sample_rate)),
            "-O", "float", "-T", "wav", "-F", str(wav_path), str(font), str(midi_path),
        ]  # fmt: skip
        limit = RENDER_TIMEOUT_SEC + released.length  # fast render runs far quicker than real time
        try:
            result = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=limit)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"fluidsynth did not finish rendering within {limit:.0f} s.") from None
        if result.returncode != 0 or not wav_path.is_file():
            tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
            raise RuntimeError(f"fluidsynth failed ({result.returncode}): {' | '.join(tail)}")
        samples, rate = soundfile.read(wav_path, dtype="float32", always_2d=True)
    if rate != sample_rate:
        raise RuntimeError(f"fluidsynth wrote {rate} Hz instead of the requested {sample_rate} Hz.")
    if samples.shape[1] == 1:
        samples = np.repeat(samples, 2, axis=1)
    return np.ascontiguousarray(samples[:, :2], dtype=np.float32)
