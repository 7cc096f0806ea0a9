# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""The slow path both backends take when their one-pass decode fails.

The fast path is a single typed decode of the whole frame. Only when it raises do we read the
frame again, untyped, to tell an unknown event type (returned as `Unknown*Event`) from a malformed
frame (raised as `DecodeError`). A stream with no unknown types and no errors never gets here.

Before calling a known-type frame malformed, we decode it once more from its canonical form
(`_canonical_decode`), which applies the wire rules the fast decoders cannot. Both backends retry
on the same bytes, so they agree on these frames by construction.
"""

from __future__ import annotations

import math
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
_json_encode = msgspec.json.encode

# (the failure, the canonical frame it came from) -> (reason, JSON path)
Locate = Callable[[BaseException, bytes], tuple[str, str]]
Unknown = TypeVar("Unknown", bound=UnknownEvent)


def recover(
    data: Any,
    failure: BaseException,
    table: Mapping[str, type],
    unknown: type[Unknown],
    locate: Locate,
    retry: Callable[[bytes], Any],
) -> Any:
    """The event `data` holds after all, its unknown event, or the DecodeError for `failure`."""
    try:
        frame = read_frame(data)
    except DecodeError as error:
        return _recover_not_utf8(data, error, table, locate, retry)
    event_type = frame.get("type")
    if not isinstance(event_type, str):
        reason = "missing `type`" if "type" not in frame else "`type` must be a string"
        raise DecodeError(reason, path="$.type") from None
    if event_type not in table:
        try:  # an unknown event is carried whole: every number of it must be a double
            _json_decode(_json_encode(frame))
        except DECODE_FAILURES as exc:
            raise DecodeError(f"not valid JSON: {exc}") from None
        return unknown(event_type, frame)
    wire = _json_encode(_canonical_decode(data))
    try:
        return retry(wire)
    except DECODE_FAILURES as second:
        reason, path = locate(second, wire)
    raise DecodeError(reason, path=path, event_type=event_type) from None


def after_bare_decode(data: Any, error: BaseException, recover: Callable[[Any, Any], Any]) -> Any:
    """The public `recover_*_event`: what `decode_*_event(data)` gives, once the bare decoder
    (`*_decoder.decode`) raised `error` on `data`.

    A DecodeError is already the verdict (the models decoder's strict-JSON check raises one), and
    anything a decode cannot raise on hostile input is a bug: both are raised again, as
    `decode_*_event` raises them.
    """
    if isinstance(error, DecodeError) or not isinstance(error, DECODE_FAILURES):
        raise error
    return recover(data, error)


def _recover_not_utf8(
    data: Any,
    error: DecodeError,
    table: Mapping[str, type],
    locate: Locate,
    retry: Callable[[bytes], Any],
) -> Any:
    """A known event with bytes that are not UTF-8, or `error`.

    msgspec skips undeclared fields unread, their bytes included; pydantic's parser refuses any
    such byte. So both retry on a frame where each string (or key) holding such bytes is replaced
    by a number beyond a double, which every declared field rejects and an undeclared one skips.
    """
    frame = _read_not_utf8(data)
    event_type = frame.get("type") if isinstance(frame, dict) else None
    if not isinstance(event_type, str) or event_type not in table:
        raise error  # not this case; or an unknown event, which is carried whole
    wire = _json_encode(frame)
    try:
        return retry(wire)
    except DECODE_FAILURES as second:
        reason, path = locate(second, wire)
    reason = f"{reason} (the frame has bytes that are not UTF-8)"
    raise DecodeError(reason, path=path, event_type=event_type) from None


_NOT_UTF8 = b"1e400"  # stands for a string holding bytes that are not UTF-8


def _read_not_utf8(data: Any) -> Any:
    """The frame read past bytes that are not UTF-8 (see `_recover_not_utf8`), or None."""
    if isinstance(data, str) or not isinstance(data, (bytes, bytearray, memoryview)):
        return None
    raw = bytes(data)
    try:
        raw.decode("utf-8")
        return None  # UTF-8 after all: the reader's error stands
    except UnicodeDecodeError:
        pass
    import json  # here, not at the top: only this rare path needs it (1.1 ms of every import)

    try:  # with those bytes replaced, it must be JSON as msgspec reads it (escapes, NaN, nesting)
        _read(raw.decode("utf-8", "replace"))
        text = raw.decode("utf-8", "surrogateescape")
        frame = json.loads(
            text,
            parse_float=_canonical_number,
            parse_constant=_reject_constant,
            object_pairs_hook=_pairs_not_utf8,
        )
        return _strings_not_utf8(frame)
    except DECODE_FAILURES:  # DecodeError included (a ValueError)
        return None


def _pairs_not_utf8(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for index, (key, value) in enumerate(pairs):
        if _is_not_utf8(key):  # an undeclared key is skipped; a map's key is read, and fails
            out[f"\u0000not-utf8-{index}"] = msgspec.Raw(_NOT_UTF8)
        else:
            out[key] = _strings_not_utf8(value) if isinstance(value, (str, list)) else value
    return out


def _strings_not_utf8(value: Any) -> Any:
    if isinstance(value, str):
        return msgspec.Raw(_NOT_UTF8) if _is_not_utf8(value) else value
    if isinstance(value, list):
        return [_strings_not_utf8(item) for item in value]
    return value


def _is_not_utf8(text: str) -> bool:
    return any("\udc80" <= char <= "\udcff" for char in text)


def _reject_constant(literal: str) -> None:
    raise ValueError(f"{literal} is not JSON")


def read_frame(data: Any) -> dict[str, Any]:
    """The frame as a JSON object, or a DecodeError saying why it is not one.

    Strict JSON: UTF-8, no NaN or Infinity, no lone surrogates; a repeated key: the last wins.
    A number too large for a double is kept as its literal text (`msgspec.Raw`): an undeclared
    field may carry one, and both backends skip those unread.
    """
    if not isinstance(data, (bytes, bytearray, memoryview, str)):
        raise DecodeError(f"expected bytes or str, got {type(data).__name__}") from None
    try:
        frame = _read(data)
    except DECODE_FAILURES as exc:
        raise DecodeError(f"not valid JSON: {exc}") from None
    if not isinstance(frame, dict):
        raise DecodeError(f"expected a JSON object, got {_json_kind(frame)}") from None
    return frame


def _double_or_raw(literal: str) -> float | msgspec.Raw:
    number = float(literal)
    return number if math.isfinite(number) else msgspec.Raw(literal.encode())


def _canonical_number(literal: str) -> int | float | msgspec.Raw:
    """A float with no fractional part (`1.0`, `1e2`, `-0.0`) is an integer, as in JSON Schema."""
    number = _double_or_raw(literal)
    return int(number) if isinstance(number, float) and number.is_integer() else number


_read = msgspec.json.Decoder(float_hook=_double_or_raw).decode
# The frame both backends' retry reads: repeated keys gone (msgspec's tagged union rejects a
# repeated `type`), integral floats as integers. Free-form values read by a retry keep `1` for
# `1.0`; they compare equal.
_canonical_decode = msgspec.json.Decoder(float_hook=_canonical_number).decode


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
