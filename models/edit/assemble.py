"""Join per-scene clips and the mixed audio into the final H.264/AAC MP4."""

from __future__ import annotations

import tempfile
from pathlib import Path

from integrations.ffmpeg import run_ffmpeg


def concat_list(clips: list[Path], directory: Path) -> Path:
    """clips.txt in `directory`: the concat demuxer's list of `clips`, which it joins without re-encoding."""
    listing = directory / "clips.txt"
    # The concat demuxer reads single-quoted paths; a quote inside one is written '\''.
    lines = [f"file '{str(clip.resolve()).replace(chr(39), chr(39) + chr(92) + chr(39) * 2)}'" for clip in clips]
    listing.write_text("\n".join(lines) + "\n")
    return listing


def final_cut(clips: list[Path], audio_wav: Path, out_path: Path, audio_bitrate: str = "192k") -> Path:
    """Concatenate the scene clips without re-encoding and mux the mix as AAC."""
    with tempfile.TemporaryDirectory() as tmp:
        listing = concat_list(clips, Path(tmp))
        run_ffmpeg(
            [
                "-f", "concat", "-safe", "0", "-i", str(listing),
                "-i", str(audio_wav),
                "-map", "0:v:0", "-map", "1:a:0",
                "-c:v", "copy", "-c:a", "aac", "-b:a", audio_bitrate,
                "-movflags", "+faststart",
                str(out_path),
            ]
        )  # fmt: skip
    return out_path
