"""The intermediate model: what every emitter reads.

The parser turns `schema/<protocol>/*.json` into one `Protocol`; the emitters (msgspec
structs, pydantic models, dispatch tables) only ever see these classes, never raw JSON Schema.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

Direction = Literal["client", "server"]


@dataclass(frozen=True)
class Scalar:
    """A JSON primitive: `str`, `int`, `float`, `bool`, or `any` (no constraint)."""

    kind: Literal["str", "int", "float", "bool", "any"]
    base64: bool = False  # `contentEncoding: base64` on a string


@dataclass(frozen=True)
class LiteralOf:
    """A closed set of scalar values (`enum` or `const`)."""

    values: tuple[str | int | float | bool, ...]


@dataclass(frozen=True)
class ArrayOf:
    item: TypeExpr


@dataclass(frozen=True)
class MapOf:
    """A JSON object used as a map (`additionalProperties`); free-form when `value` is any."""

    value: TypeExpr


@dataclass(frozen=True)
class ModelRef:
    name: str


@dataclass(frozen=True)
class UnionRef:
    """A named union of models told apart by a discriminator property.

    `open`: an unknown tag reads as the union's unknown variant (`UnionDef.unknown`) instead of
    failing the event (server events' nested unions, issue 11 §3).
    """

    name: str
    open: bool = False


@dataclass(frozen=True)
class AnyOf:
    """An untagged choice, e.g. `integer | "inf"` or `string | CustomVoice`."""

    options: tuple[TypeExpr, ...]


TypeExpr = Scalar | LiteralOf | ArrayOf | MapOf | ModelRef | UnionRef | AnyOf


class _NoDefault:
    def __repr__(self) -> str:
        return "NO_DEFAULT"


NO_DEFAULT: Any = _NoDefault()


@dataclass(frozen=True)
class Field:
    name: str
    type: TypeExpr
    required: bool
    nullable: bool
    description: str
    default: Any = NO_DEFAULT  # documented server default: an annotation, never filled in

    @property
    def doc(self) -> str:
        """The description, plus the documented server default when there is one."""
        if self.default is NO_DEFAULT:
            return self.description
        return f"{self.description} Server default: {json.dumps(self.default)}."


@dataclass
class Model:
    name: str
    description: str
    fields: list[Field]
    tag: tuple[str, str] | None = None  # (discriminator property, value) when a union variant
    event_union: str | None = None  # the event union (base class) it belongs to, for events

    @property
    def tag_field(self) -> str | None:
        return self.tag[0] if self.tag else None

    @property
    def plain_fields(self) -> list[Field]:
        """Fields other than the tag, which both backends carry as a class constant."""
        return [f for f in self.fields if f.name != self.tag_field]


@dataclass
class UnionDef:
    name: str
    description: str
    discriminator: str
    variants: list[str]  # model names, in schema order
    direction: Direction | None = None  # set on the two event unions only
    unknown: str | None = None  # the unknown variant's name (`UnknownU`) when some ref is open


@dataclass
class EventType:
    type: str
    direction: Direction
    model: str


@dataclass
class Protocol:
    name: str  # "beta", "ga", "translation"
    models: dict[str, Model] = field(default_factory=dict)
    unions: dict[str, UnionDef] = field(default_factory=dict)

    @property
    def module_name(self) -> str:
        return self.name.replace("-", "_")

    def event_union(self, direction: Direction) -> UnionDef:
        for union in self.unions.values():
            if union.direction == direction:
                return union
        raise LookupError(f"{self.name}: no union with x-direction {direction!r}")

    def events(self, direction: Direction) -> list[EventType]:
        union = self.event_union(direction)
        events = []
        for name in union.variants:
            tag = self.models[name].tag
            assert tag is not None
            events.append(EventType(type=tag[1], direction=direction, model=name))
        return events

    def all_events(self) -> list[EventType]:
        return self.events("client") + self.events("server")

    def top_level_payloads(self, direction: Direction) -> list[tuple[str, str, bool]]:
        """(field, event model, required) for each base64 field at the top level of an event of
        `direction`: what the large-frame path reads without a JSON scan (runtime/payloads.py)."""
        return [
            (field.name, event.model, field.required)
            for event in self.events(direction)
            for field in self.models[event.model].plain_fields
            if isinstance(field.type, Scalar) and field.type.base64
        ]
