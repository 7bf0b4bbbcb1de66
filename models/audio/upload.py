"""Check a creator's own music file before anything is created: MP3 or WAV, readable, at most 50 MB."""

from __future__ import annotations

import os
from pathlib import Path

MAX_MUSIC_BYTES = 50 * 1024 * 1024
MUSIC_EXTENSIONS = {".mp3": "MP3", ".wav": "WAV"}
MIN_MUSIC_SECONDS = 1.0  # shorter than this cannot be looped into a bed without stuttering
# Read from the header before any sample is decoded: a film runs at most ten minutes, and a
# small file at a tiny sample rate can claim hours (49 MB of 8-bit 1 kHz WAV is 14 hours, which
# resampled to 48 kHz stereo float would need about 18 GiB).
MAX_MUSIC_SECONDS = 20 * 60.0
MIN_MUSIC_RATE, MAX_MUSIC_RATE = 8_000, 192_000
MAX_DECODED_BYTES = int(MAX_MUSIC_SECONDS * 48_000 * 2 * 4)  # 20 min of 48 kHz stereo float32


def _looks_like(kind: str, head: bytes) -> bool:
    """The file's first bytes match its format: RIFF/RF64 WAVE, or an ID3 tag / MPEG audio frame sync."""
    if kind == "WAV":
        return head[:4] in (b"RIFF", b"RF64") and head[8:12] == b"WAVE"
    return head[:3] == b"ID3" or (len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)


def check_music_file(path: str | os.PathLike[str]) -> Path:
    """Return `path` as a Path if it is usable music; otherwise raise ValueError saying why.

    Usable: an existing .mp3 or .wav file of at most 50 MB that libsndfile decodes as that format,
    at least one second long, whose first second decodes without error.
    """
    import soundfile

    music = Path(path)
    if not music.is_file():
        raise ValueError(f"Music file {str(music)!r} does not exist.")
    kind = MUSIC_EXTENSIONS.get(music.suffix.lower())
    if kind is None:
        raise ValueError(f"Music file {music.name!r} must be an MP3 or WAV file (.mp3 or .wav).")
    size = music.stat().st_size
    if size == 0:
        raise ValueError(f"Music file {music.name!r} is empty.")
    if size > MAX_MUSIC_BYTES:
        raise ValueError(f"Music file {music.name!r} is {size / 2**20:.1f} MB; the limit is 50 MB.")
    with music.open("rb") as handle:
        head = handle.read(12)
    if not _looks_like(kind, head):  # refuse before the decoder, which prints warnings on garbage
        raise ValueError(f"Music file {music.name!r} is not a readable {kind} audio file.")
    try:
        info = soundfile.info(str(music))
    except (soundfile.LibsndfileError, RuntimeError, TypeError, ValueError):
        raise ValueError(f"Music file {music.name!r} is not a readable {kind} audio file.") from None
    _check_decoded_size(music.name, info)
    try:
        with soundfile.SoundFile(str(music)) as handle:
            handle.read(min(handle.samplerate, max(handle.frames, 1)), dtype="float32")
    except (soundfile.LibsndfileError, RuntimeError, TypeError, ValueError):
        raise ValueError(f"Music file {music.name!r} is not a readable {kind} audio file.") from None
    wav_like = info.format in ("WAV", "WAVEX", "RF64")
    if (kind == "WAV") != wav_like or (kind == "MP3" and info.format != "MP3"):
        suffix = music.suffix[1:].lower()
        raise ValueError(f"Music file {music.name!r} is named .{suffix} but holds {info.format} data.")
    if info.frames <= 0 or info.samplerate <= 0 or info.duration < MIN_MUSIC_SECONDS:
        raise ValueError(f"Music file {music.name!r} is shorter than {MIN_MUSIC_SECONDS:g} s.")
    if info.channels > 2:
        raise ValueError(f"Music file {music.name!r} has {info.channels} channels; use mono or stereo.")
    return music


def _check_decoded_size(name: str, info: object) -> None:
    """Refuse, from the header alone, music that would take hours or gigabytes once decoded."""
    rate = int(getattr(info, "samplerate", 0) or 0)
    frames = int(getattr(info, "frames", 0) or 0)
    channels = max(1, int(getattr(info, "channels", 1) or 1))
    if rate and not MIN_MUSIC_RATE <= rate <= MAX_MUSIC_RATE:
        raise ValueError(f"Music file {name!r} is sampled at {rate} Hz; use {MIN_MUSIC_RATE}-{MAX_MUSIC_RATE} Hz.")
    seconds = frames / rate if rate else 0.0
    if seconds > MAX_MUSIC_SECONDS:
        raise ValueError(
            f"Music file {name!r} runs {seconds / 60:.0f} minutes; the limit is {MAX_MUSIC_SECONDS / 60:.0f} minutes."
        )
    if frames * min(channels, 2) * 4 > MAX_DECODED_BYTES:
        raise ValueError(f"Music file {name!r} would decode to more than {MAX_DECODED_BYTES / 2**30:.1f} GiB.")
