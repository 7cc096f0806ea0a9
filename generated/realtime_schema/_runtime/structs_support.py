# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""Support for the msgspec backend (`<protocol>.structs`)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

import msgspec

from .construction import check_keywords, wrong_tag
from .unknown import UnknownVariant

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

    `repr` is Python (msgspec's C repr prints bytes whole), the same as the models backend's
    (`display.py`); it runs only when an event is printed.
    """

    def _repr_fields(self) -> Iterator[tuple[str, Any]]:
        for name in self.__struct_fields__:
            value = getattr(self, name)
            if value is not msgspec.UNSET:
                yield name, value

    def __repr__(self) -> str:
        from .display import object_repr  # on first print, not at import

        return object_repr(self, self._repr_fields())

    def __rich_repr__(self) -> list[tuple[str, Any]]:
        from .display import shown_fields

        return list(shown_fields(self._repr_fields()))


_construct = msgspec.StructMeta.__call__


class TaggedMeta(msgspec.StructMeta):
    """The metaclass of every tagged Struct (events, union variants): it lets a constructor take
    the tag, `ServerVad(type="server_vad")`, as the models do, and refuses another tag's value.

    msgspec keeps the tag in the class config, not in a field, so its `__init__` (C, which a
    Struct may not override) refuses the keyword. Decoding never calls the metaclass: only
    construction pays this Python call (measured in the README).
    """

    __wire_tag__: tuple[str, str]  # (tag field, this class's tag)

    def __init__(cls, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        config = cls.__struct_config__
        assert config.tag_field is not None and isinstance(config.tag, str)
        cls.__wire_tag__ = (config.tag_field, config.tag)

    def __call__(cls, /, *args: Any, **kwargs: Any) -> Any:
        tag: tuple[str, str] = cls.__wire_tag__
        if tag[0] in kwargs:
            given = kwargs.pop(tag[0])
            if given != tag[1]:
                raise wrong_tag(cls.__name__, tag[0], tag[1], given)
        return _construct(cls, *args, **kwargs)


_Struct = TypeVar("_Struct", bound=msgspec.Struct)


def replace(obj: _Struct, /, **changes: Any) -> _Struct:
    """A shallow copy of `obj` with `changes`: what `model_copy(update=...)` does in the models,
    with the keyword checks of construction (an undeclared name, or another tag, raises
    `TypeError`). Values are not validated, in either backend: `validate` an event to check it."""
    tag = getattr(type(obj), "__wire_tag__", None)
    if check_keywords(type(obj).__name__, obj.__struct_fields__, tag, changes):
        del changes[tag[0]]  # type: ignore[index]  # check_keywords found the tag
    return msgspec.structs.replace(obj, **changes)


def wire_fields(value: Any) -> tuple[str, ...]:
    """The declared fields of a Struct, in wire order; () for anything else."""
    return value.__struct_fields__ if isinstance(value, msgspec.Struct) else ()


def encode_without(value: msgspec.Struct, names: Sequence[str]) -> bytes:
    """`value`'s wire form without the fields `names` (for `validate` to place a fault)."""
    return encode(msgspec.structs.replace(value, **dict.fromkeys(names, msgspec.UNSET)))


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
    if isinstance(value, UnknownVariant):
        return value.raw
    raise NotImplementedError(f"cannot encode {type(value).__name__}")


# Unknown events and variants are not Structs, so msgspec hands them to the hook: known ones pay
# nothing.
encode = msgspec.json.Encoder(enc_hook=_encode_unknown).encode
