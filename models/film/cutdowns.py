"""Social cut-downs and a teaser from a finished film: 15, 30 and 60 s windows around its strongest
lines, reframed for vertical (9:16), square (1:1) and landscape (16:9) platforms, with burned-in
captions inside each platform's safe area, the title over the opening, loudness normalised.

A window is contiguous film, chosen to hold the most striking lines without cutting one in half;
each output is one ffmpeg encode (reframe with a blurred fill, libass captions, loudnorm, fades).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from integrations.ffmpeg import run_ffmpeg
from models.edit.overlays import _ass_colour, _ass_text, _ass_time, font_dir, subtitles_filter
from models.subtitles import parse_srt

LENGTHS = (15, 30, 60)
TEASER_SECONDS = 12.0
PAD = 0.3  # breath kept around a line at a window's edge
FADE = 0.4
TITLE_SECONDS = 2.5
LOUDNESS = "loudnorm=I=-14:TP=-1.5:LRA=11"  # what YouTube, Instagram and TikTok normalise to


@dataclass(frozen=True)
class Platform:
    name: str
    label: str
    size: tuple[int, int]
    video_kbps: int
    safe_top: float  # share of the height covered by the app's own buttons and captions
    safe_bottom: float


PLATFORMS = {
    "vertical": Platform("vertical", "9:16 · YouTube Shorts, Instagram Reels, TikTok", (720, 1280), 3500, 0.12, 0.24),
    "square": Platform("square", "1:1 · Instagram and Facebook feed", (720, 720), 2500, 0.06, 0.10),
    "landscape": Platform("landscape", "16:9 · YouTube, X, LinkedIn", (1280, 720), 3000, 0.05, 0.08),
}


@dataclass(frozen=True)
class Spoken:
    start: float
    end: float
    strength: float


def spoken_lines(breakdown_json: dict[str, Any]) -> list[Spoken]:
    """Every line of the final cut's breakdown.json with how striking it is."""
    from models.film.package import line_strength

    return [Spoken(line["start"], line["end"], line_strength(line["text"], line.get("emotion", "neutral")))
            for scene in breakdown_json["scenes"] for line in scene["lines"] if line["end"] > line["start"]]  # fmt: skip


def best_window(lines: list[Spoken], film_seconds: float, length: float) -> float:
    """Start of the `length`-second window holding the most line strength, cutting no line in half
    where the film allows (a cut line costs its strength twice)."""
    if length > film_seconds + 1e-6:
        raise ValueError(f"A {length:g} s cut-down is longer than the film ({film_seconds:.1f} s).")
    latest = film_seconds - length
    candidates = {0.0, latest} | {min(max(0.0, s), latest) for line in lines
                                  for s in (line.start - PAD, line.end + PAD - length)}  # fmt: skip

    def score(start: float) -> float:
        end, total = start + length, 0.0
        for line in lines:
            if line.start >= start and line.end <= end:
                total += line.strength
            elif line.end > start and line.start < end:
                total -= 2 * line.strength
        return total

    return max(sorted(candidates), key=score)


def _captions(srt: str, start: float, length: float) -> list[tuple[float, float, str]]:
    cues = []
    for cue in parse_srt(srt):
        a, b = max(cue.start - start, 0.0), min(cue.end - start, length)
        if b - a > 0.2:
            cues.append((a, b, cue.text))
    return cues


def write_ass(path: Path, platform: Platform, cues: list[tuple[float, float, str]], title: str, length: float,
              end_text: str | None = None) -> None:  # fmt: skip
    """Captions above the platform's bottom controls, the title below its top bar."""
    width, height = platform.size
    size = max(18, round(min(width, height) * 0.06))
    white, back = _ass_colour("#ffffff"), _ass_colour("#000000", 0x50)
    styles = "".join(
        f"Style: {name},DejaVu Sans,{font},{white},{white},{back},{back},1,0,0,0,100,100,0,0,3,{max(2, font // 5)},0,"
        f"{align},{round(width * 0.07)},{round(width * 0.07)},{round(height * margin)},1\n"
        for name, font, align, margin in (("Caption", size, 2, platform.safe_bottom),
                                          ("Title", round(size * 1.4), 8, platform.safe_top))
    )  # fmt: skip
    events = [("Title", 0.0, min(TITLE_SECONDS, length), title)]
    if end_text:
        events.append(("Title", max(0.0, length - TITLE_SECONDS), length, end_text))
    events += [("Caption", a, b, text) for a, b, text in cues]
    path.write_text(
        "[Script Info]\nScriptType: v4.00+\n"
        f"PlayResX: {width}\nPlayResY: {height}\nWrapStyle: 0\nScaledBorderAndShadow: yes\n\n"
        "[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, "
        "Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, "
        "Alignment, MarginL, MarginR, MarginV, Encoding\n" + styles +
        "\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
        + "".join(f"Dialogue: 0,{_ass_time(a)},{_ass_time(b)},{style},,0,0,0,,{_ass_text(text)}\n"
                  for style, a, b, text in events if text.strip()),
        encoding="utf-8",
    )  # fmt: skip


