"""Posters in three styles and a banner from a real film's plates and cast, measured from the files."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import skia
from PIL import Image

from models.film.picture import character_sheets, scene_images
from models.film.poster_checks import check_posters, title_legibility
from models.film.posters import BANNER_SIZE, POSTER_SIZE, material, render_posters
from models.image import raster, text
from models.script.build import build_breakdown

SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "lighthouse.fountain"


@pytest.fixture(scope="module")
def film(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The lighthouse sample's breakdown, character sheets and plates (the posters' inputs)."""
    folder = tmp_path_factory.mktemp("poster_film")
    breakdown = build_breakdown(SAMPLE.read_text(encoding="utf-8"), 60)
    sheets = character_sheets(breakdown, {}, folder / "sheets") | {"dir": str(folder / "sheets")}
    images = scene_images(breakdown, sheets, (1280, 720), folder / "images") | {"dir": str(folder / "images")}
    return {"breakdown": breakdown, "sheets": sheets, "images": images}


@pytest.fixture(scope="module")
def delivered(film: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    stuff = material(film["breakdown"], film["images"], film["sheets"])
    return render_posters(stuff, tmp_path_factory.mktemp("posters"))


def _copy(manifest: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    target = tmp_path / "copy"
    shutil.copytree(manifest["dir"], target)
    return manifest | {"dir": str(target)}


def test_three_styles_and_a_banner_pass_the_check(delivered: dict[str, Any]) -> None:
    folder = Path(delivered["dir"])
    assert [p["style"] for p in delivered["posters"]] == ["key_art", "minimal", "ensemble"]
    for entry in delivered["posters"]:
        with Image.open(folder / entry["file"]) as image:
            assert image.size == POSTER_SIZE  # 27x40
    with Image.open(folder / delivered["banner"]["file"]) as image:
        assert image.size == BANNER_SIZE
    outcome = check_posters(delivered)
    print(outcome.metadata)
    assert outcome.passed, outcome.description
    assert outcome.metadata["min_style_distance"] >= 0.08
    assert all(m["contrast"] >= 4.5 for m in outcome.metadata["legibility"].values())


def test_ensemble_shows_every_character_and_key_art_the_title(film: dict[str, Any]) -> None:
    stuff = material(film["breakdown"], film["images"], film["sheets"], title="Night Watch")
    assert [name for name, _ in stuff.portraits] == [c.name for c in film["breakdown"].characters]
    assert stuff.title == "Night Watch" and stuff.tagline


def test_washed_out_title_fails(delivered: dict[str, Any], tmp_path: Path) -> None:
    """Negative control: the key art's title block faded towards its mean colour."""
    manifest = _copy(delivered, tmp_path)
    path = Path(manifest["dir"]) / "poster_key_art.jpg"
    pixels = np.asarray(Image.open(path).convert("RGB"), dtype=np.float64)
    x, y, w, h = manifest["posters"][0]["title_box"]
    block = pixels[y - 20 : y + h + 20, x - 20 : x + w + 20]
    pixels[y - 20 : y + h + 20, x - 20 : x + w + 20] = (
        block.mean(axis=(0, 1)) + (block - block.mean(axis=(0, 1))) * 0.12
    )
    Image.fromarray(pixels.astype(np.uint8)).save(path, quality=92)
    outcome = check_posters(manifest)
    assert not outcome.passed
    assert "poster_key_art.jpg title contrast" in outcome.description


def test_tiny_title_fails(delivered: dict[str, Any], tmp_path: Path) -> None:
    """Negative control: a crisp but tiny title (14 px on a 1600 px sheet) delivered as the minimal poster."""
    manifest = _copy(delivered, tmp_path)
    surface, pixels = raster.new_surface(*POSTER_SIZE)
    canvas = surface.getCanvas()
    canvas.clear(skia.Color(40, 30, 60))
    f = text.font(14)
    text.draw_lines(canvas, ["THE LAST LIGHT"], f, 540, 800)
    width = int(f.measureText("THE LAST LIGHT"))
    manifest["posters"][1] = manifest["posters"][1] | {"title_box": [540 - width // 2, 800, width, 17]}
    Image.fromarray(raster.rgb_of(pixels)).save(Path(manifest["dir"]) / "poster_minimal.jpg", quality=92)
    measured = title_legibility(raster.rgb_of(pixels), tuple(manifest["posters"][1]["title_box"]))  # type: ignore[arg-type]
    assert measured["contrast"] >= 4.5  # crisp: it is the size that fails
    outcome = check_posters(manifest)
    assert not outcome.passed and "poster_minimal.jpg title type" in outcome.description


def test_one_picture_three_times_fails(delivered: dict[str, Any], tmp_path: Path) -> None:
    """Negative control: the same key art delivered under all three style names."""
    manifest = _copy(delivered, tmp_path)
    folder = Path(manifest["dir"])
    for name in ("poster_minimal.jpg", "poster_ensemble.jpg"):
        shutil.copy(folder / "poster_key_art.jpg", folder / name)
    manifest["posters"] = [p | {"title_box": manifest["posters"][0]["title_box"]} for p in manifest["posters"]]
    outcome = check_posters(manifest)
    assert not outcome.passed and "styles too alike" in outcome.description


def test_missing_file_is_not_measured(delivered: dict[str, Any], tmp_path: Path) -> None:
    manifest = _copy(delivered, tmp_path)
    (Path(manifest["dir"]) / "banner.jpg").unlink()
    outcome = check_posters(manifest)
    assert outcome.status == "not measured" and "banner.jpg" in outcome.description


def test_press_kit_carries_the_posters(delivered: dict[str, Any], tmp_path: Path) -> None:
    import json
    import zipfile

    from models.film.press_kit import press_kit

    film = tmp_path / "film"
    film.mkdir()
    for name in ("poster.jpg", "thumbnail_1.jpg", "film.srt", "film.vtt", "trailer.mp4", "teaser.mp4"):
        (film / name).write_bytes(b"stand-in bytes: the kit stores files as they are")
    (film / "breakdown.json").write_text(json.dumps({"title": "The Last Light", "characters": [{"name": "ELI"}],
                                                     "scenes": [{"heading": "INT. LIGHTHOUSE - NIGHT", "location": "",
                                                                 "lines": [{"text": "Hello."}]}]}))  # fmt: skip
    final = {"dir": str(film), "poster": "poster.jpg", "thumbnails": ["thumbnail_1.jpg"], "srt": "film.srt",
             "vtt": "film.vtt", "breakdown": "breakdown.json", "duration": 30.0}  # fmt: skip
    marketing = {"dir": str(film), "teaser": {"file": "teaser.mp4"}, "cutdowns": []}
    press_kit(final, {"dir": str(film), "file": "trailer.mp4"}, marketing, tmp_path / "kit.zip", delivered)
    with zipfile.ZipFile(tmp_path / "kit.zip") as kit:
        names = set(kit.namelist())
        assert {"posters/poster_key_art.jpg", "posters/poster_minimal.jpg", "posters/poster_ensemble.jpg",
                "posters/banner.jpg"} <= names  # fmt: skip
        assert kit.read("posters/banner.jpg") == (Path(delivered["dir"]) / "banner.jpg").read_bytes()
