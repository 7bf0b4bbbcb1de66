"""Content-addressed per-scene cache: a scene's files are reused when its inputs are unchanged.

A key is the SHA-256 of the scene's inputs (as JSON) plus the names and versions of the
backends that made it, so an edited line, another voice or a new backend version misses the
cache and only that scene is recomputed. Entries are folders under the cache root, written to a
temporary name and renamed into place, so a crash never leaves a half-written entry.

Keys hold a scene's content, never its id: ids count scenes ("s01", "s02", ...), so a scene inserted
at the top would otherwise recompute every later one. An entry stores the scene's file names and
record with its id replaced by a placeholder, and a fetch puts back the id the scene has now.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RECORD = "record.json"
PLACEHOLDER = "{scene}"  # where an entry's file names and record held the scene's id
_AFTER_ID = "/_."  # what follows an id at the start of a file name: "s01/frame.png", "s01_000.wav", "s01.mp4"


def _swap_id(value: Any, old: str, new: str) -> Any:
    """`value` with every string that is `old`, or starts with `old` and a separator, starting with `new`."""
    if not old:
        return value
    if isinstance(value, str):
        if value == old or (value.startswith(old) and value[len(old) : len(old) + 1] in tuple(_AFTER_ID)):
            return new + value[len(old) :]
        return value
    if isinstance(value, list):
        return [_swap_id(item, old, new) for item in value]
    if isinstance(value, dict):
        return {_swap_id(k, old, new): _swap_id(v, old, new) for k, v in value.items()}
    return value


def scene_key(*parts: Any) -> str:
    """A stable hex key of JSON-serialisable inputs."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)  # cache and staging share a filesystem: no bytes copied
    except OSError:
        shutil.copy2(source, target)


@dataclass
class CacheReport:
    """Which scenes were computed in this materialisation and which came from the cache."""

    recomputed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[str]]:
        return {"scenes_recomputed": self.recomputed, "scenes_reused": self.reused}


class SceneCache:
    """Folders of files keyed by content, under one root (one cache per asset kind)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _entry(self, key: str) -> Path:
        return self.root / key[:2] / key

    def fetch(self, key: str, out_dir: Path, scene_id: str = "") -> dict[str, Any] | None:
        """Link a cached entry's files into out_dir and return its record, or None on a miss; with
        `scene_id`, the entry's files and record are named for that scene."""
        entry = self._entry(key)
        record_path = entry / RECORD
        if not record_path.is_file():
            return None
        record = json.loads(record_path.read_text())
        for name in record["files"]:
            _link_or_copy(entry / name, out_dir / _swap_id(name, PLACEHOLDER, scene_id))
        return _swap_id(record["data"], PLACEHOLDER, scene_id)

    def store(self, key: str, out_dir: Path, files: Iterable[str], data: dict[str, Any], scene_id: str = "") -> None:
        """Keep copies of out_dir's named files and the record that describes them; with `scene_id`,
        stored under names free of it, so the entry serves the same scene at any position."""
        entry = self._entry(key)
        if (entry / RECORD).is_file():
            return
        names = list(files)
        stored = [_swap_id(name, scene_id, PLACEHOLDER) for name in names]
        temp = entry.parent / f".{key}.{uuid.uuid4().hex}"
        temp.mkdir(parents=True)
        try:
            for name, kept in zip(names, stored):
                _link_or_copy(out_dir / name, temp / kept)
            record = {"files": stored, "data": _swap_id(data, scene_id, PLACEHOLDER)}
            (temp / RECORD).write_text(json.dumps(record, ensure_ascii=False))
            temp.rename(entry)
        except OSError:
            # Another process stored the same key first; its entry is equivalent.
            shutil.rmtree(temp, ignore_errors=True)
            if not (entry / RECORD).is_file():
                raise


