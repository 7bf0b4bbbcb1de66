"""Expose a Piper (VITS) model's phoneme durations without the `onnx` package.

Piper reads per-phoneme sample counts from the duration predictor's `Ceil` tensor when that
tensor is a graph output; `piper.patch_voice_with_alignment` marks it with the `onnx` package,
which this project does not install, so `onnx_outputs` marks it on the protobuf wire format.
"""

from __future__ import annotations

from models.voice.onnx_outputs import Node, with_output


def _ceil(nodes: list[Node]) -> str | None:
    """The output of the graph's single `Ceil` node (VITS's rounded-up durations)."""
    ceil = [name for node in nodes if node.op == "Ceil" for name in node.outputs]
    return ceil[0] if len(ceil) == 1 else None  # otherwise not a VITS duration graph we recognise


def with_alignment_output(model: bytes) -> bytes | None:
    """The model with its single `Ceil` tensor added as a graph output; None if not applicable."""
    return with_output(model, _ceil)
