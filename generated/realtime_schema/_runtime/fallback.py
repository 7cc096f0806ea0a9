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
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import msgspec

from .errors import DecodeError
from .open_unions import Shapes, find, substitute, with_placeholders
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
    shapes: Shapes | None = None,
) -> Any:
    """The event `data` holds after all, its unknown event, or the DecodeError for `failure`.

    `shapes` (server events): where the event's open unions are, whose unknown variants the
    fast decode fails on and this path decodes (`open_unions.py`).
    """
    try:
        frame = read_frame(data)
    except DecodeError as error:
        return _recover_not_utf8(data, error, table, locate, retry, shapes)
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
    try:
        canonical = _canonical_decode(data)
    except DECODE_FAILURES as exc:  # an integer longer than Python reads (read_frame took it)
        canonical = _read_long_ints(data, _canonical_number, exc)
    return _decode_known(frame, canonical, event_type, locate, retry, shapes)


def _decode_known(
    frame: Any,
    canonical: Any,
    event_type: str,
    locate: Locate,
    retry: Callable[[bytes], Any],
    shapes: Shapes | None,
    explain: Callable[[str, str], str] | None = None,
) -> Any:
    """The typed decode of `canonical` (the frame read again by the wire rules), with the unknown
    variants that `frame` holds at open positions set aside and put back; or the DecodeError of
    its first fault (whose reason `explain(reason, path)` may say better)."""
    found = find(shapes, frame) if shapes is not None else []
    wire = _json_encode(with_placeholders(canonical, found) if found else canonical)
    try:
        event = retry(wire)
    except DECODE_FAILURES as second:
        reason, path = locate(second, wire)
    else:
        return substitute(event, found) if found else event
    if explain is not None:
        reason = explain(reason, path)
    raise DecodeError(reason, path=path, event_type=event_type) from None


def last_type(data: Any) -> str | None:
    """The frame's `type` as a decode reads it (a repeated key: the last wins; bytes that are not
    UTF-8 skipped where they are not the `type`), or None when it has no string `type`."""
    frame: Any
    try:
        frame = read_frame(data)
    except DecodeError:
        read = _read_not_utf8(data, {})
        frame = read.frame if read is not None else None
    event_type = frame.get("type") if isinstance(frame, dict) else None
    if not isinstance(event_type, str):
        return None
    try:
        event_type.encode("utf-8")
    except UnicodeEncodeError:  # it holds bytes that are not UTF-8
        return None
    return event_type


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
    shapes: Shapes | None,
) -> Any:
    """A known event with bytes that are not UTF-8, or `error`; the fault named where it is.

    msgspec skips undeclared fields unread, their bytes included; pydantic's parser refuses any
    such byte. So both retry on a frame where each string (or key) holding such bytes is replaced
    by a number beyond a double, which every declared field rejects and an undeclared one skips.
    A failure at one of those stand-ins is reported as the bytes it stands for.
    """
    read = _read_not_utf8(data, table)
    if read is None or not read.known:
        # Not this case; or an unknown event, carried whole, so its first bad byte is the fault.
        path = read.path_of(0) if read else None
        if read is None or path is None:
            raise error
        raise DecodeError(read.reason(0), path=path) from None
    frame = read.frame

    def explain(reason: str, path: str) -> str:
        fault = read.fault_at(path)
        if fault is None:  # another fault comes first
            return f"{reason} (the frame also has bytes that are not UTF-8)"
        return read.reason(fault)

    return _decode_known(frame, frame, frame["type"], locate, retry, shapes, explain)


def _read_not_utf8(data: Any, table: Mapping[str, type]) -> _NotUtf8Frame | None:
    """The frame read past bytes that are not UTF-8 (see `_recover_not_utf8`), or None."""
    if isinstance(data, str) or not isinstance(data, (bytes, bytearray, memoryview)):
        return None
    raw = bytes(data)
    try:
        raw.decode("utf-8")
        return None  # UTF-8 after all: the reader's error stands
    except UnicodeDecodeError:
        pass

    try:  # with those bytes replaced, it must be JSON as msgspec reads it (escapes, NaN, nesting)
        text = raw.decode("utf-8", "replace")
        try:
            replaced = _read(text)
        except DECODE_FAILURES as exc:  # an integer longer than Python reads, perhaps
            replaced = _read_long_ints(text, _double_or_raw, exc)
            if replaced is None:
                return None
        event_type = replaced.get("type") if isinstance(replaced, dict) else None
        known = isinstance(event_type, str) and event_type in table
        # Of an unknown event only the first bad string matters: it is the fault.
        return _NotUtf8Frame(raw, raw.decode("utf-8", "surrogateescape"), known)
    except DECODE_FAILURES:  # DecodeError included (a ValueError)
        return None


