"""Support for the msgspec backend (`<protocol>.structs`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import msgspec
import pybase64
from msgspec import UnsetType

from .unknown import UnknownEvent

_LOCATION = re.compile(r"^(?P<reason>.*?)(?: - at `(?P<path>\$[^`]*)`)?$", re.DOTALL)
_MISSING_FIELD = re.compile(r"^Object missing required field `(?P<field>[^`]+)`$")
_IN_FIELD = re.compile(r"^(?P<reason>.*) \(field `(?P<field>[^`]+)`\)$", re.DOTALL)

# Base64 payloads (audio) are `bytes`. msgspec reads them as raw JSON text, and the Struct's
# `__post_init__` decodes it with pybase64 (SIMD), which is several times faster than msgspec's
# own base64 reader and accepts exactly what it does. Type checkers see `bytes`.
if TYPE_CHECKING:
    Base64 = bytes
    Base64OrNull = bytes | None
    Base64OrUnset = bytes | UnsetType
    Base64OrNullOrUnset = bytes | None | UnsetType
else:
    Base64 = Base64OrNull = Base64OrUnset = Base64OrNullOrUnset = msgspec.Raw

_read_bytes = msgspec.json.Decoder(bytes).decode
_read_bytes_or_null = msgspec.json.Decoder(bytes | None).decode
_b64decode = pybase64.b64decode


def from_base64(value: Any, field: str, nullable: bool) -> Any:
    """A base64 field's value: bytes from the raw JSON text msgspec read; anything else (a value
    set by hand, `UNSET`) as it is."""
    if value.__class__ is not msgspec.Raw:
        return value
    text = memoryview(value)
    if len(text) > 1 and text[0] == 34 and text[-1] == 34:  # a JSON string
        try:
            return _b64decode(text[1:-1], validate=True)
        except ValueError:
            pass  # an escape (`\/`), or not base64: msgspec reads it and says which
    try:
        return (_read_bytes_or_null if nullable else _read_bytes)(text)
    except msgspec.ValidationError as exc:
        reason = str(exc).split(" - at `", 1)[0]
        raise ValueError(f"{reason} (field `{field}`)") from None


class WireStruct(msgspec.Struct, kw_only=True):
    """Base of every generated Struct.

    Unknown fields are skipped (the server adds fields no spec declares); `UNSET` fields are
    omitted on encode, every other value, `None` included, is written.
    """


def locate(failure: BaseException, wire: bytes = b"") -> tuple[str, str]:
    """(reason, JSON path) of a msgspec error; a missing field points at the field itself.

    msgspec stops at the first fault in document order: that is the fault a DecodeError names,
    in both backends (see `models_support.make_locate`).
    """
    match = _LOCATION.match(str(failure))
    assert match is not None  # the pattern matches any string
    reason, path = match["reason"], match["path"] or "$"
    missing = _MISSING_FIELD.match(reason)
    if missing:
        path = f"{path}.{missing['field']}"
    in_field = _IN_FIELD.match(reason)  # raised by `from_base64` in a `__post_init__`
    if in_field:
        reason, path = in_field["reason"], f"{path}.{in_field['field']}"
    return reason, path


def _encode_unknown(value: Any) -> Any:
    if isinstance(value, UnknownEvent):
        return value.raw
    raise NotImplementedError(f"cannot encode {type(value).__name__}")


# Unknown events are not Structs, so msgspec hands them to the hook: known events pay nothing.
encode = msgspec.json.Encoder(enc_hook=_encode_unknown).encode
