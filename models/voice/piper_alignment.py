"""Expose a Piper (VITS) model's phoneme durations without the `onnx` package.

Piper reads per-phoneme sample counts from the duration predictor's `Ceil` tensor when that
tensor is a graph output; `piper.patch_voice_with_alignment` marks it with the `onnx` package,
which this project does not install. Marking an output only appends one `ValueInfoProto`
(field 12 of `GraphProto`) naming the tensor, so it is done here on the protobuf wire format.
"""

from __future__ import annotations

from collections.abc import Iterator

_GRAPH, _NODE, _OUTPUT = 7, 1, 12  # ModelProto.graph, GraphProto.node, GraphProto.output
_NODE_OUTPUT, _OP_TYPE, _NAME = 2, 4, 1  # NodeProto.output, NodeProto.op_type, ValueInfoProto.name


def _varint(buf: memoryview, i: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = buf[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def _encode(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | 0x80 if value else byte)
        if not value:
            return bytes(out)


def _fields(buf: memoryview) -> Iterator[tuple[int, int, int, memoryview | None]]:
    """(field number, start, end, payload of length-delimited fields) for one message level."""
    i = 0
    while i < len(buf):
        start = i
        key, i = _varint(buf, i)
        number, wire = key >> 3, key & 7
        payload = None
        if wire == 0:
            _, i = _varint(buf, i)
        elif wire == 1:
            i += 8
        elif wire == 5:
            i += 4
        elif wire == 2:
            length, i = _varint(buf, i)
            payload, i = buf[i : i + length], i + length
        else:
            raise ValueError(f"unsupported protobuf wire type {wire}")
        yield number, start, i, payload


def _strings(message: memoryview, number: int) -> list[str]:
    return [bytes(p).decode() for n, _, _, p in _fields(message) if n == number and p is not None]


def with_alignment_output(model: bytes) -> bytes | None:
    """The model with its single `Ceil` tensor added as a graph output; None if not applicable."""
    view = memoryview(model)
    graph = next((p for n, _, _, p in _fields(view) if n == _GRAPH and p is not None), None)
    if graph is None:
        return None
    ceil: list[str] = []
    for number, _, _, payload in _fields(graph):
        if number == _NODE and payload is not None and _strings(payload, _OP_TYPE) == ["Ceil"]:
            ceil += _strings(payload, _NODE_OUTPUT)
    outputs = [name for n, _, _, p in _fields(graph) if n == _OUTPUT and p is not None for name in _strings(p, _NAME)]
    if len(ceil) != 1 or ceil[0] in outputs:
        return None  # not a VITS duration graph we recognise, or already patched
    name = ceil[0].encode()
    value_info = bytes([_NAME << 3 | 2]) + _encode(len(name)) + name
    new_graph = bytes(graph) + bytes([_OUTPUT << 3 | 2]) + _encode(len(value_info)) + value_info
    out = bytearray()
    for number, start, end, _ in _fields(view):
        if number == _GRAPH:
            out += bytes([_GRAPH << 3 | 2]) + _encode(len(new_graph)) + new_graph
        else:
            out += view[start:end]
    return bytes(out)