# From a position outside a string: the JSON text up to the next string that holds a byte that
# is not UTF-8 (which `surrogateescape` reads as U+DC80..U+DCFF), and that string. Possessive,
# so every character is read once (a 50 MB string included). Patterns, compiled on first use
# (re caches them): a decode that never meets such a frame pays nothing for them at import.
_NEXT_NOT_UTF8_STRING = (
    r"((?:"
    r'[^"\udc80-\udcff]++'  # text between strings
    r'|"[^"\\\udc80-\udcff]*+(?:\\[^\udc80-\udcff][^"\\\udc80-\udcff]*+)*+"'  # a UTF-8 string
    r")*+)"
    r'("[^"\\]*+(?:\\.[^"\\]*+)*+")'  # the string with a bad byte
)
_NOT_UTF8 = "[\udc80-\udcff]"
_KEY_END = r"[ \t\n\r]*:"
# Stands for the k-th string holding bad bytes, as `"<_MARK>k"`. No other string of the frame
# holds U+DC00: the text gives only U+DC80..U+DCFF, and lone surrogate escapes fail before this.
_MARK = "\udc00"
_MARK_KEY = "\u0000not-utf8-"  # a key must encode as UTF-8: the key that stands for one
_PATH_STEP = r"\.([^.\[]+)|\[(\d+)\]|\[\.\.\.\]"
_ANY_KEY = None  # msgspec's `[...]`: some key of a map


