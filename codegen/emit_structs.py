"""Emit `<protocol>/structs.py`: msgspec Structs, dispatch tables and decoders, from jinja2."""

from __future__ import annotations

from codegen import naming, pytypes, render
from codegen.ir import Direction, Model, Protocol


def struct_bases(model: Model) -> str:
    """Base class and msgspec class options: events subclass their union, variants carry a tag."""
    if model.event_union:
        assert model.tag is not None
        return f'{model.event_union}, tag="{model.tag[1]}", kw_only=True'
    if model.tag:
        tag = f'tag_field="{model.tag[0]}", tag="{model.tag[1]}"'
        return f"WireStruct, {tag}, kw_only=True, metaclass=TaggedMeta"
    return "WireStruct, kw_only=True"


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
            naming.unknown_name(direction),
        ]
    names += ["parse_server_event", "encode", "validate", "replace", "DecodeError", "UNSET"]
    return sorted(set(names), key=names.index)


def emit(protocol: Protocol) -> str:
    env = render.environment()
    env.filters.update(
        struct_bases=struct_bases,
        struct_annotation=lambda field: pytypes.field_annotation(field, "UnsetType", protocol),
    )
    template = env.get_template("structs.py.j2")
    return template.render(
        header=naming.header(protocol, "msgspec Structs"),
        protocol=protocol,
        exports=exports(protocol),
        event_unions=[u for u in protocol.unions.values() if u.direction],
        unions=[u for u in protocol.unions.values() if not u.direction],
        models=list(protocol.models.values()),
        directions=["client", "server"],
    )
