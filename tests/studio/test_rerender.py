"""`studio render SCRIPT --film ID`: editing one line of one scene re-renders exactly that scene."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from integrations.ffmpeg import probe

STUDIO = Path(sys.executable).with_name("studio")

SCENES = [
    ("INT. KITCHEN - DAY", "NINA", "The kettle is singing again."),
    ("EXT. GARDEN - DUSK", "TOM", "The roses need water tonight."),
    ("INT. HALLWAY - NIGHT", "NINA", "Lock the door before bed."),
]


def _script(lines: list[tuple[str, str, str]]) -> str:
    body = "\n".join(f"{heading}\n\n{speaker}\n{text}\n" for heading, speaker, text in lines)
    return f"Title: Small Hours\n\n{body}"


def _run(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STUDIO_HOME": str(home)}
    env.pop("DAGSTER_HOME", None)
    env.pop("STUDIO_DATABASE_URL", None)
    return subprocess.run([str(STUDIO), *args], capture_output=True, text=True, env=env, timeout=900)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("rerender")
    home = root / "home"
    first = root / "v1.fountain"
    first.write_text(_script(SCENES))
    result = _run(["render", str(first), "--out", str(root / "out1"), "--resolution", "480p"], home)
    assert result.returncode == 0, result.stderr[-2000:]
    return {"root": root, "home": home, "report": json.loads((root / "out1" / "report.json").read_text())}


def test_first_render_computes_every_scene(rendered: dict) -> None:
    report = rendered["report"]
    assert report["scenes_recomputed"] == ["s01", "s02", "s03"] and report["scenes_reused"] == []
    assert (rendered["root"] / "out1" / "poster.jpg").is_file()


def test_editing_one_line_recomputes_exactly_that_scene(rendered: dict) -> None:
    root, home = rendered["root"], rendered["home"]
    edited = list(SCENES)
    edited[1] = (SCENES[1][0], SCENES[1][1], "The roses can wait until morning.")
    second = root / "v2.fountain"
    second.write_text(_script(edited))
    film_id = rendered["report"]["film_id"]
    result = _run(["render", str(second), "--film", film_id, "--out", str(root / "out2")], home)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads((root / "out2" / "report.json").read_text())
    assert report["film_id"] == film_id
    assert report["scenes_recomputed"] == ["s02"] and report["scenes_reused"] == ["s01", "s03"]
    assert report["format"]["resolution"] == "480p"  # the film's settings are kept
    video = next(s for s in probe(root / "out2" / "film.mp4")["streams"] if s["codec_type"] == "video")
    assert (video["width"], video["height"]) == (854, 480)
    breakdown = json.loads((root / "out2" / "breakdown.json").read_text())
    assert breakdown["scenes"][1]["lines"][0]["text"] == "The roses can wait until morning."


def test_unknown_film_is_refused_and_nothing_changes(rendered: dict) -> None:
    root, home = rendered["root"], rendered["home"]
    films_before = _run(["films"], home).stdout
    out = root / "nowhere"
    result = _run(["render", str(root / "v1.fountain"), "--film", "0123456789ab", "--out", str(out)], home)
    assert result.returncode == 2
    assert "No film with id '0123456789ab'" in result.stderr
    assert not out.exists()
    assert _run(["films"], home).stdout == films_before
