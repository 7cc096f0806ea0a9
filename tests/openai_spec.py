"""OpenAI's spec (../shared/reference/openai-spec) and our schema, walked side by side by property
path per event (`session.update:session.audio.input.format.rate`): the tests that compare the two
share these walks. Object variants of a union are merged at the same path on both sides.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest

from codegen.ir import AnyOf, ArrayOf, Field, MapOf, Model, ModelRef, Protocol, TypeExpr, UnionRef
from tests.support import SHARED

SPEC_FOLDER = SHARED / "reference" / "openai-spec"
GA_SPEC = SPEC_FOLDER / "ga-2026-08-21.components.json"
BETA_SPEC = SPEC_FOLDER / "beta-pre-ga.components.json"
MAX_DEPTH = 8

# Where each protocol's events are in the spec: (file, client event union, server event union).
# Beta is the last beta-only spec, the wire's own: the GA file's legacy section documents beta
# under `RealtimeBeta*` names with GA's item and session shapes (protocol-inventory §4.4).
SOURCES: dict[str, tuple[Any, str, str]] = {
    "ga": (GA_SPEC, "RealtimeClientEvent", "RealtimeServerEvent"),
    "translation": (GA_SPEC, "RealtimeTranslationClientEvent", "RealtimeTranslationServerEvent"),
    "beta": (BETA_SPEC, "RealtimeClientEvent", "RealtimeServerEvent"),
}


@cache
def spec_schemas(path: Any) -> dict[str, Any]:
    if not path.exists():
        pytest.skip("../shared/reference/openai-spec is not here")
    schemas: dict[str, Any] = json.loads(path.read_text())["components"]["schemas"]
    return schemas


def spec_events(protocol: str, direction: str) -> Iterator[tuple[dict[str, Any], str, Any]]:
    """(schemas, event type, event schema) for each event of `direction` the spec documents."""
    path, client_union, server_union = SOURCES[protocol]
    schemas = spec_schemas(path)
    union = client_union if direction == "client" else server_union
    for option in schemas[union]["anyOf"]:
        event = schemas[option["$ref"].rsplit("/", 1)[1]]
        yield schemas, event["properties"]["type"]["enum"][0], event


def spec_nodes(
    schemas: dict[str, Any], node: Any, prefix: str = "", depth: int = 0
) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """(path, schema node, required) for every property under `node`; `$ref`s resolved,
    `anyOf`/`oneOf`/`allOf` options merged at their path, array items at `path[]`, map values at
    `path{}`. A property
    node is also yielded for each option of its own `anyOf`/`oneOf` (`required` False there)."""
    if depth > MAX_DEPTH or not isinstance(node, dict):
        return
    if "$ref" in node:
        target = schemas[node["$ref"].rsplit("/", 1)[1]]
        yield from spec_nodes(schemas, target, prefix, depth)
        return
    for key in ("anyOf", "oneOf", "allOf"):
        for option in node.get(key, []):
            yield from spec_nodes(schemas, option, prefix, depth)
    if node.get("type") == "array" or "items" in node:
        yield from spec_nodes(schemas, node.get("items"), prefix + "[]", depth + 1)
    if isinstance(node.get("additionalProperties"), dict):
        yield from spec_nodes(schemas, node["additionalProperties"], prefix + "{}", depth + 1)
    required = set(node.get("required", []))
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        yield path, _resolved(schemas, prop), name in required
        yield from _alternatives(schemas, prop, path)
        yield from spec_nodes(schemas, prop, path, depth + 1)


def _resolved(schemas: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """A `$ref` property as its target (a named enum, say), with the property's own keys."""
    if "$ref" not in node:
        return node
    target = schemas[node["$ref"].rsplit("/", 1)[1]]
    return {**target, **{k: v for k, v in node.items() if k != "$ref"}}


def _alternatives(
    schemas: dict[str, Any], prop: dict[str, Any], path: str
) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """The scalar options of a property's anyOf/oneOf, each as a node at the property's path."""
    prop = _resolved(schemas, prop)
    for key in ("anyOf", "oneOf"):
        for option in prop.get(key, []):
            resolved = _resolved(schemas, option)
            if "properties" not in resolved:
                yield path, resolved, False
                yield from _alternatives(schemas, resolved, path)


def our_fields(
    ir: Protocol, type_expr: TypeExpr | Model, prefix: str = "", depth: int = 0
) -> Iterator[tuple[str, Field]]:
    """(path, field) for every field under `type_expr`, walked as `spec_nodes` walks the spec."""
    if depth > MAX_DEPTH:
        return
    if isinstance(type_expr, Model):
        for field in type_expr.fields:
            path = f"{prefix}.{field.name}" if prefix else field.name
            yield path, field
            yield from our_fields(ir, field.type, path, depth + 1)
    elif isinstance(type_expr, ModelRef):
        yield from our_fields(ir, ir.models[type_expr.name], prefix, depth)
    elif isinstance(type_expr, UnionRef):
        for variant in ir.unions[type_expr.name].variants:
            yield from our_fields(ir, ir.models[variant], prefix, depth)
    elif isinstance(type_expr, AnyOf):
        for option in type_expr.options:
            yield from our_fields(ir, option, prefix, depth)
    elif isinstance(type_expr, ArrayOf):
        yield from our_fields(ir, type_expr.item, prefix + "[]", depth + 1)
    elif isinstance(type_expr, MapOf):
        yield from our_fields(ir, type_expr.value, prefix + "{}", depth + 1)


def event_models(ir: Protocol, direction: str) -> dict[str, Model]:
    """type -> our event model, for one direction."""
    return {e.type: ir.models[e.model] for e in ir.events(direction)}  # type: ignore[arg-type]
