"""A press kit per film: one zip with the poster, thumbnails, trailer, teaser, social cut-downs,
subtitles and a one-page fact sheet (title, runtime, synopsis, cast) a festival or a journalist
can use without opening the studio."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any


def fact_sheet(breakdown_json: dict[str, Any], runtime: float) -> str:
    scenes = breakdown_json["scenes"]
    first = next((line["text"] for s in scenes for line in s["lines"]), "")
    cast = [c["name"] for c in breakdown_json["characters"]]
    minutes, seconds = divmod(round(runtime), 60)
    return "\n".join([
        breakdown_json["title"], "",
        f"Runtime: {minutes}:{seconds:02d}", f"Scenes: {len(scenes)}",
        "Settings: " + "; ".join(dict.fromkeys(s["location"] or s["heading"] for s in scenes)),
        "Cast: " + ", ".join(cast), "", f"Opening line: \u201c{first}\u201d", "",
        "Made with Film Studio (GPL-3.0-or-later). Voices, music and pictures were generated offline.",
    ]) + "\n"  # fmt: skip


def press_kit(final: dict[str, Any], trailer: dict[str, Any], marketing: dict[str, Any], out: Path,
              posters: dict[str, Any] | None = None) -> dict[str, Any]:  # fmt: skip
    """Write `out` (a .zip) and return what it holds (with `posters`, its styles and banner under posters/)."""
    film_dir, trailer_dir, cut_dir = Path(final["dir"]), Path(trailer["dir"]), Path(marketing["dir"])
    members: list[tuple[Path, str]] = [(film_dir / final["poster"], "poster.jpg")]
    members += [(film_dir / name, f"thumbnails/{name}") for name in final["thumbnails"]]
    members += [(film_dir / final["srt"], "subtitles/film.srt"), (film_dir / final["vtt"], "subtitles/film.vtt")]
    members += [(trailer_dir / trailer["file"], "trailer.mp4"), (cut_dir / marketing["teaser"]["file"], "teaser.mp4")]
    members += [(cut_dir / c["file"], f"social/{c['file']}") for c in marketing["cutdowns"]]
    if posters is not None:
        poster_dir = Path(posters["dir"])
        members += [(poster_dir / p["file"], f"posters/{p['file']}") for p in [*posters["posters"], posters["banner"]]]
    missing = [str(path) for path, _ in members if not path.is_file()]
    if missing:
        raise FileNotFoundError(f"The press kit needs files that are missing: {', '.join(missing)}")
    breakdown = json.loads((film_dir / final["breakdown"]).read_text(encoding="utf-8"))
    # Media is already compressed: store it rather than spend CPU deflating MP4 and JPEG again.
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as kit:
        kit.writestr("FACT_SHEET.txt", fact_sheet(breakdown, float(final["duration"])))
        for path, name in members:
            kit.write(path, name)
    return {"file": out.name, "members": ["FACT_SHEET.txt", *(name for _, name in members)]}
