# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""Support for the msgspec backend (`<protocol>.structs`)."""

from __future__ import annotations

import re
from typing import Any

import msgspec

from .unknown import UnknownEvent

# Patterns, not compiled ones: `re` compiles them on the first failed decode (and caches them),
# so an import does not pay for it (0.4 ms).
_LOCATION = r"^(?P<reason>.*?)(?: - at `(?P<path>\$[^`]*)`)?$"
_MISSING_FIELD = r"^Object missing required field `(?P<field>[^`]+)`$"


class WireStruct(msgspec.Struct, kw_only=True, gc=False):
    """Base of every generated Struct.

    Unknown fields are skipped (the server adds fields no spec declares); `UNSET` fields are
    omitted on encode, every other value, `None` included, is written.

    `gc=False`: the cycle collector does not track events. Decoded JSON holds no cycles, and
    untracked Structs decode small events 6-9% faster and add nothing to collector pauses (an
    audio pipeline's jitter). The cost: a cycle built through an event by hand is never freed.
    """


def locate(failure: BaseException, wire: bytes = b"") -> tuple[str, str]:
    """(reason, JSON path) of a msgspec error; a missing field points at the field itself.

    msgspec stops at the first fault in document order: that is the fault a DecodeError names,
    in both backends (see `models_support.make_locate`).
    """
    match = re.match(_LOCATION, str(failure), re.DOTALL)
    assert match is not None  # the pattern matches any string
    reason, path = match["reason"], match["path"] or "$"
    missing = re.match(_MISSING_FIELD, reason)
    if missing:
        path = f"{path}.{missing['field']}"
    return reason, path


def _encode_unknown(value: Any) -> Any:
    if isinstance(value, UnknownEvent):
        return value.raw
    raise NotImplementedError(f"cannot encode {type(value).__name__}")


# Unknown events are not Structs, so msgspec hands them to the hook: known events pay nothing.
encode = msgspec.json.Encoder(enc_hook=_encode_unknown).encode
