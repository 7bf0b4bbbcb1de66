"""Content-addressed per-scene cache: a scene's files are reused when its inputs are unchanged.

A key is the SHA-256 of the scene's inputs (as JSON) plus the names and versions of the
backends that made it, so an edited line, another voice or a new backend version misses the
cache and only that scene is recomputed. Entries are folders under the cache root, written to a
temporary name and renamed into place, so a crash never leaves a half-written entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RECORD = "record.json"


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

    def fetch(self, key: str, out_dir: Path) -> dict[str, Any] | None:
        """Link a cached entry's files into out_dir and return its record, or None on a miss."""
        entry = self._entry(key)
        record_path = entry / RECORD
        if not record_path.is_file():
            return None
        record = json.loads(record_path.read_text())
        for name in record["files"]:
            _link_or_copy(entry / name, out_dir / name)
        return record["data"]

    def store(self, key: str, out_dir: Path, files: Iterable[str], data: dict[str, Any]) -> None:
        """Keep copies of out_dir's named files and the record that describes them."""
        entry = self._entry(key)
        if (entry / RECORD).is_file():
            return
        names = list(files)
        temp = entry.parent / f".{key}.{uuid.uuid4().hex}"
        temp.mkdir(parents=True)
        try:
            for name in names:
                _link_or_copy(out_dir / name, temp / name)
            (temp / RECORD).write_text(json.dumps({"files": names, "data": data}, ensure_ascii=False))
            temp.rename(entry)
        except OSError:
            # Another process stored the same key first; its entry is equivalent.
            shutil.rmtree(temp, ignore_errors=True)
            if not (entry / RECORD).is_file():
                raise


def per_scene(
    cache: SceneCache | None,
    scene_ids: Iterable[str],
    key_of: Callable[[str], str],
    build: Callable[[str], tuple[list[str], dict[str, Any]]],
    out_dir: Path,
) -> tuple[dict[str, dict[str, Any]], CacheReport]:
    """Run build(scene_id) -> (files written in out_dir, record) for each scene not in the cache.

    Returns each scene's record and which scenes were recomputed or reused. With no cache every
    scene is built.
    """
    records: dict[str, dict[str, Any]] = {}
    report = CacheReport()
    for scene_id in scene_ids:
        key = key_of(scene_id) if cache else ""
        cached = cache.fetch(key, out_dir) if cache else None
        if cached is not None:
            records[scene_id] = cached
            report.reused.append(scene_id)
            continue
        files, record = build(scene_id)
        if cache:
            cache.store(key, out_dir, files, record)
        records[scene_id] = record
        report.recomputed.append(scene_id)
    return records, report


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
