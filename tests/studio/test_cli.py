"""`studio render` end to end through Dagster, and bad input that must change nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

STUDIO = Path(sys.executable).with_name("studio")

PODCAST = """\
ASHA: Welcome back to the show. Today we talk about rivers.
MARCUS: Rivers shape every city they touch.
ASHA: That is a lovely way to put it.
"""


def _run(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STUDIO_HOME": str(home)}
    env.pop("DAGSTER_HOME", None)
    env.pop("STUDIO_DATABASE_URL", None)
    return subprocess.run([str(STUDIO), *args], capture_output=True, text=True, env=env, timeout=600)


def _films_in_store(home: Path) -> int:
    db = home / "studio.db"
    if not db.exists():
        return 0
    from studio.store import FilmStore

    return len(FilmStore(f"sqlite:///{db}").list_films())


BAD_INPUTS = {
    "empty": (b"", [], "empty"),
    "blank": (b"   \n\n\t", [], "empty"),
    "binary": (bytes(range(256)) * 4, [], "binary"),
    "nothing speakable": (b"/* all cut */\n[[ a note ]]\n", [], "speak"),
    "negative duration": (PODCAST.encode(), ["--duration", "-3"], "Duration"),
    "too long duration": (PODCAST.encode(), ["--duration", "100000"], "Duration"),
    "oversized": (b"ASHA: hello there, friend.\n" * 10_000, [], "limit"),
    "unknown voice": (PODCAST.encode(), ["--voice", "ASHA=robot-9000"], "Unknown voice"),
    "unknown character": (PODCAST.encode(), ["--voice", "ZED=piper-joe"], "No character named"),
    "malformed voice": (PODCAST.encode(), ["--voice", "ASHA"], "NAME=VOICE_ID"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_exits_with_one_line_and_creates_nothing(case: str, tmp_path: Path) -> None:
    content, extra, reason = BAD_INPUTS[case]
    script = tmp_path / "script.txt"
    script.write_bytes(content)
    out = tmp_path / "out"
    home = tmp_path / "home"
    result = _run(["render", str(script), "--out", str(out), *extra], home)
    assert result.returncode == 2
    message = result.stderr.strip()
    assert "Traceback" not in result.stderr and len(message.splitlines()) == 1
    assert message.startswith("error:") and reason.lower() in message.lower()
    assert not out.exists()
    assert _films_in_store(home) == 0


def test_a_system_failure_marks_the_film_failed_and_says_what_is_missing(tmp_path: Path) -> None:
    # A PATH with every program of /usr/bin except fluidsynth: the score cannot be rendered.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for program in Path("/usr/bin").iterdir():
        if program.name != "fluidsynth":
            (bin_dir / program.name).symlink_to(program)
    script = tmp_path / "podcast.txt"
    script.write_text(PODCAST)
    home, out = tmp_path / "home", tmp_path / "film"
    env = {**os.environ, "STUDIO_HOME": str(home), "PATH": f"{STUDIO.parent}:{bin_dir}"}
    env.pop("DAGSTER_HOME", None)
    env.pop("STUDIO_DATABASE_URL", None)  # the store under STUDIO_HOME, whatever an earlier test left set
    result = subprocess.run(
        [str(STUDIO), "render", str(script), "--out", str(out), "--resolution", "480p"],
        capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("error: Render of film")
    assert "fluidsynth" in result.stderr.strip().splitlines()[-1]
    assert not out.exists()
    from studio.store import FilmStore

    (film,) = FilmStore(f"sqlite:///{home / 'studio.db'}").list_films()
    assert film.status == "failed" and "fluidsynth" in (film.error or "")


def test_render_delivers_every_file_and_the_run_is_in_dagster(tmp_path: Path) -> None:
    script = tmp_path / "podcast.txt"
    script.write_text(PODCAST)
    home, out = tmp_path / "home", tmp_path / "film"
    result = _run(["render", str(script), "--out", str(out), "--resolution", "480p", "--aspect", "9:16"], home)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"MP4: {out / 'film.mp4'}" in result.stdout

    names = {p.name for p in out.iterdir()}
    assert {"film.mp4", "film.srt", "film.vtt", "trailer.mp4", "breakdown.json", "report.json"} <= names
    assert any(n.startswith("thumbnail") for n in names)

    report = json.loads((out / "report.json").read_text())
    assert {c["check"] for c in report["checks"]} >= {
        "loudness_meets_preset",
        "subtitles_cover_every_line",
        "lipsync_follows_speech",
    }
    assert set(report["seconds_per_asset"]) >= {"scene_breakdown", "voice_tracks", "final_cut", "trailer"}
    breakdown = json.loads((out / "breakdown.json").read_text())
    assert [c["name"] for c in breakdown["characters"]] == ["ASHA", "MARCUS"]
    lines = [line for scene in breakdown["scenes"] for line in scene["lines"]]
    assert [line["speaker"] for line in lines] == ["ASHA", "MARCUS", "ASHA"]
    assert all(0 <= line["start"] < line["end"] <= report["duration"] for line in lines)

    from integrations.ffmpeg import probe

    video = next(s for s in probe(out / "film.mp4")["streams"] if s["codec_type"] == "video")
    assert (video["width"], video["height"]) == (480, 854)

    import dagster as dg

    with dg.DagsterInstance.from_config(str(home / "dagster")) as instance:
        assert instance.get_dynamic_partitions("films") == [report["film_id"]]
        run = instance.get_run_by_id(report["run_id"])
        assert run is not None and run.is_success and run.tags["dagster/partition"] == report["film_id"]
        # It went through the render queue the app uses, launched by a daemon the command started for it
        queued = instance.get_records_for_run(run.run_id, of_type=dg.DagsterEventType.RUN_ENQUEUED).records
        assert queued and run.tags["studio/source"] == "cli" and run.tags["dagster/max_retries"] == "2"
    assert "QueuedRunCoordinatorDaemon" in (home / "logs" / "cli-daemon.log").read_text()
    import psutil  # and that daemon stopped with the command: no process is left serving this home

    left = [p for p in psutil.process_iter(["cmdline", "environ"]) if _serves(p, home)]
    assert not left, [p.info["cmdline"] for p in left]


def _serves(process, home: Path) -> bool:
    try:
        return (process.info["environ"] or {}).get("STUDIO_HOME") == str(home)
    except Exception:  # noqa: BLE001 - a process that ended or is not ours to read
        return False
