"""JSON text for fuzz frames, including what `json.dumps` will not write."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Pairs:
    """A JSON object written key by key, so a key may repeat."""

    items: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class Number:
    """A number written exactly as given: `1e400`, `2.0`, `-0.0`, or the non-JSON `NaN`."""

    literal: str


def to_text(value: Any, ascii_only: bool = False) -> str:
    if isinstance(value, dict):
        value = Pairs(tuple(value.items()))
    if isinstance(value, Pairs):
        body = ",".join(
            f"{_string(k, ascii_only)}:{to_text(v, ascii_only)}" for k, v in value.items
        )
        return "{" + body + "}"
    if isinstance(value, list):
        return "[" + ",".join(to_text(v, ascii_only) for v in value) + "]"
    if isinstance(value, Number):
        return value.literal
    if isinstance(value, str):
        return _string(value, ascii_only)
    return json.dumps(value)


def to_frame(value: Any, ascii_only: bool = False) -> bytes:
    # surrogatepass: a lone surrogate in a string becomes the (invalid) UTF-8 a buggy peer sends
    return to_text(value, ascii_only).encode("utf-8", "surrogatepass")


def _string(text: str, ascii_only: bool) -> str:
    return json.dumps(text, ensure_ascii=ascii_only)
