"""Choosing the trailer's moments."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image

from integrations.ffmpeg import run_ffmpeg
from models.edit.trailer import (
    MIN_SECONDS,
    Moment,
    card_seconds,
    choose_moments,
    clip_budget,
    clip_pieces,
    film_pieces,
    render_trailer,
    trailer_cap,
    trailer_key,
)


def test_strongest_moments_within_budget_in_film_order() -> None:
    moments = [Moment(1.0, 3.0, 0.5), Moment(10.0, 14.0, 3.0), Moment(20.0, 22.0, 2.0), Moment(30.0, 40.0, 1.0)]
    chosen = choose_moments(moments, film_seconds=41.0, budget=8.0)
    assert chosen == [(9.75, 14.25), (19.75, 22.25)]


def test_padding_is_clamped_to_the_film() -> None:
    assert choose_moments([Moment(0.1, 4.9, 1.0)], film_seconds=5.0, budget=24.0) == [(0.0, 5.0)]


def test_cards_stretch_so_a_short_film_still_gets_a_15_second_trailer() -> None:
    assert 2 * card_seconds(5.0) + 5.0 >= MIN_SECONDS
    assert card_seconds(20.0) == 3.0


def test_a_10_second_film_gets_a_trailer_of_at_most_4_seconds(tmp_path: Path) -> None:
    """A real 10 s film encoded with ffmpeg: its trailer plays at most 40% of it, cards included."""
    film = tmp_path / "film.mp4"
    run_ffmpeg(["-f", "lavfi", "-i", "testsrc=size=320x180:rate=24:duration=10",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=10",
                "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", str(film)])  # fmt: skip
    card = tmp_path / "card.png"
    Image.new("RGB", (320, 180), "black").save(card)
    moments = [Moment(1.0, 3.5, 2.0), Moment(4.0, 6.0, 3.0), Moment(7.0, 9.5, 1.0)]
    chosen = choose_moments(moments, film_seconds=10.0, budget=clip_budget(10.0))
    assert chosen, "a short film still shows one of its lines"
    out = tmp_path / "trailer.mp4"
    seconds = render_trailer(film_pieces(film, chosen), card, card, out, 24, film_seconds=10.0)
    probed = _duration(out)
    assert seconds <= 4.0 + 1e-6 and probed <= 4.0 + 0.15, (seconds, probed)


def _duration(path: Path) -> float:
    return float(
        subprocess.run(
            ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout  # fmt: skip
    )


def _frame_colour(video: Path, at: float) -> tuple[int, int, int]:
    """Mean RGB of the decoded frame at `at` seconds."""
    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-ss", f"{at:.3f}", "-i", str(video), "-frames:v", "1", "-s", "16x9",
         "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    pixels = len(raw) // 3
    return tuple(sum(raw[c::3]) // pixels for c in range(3))  # type: ignore[return-value]


def test_a_moment_across_a_scene_cut_shows_both_clips_over_one_stretch_of_the_mix(tmp_path: Path) -> None:
    """The trailer is cut from the scene clips and the mix: a moment from 3 s to 5 s of a film made of a
    red 4 s clip then a blue 4 s clip shows red, then blue, and lasts its 2 s plus the cards."""
    clips = []
    for name, colour in (("red", "0xff0000"), ("blue", "0x0000ff")):
        clip = tmp_path / f"{name}.mp4"
        run_ffmpeg(["-f", "lavfi", "-i", f"color=c={colour}:size=320x180:rate=24:duration=4",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(clip)])  # fmt: skip
        clips.append((clip, 4.0))
    mix = tmp_path / "mix.wav"
    run_ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=8", "-ac", "2", str(mix)])
    card = tmp_path / "card.png"
    Image.new("RGB", (320, 180), "black").save(card)
    pieces = clip_pieces(clips, mix, [(3.0, 5.0)])
    assert [(s.path.name, s.start, s.seconds) for s in pieces[0].video] == [
        ("red.mp4", 3.0, 1.0),
        ("blue.mp4", 0.0, 1.0),
    ]
    out = tmp_path / "trailer.mp4"
    seconds = render_trailer(pieces, card, card, out, 24, film_seconds=60.0)
    card_s = card_seconds(2.0, 60.0)
    assert abs(_duration(out) - seconds) < 0.15 and abs(seconds - (2.0 + 2 * card_s)) < 1e-6
    red, blue = _frame_colour(out, card_s + 0.5), _frame_colour(out, card_s + 1.5)
    assert red[0] > 200 and red[2] < 60, red
    assert blue[2] > 200 and blue[0] < 60, blue


def test_trailer_cap_is_40_percent_of_the_film_and_30_s_at_most() -> None:
    assert abs(trailer_cap(12.0) - 4.8) < 1e-9
    assert trailer_cap(60.0) == 24.0 and trailer_cap(300.0) == 30.0
    for film in (5.0, 10.0, 12.0, 20.0, 40.0, 90.0):
        clips = clip_budget(film)
        assert clips > 0 and clips + 2 * card_seconds(clips, film) <= trailer_cap(film) + 1e-9
        assert 2 * card_seconds(0.5, film) + 0.5 <= trailer_cap(film) + 1e-9
    assert 2 * card_seconds(5.0, 90.0) + 5.0 >= MIN_SECONDS  # a long film still gets 15 s


def test_the_trailer_cache_key_follows_the_cut_pictures_and_sound_only(tmp_path: Path) -> None:
    """An edit outside the chosen moments keeps the kept trailer; new sound or pictures inside one do not."""
    clip = tmp_path / "clip.mp4"
    run_ffmpeg(["-f", "lavfi", "-i", "testsrc=size=160x90:rate=24:duration=6",
                "-c:v", "libx264", "-preset", "ultrafast", str(clip)])  # fmt: skip
    card = tmp_path / "card.png"
    Image.new("RGB", (160, 90), "black").save(card)

    def mix_with(tone_at: float) -> Path:
        """6 s of silence with a 0.5 s tone at `tone_at` (a re-voiced line)."""
        wav = tmp_path / f"mix_{tone_at}.wav"
        run_ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=6",
                    "-af", f"volume=enable='not(between(t,{tone_at},{tone_at + 0.5}))':volume=0",
                    "-ac", "2", str(wav)])  # fmt: skip
        return wav

    moments = [(1.0, 2.5)]

    def key(mix: Path, video: Path = clip) -> str:
        return trailer_key(clip_pieces([(video, 6.0)], mix, moments), (card, card), 24, 6.0)

    base = key(mix_with(4.0))
    assert key(mix_with(4.5)) == base  # the edited line lies outside the trailer's moment
    assert key(mix_with(1.5)) != base  # the edited line is in it
    other = tmp_path / "other.mp4"
    run_ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=160x90:rate=24:duration=6",
                "-c:v", "libx264", "-preset", "ultrafast", str(other)])  # fmt: skip
    assert key(mix_with(4.0), other) != base  # new pictures


def test_a_re_cut_trailer_re_encodes_only_the_stretches_of_the_changed_clip(tmp_path: Path) -> None:
    """Each stretch of pictures is kept by the bytes it is cut from: after the second clip turns green,
    the trailer shows green where it showed blue, the red stretch and the cards come from the kept
    parts, and only the green stretch is new."""
    from models.film.scene_cache import FileCache

    def clip(name: str, colour: str) -> Path:
        path = tmp_path / f"{name}.mp4"
        run_ffmpeg(["-f", "lavfi", "-i", f"color=c={colour}:size=320x180:rate=24:duration=4",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(path)])  # fmt: skip
        return path

    mix = tmp_path / "mix.wav"
    run_ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=8", "-ac", "2", str(mix)])
    card = tmp_path / "card.png"
    Image.new("RGB", (320, 180), "black").save(card)
    parts = FileCache(tmp_path / "parts")
    red = clip("red", "0xff0000")

    def cut(second: Path, out: Path) -> float:
        pieces = clip_pieces([(red, 4.0), (second, 4.0)], mix, [(1.0, 2.0), (5.0, 6.0)])
        return render_trailer(pieces, card, card, out, 24, film_seconds=60.0, parts=parts)

    def kept() -> set[Path]:
        return set(parts.root.rglob("*.bin"))

    first = cut(clip("blue", "0x0000ff"), tmp_path / "first.mp4")
    before = kept()
    assert len(before) == 3  # the card (title and end are the same picture), the red and the blue stretch
    second = cut(clip("green", "0x00ff00"), tmp_path / "second.mp4")
    assert len(kept() - before) == 1 and before <= kept()
    card_s = card_seconds(2.0, 60.0)
    assert first == second and abs(_duration(tmp_path / "second.mp4") - second) < 0.15
    red_seen, green_seen = (_frame_colour(tmp_path / "second.mp4", card_s + t) for t in (0.5, 1.5))
    assert red_seen[0] > 200 and red_seen[1] < 60, red_seen
    assert green_seen[1] > 200 and green_seen[2] < 60, green_seen
