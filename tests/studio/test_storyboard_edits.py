"""The Storyboard's edits through the service: a re-render's cost is told before it is charged and is
for the changed scenes only (a film never rendered pays for a full render), the timeline reorders and
deletes scenes, the cast panel's corrections make a new character version, and a queued render knows
its place in the queue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from studio.compose import open_studio
from studio.domain.errors import UserError
from studio.services.characters import CharacterVersions
from studio.services.credits import cost_for
from studio.services.studio_service import StudioService
from studio.settings import Settings
from studio.store import FilmRow
from studio.store.accounts import RenderRequestRow
from studio.store.media import asset_dir
from tests.entry_env import export_settings

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = (ROOT / "samples" / "lighthouse.fountain").read_text(encoding="utf-8")  # 3 scenes, about a minute


@pytest.fixture
def service(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> StudioService:
    for name in ("STUDIO_HOME", "STUDIO_DATABASE_URL", "DAGSTER_HOME"):
        monkeypatch.setenv(name, "")
    settings = Settings(tmp_path / "home", sqlite_url, tmp_path / "home" / "dagster")
    export_settings(monkeypatch, settings)
    return open_studio(settings)


def creator(service: StudioService, credits: int = 20) -> str:
    """A creator with `credits` to spend (the first account is the admin who grants them)."""
    admin = service.sign_up("owner@example.com", "password one", "Owner")
    token = service.sign_up("c@example.com", "password two", "Creator")
    service.grant(admin, service.user(token).id, credits - 3, "test credits")
    return token


def publish_final_cut(service: StudioService, film_id: str) -> None:
    """What the render pipeline leaves once a film has been rendered: a published final cut."""
    folder = asset_dir(service.settings.media_root, film_id, "final_cut")
    folder.mkdir(parents=True)
    (folder / "film.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    (folder / "manifest.json").write_text(json.dumps({"film": "film.mp4", "duration": 60.0}))


def requests(service: StudioService) -> int:
    with service.store.session() as session:
        return session.scalar(select(func.count()).select_from(RenderRequestRow))


def scene_two(service: StudioService, token: str, film_id: str) -> str:
    scene = service.storyboard(token, film_id)["scenes"][1]
    return scene["text"].replace("Not one night did it go dark.", "Not one single night did it go dark.")


def test_a_scene_edit_of_a_never_rendered_film_is_quoted_and_charged_as_a_full_render(service: StudioService) -> None:
    token = creator(service)
    film_id = service.create_film(token, SCRIPT, {})
    full = service.estimate(token, SCRIPT, {}).credits
    assert full >= 2
    quote = service.scene_edit_quote(token, film_id, "s02", scene_two(service, token, film_id))
    assert quote.whole_film and quote.credits == full and quote.scenes == ["s01", "s02", "s03"]
    assert service.user(token).balance == 20 and requests(service) == 0  # a quote charges nothing
    service.edit_scene(token, film_id, "s02", scene_two(service, token, film_id), "edit-1")
    assert service.user(token).balance == 20 - full


def test_a_rendered_film_pays_only_for_the_scene_that_changed(service: StudioService) -> None:
    token = creator(service)
    film_id = service.create_film(token, SCRIPT, {})
    publish_final_cut(service, film_id)
    full = service.estimate(token, SCRIPT, {}).credits
    quote = service.scene_edit_quote(token, film_id, "s02", scene_two(service, token, film_id))
    assert not quote.whole_film and quote.scenes == ["s02"] and 20 < quote.seconds < 30  # scene 2 alone
    assert quote.credits == cost_for(quote.seconds) < full
    assert quote.balance == 20 and requests(service) == 0
    service.edit_scene(token, film_id, "s02", scene_two(service, token, film_id), "edit-1")
    assert service.user(token).balance == 20 - quote.credits
    assert "Not one single night" in service.storyboard(token, film_id)["scenes"][1]["text"]


def test_the_timeline_reorders_and_deletes_scenes_charging_the_changed_ones(service: StudioService) -> None:
    token = creator(service)
    film_id = service.create_film(token, SCRIPT, {})
    publish_final_cut(service, film_id)
    headings = [s["heading"] for s in service.storyboard(token, film_id)["scenes"]]
    # Deleting the last scene leaves the first two exactly as rendered: the minimum charge, 1 credit.
    quote = service.timeline_quote(token, film_id, ["s01", "s02"])
    assert quote.scenes == [] and quote.credits == 1 and requests(service) == 0
    # Swapping the last two: both change place (and so id), both are made again.
    quote = service.timeline_quote(token, film_id, ["s01", "s03", "s02"])
    assert quote.scenes == ["s02", "s03"] and not quote.whole_film
    service.edit_timeline(token, film_id, ["s01", "s03", "s02"], "timeline-1")
    assert service.user(token).balance == 20 - quote.credits
    after = [s["heading"] for s in service.storyboard(token, film_id)["scenes"]]
    assert after == [headings[0], headings[2], headings[1]]
    with service.store.session() as session:
        assert session.get(FilmRow, film_id).draft_script.startswith("Title: The Last Light")
    for bad, words in ((["s01", "s01"], "only once"), ([], "at least one scene"), (["s09"], "No scene 's09'")):
        with pytest.raises(UserError, match=words):
            service.timeline_quote(token, film_id, bad)
    assert service.user(token).balance == 20 - quote.credits


def test_a_trim_keeps_the_chosen_beats_of_one_scene_and_pays_for_that_scene_only(service: StudioService) -> None:
    token = creator(service)
    film_id = service.create_film(token, SCRIPT, {})
    publish_final_cut(service, film_id)
    scenes = service.storyboard(token, film_id)["scenes"]
    beats = scenes[1]["beats"]
    assert beats[0].startswith("Rain hammers the glass") and len(beats) == 8
    order = [s["id"] for s in scenes]
    trims = {"s02": [2, 6]}  # the opening action, the cut comment and the transition go
    quote = service.timeline_quote(token, film_id, order, trims)
    assert quote.scenes == ["s02"] and not quote.whole_film and quote.seconds < scenes[1]["target_seconds"]
    refused = (
        ({"s02": [0, 3]}, "between 1 and 8"), ({"s02": [5, 2]}, "between 1 and 8"), ({"s02": [1, 99]}, "between 1 and 8"),
        ({"s02": [1.5, 2]}, "whole beat numbers"), ({"s02": "1-3"}, "first and last beat"),
    )  # fmt: skip
    for bad, words in refused:
        with pytest.raises(UserError, match=words):
            service.edit_timeline(token, film_id, order, "trim-bad", bad)
    with pytest.raises(UserError, match="not in the timeline"):
        service.timeline_quote(token, film_id, ["s01", "s03"], trims)
    assert service.user(token).balance == 20 and requests(service) == 0  # refusals and quotes charge nothing
    service.edit_timeline(token, film_id, order, "trim-1", trims)
    assert service.user(token).balance == 20 - quote.credits
    after = service.storyboard(token, film_id)["scenes"]
    assert [s["heading"] for s in after] == [s["heading"] for s in scenes]  # every scene is still there
    assert after[1]["text"].startswith("INT. LIGHTHOUSE - LAMP ROOM - NIGHT")  # its heading is kept
    assert "Rain hammers" not in after[1]["text"] and "coast guard" not in after[1]["text"]
    assert after[1]["beats"] == beats[1:6] and after[0]["text"] == scenes[0]["text"]


def test_a_cast_correction_makes_a_new_character_version_and_recasts_the_voice(service: StudioService) -> None:
    token = creator(service)
    film_id = service.create_film(token, SCRIPT, {})
    eli = next(c for c in service.cast_sheet(token, film_id) if c["name"] == "ELI")
    assert (eli["age_band"], eli["gender"]) == ("child", "male")
    changed = service.recast(token, film_id, "ELI", age_band="senior", gender="female")
    assert (changed["age_band"], changed["gender"]) == ("senior", "female")
    voices = {v["id"]: v for v in service.voice_choices()}
    assert voices[changed["voice"]]["gender"] == "female" and changed["voice"] != eli["voice"]
    active = CharacterVersions(service.store).active(film_id)["ELI"]
    assert active.version == 2 and active.traits == {"age_band": "senior", "gender": "female"}
    with service.store.session() as session:  # the next render casts this voice and draws version 2
        assert session.get(FilmRow, film_id).settings["voices"]["ELI"] == changed["voice"]
    chosen = next(v for v in voices if v != changed["voice"] and voices[v]["installed"])
    assert service.recast(token, film_id, "ELI", voice=chosen)["voice"] == chosen
    assert CharacterVersions(service.store).active(film_id)["ELI"].version == 2  # a voice alone is no new look
    for kwargs, words in (({"voice": "no-such-voice"}, "Unknown voice"), ({"gender": "robot"}, "Gender must be")):
        with pytest.raises(UserError, match=words):
            service.recast(token, film_id, "ELI", **kwargs)
    with pytest.raises(UserError, match="no character named"):
        service.recast(token, film_id, "NOBODY", gender="male")
    assert service.cast_sheet(token, film_id)[0]["voice"] is not None
    assert service.user(token).balance == 20  # casting charges nothing


def test_queued_renders_know_their_place_in_the_queue(service: StudioService) -> None:
    token = creator(service)
    first = service.create_film(token, SCRIPT, {})
    second = service.create_film(token, SCRIPT.replace("The Last Light", "The Next Light"), {})
    service.render(token, first, "render-1")
    service.render(token, second, "render-2")  # no daemon here: both wait in the queue
    assert service.progress(token, first).queue_position == 1
    assert service.progress(token, second).queue_position == 2
    service.cancel(token, first)
    assert service.progress(token, second).queue_position == 1