def encode(film: Path, start: float, length: float, platform: Platform, ass_name: str, out: Path) -> None:
    """One encode: the window, reframed over a blurred fill of itself, captions, loudness, fades."""
    w, h = platform.size
    video = (f"[0:v]split[a][b];[a]scale={w}:{h}:force_original_aspect_ratio=increase,crop={w}:{h},"
             f"boxblur=20:2[bg];[b]scale={w}:{h}:force_original_aspect_ratio=decrease[fg];"
             f"[bg][fg]overlay=(W-w)/2:(H-h)/2,setsar=1,{subtitles_filter(ass_name)},"
             f"fade=in:st=0:d={FADE},fade=out:st={length - FADE:.3f}:d={FADE},format=yuv420p[v]")  # fmt: skip
    audio = (f"[0:a]{LOUDNESS},aresample=48000,afade=in:st=0:d={FADE},"
             f"afade=out:st={length - FADE:.3f}:d={FADE}[a]")  # fmt: skip
    run_ffmpeg(
        ["-ss", f"{start:.3f}", "-t", f"{length:.3f}", "-i", str(film), "-filter_complex", f"{video};{audio}",
         "-map", "[v]", "-map", "[a]", "-r", "30", "-c:v", "libx264", "-preset", "superfast", "-crf", "23",
         "-maxrate", f"{platform.video_kbps}k", "-bufsize", f"{2 * platform.video_kbps}k", "-pix_fmt", "yuv420p",
         "-c:a", "aac", "-b:a", "160k", "-ar", "48000", "-movflags", "+faststart", "-t", f"{length:.3f}",
         str(out)], cwd=out.parent,
    )  # fmt: skip


def cut_downs(final: dict[str, Any], title: str, out_dir: Path, lengths: tuple[int, ...] = LENGTHS,
              platforms: tuple[str, ...] = tuple(PLATFORMS)) -> dict[str, Any]:  # fmt: skip
    """Every length that fits the film, for every platform, plus a teaser; lengths longer than the
    film are listed under `skipped` with the reason instead of being padded out."""
    font_dir()  # fail early, naming the package, when the caption font is missing
    folder = Path(final["dir"])
    film, seconds = folder / final["film"], float(final["duration"])
    lines = spoken_lines(json.loads((folder / final["breakdown"]).read_text(encoding="utf-8")))
    srt = (folder / final["srt"]).read_text(encoding="utf-8")
    outputs, skipped = [], []
    for length in lengths:
        try:
            start = best_window(lines, seconds, float(length))
        except ValueError as error:
            skipped.append({"length": length, "reason": str(error)})
            continue
        for name in platforms:
            platform = PLATFORMS[name]
            ass = f"cut_{length}_{name}.ass"
            write_ass(out_dir / ass, platform, _captions(srt, start, length), title, length)
            file = f"cutdown_{length}s_{name}.mp4"
            encode(film, start, float(length), platform, ass, out_dir / file)
            (out_dir / ass).unlink()
            outputs.append({"file": file, "length": length, "platform": name, "label": platform.label,
                            "size": list(platform.size), "start": round(start, 3)})  # fmt: skip
    teaser_length = min(TEASER_SECONDS, seconds)
    start = best_window(lines, seconds, teaser_length)
    write_ass(out_dir / "teaser.ass", PLATFORMS["landscape"], [], title, teaser_length, end_text="Coming soon")
    encode(film, start, teaser_length, PLATFORMS["landscape"], "teaser.ass", out_dir / "teaser.mp4")
    (out_dir / "teaser.ass").unlink()
    return {"cutdowns": outputs, "skipped": skipped,
            "teaser": {"file": "teaser.mp4", "length": round(teaser_length, 3), "start": round(start, 3)}}  # fmt: skip
