"""Emit `<protocol>/structs.py`: msgspec Structs, dispatch tables and decoders, from jinja2."""

from __future__ import annotations

from collections.abc import Iterator

from codegen import naming, pytypes, render
from codegen.ir import (
    AnyOf,
    ArrayOf,
    Direction,
    Field,
    MapOf,
    Model,
    ModelRef,
    Protocol,
    TypeExpr,
    UnionDef,
    UnionRef,
)


def struct_bases(model: Model) -> str:
    """Base class and msgspec class options: events subclass their union, variants carry a tag."""
    if model.event_union:
        assert model.tag is not None
        return f'{model.event_union}, tag="{model.tag[1]}", kw_only=True'
    if model.tag:
        tag = f'tag_field="{model.tag[0]}", tag="{model.tag[1]}"'
        return f"WireStruct, {tag}, kw_only=True, metaclass=TaggedMeta"
    return "WireStruct, kw_only=True"


def references(type_expr: TypeExpr) -> Iterator[str]:
    """The models and unions a type names."""
    if isinstance(type_expr, (ModelRef, UnionRef)):
        yield type_expr.name
    elif isinstance(type_expr, ArrayOf):
        yield from references(type_expr.item)
    elif isinstance(type_expr, MapOf):
        yield from references(type_expr.value)
    elif isinstance(type_expr, AnyOf):
        for option in type_expr.options:
            yield from references(option)


def definition_order(protocol: Protocol) -> list[Model | UnionDef]:
    """Models and (non-event) unions, each after what its fields name, else in schema order.

    structs.py evaluates its annotations when a class is defined (no `from __future__ import
    annotations`), so msgspec reads type objects, not strings it must compile and evaluate one
    by one when the module builds its Decoders: building GA's two Decoders fell from 8.2 to
    1.8 ms CPU, the whole module from 10.5 to 4.8 ms (with the tag's `ClassVar` left to type
    checkers, see structs.py.j2).
    """
    unions = {u.name: u for u in protocol.unions.values() if not u.direction}
    order: list[Model | UnionDef] = []
    seen: set[str] = set()

    def needs(name: str) -> list[str]:
        if name in unions:
            return unions[name].variants
        return [ref for f in protocol.models[name].plain_fields for ref in references(f.type)]

    def visit(name: str) -> None:
        if name in seen or (name not in unions and name not in protocol.models):
            return  # placed, on the way (a cycle: `struct_annotation` quotes it), or an event union
        seen.add(name)
        for dependency in needs(name):
            visit(dependency)
        order.append(unions[name] if name in unions else protocol.models[name])

    for name in [*protocol.models, *unions]:
        visit(name)
    return order


def struct_annotation(
    field: Field, protocol: Protocol, defined: frozenset[str] | None = None
) -> str:
    """The field's annotation; quoted where it names a class not defined yet (a cycle), which
    msgspec then resolves when it builds a Decoder."""
    text = pytypes.field_annotation(field, "UnsetType", protocol)
    if defined is not None and not set(references(field.type)) <= defined:
        return f'"{text}"'
    return text


def exports(protocol: Protocol) -> list[str]:
    """The public names; `models.py` exports exactly the same list."""
    names = [u.name for u in protocol.unions.values() if u.direction]
    names += list(protocol.models)
    names += [u.name for u in protocol.unions.values() if not u.direction]
    names += list(protocol.unknowns)
    directions: tuple[Direction, ...] = ("client", "server")
    for direction in directions:
        names += [
            naming.any_event_alias(direction),
            naming.table_name(direction),
            naming.decode_name(direction),
            naming.decoder_name(direction),
            naming.recover_name(direction),
            naming.unknown_name(direction),
        ]
    names += ["parse_server_event", "encode", "validate", "replace", "DecodeError", "UNSET"]
    return sorted(set(names), key=names.index)


def emit(protocol: Protocol) -> str:
    env = render.environment()
    env.filters.update(
        struct_bases=struct_bases,
        struct_annotation=lambda field, defined=None: struct_annotation(field, protocol, defined),
    )
    template = env.get_template("structs.py.j2")
    order = definition_order(protocol)
    event_unions = [u for u in protocol.unions.values() if u.direction]
    return template.render(
        header=naming.header(protocol, "msgspec Structs"),
        protocol=protocol,
        exports=exports(protocol),
        event_unions=event_unions,
        # (definition, the names defined before it: the event unions come first)
        definitions=[
            (item, frozenset(u.name for u in event_unions) | {d.name for d in order[:index]})
            for index, item in enumerate(order)
        ],
        directions=["client", "server"],
    )
