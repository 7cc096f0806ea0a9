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
        self.leading = self._leading() & self._server_side()
        self.unions = {name for name in self.leading if name in protocol.unions}
        self.models: dict[str, dict[str, Node]] = {}
        for name in self.leading & set(protocol.models):
            fields = {f.name: self.node(f.type) for f in protocol.models[name].fields}
            self.models[name] = {k: v for k, v in fields.items() if v}

    def _server_side(self) -> set[str]:
        """The models and unions a server event can hold."""
        protocol, seen = self.protocol, set()
        todo = [e.model for e in protocol.events("server")]
        while todo:
            name = todo.pop()
            if name not in seen:
                seen.add(name)
                if name in protocol.unions:
                    todo += protocol.unions[name].variants
                else:
                    todo += [r.name for f in protocol.models[name].fields for r in _refs(f.type)]
        return seen

    def _leading(self) -> set[str]:
        """The models and unions a value of which can hold an open union: those that name one,
        and, to a fixed point, those that name one of them (so a cycle is no trouble)."""
        protocol = self.protocol
        names: dict[str, list[str]] = {u: list(d.variants) for u, d in protocol.unions.items()}
        found: set[str] = {u for u, d in protocol.unions.items() if d.unknown is not None}
        for name, model in protocol.models.items():
            names[name] = [r.name for f in model.fields for r in _refs(f.type)]
            if any(isinstance(r, UnionRef) and r.open for f in model.fields for r in _refs(f.type)):
                found.add(name)
        grew = True
        while grew:
            grew = False
            for name, named in names.items():
                if name not in found and any(n in found for n in named):
                    found.add(name)
                    grew = True
        return found

    def node(self, type_expr: TypeExpr) -> Node | None:
        if isinstance(type_expr, ModelRef):
            return ("model", type_expr.name) if type_expr.name in self.leading else None
        if isinstance(type_expr, UnionRef):
            return ("union", type_expr.name) if type_expr.name in self.leading else None
        if isinstance(type_expr, (ArrayOf, MapOf)):
            inner = self.node(type_expr.item if isinstance(type_expr, ArrayOf) else type_expr.value)
            return (("list" if isinstance(type_expr, ArrayOf) else "map"), inner) if inner else None
        if isinstance(type_expr, AnyOf):
            options = [n for n in (self.node(o) for o in type_expr.options) if n]
            if len(options) > 1:
                return ("any", tuple(options))
            return options[0] if options else None
        return None

    def leads(self, name: str) -> bool:
        return name in self.leading


def _refs(type_expr: TypeExpr) -> list[ModelRef | UnionRef]:
    if isinstance(type_expr, (ModelRef, UnionRef)):
        return [type_expr]
    if isinstance(type_expr, (ArrayOf, MapOf)):
        return _refs(type_expr.item if isinstance(type_expr, ArrayOf) else type_expr.value)
    if isinstance(type_expr, AnyOf):
        return [r for option in type_expr.options for r in _refs(option)]
    return []


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
    models = {name: fields for name, fields in sorted(found.models.items()) if fields}
    return render.render(
        "shapes.py.j2",
        header=naming.header(protocol, "the way from server events to open unions"),
        protocol=protocol,
        events=events,
        models=models,
        unions=unions,
    )
