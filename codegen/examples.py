"""One example value per definition, for the Markdown reference and the AsyncAPI messages.

A definition's own `examples` (first entry) wins. Otherwise the example is derived from the
intermediate model, deterministically: required fields only (what the smallest valid frame
carries), the documented default where there is one, the first value of an enum or union, one
item per array. generated/ must not depend on tests/, so fixtures are never used here; the
tests check that every example is valid against the schema and decodes in both backends.
"""

from __future__ import annotations

from typing import Any

from codegen.ir import (
    NO_DEFAULT,
    AnyOf,
    ArrayOf,
    LiteralOf,
    MapOf,
    ModelRef,
    Protocol,
    Scalar,
    TypeExpr,
    UnionRef,
)

BASE64_EXAMPLE = "AAAAAA=="  # four zero bytes: two samples of 16-bit silence
_SCALARS: dict[str, Any] = {"str": "string", "int": 0, "float": 0.5, "bool": False}


def example(protocol: Protocol, documents: dict[str, dict[str, Any]], title: str) -> Any:
    for document in documents.values():
        for definition in document.get("$defs", {}).values():
            if definition.get("title") == title and definition.get("examples"):
                return definition["examples"][0]
    return _model(protocol, title, ())


def _model(protocol: Protocol, name: str, seen: tuple[str, ...]) -> dict[str, Any]:
    if name in protocol.unions:
        return _model(protocol, protocol.unions[name].variants[0], seen)
    value = {}
    for field in protocol.models[name].fields:
        if not field.required:
            continue
        if field.default is not NO_DEFAULT:
            value[field.name] = field.default
        elif _recursive(field.type, (*seen, name)):
            if not field.nullable:
                raise ValueError(f"{name}.{field.name}: a required self-reference has no example")
            value[field.name] = None
        else:
            value[field.name] = _value(protocol, field.type, (*seen, name))
    return value


def _value(protocol: Protocol, type_expr: TypeExpr, seen: tuple[str, ...]) -> Any:
    if isinstance(type_expr, Scalar):
        if type_expr.kind == "any":
            return {}  # a fresh object: examples are built once each, never shared
        return BASE64_EXAMPLE if type_expr.base64 else _SCALARS[type_expr.kind]
    if isinstance(type_expr, LiteralOf):
        return type_expr.values[0]
    if isinstance(type_expr, ArrayOf):
        if _recursive(type_expr.item, seen):
            return []  # a required list of itself: the empty list ends the recursion
        return [_value(protocol, type_expr.item, seen)]
    if isinstance(type_expr, MapOf):
        return {}
    if isinstance(type_expr, (ModelRef, UnionRef)):
        return _model(protocol, type_expr.name, seen)
    if isinstance(type_expr, AnyOf):
        return _value(protocol, type_expr.options[0], seen)
    raise TypeError(type_expr)


def _recursive(type_expr: TypeExpr, seen: tuple[str, ...]) -> bool:
    return isinstance(type_expr, (ModelRef, UnionRef)) and type_expr.name in seen
