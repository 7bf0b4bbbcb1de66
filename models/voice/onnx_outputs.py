"""Mark an internal tensor of an ONNX model as a graph output, without the `onnx` package.

TTS models compute their phoneme durations inside the graph and only return audio. Marking the
duration tensor as an output only appends one `ValueInfoProto` (field 12 of `GraphProto`) naming
it, so it is done here on the protobuf wire format: the `onnx` package is not a dependency.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

_GRAPH, _NODE, _OUTPUT = 7, 1, 12  # ModelProto.graph, GraphProto.node, GraphProto.output
_NODE_INPUT, _NODE_OUTPUT, _OP_TYPE = 1, 2, 4  # NodeProto.input, .output, .op_type
_NAME = 1  # ValueInfoProto.name


@dataclass(frozen=True)
class Node:
    """One graph node as the chooser sees it."""

    op: str
    inputs: list[str]
    outputs: list[str]


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


def with_output(model: bytes, choose: Callable[[list[Node]], str | None]) -> bytes | None:
    """The model with the tensor `choose(nodes)` names added as a graph output.

    None when the bytes hold no graph, `choose` finds no tensor, or it is already an output.
    """
    view = memoryview(model)
    try:
        graph = next((p for n, _, _, p in _fields(view) if n == _GRAPH and p is not None), None)
    except (IndexError, ValueError):
        return None  # not a protobuf message at all
    if graph is None:
        return None
    nodes = [
        Node(
            _strings(p, _OP_TYPE)[0] if _strings(p, _OP_TYPE) else "",
            _strings(p, _NODE_INPUT),
            _strings(p, _NODE_OUTPUT),
        )
        for n, _, _, p in _fields(graph)
        if n == _NODE and p is not None
    ]
    outputs = [name for n, _, _, p in _fields(graph) if n == _OUTPUT and p is not None for name in _strings(p, _NAME)]
    chosen = choose(nodes)
    if chosen is None or chosen in outputs:
        return None
    name = chosen.encode()
    value_info = bytes([_NAME << 3 | 2]) + _encode(len(name)) + name
    new_graph = bytes(graph) + bytes([_OUTPUT << 3 | 2]) + _encode(len(value_info)) + value_info
    out = bytearray()
    for number, start, end, _ in _fields(view):
        if number == _GRAPH:
            out += bytes([_GRAPH << 3 | 2]) + _encode(len(new_graph)) + new_graph
        else:
            out += view[start:end]
    return bytes(out)
