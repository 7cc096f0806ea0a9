"""Emit `<protocol>/unknown.py` (the unknown variant classes) and `<protocol>/_shapes.py` (what
leads from each server event to an open union, for the slow path in `_runtime/open_unions.py`)."""

from __future__ import annotations

from typing import Any

from codegen import naming, render
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

Node = tuple[Any, ...]


class _Shapes:
    """The fields, unions and variants on the way from the server events to an open union."""

    def __init__(self, protocol: Protocol) -> None:
        self.protocol = protocol
        self.models: dict[str, dict[str, Node]] = {}
        self.unions: set[str] = set()
        self._leads: dict[str, bool] = {}
        self._open: set[str] = set()  # being looked at

    def node(self, type_expr: TypeExpr) -> Node | None:
        if isinstance(type_expr, ModelRef):
            return ("model", type_expr.name) if self.leads(type_expr.name) else None
        if isinstance(type_expr, UnionRef):
            return ("union", type_expr.name) if self.leads(type_expr.name) else None
        if isinstance(type_expr, (ArrayOf, MapOf)):
            inner = self.node(type_expr.item if isinstance(type_expr, ArrayOf) else type_expr.value)
            return (("list" if isinstance(type_expr, ArrayOf) else "map"), inner) if inner else None
        if isinstance(type_expr, AnyOf):
            options = [n for n in (self.node(o) for o in type_expr.options) if n]
            return (
                None
                if not options
                else options[0]
                if len(options) == 1
                else ("any", tuple(options))
            )
        return None

    def leads(self, name: str) -> bool:
        """Whether a value of this model or union can hold an open union; records the way."""
        if name not in self._leads:
            self._leads[name] = False
            self._open.add(name)
            if name in self.protocol.unions:
                union = self.protocol.unions[name]
                variants = [self.leads(v) for v in union.variants]
                found = union.unknown is not None or any(variants)
                if found:
                    self.unions.add(name)
            else:
                fields = {f.name: self.node(f.type) for f in self.protocol.models[name].fields}
                self.models[name] = {k: v for k, v in fields.items() if v}
                found = bool(self.models[name])
            self._leads[name] = found
            self._open.discard(name)
        elif name in self._open:
            raise ValueError(f"{name} holds itself: the walk needs an acyclic schema")
        return self._leads[name]


def placeholder(protocol: Protocol, union_name: str) -> dict[str, Any]:
    """The smallest valid object of the union: what stands in for an unknown variant while the
    rest of the frame is decoded."""
    union = protocol.unions[union_name]
    variant = min(union.variants, key=lambda v: sum(f.required for f in protocol.models[v].fields))
    return _minimal(protocol, protocol.models[variant])


def _minimal(protocol: Protocol, model: Model) -> dict[str, Any]:
    return {f.name: _value(protocol, f.type) for f in model.fields if f.required}


def _value(protocol: Protocol, type_expr: TypeExpr) -> Any:
    if isinstance(type_expr, Scalar):
        return {"str": "", "int": 0, "float": 0.0, "bool": False, "any": None}[type_expr.kind]
    if isinstance(type_expr, LiteralOf):
        return type_expr.values[0]
    if isinstance(type_expr, ArrayOf):
        return []
    if isinstance(type_expr, MapOf):
        return {}
    if isinstance(type_expr, ModelRef):
        return _minimal(protocol, protocol.models[type_expr.name])
    if isinstance(type_expr, UnionRef):
        return placeholder(protocol, type_expr.name)
    if isinstance(type_expr, AnyOf):
        return _value(protocol, type_expr.options[0])
    raise TypeError(type_expr)


def shapes(protocol: Protocol) -> tuple[dict[str, str], _Shapes]:
    found = _Shapes(protocol)
    events = {e.type: e.model for e in protocol.events("server") if found.leads(e.model)}
    return events, found


def emit_unknown(protocol: Protocol) -> str:
    return render.render(
        "unknown.py.j2",
        header=naming.header(protocol, "unknown variants"),
        protocol=protocol,
        unknowns=list(protocol.unknowns.values()),
    )


def emit_shapes(protocol: Protocol) -> str:
    events, found = shapes(protocol)
    unions: dict[str, dict[str, Any]] = {}
    for name in sorted(found.unions):
        union = protocol.unions[name]
        tags = {protocol.models[v].tag[1]: v for v in union.variants}  # type: ignore[index]
        unions[name] = {
            "tag_field": union.discriminator,
            "variants": tags,
            "unknown": union.unknown,
            "placeholder": placeholder(protocol, name),
        }
    variants = {v for u in unions.values() for v in u["variants"].values()}
    models = {
        name: fields for name, fields in sorted(found.models.items()) if fields or name in variants
    }
    return render.render(
        "shapes.py.j2",
        header=naming.header(protocol, "the way from server events to open unions"),
        protocol=protocol,
        events=events,
        models=models,
        unions=unions,
    )
