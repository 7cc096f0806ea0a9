# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""How events print: the same `repr` in both backends, with bytes shown by their length.

An audio delta of 100 ms holds 4,800 bytes of PCM; printed whole, its repr runs to 14,000
characters, and a 12 MB frame's to 36 million. So a bytes value prints as `<4800 bytes>`. Fields
the frame left out (absent, `UNSET`) are not shown, and neither is a union variant's tag (the
class names it): `ServerVad(threshold=0.5)` in both backends, which builds the same object.

These functions run only when an event is printed: nothing here is on the decode path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


class BytesLength:
    """Stands in for a bytes value in a repr: `<4800 bytes>`."""

    __slots__ = ("size",)

    def __init__(self, size: int) -> None:
        self.size = size

    def __repr__(self) -> str:
        return f"<{self.size} bytes>"


def shown(value: Any) -> Any:
    """`value` as a repr shows it: bytes by length, also inside lists and maps."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return BytesLength(len(value))
    if isinstance(value, list):
        return [shown(item) for item in value]
    if isinstance(value, dict):
        return {key: shown(item) for key, item in value.items()}
    return value


def shown_fields(fields: Iterable[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
    """(name, value as shown) for the fields a repr lists (the caller leaves out absent ones)."""
    for name, value in fields:
        yield name, shown(value)


def object_repr(obj: object, fields: Iterable[tuple[str, Any]]) -> str:
    """`ClassName(name=value, ...)`, as msgspec and dataclasses write it."""
    args = ", ".join(f"{name}={value!r}" for name, value in shown_fields(fields))
    return f"{type(obj).__name__}({args})"
