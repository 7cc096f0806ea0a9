# Copied from codegen/runtime/fallback.py by `make generate`. DO NOT EDIT.
"""The slow path both backends take when their one-pass decode fails.

The fast path is a single typed decode of the whole frame. Only when it raises do we look at the
frame again, to tell an unknown event type (returned as `Unknown*Event`) from a malformed frame
(raised as `DecodeError`). A stream with no unknown types and no errors never gets here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import msgspec

from .errors import DecodeError
from .unknown import UnknownEvent

# What a backend's decode may raise on hostile input; everything else is a bug.
DECODE_FAILURES: tuple[type[BaseException], ...] = (
    ValueError,  # msgspec.DecodeError / ValidationError, pydantic.ValidationError
    TypeError,  # input that is neither bytes nor str
    UnicodeError,  # invalid UTF-8, lone surrogates in a str
    RecursionError,
    OverflowError,
)

_json_decode = msgspec.json.decode

Locate = Callable[[BaseException], tuple[str, str]]
Unknown = TypeVar("Unknown", bound=UnknownEvent)


def recover(
    data: Any,
    failure: BaseException,
    table: Mapping[str, type],
    unknown: type[Unknown],
    locate: Locate,
) -> Unknown:
    """Return the unknown event `data` holds, or raise the DecodeError that explains `failure`."""
    frame = read_frame(data)
    event_type = frame.get("type")
    if not isinstance(event_type, str):
        reason = "missing `type`" if "type" not in frame else "`type` must be a string"
        raise DecodeError(reason, path="$.type") from None
    if event_type not in table:
        return unknown(event_type, frame)
    reason, path = locate(failure)
    raise DecodeError(reason, path=path, event_type=event_type) from None


def read_frame(data: Any) -> dict[str, Any]:
    """The frame as a JSON object, or a DecodeError saying why it is not one."""
    if not isinstance(data, (bytes, bytearray, memoryview, str)):
        raise DecodeError(f"expected bytes or str, got {type(data).__name__}") from None
    try:
        frame = _json_decode(data)
    except DECODE_FAILURES as exc:
        raise DecodeError(f"not valid JSON: {exc}") from None
    if not isinstance(frame, dict):
        raise DecodeError(f"expected a JSON object, got {_json_kind(frame)}") from None
    return frame


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array"
