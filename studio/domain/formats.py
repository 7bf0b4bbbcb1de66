"""Film formats: aspect ratio, resolution and frame rate, validated once."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

RESOLUTIONS = {"480p": (854, 480), "720p": (1280, 720), "1080p": (1920, 1080)}
ASPECTS = ("16:9", "9:16")
FRAME_RATES = (24, 30)
MODES = ("auto", "film", "podcast")  # auto: podcast for two-speaker NAME: line scripts
MUSIC_STYLES = ("auto", "indian", "devotional", "orchestral", "ambient", "contemporary")
CULTURES = ("auto", "indian", "western", "middle_eastern", "east_asian", "african", "latin")
LOUDNESS_PRESETS = ("youtube", "broadcast")  # -14 LUFS / -23 LUFS
VISUAL_STYLES = ("flat", "storybook")
DRAFT_RESOLUTION, DRAFT_FPS = "480p", 12  # a draft pass: same timing and sound, smaller and fewer pictures


def _choice(label: str, value: object, allowed: tuple[object, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{label} must be one of {', '.join(map(str, allowed))}, not {value!r}.")


@dataclass(frozen=True)
class FilmFormat:
    aspect: str = "16:9"
    resolution: str = "720p"
    fps: int = 24
    duration: float | None = None  # requested seconds; None means the natural length of the speech
    voices: dict[str, str] = field(default_factory=dict)  # character name -> voice id overrides
    mode: str = "auto"
    music_style: str = "auto"  # auto: from each scene's mood and culture
    culture: str = "auto"  # auto: read from the script
    music_file: str | None = None  # the creator's own MP3/WAV, copied into the studio's uploads
    loudness: str = "youtube"
    style: str = "flat"  # the illustrator's visual style
    watermark: bool = False  # the free tier's mark on every frame
    burn_subtitles: dict[str, Any] | None = None  # size, colour, position, background; None: not burned in
    references: list[dict[str, Any]] = field(default_factory=list)  # uploaded images: path, role, character
    subtitle_languages: list[str] = field(default_factory=list)  # translations besides the script's language
    draft: bool = False  # review pass: pictures at DRAFT_RESOLUTION and DRAFT_FPS, everything else as final

    def __post_init__(self) -> None:
        _choice("Aspect", self.aspect, ASPECTS)
        _choice("Resolution", self.resolution, tuple(RESOLUTIONS))
        _choice("Frame rate", self.fps, FRAME_RATES)
        _choice("Mode", self.mode, MODES)
        _choice("Music style", self.music_style, MUSIC_STYLES)
        _choice("Culture", self.culture, CULTURES)
        _choice("Loudness preset", self.loudness, LOUDNESS_PRESETS)
        _choice("Visual style", self.style, VISUAL_STYLES)

    @property
    def size(self) -> tuple[int, int]:
        """Width and height in pixels; 9:16 is re-framed portrait, not a squashed landscape."""
        width, height = RESOLUTIONS[self.resolution]
        return (height, width) if self.aspect == "9:16" else (width, height)

    @property
    def picture_size(self) -> tuple[int, int]:
        """The size the pictures are drawn and encoded at: `size`, or the draft's 480p."""
        return replace(self, resolution=DRAFT_RESOLUTION).size if self.draft else self.size

    @property
    def picture_fps(self) -> int:
        """The frame rate the clips are animated at: `fps`, or the draft's 12."""
        return DRAFT_FPS if self.draft else self.fps

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FilmFormat:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
