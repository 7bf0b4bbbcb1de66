"""Video metadata from a film: chapters by YouTube's rules, tags from the breakdown, cleaned text."""

from __future__ import annotations

from studio.domain.youtube_metadata import chapters_from, scene_starts, tags_from, video_metadata


def _breakdown(starts: list[float]) -> dict:
    return {"characters": [{"name": "NARRATOR"}, {"name": "MEERA"}],
            "scenes": [{"scene_id": f"s{i:02d}", "heading": f"EXT. PLACE {i} - DAY", "location": f"PLACE {i}",
                        "mood": "tense", "culture": "middle_eastern",
                        "lines": [{"speaker": "MEERA", "text": f"Line <{i}>.", "start": s, "end": s + 1}]}
                       for i, s in enumerate(starts, 1)]}  # fmt: skip


def test_chapters_follow_youtube_rules() -> None:
    chapters, note = chapters_from([(2.0, "ONE"), (15.0, "TWO"), (40.0, "THREE"), (3725.0, "FOUR")], 3800.0)
    assert [c.line() for c in chapters] == ["0:00 One", "0:15 Two", "0:40 Three", "1:02:05 Four"] and note is None
    # Too short to be chapters: a scene under 10 s folds into the previous one; fewer than 3 -> none.
    chapters, note = chapters_from([(0.0, "A"), (5.0, "B"), (12.0, "C")], 30.0)
    assert chapters == [] and "at least 3" in note
    chapters, _ = chapters_from([(0.0, "A"), (12.0, "B"), (25.0, "C"), (31.0, "D")], 36.0)
    assert [c.title for c in chapters] == ["A", "B", "C"]  # D would be 5 s; the last one must last 10 s


def test_voice_timeline_wins_over_line_starts() -> None:
    breakdown = _breakdown([1.0, 20.0])
    voices = {"timeline": {"scenes": [{"scene_id": "s01", "start": 0.0}, {"scene_id": "s02", "start": 17.5}]}}
    assert scene_starts(breakdown, voices) == [(0.0, "EXT. PLACE 1 - DAY"), (17.5, "EXT. PLACE 2 - DAY")]
    assert scene_starts(breakdown, None) == [(1.0, "EXT. PLACE 1 - DAY"), (20.0, "EXT. PLACE 2 - DAY")]


def test_metadata_is_cleaned_and_bounded() -> None:
    breakdown = _breakdown([0.0, 12.0, 30.0])
    meta = video_metadata("<b>Night</b> " + "x" * 200, "script", breakdown, 45.0)
    assert "<" not in meta.title and ">" not in meta.title and len(meta.title) == 100
    assert "<" not in meta.description and "0:12 Ext. Place 2 - Day" in meta.description
    assert meta.category_id == "1"
    tags = tags_from(breakdown)
    assert "Meera" in tags and "Narrator" not in tags and "middle eastern" in tags and tags.count("tense") == 1
    many = {"characters": [{"name": f"CHARACTER NUMBER {i}"} for i in range(100)], "scenes": []}
    assert sum(len(t) + 1 for t in tags_from(many)) <= 500


def test_the_description_credits_the_art_the_film_used() -> None:
    from models.image.icons import SILHOUETTE_LICENCE

    breakdown = _breakdown([0.0, 12.0, 30.0])
    meta = video_metadata("Night", "script", breakdown, 45.0, licences=[SILHOUETTE_LICENCE])
    assert "Art: Game Icons by Lorc, Delapouite and contributors" in meta.description
    assert "(CC BY 3.0)" in meta.description
    assert "Art:" not in video_metadata("Night", "script", breakdown, 45.0).description  # nothing borrowed
