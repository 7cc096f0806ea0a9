"""Emit `typescript/<protocol>.d.ts`: TypeScript declarations from the intermediate model.

The same model the Python backends come from, through jinja2, so the three targets cannot drift
apart: an interface per object, a union type per tagged union, one discriminated union per
direction on the event tag, `?` for a field a frame may leave out and `| null` where the wire
may send null (optional means nullable, schema/README.md).
"""

from __future__ import annotations

import json
import re

from codegen import naming, render
from codegen.ir import (
    AnyOf,
    ArrayOf,
    Direction,
    Field,
    LiteralOf,
    MapOf,
    ModelRef,
    Protocol,
    Scalar,
    TypeExpr,
    UnionRef,
)
from codegen.parser import SchemaError

_SCALARS = {
    "str": "string",
    "int": "number",
    "float": "number",
    "bool": "boolean",
    "any": "unknown",
}
_SIMPLE = re.compile(r"[A-Za-z_$][\w$]*|\"[^\"|]*\"")
DIRECTIONS: tuple[Direction, ...] = ("client", "server")


def typescript_file(protocol: Protocol) -> str:
    return f"{protocol.name}.d.ts"


def event_map_name(direction: Direction) -> str:
    """The interface from each event type string to its event interface: `ServerEventMap`."""
    return f"{direction.capitalize()}EventMap"


def event_type_name(direction: Direction) -> str:
    """The union of the type strings of one direction: `ServerEventType`."""
    return f"{direction.capitalize()}EventType"


def ts_type(type_expr: TypeExpr, protocol: Protocol) -> str:
    if isinstance(type_expr, Scalar):
        return _SCALARS[type_expr.kind]
    if isinstance(type_expr, LiteralOf):
        return " | ".join(json.dumps(value) for value in type_expr.values)
    if isinstance(type_expr, ArrayOf):
        item = ts_type(type_expr.item, protocol)
        return f"{item}[]" if _SIMPLE.fullmatch(item) else f"Array<{item}>"
    if isinstance(type_expr, MapOf):
        return f"{{ [key: string]: {ts_type(type_expr.value, protocol)} }}"
    if isinstance(type_expr, UnionRef) and type_expr.open:  # with its unknown variant
        return f"{type_expr.name} | {protocol.unions[type_expr.name].unknown}"
    if isinstance(type_expr, (ModelRef, UnionRef)):
        return type_expr.name
    if isinstance(type_expr, AnyOf):
        return " | ".join(ts_type(option, protocol) for option in type_expr.options)
    raise TypeError(type_expr)


def ts_property(field: Field, protocol: Protocol) -> str:
    """`name: T`, `name: T | null` (required, the wire sends null) or `name?: T | null`."""
    text = ts_type(field.type, protocol) + (" | null" if field.nullable else "")
    return f"{field.name}{'' if field.required else '?'}: {text};"


def field_doc(field: Field) -> str:
    if isinstance(field.type, Scalar) and field.type.base64:
        return f"{field.doc} Base64 text on the wire (`contentEncoding: base64`)."
    return field.doc


def jsdoc(text: str, indent: str = "") -> str:
    """A JSDoc block, wrapped at about 96 columns; `*/` in the text cannot close it."""
    words = text.replace("*/", "*\\/").split()
    lines: list[str] = []
    line = ""
    for word in words:
        if line and len(indent) + 3 + len(line) + len(word) + 1 > 96:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    if len(lines) == 1 and len(indent) + len(line) + 7 <= 100:
        return f"{indent}/** {line} */"
    body = "".join(f"{indent} * {entry}\n" for entry in lines)
    return f"{indent}/**\n{body}{indent} */"


def emit(protocol: Protocol, version: str) -> str:
    generated_names = {"SchemaVersion"} | {event_map_name(d) for d in DIRECTIONS}
    generated_names |= {event_type_name(d) for d in DIRECTIONS}
    clashes = generated_names & (
        set(protocol.models) | set(protocol.unions) | set(protocol.unknowns)
    )
    if clashes:
        raise SchemaError(f"{protocol.name}: titles {sorted(clashes)} clash with TypeScript names")
    env = render.environment()
    env.filters.update(
        ts_type=lambda type_expr: ts_type(type_expr, protocol),
        ts_property=lambda field: ts_property(field, protocol),
        field_doc=field_doc,
        jsdoc=jsdoc,
        event_map_name=event_map_name,
        event_type_name=event_type_name,
    )
    return env.get_template("typescript.d.ts.j2").render(
        notice=naming.notice(protocol, "TypeScript declarations"),
        protocol=protocol,
        version=version,
        directions=DIRECTIONS,
        event_unions=[protocol.event_union(d) for d in DIRECTIONS],
        unions=[u for u in protocol.unions.values() if not u.direction],
        models=list(protocol.models.values()),
        unknowns=list(protocol.unknowns.values()),
    )
