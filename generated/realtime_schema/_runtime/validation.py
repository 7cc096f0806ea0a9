# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""`validate(event)`: check an event before sending it, in either backend.

Neither backend checks values when an object is changed after construction, and the structs
backend checks none at construction (README, "What is checked when"). `validate` gives both the
same check: it encodes the event and decodes the result with the backend's own decoder, so it
raises exactly the `DecodeError` (reason, `.path`, `.event_type`) a receiver of that frame would
get. A value no encoder can write (an object that is not JSON at all) is a `DecodeError` too, at
its path. It costs an encode and a decode, off the `encode` path (README, Performance).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .errors import DecodeError

Encode = Callable[[Any], bytes]
# (an object, names of its fields) -> its wire form without those fields
EncodeWithout = Callable[[Any, Sequence[str]], bytes]
Fields = Callable[[Any], Sequence[str]]  # the declared fields of an object, in wire order


def check_event(
    event: Any,
    decoders: Mapping[type, Callable[[bytes], Any]],
    encode: Encode,
    fields: Fields,
    encode_without: EncodeWithout,
) -> None:
    """Raise the DecodeError decoding `event`'s wire form gives; `decoders`: event base class ->
    the decode of its direction. `fields` and `encode_without` let a failed encode be placed."""
    decode = next((d for base, d in decoders.items() if isinstance(event, base)), None)
    if decode is None:
        raise TypeError(f"validate() takes an event, not {type(event).__name__}")
    try:
        wire = encode(event)
    except Exception as failure:  # noqa: BLE001 - any encoder refusal is a fault of the event
        try:
            found = _unencodable(event, "$", encode, fields, encode_without)
        except RecursionError:  # a container that holds itself: no path to name
            found = None
        path, reason = found or ("$", f"cannot be encoded: {failure}")
        raise DecodeError(reason, path=path, event_type=getattr(event, "type", None)) from None
    decode(wire)


def _unencodable(
    value: Any, path: str, encode: Encode, fields: Fields, encode_without: EncodeWithout
) -> tuple[str, str] | None:
    """(path, reason) of the first value in wire order that `encode` refuses, or None."""
    try:
        encode(value)
    except Exception as failure:  # noqa: BLE001
        reason = f"cannot be encoded: {failure}"
    else:
        return None
    if isinstance(value, (list, tuple)):
        items: list[tuple[str, Any]] = [(f"{path}[{i}]", item) for i, item in enumerate(value)]
        return _first(items, encode, fields, encode_without) or (path, reason)
    if isinstance(value, dict):
        entries = [(f"{path}.{key}", item) for key, item in value.items()]
        return _first(entries, encode, fields, encode_without) or (path, reason)
    names = fields(value)
    if not names:
        return path, reason
    # The first field whose value, with every later field left out, makes the object fail: a
    # field's own type may refuse a value that encodes alone (a `str` for bytes in the models).
    for i, name in enumerate(names):
        try:
            encode_without(value, names[i + 1 :])
        except Exception:  # noqa: BLE001
            inner = _unencodable(
                getattr(value, name), f"{path}.{name}", encode, fields, encode_without
            )
            return inner or (f"{path}.{name}", reason)
    return path, reason


def _first(
    entries: list[tuple[str, Any]], encode: Encode, fields: Fields, encode_without: EncodeWithout
) -> tuple[str, str] | None:
    for path, item in entries:
        found = _unencodable(item, path, encode, fields, encode_without)
        if found:
            return found
    return None
