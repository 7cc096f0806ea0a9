"""Derive the minimal / explicit-null / undeclared-field variants of a full fixture.

Each own fixture is written once, with every field; the schema (through the intermediate model)
says which fields are required, so the variants stay right when the schema changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from codegen.ir import (
    AnyOf,
    ArrayOf,
    LiteralOf,
    MapOf,
    Model,
    ModelRef,
    Protocol,
    Scalar,
    TypeExpr,
    UnionRef,
)
from codegen.parser import parse_protocol

UNDECLARED = {"x_undeclared": {"nested": [1, "two", None], "flag": True}}


@cache
def protocol_model(protocol: str) -> Protocol:
    return parse_protocol(protocol)


def event_model(protocol: str, event_type: str) -> Model | None:
    ir = protocol_model(protocol)
    for event in ir.all_events():
        if event.type == event_type:
            return ir.models[event.model]
    return None


def reachable(protocol: str, direction: str) -> set[str]:
    """The models and unions an event of `direction` can hold (its own model included)."""
    ir = protocol_model(protocol)
    seen: set[str] = set()
    todo = [e.model for e in ir.all_events() if e.direction == direction]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            if name in ir.unions:
                todo += ir.unions[name].variants
            else:
                todo += [n for f in ir.models[name].fields for n in referenced(f.type)]
    return seen


def referenced(type_expr: TypeExpr) -> list[str]:
    """The models and unions a type names."""
    if isinstance(type_expr, (ModelRef, UnionRef)):
        return [type_expr.name]
    if isinstance(type_expr, (ArrayOf, MapOf)):
        return referenced(type_expr.item if isinstance(type_expr, ArrayOf) else type_expr.value)
    if isinstance(type_expr, AnyOf):
        return [name for option in type_expr.options for name in referenced(option)]
    return []


def model_for(ir: Protocol, type_expr: TypeExpr, value: Any) -> Model | None:
    """The model a JSON object value of this type decodes to, if any."""
    if not isinstance(value, dict):
        return None
    if isinstance(type_expr, ModelRef):
        return ir.models[type_expr.name]
    if isinstance(type_expr, UnionRef):
        union = ir.unions[type_expr.name]
        for name in union.variants:
            model = ir.models[name]
            if model.tag and value.get(union.discriminator) == model.tag[1]:
                return model
        return None
    if isinstance(type_expr, AnyOf):
        for option in type_expr.options:
            found = model_for(ir, option, value)
            if found:
                return found
    return None


Rewrite = Callable[[Protocol, Model, dict[str, Any]], dict[str, Any]]
Steps = tuple[str | int, ...]


def _children(ir: Protocol, model: Model, data: dict[str, Any], rewrite: Rewrite) -> dict[str, Any]:
    """Apply `rewrite` to every object nested in `data`."""
    out = dict(data)
    for field in model.fields:
        value = out.get(field.name)
        item_type = field.type.item if isinstance(field.type, ArrayOf) else None
        if item_type is not None and isinstance(value, list):
            out[field.name] = [_apply(ir, item_type, v, rewrite) for v in value]
        elif value is not None:
            out[field.name] = _apply(ir, field.type, value, rewrite)
    return out


def _apply(ir: Protocol, type_expr: TypeExpr, value: Any, rewrite: Rewrite) -> Any:
    model = model_for(ir, type_expr, value)
    return rewrite(ir, model, value) if model else value


def minimal(ir: Protocol, model: Model, data: dict[str, Any]) -> dict[str, Any]:
    kept = {f.name: data[f.name] for f in model.fields if f.required and f.name in data}
    return _children(ir, model, kept, minimal)


def nulls(ir: Protocol, model: Model, data: dict[str, Any]) -> dict[str, Any]:
    """Every optional field null; required objects keep going down."""
    out = {k: (None if _optional(model, k) else v) for k, v in data.items()}
    return _children(ir, model, out, nulls)


def leaf_nulls(ir: Protocol, model: Model, data: dict[str, Any]) -> dict[str, Any]:
    """Optional objects kept, every optional scalar inside them null."""
    out = {
        k: (None if _optional(model, k) and not isinstance(v, (dict, list)) else v)
        for k, v in data.items()
    }
    return _children(ir, model, out, leaf_nulls)


def extras(ir: Protocol, model: Model, data: dict[str, Any]) -> dict[str, Any]:
    return _children(ir, model, {**data, **UNDECLARED}, extras)


def _optional(model: Model, name: str) -> bool:
    return any(f.name == name and not f.required for f in model.fields)


VARIANTS: dict[str, Rewrite] = {
    "minimal": minimal,
    "nulls": nulls,
    "leaf-nulls": leaf_nulls,
    "extras": extras,
}


def derive(protocol: str, data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The derived variants of one full event, by name."""
    model = event_model(protocol, data["type"])
    if model is None:
        return {}
    ir = protocol_model(protocol)
    return {name: rewrite(ir, model, data) for name, rewrite in VARIANTS.items()}


# --- Derived cases of the direction rules (schema/README.md): an unknown tag at each nested union
# of a full fixture, and a value outside each closed vocabulary of a client event's full fixture.

