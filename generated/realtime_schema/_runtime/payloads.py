# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""The structs backend's path for large frames: base64 payloads found without a JSON scan.

An audio delta is ~6.6 KB, nearly all of it one base64 string at the top level. msgspec takes
1.7 us to find that string's end (as `msgspec.Raw`, without decoding it), more than the rest of
the frame costs, and its own base64 reader takes longer still. Here the string's end is found
with `bytes.find` (memchr: 0.1 us), the string is decoded by pybase64 (SIMD), and msgspec reads
the frame with the string emptied: a few hundred bytes.

The result equals what the whole-frame decode gives, because the shortcut is taken only when:
- the payload is valid base64 (so it holds no quote and no backslash, and msgspec would read the
  same bytes from it: both accept exactly the schema's base64 pattern);
- the rest of the frame has no backslash (so every quote in it is a string delimiter, and a key
  can only spell the payload's name literally) and spells that key once (so the payload is the
  value of the one key of that name);
- the frame, payload emptied, decodes to the event class that carries the payload at the top
  level, with an empty payload (so that key is the event's own field; a required field can only
  come from that key).
Any other frame, and any error, goes through the whole-frame decode, which names the fault.

The models backend reads every frame whole: pydantic's parser finds a long string's end fast,
and this path, tried there, made the audio stream 11.5-11.9% slower (bench/README.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pybase64

from .fallback import DECODE_FAILURES

LARGE_FRAME = 2048  # bytes (or characters); smaller frames are read whole, which is faster

Decode = Callable[[Any], Any]


def whole_frame(decode: Decode, recover: Callable[[Any, BaseException], Any]) -> Decode:
    """The structs backend's whole-frame decode: `decode`, and `recover` when it raises."""

    def whole(data: Any) -> Any:
        try:
            return decode(data)
        except DECODE_FAILURES as failure:
            return recover(data, failure)

    return whole


def large_frame_decoder(
    read: Decode,
    whole: Decode,
    payloads: Iterable[tuple[str, type, bool]],
) -> Decode:
    """A decode for frames over `LARGE_FRAME`.

    `read` is the bare decode, which raises on anything it does not take (the rest of a frame
    goes through it); `whole` is the whole-frame decode, with its recovery; `payloads`
    lists the top-level base64 fields as (field, event class, required).
    """
    decode_large = whole
    for name, cls, required in payloads:
        decode_large = _payload_shortcut(read, name, cls, required, decode_large)
    return decode_large


def _payload_shortcut(
    read: Decode, name: str, cls: type, required: bool, otherwise: Decode
) -> Decode:
    """`otherwise`, with the shortcut for the base64 field `name` of `cls` in front."""
    b64decode = pybase64.b64decode
    # (value opening, quote, key, backslash), as bytes and as str frames spell them
    in_bytes: tuple[Any, ...] = (f'"{name}":"'.encode(), b'"', f'"{name}"'.encode(), b"\\")
    in_str: tuple[Any, ...] = (f'"{name}":"', '"', f'"{name}"', "\\")
    skip = len(name) + 4

    def decode_large(data: Any) -> Any:
        kind = data.__class__
        if kind is bytes:
            opening, quote, key, backslash = in_bytes
        elif kind is str:
            opening, quote, key, backslash = in_str
        else:
            return otherwise(data)  # bytearray, memoryview, or not a frame at all
        start = data.find(opening)
        if start < 0:
            return otherwise(data)
        begin = start + skip
        end = data.find(quote, begin)
        if end < 0:
            return otherwise(data)
        try:
            payload = b64decode(data[begin:end], None, True)  # positional: kwargs cost 140 ns
        except ValueError:
            return otherwise(data)  # not base64 (or not ASCII): the whole decode says what it is
        rest = data[:begin] + data[end:]
        if rest.count(key) != 1 or rest.find(backslash) >= 0:
            return otherwise(data)
        try:
            event = read(rest)
        except DECODE_FAILURES:
            return otherwise(data)
        # A required field can only come from the one key of its name; an optional one may be
        # absent while that key sits in some nested object.
        if event.__class__ is not cls or (not required and getattr(event, name) != b""):
            return otherwise(data)
        setattr(event, name, payload)
        return event

    return decode_large
