"""What each film asset hands the next ones: one typed manifest per asset, stored as JSON by the IO manager.

Every manifest names its top-level fields (nested entries such as a take or a clip stay plain JSON, as
`models/` writes and reads them) and carries `schema_version`. A stored manifest that is not this
schema (an older studio's, a hand-edited one, a missing or mistyped field) raises ManifestError naming
the asset and what is wrong, instead of a KeyError deep inside a later step.

`dir` is the asset's published folder, set when a manifest is read back (file entries are relative to
it); it is never stored. `models/` functions take and return plain dicts: pass them `to_dict()`.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Self

from models.breakdown import Breakdown

SCHEMA_VERSION = 1
_BOOKKEEPING = {"store_version"}  # the media store's, written beside the asset's fields (MediaIOManager)


class ManifestError(ValueError):
    """A manifest that is not what this studio writes: says which asset, what is wrong and what to do."""


def _accepts(value: Any, hint: Any) -> bool:
    """Whether a JSON value fits a field's type: the outer type only (nested JSON is models' business)."""
    if hint is Any:
        return True
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_accepts(value, arg) for arg in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, origin or hint)


@dataclass(kw_only=True)
class Manifest:
    """The fields every manifest shares; subclasses name their asset and their own fields."""

    asset: ClassVar[str] = ""
    dir: Path | None = field(default=None, compare=False)  # set on load, never stored

    @classmethod
    def from_result(cls, data: dict[str, Any]) -> Self:
        """A manifest from what a `models/` function returned in this run (no schema_version yet)."""
        return cls.from_dict({**data, "schema_version": SCHEMA_VERSION})

    @classmethod
    def from_dict(cls, data: Any) -> Self:
        """A stored manifest, checked: this schema version, every field present with its type, nothing unknown."""
        where = f"The {cls.asset} manifest"
        if not isinstance(data, dict):
            raise ManifestError(f"{where} is not a JSON object ({type(data).__name__}).")
        version = data.get("schema_version")
        if version != SCHEMA_VERSION:
            found = "has no schema_version" if version is None else f"is schema version {version!r}"
            raise ManifestError(
                f"{where} {found}; this studio reads version {SCHEMA_VERSION}. "
                "It was written by another version of the studio: render the film again to rewrite it."
            )
        hints = typing.get_type_hints(cls)
        known = {f.name: f for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - set(known) - _BOOKKEEPING - {"schema_version"})
        if unknown:
            raise ManifestError(f"{where} has fields this studio does not know: {', '.join(unknown)}.")
        values: dict[str, Any] = {}
        for name, spec in known.items():
            if name == "dir":
                values["dir"] = Path(data["dir"]) if data.get("dir") else None
                continue
            if name not in data:
                if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
                    raise ManifestError(f"{where} is missing its {name!r} field.")
                continue
            value = cls._decode(name, data[name])
            if not _accepts(value, hints[name]):
                raise ManifestError(f"{where}'s {name!r} is {type(data[name]).__name__}, not {hints[name]}.")
            values[name] = value
        return cls(**values)

    @classmethod
    def _decode(cls, name: str, value: Any) -> Any:
        return value

    def _encode(self, name: str, value: Any) -> Any:
        return value

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: what is stored (without `dir`) and what `models/` functions read (with it)."""
        out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        for spec in dataclasses.fields(self):
            value = getattr(self, spec.name)
            if spec.name == "dir":
                if value is not None:
                    out["dir"] = str(value)
                continue
            out[spec.name] = self._encode(spec.name, value)
        return out

    def stored(self) -> dict[str, Any]:
        """What the IO manager writes: the JSON form without the folder it is written into."""
        out = self.to_dict()
        out.pop("dir", None)
        return out

    def path(self, name: str) -> Path:
        """A file entry of this manifest as a path in the asset's published folder."""
        if self.dir is None:
            raise ManifestError(f"The {self.asset} manifest was not read from a published folder.")
        return self.dir / name


@dataclass(kw_only=True)
class SceneBreakdownManifest(Manifest):
    asset: ClassVar[str] = "scene_breakdown"
    breakdown: Breakdown

    @classmethod
    def _decode(cls, name: str, value: Any) -> Any:
        if name == "breakdown":
            try:
                return Breakdown.from_dict(value)
            except (KeyError, TypeError, AttributeError) as error:
                raise ManifestError(f"The scene_breakdown manifest's breakdown is malformed: {error!r}.") from error
        return value

    def _encode(self, name: str, value: Any) -> Any:
        return value.to_dict() if name == "breakdown" else value


@dataclass(kw_only=True)
class CharacterSheetsManifest(Manifest):
    asset: ClassVar[str] = "character_sheets"
    characters: dict[str, Any]  # name -> look, derived look, voice, version, stage, mode, pictures
    style: str
    characters_recomputed: list[str]
    characters_reused: list[str]
    backend: dict[str, str]  # name, version


@dataclass(kw_only=True)
class VoiceTracksManifest(Manifest):
    asset: ClassVar[str] = "voice_tracks"
    takes: list[dict[str, Any]]  # scene_id, index, speaker, text, voice, file, phonemes, words, ...
    timeline: dict[str, Any]  # models.timeline.Timeline.to_dict()
    duration: float
    mode: str
    scenes_recomputed: list[str]
    scenes_reused: list[str]


