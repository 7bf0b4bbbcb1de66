"""Publishing an asset folder swaps it whole; film ids cannot escape the media root."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.store.media import asset_dir, publish, staging_dir


def test_publish_replaces_the_old_asset_in_one_step(tmp_path: Path) -> None:
    final = asset_dir(tmp_path, "abc123", "score")
    final.mkdir(parents=True)
    (final / "old.wav").write_text("old")
    staging = staging_dir(tmp_path, "abc123", "score", "run-1")
    staging.mkdir(parents=True)
    (staging / "score.wav").write_text("new")
    publish(staging, final)
    assert sorted(p.name for p in final.iterdir()) == ["score.wav"]
    assert not staging.exists()
    assert not final.with_name("score.old").exists()


@pytest.mark.parametrize("film_id", ["../etc", "ABC", "", "a/b", "abc123/../../x"])
def test_film_ids_that_are_not_hex_are_refused(tmp_path: Path, film_id: str) -> None:
    with pytest.raises(ValueError, match="Invalid film id"):
        asset_dir(tmp_path, film_id, "score")
