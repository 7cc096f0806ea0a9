# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""Decode a stream of frames without ever stopping at a bad one."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import msgspec

from .errors import DecodeError

Event = TypeVar("Event")


@dataclass(frozen=True, slots=True)
class FrameError:
    """A frame that did not decode: its position in the stream, the frame, and why."""

    index: int
    frame: bytes | str
    error: Exception  # a DecodeError; anything else is a bug in this library, reported all the same


def iter_events(
    frames: Iterable[bytes | str], decode: Callable[[Any], Event]
) -> Iterator[Event | FrameError]:
    """Yield `decode(frame)` for each frame, or a `FrameError`; never raises for a frame.

    for item in iter_events(websocket, decode_server_event):
        if isinstance(item, FrameError):
            log.warning("frame %d: %s", item.index, item.error)
            continue
        handle(item)
    """
    for index, frame in enumerate(frames):
        try:
            yield decode(frame)
        except Exception as error:  # noqa: BLE001 - a receive loop must outlive any frame
            yield FrameError(index, frame, error)


class _Tagged(msgspec.Struct):
    type: str


_read_type = msgspec.json.Decoder(_Tagged).decode


def peek_type(data: bytes | bytearray | memoryview | str) -> str:
    """The frame's `type`, without decoding the rest: for routing and relaying.

    The other fields are skipped (checked as JSON, not decoded); raises DecodeError when the
    frame is not an object with a string `type`.
    """
    try:
        return _read_type(data).type
    except (ValueError, TypeError, UnicodeError, RecursionError) as exc:
        failure = exc
    # `type` repeated, an earlier value not a string: the last one wins, as it does in a decode.
    from .fallback import last_type  # the slow path only

    found = last_type(data)
    if found is None:
        raise DecodeError(f"no string `type`: {failure}", path="$.type") from None
    return found
