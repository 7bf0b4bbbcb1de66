"""Film formats: aspect ratio, resolution and frame rate, validated once."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

RESOLUTIONS = {"480p": (854, 480), "720p": (1280, 720), "1080p": (1920, 1080)}
ASPECTS = ("16:9", "9:16")
FRAME_RATES = (24, 30)


@dataclass(frozen=True)
class FilmFormat:
    aspect: str = "16:9"
    resolution: str = "720p"
    fps: int = 24
    duration: float | None = None  # requested seconds; None means the natural length of the speech
    voices: dict[str, str] = field(default_factory=dict)  # character name -> voice id overrides

    def __post_init__(self) -> None:
        if self.aspect not in ASPECTS:
            raise ValueError(f"Aspect must be one of {', '.join(ASPECTS)}, not {self.aspect!r}.")
        if self.resolution not in RESOLUTIONS:
            raise ValueError(f"Resolution must be one of {', '.join(RESOLUTIONS)}, not {self.resolution!r}.")
        if self.fps not in FRAME_RATES:
            raise ValueError(f"Frame rate must be one of {FRAME_RATES}, not {self.fps!r}.")

    @property
    def size(self) -> tuple[int, int]:
        """Width and height in pixels; 9:16 is re-framed portrait, not a squashed landscape."""
        width, height = RESOLUTIONS[self.resolution]
        return (height, width) if self.aspect == "9:16" else (width, height)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FilmFormat:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
