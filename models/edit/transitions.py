"""Scene transitions from the script: Fountain's CUT TO / DISSOLVE TO / FADE OUT become cut, dissolve, fade.

The film always opens from black and ends in black; between scenes the script decides. A fade
goes out to black at the end of one scene and comes back in at the start of the next; a dissolve
cross-fades the next scene in from the last picture of the one before.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENING_FADE = 0.5
CLOSING_FADE = 0.8
FADE = 0.6
DISSOLVE = 0.7


def transition_kind(text: str | None) -> str:
    """cut, dissolve or fade for a transition line such as "DISSOLVE TO:" or "FADE OUT."."""
    words = " ".join((text or "").upper().replace(".", " ").replace(":", " ").split())
    if "DISSOLVE" in words or "MIX TO" in words or "CROSSFADE" in words:
        return "dissolve"
    if "FADE" in words or "TO BLACK" in words or "IRIS" in words:
        return "fade"
    return "cut"


@dataclass(frozen=True)
class SceneEdges:
    """How one scene starts and ends."""

    fade_in: float = 0.0
    fade_out: float = 0.0
    dissolve_in: float = 0.0  # seconds cross-faded from the previous scene's last picture

    def to_dict(self) -> dict[str, float]:
        return {"fade_in": self.fade_in, "fade_out": self.fade_out, "dissolve_in": self.dissolve_in}


def scene_edges(transitions: list[str | None]) -> list[SceneEdges]:
    """Each scene's edges from the transition written after each scene (None where there is none)."""
    kinds = [transition_kind(t) for t in transitions]
    edges = []
    for i, kind in enumerate(kinds):
        before = kinds[i - 1] if i > 0 else None
        fade_in = OPENING_FADE if i == 0 else FADE if before == "fade" else 0.0
        fade_out = CLOSING_FADE if i == len(kinds) - 1 else FADE if kind == "fade" else 0.0
        dissolve_in = DISSOLVE if before == "dissolve" else 0.0
        edges.append(SceneEdges(fade_in, fade_out, dissolve_in))
    return edges
