# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""What a decode returns for an event type, or a nested variant, that the protocol does not know."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, Union


class UnknownVariant:
    """An object whose tag (`type`) this protocol does not define; `raw` is the object as decoded.

    A new server event, item kind or content part must never cost a receive loop the event: decode
    keeps the object whole instead of raising, and `encode` writes `raw` back, so a relay can
    forward it. (A plain class, not a Struct or a model: neither could hold a tag it does not know.)
    """

    __slots__ = ("type", "raw")

    def __init__(self, type: str, raw: dict[str, Any]) -> None:
        self.type = type
        self.raw = raw

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, UnknownVariant)
        return self.type == other.type and self.raw == other.raw

    __hash__ = None  # type: ignore[assignment]  # raw is a dict

    def __repr__(self) -> str:
        return f"{type(self).__name__}(type={self.type!r}, raw={self.raw!r})"


class UnknownEvent(UnknownVariant):
    """An event whose `type` this protocol does not define; `raw` is the whole decoded frame."""

    __slots__ = ()
    direction: ClassVar[str] = ""


class UnknownServerEvent(UnknownEvent):
    __slots__ = ()
    direction: ClassVar[str] = "server"


class UnknownClientEvent(UnknownEvent):
    __slots__ = ()
    direction: ClassVar[str] = "client"


_Known = TypeVar("_Known")
_Unknown = TypeVar("_Unknown")

if TYPE_CHECKING:
    # `OrUnknown[U, UnknownU]` is `U | UnknownU`: what an open union field may hold.
    OrUnknown = Union[_Known, _Unknown]  # noqa: UP007 - a generic alias needs Union[...]
else:

    class _OrUnknown:
        """At run time the decoders read the known variants only (msgspec's tagged unions and
        pydantic's discriminated ones hold no catch-all); the slow path puts unknown ones in."""

        def __getitem__(self, params: tuple[Any, Any]) -> Any:
            return params[0]

    OrUnknown = _OrUnknown()