class _NotUtf8Frame:
    """A frame whose strings (or keys) holding bytes that are not UTF-8 are each replaced by a
    stand-in `1e400` of their own: `frame` is that tree, `stand_ins[k]` the value that stands for
    the k-th such string in document order, and `reason(k)` says what is wrong with it. For a
    frame of a type the protocol does not `know`, only the first such string is replaced."""

    def __init__(self, raw: bytes, text: str, known: bool) -> None:
        self.raw, self.text, self.known = raw, text, known
        self.spans: list[tuple[int, int]] = []  # where each such string is in `text`
        pieces: list[str] = []
        copied = 0  # text[:copied] is in pieces
        # Anchored at `copied` (a `sub` would try each later position once the last one is read)
        next_string = re.compile(_NEXT_NOT_UTF8_STRING, re.DOTALL).match
        while (known or not self.spans) and (string := next_string(text, copied)) is not None:
            start, copied = string.span(2)
            pieces += [string[1], f'"{_MARK}{len(self.spans)}"']
            self.spans.append((start, copied))
        pieces.append(text[copied:])
        self.stand_ins = [msgspec.Raw(b"1e400") for _ in self.spans]
        import json  # the slow path only: not a cost of importing a backend

        self.frame: Any = json.loads(
            "".join(pieces),
            parse_float=_canonical_number,
            parse_int=_int_or_raw,  # more digits than Python reads: skipped where undeclared
            parse_constant=_reject_constant,
            object_pairs_hook=self._pairs,
        )

    def _pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key[:1] == _MARK:  # an undeclared key is skipped; a map's key is read, and fails
                out[f"{_MARK_KEY}{key[1:]}"] = self.stand_ins[int(key[1:])]
            else:
                out[key] = self._strings(value) if isinstance(value, (str, list)) else value
        return out

    def _strings(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.stand_ins[int(value[1:])] if value[:1] == _MARK else value
        if isinstance(value, list):
            return [self._strings(item) for item in value]
        return value

    def reason(self, index: int) -> str:
        """What is wrong with the k-th such string: its first bad byte, at its offset."""
        start, end = self.spans[index]
        bad = re.compile(_NOT_UTF8).search(self.text, start, end)
        assert bad is not None
        offset = len(self.text[: bad.start()].encode("utf-8", "surrogateescape"))
        where = " in a key" if re.compile(_KEY_END).match(self.text, end) else ""
        return f"invalid UTF-8{where} (byte 0x{self.raw[offset]:02x} at offset {offset})"

    def fault_at(self, path: str) -> int | None:
        """The stand-in a failure at msgspec's `path` is (the first number found there that is
        beyond a double, as msgspec finds it), or None when it is none of them."""
        steps = [
            m[1] if m[1] is not None else int(m[2]) if m[2] is not None else _ANY_KEY
            for m in re.finditer(_PATH_STEP, path)
        ]
        try:
            found = _first_raw(self.frame, steps)
        except RecursionError:
            return None
        return next((k for k, stand_in in enumerate(self.stand_ins) if stand_in is found), None)

    def path_of(self, index: int) -> str | None:
        """The JSON path of the k-th stand-in (for a key: of the object holding it), or None
        when the frame dropped it (a repeated key: the last wins)."""
        try:
            return _path_to(self.frame, self.stand_ins[index], "$")
        except RecursionError:
            return None


def _first_raw(node: Any, steps: list[str | int | None]) -> msgspec.Raw | None:
    if not steps:
        return node if isinstance(node, msgspec.Raw) else None
    step, rest = steps[0], steps[1:]
    if step is _ANY_KEY and isinstance(node, dict):
        for value in node.values():
            found = _first_raw(value, rest)
            if found is not None:
                return found
    elif isinstance(step, int) and isinstance(node, list) and step < len(node):
        return _first_raw(node[step], rest)
    elif isinstance(step, str) and isinstance(node, dict) and step in node:
        return _first_raw(node[step], rest)
    return None


def _path_to(node: Any, target: msgspec.Raw, path: str) -> str | None:
    if node is target:
        return path
    children: Any = ()
    if isinstance(node, dict):
        if any(key.startswith(_MARK_KEY) and value is target for key, value in node.items()):
            return path
        children = ((f"{path}.{key}", value) for key, value in node.items())
    elif isinstance(node, list):
        children = ((f"{path}[{index}]", value) for index, value in enumerate(node))
    for child_path, child in children:
        found = _path_to(child, target, child_path)
        if found is not None:
            return found
    return None


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
    except UnicodeDecodeError:  # its position counts from the string's start, not the frame's
        raise DecodeError(_first_not_utf8(data)) from None
    except DECODE_FAILURES as exc:
        frame = _read_long_ints(data, _double_or_raw, exc)
        if frame is None:
            raise DecodeError(f"not valid JSON: {exc}") from None
    if not isinstance(frame, dict):
        raise DecodeError(f"expected a JSON object, got {_json_kind(frame)}") from None
    return frame


_LONG_INT = "Integer value out of range"  # msgspec's words for more digits than Python reads


def _read_long_ints(data: Any, parse_float: Callable[[str], Any], failure: BaseException) -> Any:
    """The frame that msgspec refused for an integer literal longer than Python reads (4,300
    digits), read again with each such literal kept as `msgspec.Raw`: an undeclared field may
    carry one, which the typed decode skips unread (a declared one still fails). None when
    that was not msgspec's complaint, or the frame is not JSON even so."""
    if _LONG_INT not in str(failure):
        return None
    import json  # the slow path only

    try:
        text = data if isinstance(data, str) else bytes(data).decode("utf-8")
        frame = json.loads(
            text,
            parse_float=parse_float,
            parse_int=_int_or_raw,
            parse_constant=_reject_constant,
            object_pairs_hook=_pairs_without_lone_surrogates,
        )
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError included
        return None
    return None if _has_lone_surrogate(frame) else frame


def _pairs_without_lone_surrogates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json.loads reads a lone surrogate escape, which msgspec (and JSON) refuse wherever it is,
    in a repeated key's dropped value too: every pair is checked before the last one wins."""
    for key, value in pairs:
        if _has_lone_surrogate(key) or _has_lone_surrogate(value, into_objects=False):
            raise ValueError("a lone surrogate escape")
    return dict(pairs)


def _int_or_raw(literal: str) -> int | msgspec.Raw:
    try:
        return int(literal)
    except ValueError:  # more digits than Python converts
        return msgspec.Raw(literal.encode())


def _has_lone_surrogate(value: Any, into_objects: bool = True) -> bool:
    """Whether a string in `value` holds a lone surrogate (objects too, unless `into_objects` is
    off: their own pairs were checked)."""
    todo = [value]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            if not item.isascii():
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    return True
        elif isinstance(item, dict) and into_objects:
            todo.extend(item)
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return False


def _first_not_utf8(data: bytes | bytearray | memoryview | str) -> str:
    try:
        if not isinstance(data, str):
            bytes(data).decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"invalid UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})"
    return "invalid UTF-8"


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
