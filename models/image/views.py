"""A figure seen facing one way: front (as in the plate), three-quarter toward +x (drawn), or toward -x.

The illustrator draws each figure twice: front, into the plate, and turned toward +x as a layer
with its own mouth and eye patches. The view toward -x is that layer mirrored inside the figure's
box, with every feature box and patch mirrored the same way, so mouths and blinks land exactly
where the mirrored face has them (and, past the face's edge, show the plate behind it).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from models.image.art import ActorArt, Box, FigureLayer, SceneArt

FACINGS = (-1, 0, 1)  # toward -x (left), front, toward +x (right)


def _mirror(box: Box, frame: Box) -> Box:
    """`box` mirrored left-right inside `frame` (both x, y, w, h)."""
    x, y, w, h = box
    return 2 * frame[0] + frame[2] - x - w, y, w, h


def _flip(image: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(image[:, ::-1])


def _flip_layer(layer: FigureLayer) -> FigureLayer:
    """A view's layer mirrored inside its box (it shares the front layer's plate behind it)."""
    assert layer.pixels is not None
    return FigureLayer(layer.box, _flip(layer.mask), layer.behind, _flip(layer.pixels))


def _flip_patch(patch: np.ndarray, box: Box, layer: FigureLayer) -> np.ndarray:
    """A patch (a mouth, closed eyes) mirrored to `box` (already mirrored) on the mirrored `layer`:
    where the mirrored figure does not reach, the plate behind it shows, as it does around the
    mirrored figure itself, not the mirrored backdrop the patch was cut with."""
    x, y, w, h = box
    lx, ly, _, _ = layer.box
    mask = layer.mask[y - ly : y - ly + h, x - lx : x - lx + w]
    if mask.shape != patch.shape[:2]:  # a patch beyond its layer: nothing behind it to show
        return _flip(patch)
    return np.where(mask[..., None], _flip(patch), layer.behind[y - ly : y - ly + h, x - lx : x - lx + w])


def mirrorable(actor: ActorArt) -> bool:
    """A figure cut whole by its layer mirrors about its own centre; one cropped by the frame's edge
    would not (its mirror would land off its feet), so it is not mirrored."""
    layer = actor.figure
    return layer is not None and actor.body_box is not None and layer.box[::2] == actor.body_box[::2]


def view(actor: ActorArt, facing: int) -> ActorArt | None:
    """The actor as seen facing `facing` (-1, 0 or 1); None when its art has no such view."""
    if facing == 0:
        return actor
    turned = actor.turned
    if turned is None or turned.figure is None or turned.figure.pixels is None:
        return None
    if facing > 0:
        return turned
    if not mirrorable(turned):
        return None
    box = turned.figure.box
    figure = _flip_layer(turned.figure)
    mouth_box, eyes_box = _mirror(turned.mouth_box, box), _mirror(turned.eyes_box, box)
    return replace(
        turned,
        facing=-1,
        mouth_box=mouth_box,
        mouths={v: _flip_patch(patch, mouth_box, figure) for v, patch in turned.mouths.items()},
        eyes_box=eyes_box,
        eyes_closed=_flip_patch(turned.eyes_closed, eyes_box, figure),
        head_box=_mirror(turned.head_box, box),
        figure=figure,
        turned=None,
        poses={key: _flip_layer(pose) for key, pose in turned.poses.items()},
    )


def views(actor: ActorArt) -> dict[int, ActorArt]:
    """Every view the actor's art offers, by facing."""
    shown = {facing: view(actor, facing) for facing in FACINGS}
    return {facing: seen for facing, seen in shown.items() if seen is not None}


def resting_mouths(art: SceneArt) -> dict[str, dict[int, np.ndarray]]:
    """Each actor's closed mouth per view: what a lip-sync check compares the rendered mouth with."""
    return {name: {f: seen.mouth("rest") for f, seen in views(actor).items()} for name, actor in art.actors.items()}


def mouth_boxes(art: SceneArt) -> dict[str, dict[str, list[int]]]:
    """Each actor's mouth box per view (facing as a string key, as a JSON manifest keeps it)."""
    return {
        name: {str(f): list(seen.mouth_box) for f, seen in views(actor).items()} for name, actor in art.actors.items()
    }