UNKNOWN_TAG = "x_future_kind"
UNKNOWN_OBJECT = {"type": UNKNOWN_TAG, "x_payload": [1, {"nested": None}], "x_flag": True}
NOT_IN_VOCABULARY = {str: "x_not_in_vocabulary", int: 16001, float: 0.123, bool: False}


@dataclass(frozen=True)
class Position:
    """A place in a fixture: `steps` to it (keys and indexes), msgspec's path spelling, and what
    the schema puts there: a nested union (`union`, open or not) or a closed vocabulary."""

    steps: tuple[str | int, ...]
    path: str
    owner: str  # the field it is in: `Model.field`
    union: UnionRef | None = None
    literal: LiteralOf | None = None


def positions(ir: Protocol, model: Model, data: dict[str, Any]) -> Iterator[Position]:
    """Every nested union and every closed vocabulary (not a union tag) the value fills."""
    yield from _model_positions(ir, model, data, (), "$")


def _model_positions(
    ir: Protocol, model: Model, data: dict[str, Any], steps: Steps, path: str
) -> Iterator[Position]:
    for field in model.fields:
        if field.name in data and data[field.name] is not None and field.name != model.tag_field:
            where = (*steps, field.name)
            owner = f"{model.name}.{field.name}"
            value = data[field.name]
            yield from _positions(ir, field.type, value, where, f"{path}.{field.name}", owner)


def _positions(
    ir: Protocol, type_expr: TypeExpr, value: Any, steps: Steps, path: str, owner: str
) -> Iterator[Position]:
    if isinstance(type_expr, AnyOf):
        for option in type_expr.options:
            if _fits(option, value):
                yield from _positions(ir, option, value, steps, path, owner)
                return
    elif isinstance(type_expr, ArrayOf) and isinstance(value, list):
        for index, item in enumerate(value):
            where = (*steps, index)
            yield from _positions(ir, type_expr.item, item, where, f"{path}[{index}]", owner)
    elif isinstance(type_expr, MapOf) and isinstance(value, dict):
        for key, item in value.items():
            yield from _positions(ir, type_expr.value, item, (*steps, key), f"{path}[...]", owner)
    elif isinstance(type_expr, LiteralOf):
        yield Position(steps, path, owner, literal=type_expr)
    elif isinstance(type_expr, (ModelRef, UnionRef)) and isinstance(value, dict):
        if isinstance(type_expr, UnionRef) and not ir.unions[type_expr.name].direction:
            yield Position(steps, path, owner, union=type_expr)
        model = model_for(ir, type_expr, value)
        if model is not None:
            yield from _model_positions(ir, model, value, steps, path)


def _fits(type_expr: TypeExpr, value: Any) -> bool:
    """Whether `value` is of the kind `type_expr` reads (an AnyOf picks its option by kind)."""
    if isinstance(type_expr, LiteralOf):
        return value in type_expr.values
    if isinstance(type_expr, (ModelRef, UnionRef, MapOf)):
        return isinstance(value, dict)
    if isinstance(type_expr, ArrayOf):
        return isinstance(value, list)
    if isinstance(type_expr, Scalar):
        kinds: dict[str, Any] = {"str": str, "int": int, "float": (int, float), "bool": bool}
        if type_expr.kind == "any":
            return True
        return isinstance(value, kinds[type_expr.kind]) and (
            type_expr.kind == "bool" or not isinstance(value, bool)
        )
    return False


def replaced(data: Any, steps: Steps, value: Any) -> Any:
    """A copy of `data` with `value` at `steps`."""
    if not steps:
        return value
    head, rest = steps[0], steps[1:]
    if isinstance(data, list):
        return [replaced(item, rest, value) if i == head else item for i, item in enumerate(data)]
    return {k: (replaced(v, rest, value) if k == head else v) for k, v in data.items()}


def direction_cases(protocol: str, data: dict[str, Any], direction: str) -> Iterator[DirectionCase]:
    """From one full fixture: in a server event, an unknown tag at every open union (valid: it
    decodes to the union's unknown variant); in a client event, the same at every union, and a
    value outside every closed vocabulary (invalid, at that path)."""
    model = event_model(protocol, data["type"])
    if model is None:
        return
    ir = protocol_model(protocol)
    for place in positions(ir, model, data):
        if place.union is not None:
            name = f"unknown {place.union.name} at {place.path}"
            frame = replaced(data, place.steps, UNKNOWN_OBJECT)
            if direction == "server":
                unknown = ir.unions[place.union.name].unknown
                yield DirectionCase(name, frame, True, place, unknown=unknown)
            else:
                yield DirectionCase(name, frame, False, place, error_path=f"{place.path}.type")
        elif place.literal is not None and direction == "client":
            kind = type(place.literal.values[0])
            frame = replaced(data, place.steps, NOT_IN_VOCABULARY[kind])
            name = f"value outside the vocabulary at {place.path}"
            yield DirectionCase(name, frame, False, place, error_path=place.path)


@dataclass(frozen=True)
class DirectionCase:
    name: str
    data: dict[str, Any]
    valid: bool
    position: Position
    unknown: str | None = None  # the unknown variant class the position decodes to
    error_path: str | None = None
