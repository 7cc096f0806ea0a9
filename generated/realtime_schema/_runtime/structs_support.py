# Copied from codegen/runtime/structs_support.py by `make generate`. DO NOT EDIT.
"""Support for the msgspec backend (`<protocol>.structs`)."""

from __future__ import annotations

import re
from typing import Any

import msgspec

from .errors import DecodeError
from .fallback import read_frame
from .unknown import UnknownEvent

_LOCATION = re.compile(r"^(?P<reason>.*?)(?: - at `(?P<path>\$[^`]*)`)?$", re.DOTALL)
_MISSING_FIELD = re.compile(r"^Object missing required field `(?P<field>[^`]+)`$")


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
    return reason, path


def require_utf8(data: bytes | bytearray | memoryview | str) -> None:
    """Raise the DecodeError both backends give for a frame that is not UTF-8.

    msgspec checks the UTF-8 of every string it reads, but skips undeclared fields unread; the
    decoder calls this only for input that is not plain ASCII bytes.
    """
    if isinstance(data, str):
        return  # already text: msgspec rejects the lone surrogates a str may hold
    try:
        bytes(data).decode("utf-8")
    except UnicodeDecodeError:
        read_frame(data)  # names the fault as the slow path does
        raise DecodeError("not valid JSON: not UTF-8") from None


def _encode_unknown(value: Any) -> Any:
    if isinstance(value, UnknownEvent):
        return value.raw
    raise NotImplementedError(f"cannot encode {type(value).__name__}")


# Unknown events are not Structs, so msgspec hands them to the hook: known events pay nothing.
encode = msgspec.json.Encoder(enc_hook=_encode_unknown).encode
