"""One rule for vocabularies, by direction (schema/README.md, "Vocabularies").

- Client events: every enumeration OpenAI's spec lists in a request object is closed in our
  schema (the server rejects other values), unless `tests/fixtures/vocabularies.json` lists it
  under `open_in_client_events`, with the reason.
- Server events: every closed vocabulary is a union tag, a status, a role or a one-value marker
  (`object`, `"inf"`, `"auto"`), or is listed under `closed_in_server_events`, with the reason.

The spec is walked by property path per event (tests/openai_spec.py); an enumeration the spec
itself leaves open (an `anyOf` of a string and an enum: models, voices) is not one it closes.
Beta is walked in the last beta-only spec (the wire's own; the GA spec's legacy beta section
documents beta with GA's item shapes, protocol-inventory §4.4). Skipped without ../shared.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from codegen.ir import AnyOf, ArrayOf, Field, LiteralOf, Scalar, TypeExpr
from tests.openai_spec import event_models, our_fields, spec_events, spec_nodes
from tests.support import FIXTURES, PROTOCOLS, load_json
from tests.variants import protocol_model, reachable

EXCEPTIONS = load_json(FIXTURES / "vocabularies.json")
STATUS_AND_ROLE = {"status", "role"}


def spec_enums(protocol: str) -> dict[str, set[Any]]:
    """`event:path` -> the values of each enumeration the spec closes in a client event."""
    enums: dict[str, set[Any]] = {}
    open_paths: set[str] = set()
    for schemas, event_type, event in spec_events(protocol, "client"):
        for path, node, _ in spec_nodes(schemas, event):
            key = f"{event_type}:{path}"
            values = _enum(schemas, node)
            if values is None:
                if node.get("type") == "string":
                    open_paths.add(key)  # any string goes here too: the spec lists known values
                continue
            if len(values) == 1 and path.rsplit(".", 1)[-1] in ("type", "object"):
                continue  # a tag or a marker
            enums.setdefault(key, set()).update(values)
    return {key: values for key, values in enums.items() if key not in open_paths}


def _enum(schemas: dict[str, Any], node: dict[str, Any]) -> list[Any] | None:
    if "enum" in node:
        return list(node["enum"])
    items = node.get("items")
    if isinstance(items, dict):
        items = schemas[items["$ref"].rsplit("/", 1)[1]] if "$ref" in items else items
        if "enum" in items:
            return list(items["enum"])
    return None


def _literals(type_expr: TypeExpr) -> Iterator[LiteralOf | Scalar]:
    if isinstance(type_expr, (LiteralOf, Scalar)):
        yield type_expr
    elif isinstance(type_expr, ArrayOf):
        yield from _literals(type_expr.item)
    elif isinstance(type_expr, AnyOf):
        for option in type_expr.options:
            yield from _literals(option)


def our_vocabulary(fields: list[Field]) -> tuple[set[Any], bool]:
    """The closed values our fields at one path take, and whether any of them takes any string."""
    values: set[Any] = set()
    open_string = False
    for field in fields:
        for option in _literals(field.type):
            if isinstance(option, LiteralOf):
                values.update(option.values)
            elif option.kind == "str":
                open_string = True
    return values, open_string


def ours(protocol: str, direction: str) -> dict[str, list[Field]]:
    ir = protocol_model(protocol)
    out: dict[str, list[Field]] = {}
    for event_type, model in event_models(ir, direction).items():
        for path, field in our_fields(ir, model):
            out.setdefault(f"{event_type}:{path}", []).append(field)
    return out


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_client_events_close_every_vocabulary_the_spec_closes(protocol: str) -> None:
    listed = EXCEPTIONS["open_in_client_events"].get(protocol, {})
    assert all(listed.values()), "every exception needs a reason"
    mine = ours(protocol, "client")
    problems = []
    for key, values in sorted(spec_enums(protocol).items()):
        closed, open_string = our_vocabulary(mine.get(key, []))
        is_closed = bool(closed) and not open_string and values <= closed
        if is_closed == (key in listed):
            state = "closed, yet listed as open" if is_closed else "not closed, nor listed"
            spec, our = sorted(map(str, values)), sorted(map(str, closed))
            problems.append(f"{key}: spec {spec}, ours {our}: {state}")
    stale = set(listed) - set(spec_enums(protocol))
    assert not problems, "\n".join(problems)
    assert not stale, f"exceptions for vocabularies the spec no longer closes: {sorted(stale)}"


def server_vocabularies(protocol: str) -> dict[str, tuple[Any, ...]]:
    """`Model.field` -> the closed values of each vocabulary a server event holds that is not a
    union tag, a status or a role, nor a one-value marker."""
    ir = protocol_model(protocol)
    found: dict[str, tuple[Any, ...]] = {}
    for name in sorted(reachable(protocol, "server") & set(ir.models)):
        model = ir.models[name]
        for field in model.fields:
            if field.name == model.tag_field or field.name in STATUS_AND_ROLE:
                continue
            for option in _literals(field.type):
                if isinstance(option, LiteralOf) and len(option.values) > 1:
                    found[f"{name}.{field.name}"] = option.values
    return found


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_server_events_close_only_tags_statuses_and_roles(protocol: str) -> None:
    listed = EXCEPTIONS["closed_in_server_events"].get(protocol, {})
    assert all(listed.values()), "every exception needs a reason"
    found = server_vocabularies(protocol)
    assert sorted(set(found) - set(listed)) == [], (
        "closed server vocabularies, neither open nor listed"
    )
    assert sorted(set(listed) - set(found)) == [], "stale exceptions"
