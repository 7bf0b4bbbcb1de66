"""Choosing the trailer's moments."""

from __future__ import annotations

from models.edit.trailer import MIN_SECONDS, Moment, card_seconds, choose_moments


def test_strongest_moments_within_budget_in_film_order() -> None:
    moments = [Moment(1.0, 3.0, 0.5), Moment(10.0, 14.0, 3.0), Moment(20.0, 22.0, 2.0), Moment(30.0, 40.0, 1.0)]
    chosen = choose_moments(moments, film_seconds=41.0, budget=8.0)
    assert chosen == [(9.75, 14.25), (19.75, 22.25)]


def test_padding_is_clamped_to_the_film() -> None:
    assert choose_moments([Moment(0.1, 4.9, 1.0)], film_seconds=5.0, budget=24.0) == [(0.0, 5.0)]


def test_cards_stretch_so_a_short_film_still_gets_a_15_second_trailer() -> None:
    assert 2 * card_seconds(5.0) + 5.0 >= MIN_SECONDS
    assert card_seconds(20.0) == 3.0