class _Inline(Executor):
    """Runs each task as it is submitted, in the caller's thread: one scene at a time keeps its
    builds in the thread that asked (profilers, tracebacks and thread-bound libraries see them there)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # noqa: BLE001  # handed to the caller through the future, as a pool does
            future.set_exception(error)
        return future


def build_workers() -> int:
    """Scenes built side by side by `per_scene`: one per core this process may run on. For builds
    whose work leaves Python (an ONNX session, ffmpeg), threads keep every core busy."""
    return max(1, len(os.sched_getaffinity(0)))


def per_scene(
    cache: SceneCache | None,
    scene_ids: Iterable[str],
    key_of: Callable[[str], str],
    build: Callable[[str], tuple[list[str], dict[str, Any]]],
    out_dir: Path,
    workers: int = 1,
) -> tuple[dict[str, dict[str, Any]], CacheReport]:
    """Run build(scene_id) -> (files written in out_dir, record) for each scene not in the cache,
    `workers` scenes at a time (threads: `build` must be safe to run beside itself).

    Returns each scene's record, in scene order, and which scenes were recomputed or reused. With no
    cache every scene is built. When a build fails, scenes not yet started are not built, those built
    are still cached, and then the first failure is raised, so a retry redoes only what is missing.
    """
    order = list(scene_ids)
    keys = {scene_id: key_of(scene_id) if cache else "" for scene_id in order}
    records: dict[str, dict[str, Any]] = {}
    report = CacheReport()
    missing = []
    for scene_id in order:
        cached = cache.fetch(keys[scene_id], out_dir, scene_id) if cache else None
        if cached is None:
            missing.append(scene_id)
            continue
        records[scene_id] = cached
        report.reused.append(scene_id)
    failure: BaseException | None = None
    queue = iter(missing)
    with ThreadPoolExecutor(workers) if workers > 1 else _Inline() as pool:
        running: dict[Future[tuple[list[str], dict[str, Any]]], str] = {}

        def start_next() -> None:
            scene_id = next(queue, None)
            if scene_id is not None:
                running[pool.submit(build, scene_id)] = scene_id

        for _ in range(max(1, workers)):
            start_next()
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                scene_id = running.pop(future)
                try:
                    files, record = future.result()
                except BaseException as error:  # noqa: BLE001  # the scenes built are kept; then it is raised
                    failure = failure or error
                    continue
                if cache:
                    cache.store(keys[scene_id], out_dir, files, record, scene_id)
                records[scene_id] = record
                if failure is None:
                    start_next()  # after a failure no scene is started
    if failure is not None:
        raise failure
    report.recomputed = [scene_id for scene_id in missing if scene_id in records]
    return {scene_id: records[scene_id] for scene_id in order}, report


class JsonCache:
    """Small JSON results keyed by content (e.g. what the recognizer heard in one stretch of audio)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> Any | None:
        path = self._path(key)
        return json.loads(path.read_text()) if path.is_file() else None

    def put(self, key: str, data: Any) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
        temp.write_text(json.dumps(data, ensure_ascii=False))
        temp.replace(path)


class FileCache:
    """One file and its small record per key (a line's voice take): finer than a scene's entry, so
    an edited line re-synthesizes only itself; the caller names the file wherever it fetches it."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def fetch(self, key: str, target: Path) -> dict[str, Any] | None:
        """Link the kept file to `target` and return its record, or None on a miss."""
        folder = self.root / key[:2]
        record = folder / f"{key}.json"
        if not record.is_file():
            return None
        _link_or_copy(folder / f"{key}.bin", target)
        data: dict[str, Any] = json.loads(record.read_text())
        return data

    def store(self, key: str, source: Path, data: dict[str, Any]) -> None:
        """Keep `source` and its record; the record is written last, so a fetch never finds half an entry."""
        folder = self.root / key[:2]
        folder.mkdir(parents=True, exist_ok=True)
        temp = folder / f".{key}.{uuid.uuid4().hex}"
        _link_or_copy(source, temp)
        temp.replace(folder / f"{key}.bin")
        record = folder / f".{key}.json.{uuid.uuid4().hex}"
        record.write_text(json.dumps(data, ensure_ascii=False))
        record.replace(folder / f"{key}.json")
