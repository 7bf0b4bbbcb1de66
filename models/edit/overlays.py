"""What is drawn over the picture after the camera: the free tier's watermark and burned-in subtitles.

Both are ffmpeg filters in the clip's one encode (drawtext, and libass through the `ass` filter),
so no frame is touched in Python. `subtitle_style` validates the creator's options with messages
that say what is allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
FONT_FILE = "DejaVuSans-Bold.ttf"
WATERMARK_TEXT = "Made with Film Studio"

COLOURS = {
    "white": "#ffffff", "yellow": "#ffd400", "black": "#000000", "red": "#e53935", "green": "#43a047",
    "blue": "#1e88e5", "cyan": "#00bcd4", "magenta": "#d81b60", "orange": "#fb8c00", "grey": "#9e9e9e",
    "gray": "#9e9e9e",
}  # fmt: skip
_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")
SUBTITLE_KEYS = ("size", "colour", "position", "background")
MIN_SIZE, MAX_SIZE = 12, 160


@dataclass(frozen=True)
class SubtitleStyle:
    size: int | None  # font size in pixels of the output frame; None: 5.5% of its height
    colour: str  # "#rrggbb"
    position: str  # top | bottom
    background: str | None  # box colour "#rrggbb", or None for outlined text without a box

    def to_dict(self) -> dict[str, Any]:
        return {"size": self.size, "colour": self.colour, "position": self.position, "background": self.background}


def parse_colour(value: Any, label: str = "Subtitle colour") -> str:
    """A colour name (white, yellow, ...) or #rrggbb, as "#rrggbb"."""
    if isinstance(value, str):
        name = value.strip().lower()
        if name in COLOURS:
            return COLOURS[name]
        match = _HEX.match(name)
        if match:
            return "#" + match.group(1).lower()
    raise ValueError(f"{label} must be a colour name ({', '.join(sorted(COLOURS))}) or #rrggbb, not {value!r}.")


def subtitle_style(options: dict[str, Any] | None) -> SubtitleStyle | None:
    """Validate FilmFormat.burn_subtitles; None means subtitles are not burned in."""
    if options is None:
        return None
    if not isinstance(options, dict):
        raise ValueError(
            f"Burned-in subtitle options must be a mapping of {', '.join(SUBTITLE_KEYS)}, not {options!r}."
        )
    unknown = sorted(set(options) - set(SUBTITLE_KEYS))
    if unknown:
        raise ValueError(f"Unknown burned-in subtitle option(s) {', '.join(map(repr, unknown))}; "
                         f"allowed: {', '.join(SUBTITLE_KEYS)}.")  # fmt: skip
    size = options.get("size")
    if size is not None and (isinstance(size, bool) or not isinstance(size, int) or not MIN_SIZE <= size <= MAX_SIZE):
        raise ValueError(f"Subtitle size must be a whole number of pixels from {MIN_SIZE} to {MAX_SIZE}, not {size!r}.")
    colour = parse_colour(options.get("colour", "white"))
    position = options.get("position", "bottom")
    if position not in ("top", "bottom"):
        raise ValueError(f"Subtitle position must be top or bottom, not {position!r}.")
    background = options.get("background", True)
    if background is True:
        box: str | None = "#000000"
    elif background is False or background is None:
        box = None
    else:
        box = parse_colour(background, "Subtitle background")
    return SubtitleStyle(size, colour, position, box)


def _ass_colour(hex_colour: str, alpha: int = 0) -> str:
    r, g, b = hex_colour[1:3], hex_colour[3:5], hex_colour[5:7]
    return f"&H{alpha:02X}{b}{g}{r}".upper()


def _ass_time(seconds: float) -> str:
    centis = max(0, round(seconds * 100))
    h, rest = divmod(centis, 360000)
    m, rest = divmod(rest, 6000)
    s, cs = divmod(rest, 100)
    return f"{h}:{m:02d}:{s:02d}.{cs:02d}"


def _ass_text(text: str) -> str:
    # Braces start override tags and a backslash starts an escape in ASS; neither is wanted literally.
    return " ".join(text.split()).replace("\\", "/").replace("{", "(").replace("}", ")")


def write_ass(path: Path, cues: list[tuple[float, float, str]], style: SubtitleStyle, size: tuple[int, int]) -> Path:
    """An ASS script of `cues` (start, end, text in clip seconds) styled for a width x height frame."""
    width, height = size
    font_size = style.size or max(MIN_SIZE, round(min(width, height) * 0.055))
    margin = round(height * 0.05)
    alignment = 8 if style.position == "top" else 2
    if style.background:
        border, outline, shadow = 3, max(2, font_size // 5), 0
        back = _ass_colour(style.background, 0x50)
    else:
        border, outline, shadow = 1, max(2, font_size // 14), 1
        back = _ass_colour("#000000", 0x60)
    outline_colour = back if style.background else _ass_colour("#000000")
    head = (
        "[Script Info]\nScriptType: v4.00+\n"
        f"PlayResX: {width}\nPlayResY: {height}\nWrapStyle: 0\nScaledBorderAndShadow: yes\n\n"
        "[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, "
        "Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, "
        "Alignment, MarginL, MarginR, MarginV, Encoding\n"
        f"Style: Default,DejaVu Sans,{font_size},{_ass_colour(style.colour)},{_ass_colour(style.colour)},"
        f"{outline_colour},{back},1,0,0,0,100,100,0,0,{border},{outline},{shadow},{alignment},"
        f"{round(width * 0.06)},{round(width * 0.06)},{margin},1\n\n"
        "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
    )
    events = "".join(f"Dialogue: 0,{_ass_time(a)},{_ass_time(b)},Default,,0,0,0,,{_ass_text(text)}\n"
                     for a, b, text in cues if b > a and text.strip())  # fmt: skip
    path.write_text(head + events, encoding="utf-8")
    return path


def font_dir() -> Path:
    for folder in FONT_DIRS:
        if (folder / FONT_FILE).exists():
            return folder
    raise FileNotFoundError(f"The DejaVu fonts are missing ({FONT_FILE}); apt-get install fonts-dejavu-core.")


def watermark_filter(width: int, height: int, corner: str = "top", text: str = WATERMARK_TEXT) -> str:
    """drawtext for a translucent mark in the top-right corner (bottom-right when captions sit on top)."""
    size = max(14, round(min(width, height) * 0.035))
    pad = round(min(width, height) * 0.03)
    y = f"{pad}" if corner == "top" else f"h-th-{pad}"
    safe = text.replace("\\", "").replace(":", " ").replace("'", "").replace("%", "")
    return (
        f"drawtext=fontfile={font_dir() / FONT_FILE}:text='{safe}':fontsize={size}:fontcolor=white@0.75"
        f":box=1:boxcolor=black@0.35:boxborderw={max(4, size // 3)}:x=w-tw-{pad}:y={y}"
    )


def subtitles_filter(ass_name: str) -> str:
    """libass over the frame; `ass_name` is a plain file name in ffmpeg's working folder."""
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", ass_name):
        raise ValueError(f"Subtitle file name {ass_name!r} must be a plain file name.")
    return f"ass={ass_name}:fontsdir={font_dir()}"