@dataclass(kw_only=True)
class SceneImagesManifest(Manifest):
    asset: ClassVar[str] = "scene_images"
    size: list[int]
    scenes: list[str]
    keys: dict[str, str]  # scene id -> the plate's cache key (the clips' keys build on it)
    style: str
    backend: dict[str, str]
    archetypes: dict[str, str | None]
    archetype_reasons: dict[str, str]
    scenes_recomputed: list[str]
    scenes_reused: list[str]
    licences: list[dict[str, str]] = field(default_factory=list)  # third-party art sets the plates drew from


@dataclass(kw_only=True)
class LipsyncClipsManifest(Manifest):
    asset: ClassVar[str] = "lipsync_clips"
    fps: int
    mode: str
    watermark: bool
    burn_subtitles: dict[str, Any] | None
    clips: list[dict[str, Any]]  # scene_id, file, frames, duration, mouth, shots, ...
    scenes_recomputed: list[str]
    scenes_reused: list[str]


@dataclass(kw_only=True)
class ScoreManifest(Manifest):
    asset: ClassVar[str] = "score"
    file: str
    backend: str
    version: str
    beat_map: dict[str, Any]
    music_style: str
    duration: float
    render_seconds: float
    realtime_factor: float | None
    chant_spans: list[list[float]]
    cues: list[dict[str, Any]]
    drone: str | None = None  # a drone under chanted verses
    drone_version: str | None = None
    source: str | None = None  # the creator's own music file
    loops: int | None = None


@dataclass(kw_only=True)
class MixManifest(Manifest):
    asset: ClassVar[str] = "mix"
    file: str
    dialogue: str
    sample_rate: int
    duration: float
    loudness_preset: str
    target_lufs: float
    max_true_peak: float
    integrated_lufs: float
    true_peak_dbtp: float
    room_tone: bool
    drone: bool
    mix_seconds: float


@dataclass(kw_only=True)
class SubtitlesManifest(Manifest):
    asset: ClassVar[str] = "subtitles"
    srt: str
    vtt: str
    language: str
    languages: dict[str, dict[str, str]]  # code -> srt, vtt
    translators: dict[str, dict[str, str]]
    cues: int
    lines: int
    wer: float | None
    wer_scope: str
    median_cue_offset_ms: float | None
    max_cue_offset_ms: float | None
    last_cue_end: float
    duration: float
    recognizers: dict[str, dict[str, Any]]
    asr_glossary: list[str]
    unrecognised_languages: dict[str, str]
    words_heard: dict[str, int]
    transcripts: dict[str, str]
    asr_seconds: float
    asr_realtime_factor: float | None
    language_names: dict[str, str]
    mlflow_run_id: str | None = None  # set by the asset once the render is logged


@dataclass(kw_only=True)
class FinalCutManifest(Manifest):
    asset: ClassVar[str] = "final_cut"
    film: str
    srt: str
    vtt: str
    breakdown: str  # the breakdown.json file, with every line's time in the film
    thumbnails: list[str]
    poster: str
    duration: float
    cues: int
    scenes: list[str]
    scan: dict[str, Any] | None = None  # the frame scan the picture checks reuse
    licences: str = ""  # licences.json: the third-party art in the film, with its attribution


@dataclass(kw_only=True)
class TrailerManifest(Manifest):
    asset: ClassVar[str] = "trailer"
    file: str
    duration: float
    moments: list[list[Any]]
    reused: bool = False  # the same cuts of the same clips and sound were already encoded


@dataclass(kw_only=True)
class SocialCutdownsManifest(Manifest):
    asset: ClassVar[str] = "social_cutdowns"
    cutdowns: list[dict[str, Any]]  # file, length, platform, label, size, start
    skipped: list[dict[str, Any]]  # length, reason
    teaser: dict[str, Any]  # file, length, start


@dataclass(kw_only=True)
class PressKitManifest(Manifest):
    asset: ClassVar[str] = "press_kit"
    file: str
    members: list[str]


@dataclass(kw_only=True)
class PostersManifest(Manifest):
    asset: ClassVar[str] = "posters"
    title: str
    posters: list[dict[str, Any]]  # style, file, size, title_box
    banner: dict[str, Any]


@dataclass(kw_only=True)
class ProductionPlanManifest(Manifest):
    asset: ClassVar[str] = "production_plan"
    files: dict[str, Any]
    days: int
    totals: dict[str, float]
    currency: str


@dataclass(kw_only=True)
class YoutubeReleaseManifest(Manifest):
    asset: ClassVar[str] = "youtube_release"
    video_id: str
    url: str
    privacy: str
    publish_at: str | None
    playlist: str | None
    playlist_id: str | None
    playlist_created: bool
    thumbnail: str | None
    title: str
    tags: list[str]
    chapters: list[str]
    chapters_note: str | None


MANIFESTS: dict[str, type[Manifest]] = {
    cls.asset: cls
    for cls in (
        SceneBreakdownManifest, CharacterSheetsManifest, VoiceTracksManifest, SceneImagesManifest,
        LipsyncClipsManifest, ScoreManifest, MixManifest, SubtitlesManifest, FinalCutManifest, TrailerManifest,
        SocialCutdownsManifest, PressKitManifest, PostersManifest, ProductionPlanManifest, YoutubeReleaseManifest,
    )
}  # fmt: skip


def load_manifest(asset: str, data: Any) -> Manifest:
    """The typed manifest of `asset` from its stored JSON (with `dir` where it was read from)."""
    cls = MANIFESTS.get(asset)
    if cls is None:
        raise ManifestError(f"No manifest type for the asset {asset!r}; known: {', '.join(sorted(MANIFESTS))}.")
    return cls.from_dict(data)
