"""Emit `docs/<protocol>.md`: the human reference, one section per event, from the model.

Every event (client, then server) gets its direction, description, a field table (type,
required, nullable, documented server default) and an example (codegen/examples.py). Objects
and unions the events nest get sections of their own, linked from the types.
"""

from __future__ import annotations

import json
from typing import Any

from codegen import emit_asyncapi, emit_bundle, emit_typescript, examples, naming, render
from codegen.ir import (
    NO_DEFAULT,
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

_SCALARS = {"str": "string", "int": "integer", "float": "number", "bool": "boolean", "any": "any"}
DIRECTIONS: tuple[Direction, ...] = ("client", "server")
ARROWS = {"client": "client → server", "server": "server → client"}


def reference_file(protocol: Protocol) -> str:
    return f"{protocol.name}.md"


def event_anchor(event_type: str) -> str:
    return "event-" + event_type


def md_type(type_expr: TypeExpr) -> str:
    """A type for a Markdown table cell: links to the sections of named types."""
    if isinstance(type_expr, Scalar):
        return _SCALARS[type_expr.kind] + (" (base64)" if type_expr.base64 else "")
    if isinstance(type_expr, LiteralOf):
        return " \\| ".join(f"`{json.dumps(value)}`" for value in type_expr.values)
    if isinstance(type_expr, ArrayOf):
        return f"array of {md_type(type_expr.item)}"
    if isinstance(type_expr, MapOf):
        return f"map of {md_type(type_expr.value)}"
    if isinstance(type_expr, UnionRef) and type_expr.open:
        return f"[{type_expr.name}](#{type_expr.name}) (unknown variants kept)"
    if isinstance(type_expr, (ModelRef, UnionRef)):
        return f"[{type_expr.name}](#{type_expr.name})"
    if isinstance(type_expr, AnyOf):
        return " \\| ".join(md_type(option) for option in type_expr.options)
    raise TypeError(type_expr)


def cell(text: str) -> str:
    """Text safe inside a table cell."""
    return " ".join(text.replace("|", "\\|").split())


def default_cell(field: Field) -> str:
    return "" if field.default is NO_DEFAULT else f"`{json.dumps(field.default)}`"


def yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def emit(protocol: Protocol, documents: dict[str, dict[str, Any]], version: str) -> str:
    events = {d: protocol.events(d) for d in DIRECTIONS}
    event_models = {event.model for event in protocol.all_events()}
    env = render.environment()
    env.filters.update(
        md_type=md_type, cell=cell, default_cell=default_cell, yes_no=yes_no, anchor=event_anchor
    )
    return env.get_template("reference.md.j2").render(
        notice=naming.notice(protocol, "Markdown reference"),
        protocol=protocol,
        version=version,
        directions=DIRECTIONS,
        arrows=ARROWS,
        events=events,
        examples={
            event.model: json.dumps(
                examples.example(protocol, documents, event.model), indent=2, ensure_ascii=False
            )
            for event in protocol.all_events()
        },
        objects=[m for m in protocol.models.values() if m.name not in event_models],
        unions=[u for u in protocol.unions.values() if not u.direction],
        files={
            "bundle": f"../schema/{emit_bundle.bundle_file(protocol)}",
            "index": f"../schema/{emit_bundle.event_index_file(protocol)}",
            "asyncapi": f"../asyncapi/{emit_asyncapi.asyncapi_file(protocol)}",
            "typescript": f"../typescript/{emit_typescript.typescript_file(protocol)}",
        },
    )
