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
    render_trailer,
    trailer_cap,
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
    seconds = render_trailer(film, chosen, card, card, out, 24, film_seconds=10.0)
    probed = float(
        subprocess.run(
            ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(out)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout  # fmt: skip
    )
    assert seconds <= 4.0 + 1e-6 and probed <= 4.0 + 0.15, (seconds, probed)


def test_trailer_cap_is_40_percent_of_the_film_and_30_s_at_most() -> None:
    assert abs(trailer_cap(12.0) - 4.8) < 1e-9
    assert trailer_cap(60.0) == 24.0 and trailer_cap(300.0) == 30.0
    for film in (5.0, 10.0, 12.0, 20.0, 40.0, 90.0):
        clips = clip_budget(film)
        assert clips > 0 and clips + 2 * card_seconds(clips, film) <= trailer_cap(film) + 1e-9
        assert 2 * card_seconds(0.5, film) + 0.5 <= trailer_cap(film) + 1e-9
    assert 2 * card_seconds(5.0, 90.0) + 5.0 >= MIN_SECONDS  # a long film still gets 15 s
