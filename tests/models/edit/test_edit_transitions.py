"""Script transitions become cuts, dissolves and fades."""

from models.edit.transitions import CLOSING_FADE, OPENING_FADE, scene_edges, transition_kind


def test_fountain_transitions_map_to_three_kinds() -> None:
    assert transition_kind("CUT TO:") == "cut"
    assert transition_kind("SMASH CUT TO:") == "cut"
    assert transition_kind(None) == "cut"
    assert transition_kind("DISSOLVE TO:") == "dissolve"
    assert transition_kind("FADE OUT.") == "fade"
    assert transition_kind("FADE TO BLACK.") == "fade"


def test_edges_open_and_close_in_black_and_follow_the_script() -> None:
    edges = scene_edges(["DISSOLVE TO:", "FADE OUT.", "CUT TO:", None])
    assert edges[0].fade_in == OPENING_FADE and edges[0].fade_out == 0
    assert edges[1].dissolve_in > 0 and edges[1].fade_out > 0
    assert edges[2].fade_in > 0 and edges[2].dissolve_in == 0
    assert edges[3].fade_in == 0 and edges[3].fade_out == CLOSING_FADE
