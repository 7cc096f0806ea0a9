# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""What a decode returns for an event type it does not know."""

from __future__ import annotations

from typing import Any, ClassVar


class UnknownEvent:
    """An event whose `type` this protocol does not define; `raw` is the whole decoded frame.

    A new server event must never break a receive loop: decode returns this instead of raising,
    and `encode` writes `raw` back, so a relay can forward it. (A plain class, not a dataclass:
    msgspec would encode a dataclass field by field instead of calling our hook.)
    """

    __slots__ = ("type", "raw")
    direction: ClassVar[str] = ""

    def __init__(self, type: str, raw: dict[str, Any]) -> None:
        self.type = type
        self.raw = raw

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, UnknownEvent)
        return self.type == other.type and self.raw == other.raw

    __hash__ = None  # type: ignore[assignment]  # raw is a dict

    def __repr__(self) -> str:
        return f"{type(self).__name__}(type={self.type!r}, raw={self.raw!r})"


class UnknownServerEvent(UnknownEvent):
    __slots__ = ()
    direction: ClassVar[str] = "server"


class UnknownClientEvent(UnknownEvent):
    __slots__ = ()
    direction: ClassVar[str] = "client"
