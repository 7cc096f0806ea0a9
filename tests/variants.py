"""Derive the minimal / explicit-null / undeclared-field variants of a full fixture.

Each own fixture is written once, with every field; the schema (through the intermediate model)
says which fields are required, so the variants stay right when the schema changes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from codegen.ir import AnyOf, ArrayOf, Model, ModelRef, Protocol, TypeExpr, UnionRef
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
