"""Our GA schema declares every property OpenAI's own spec declares, and every place where we
differ on purpose is listed, with its reason, in tests/fixtures/ga/spec_departures.json.

Compared by property path per event (`session.update:session.audio.input.format.rate`); object
variants of a union are merged at the same path on both sides. Skipped without ../shared.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from codegen.ir import AnyOf, ArrayOf, Model, ModelRef, Protocol, TypeExpr, UnionRef
from codegen.parser import parse_protocol
from tests.support import FIXTURES, SHARED

SPEC = SHARED / "reference" / "openai-spec" / "ga-2026-08-21.components.json"
DEPARTURES = FIXTURES / "ga" / "spec_departures.json"
MAX_DEPTH = 8

Paths = dict[str, bool]  # property path -> required


@pytest.fixture(scope="module")
def openai_schemas() -> dict[str, Any]:
    if not SPEC.exists():
        pytest.skip("../shared/reference/openai-spec is not here")
    schemas: dict[str, Any] = json.loads(SPEC.read_text())["components"]["schemas"]
    return schemas


def openai_paths(schemas: dict[str, Any], node: Any, prefix: str, depth: int = 0) -> Paths:
    out: Paths = {}
    if depth > MAX_DEPTH or not isinstance(node, dict):
        return out
    if "$ref" in node:
        return openai_paths(schemas, schemas[node["$ref"].rsplit("/", 1)[1]], prefix, depth)
    for key in ("anyOf", "oneOf", "allOf"):
        for option in node.get(key, []):
            _merge(out, openai_paths(schemas, option, prefix, depth))
    if node.get("type") == "array" or "items" in node:
        _merge(out, openai_paths(schemas, node.get("items"), prefix + "[]", depth + 1))
    required = set(node.get("required", []))
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        out[path] = out.get(path, False) or name in required
        _merge(out, openai_paths(schemas, prop, path, depth + 1))
    return out


def our_paths(ir: Protocol, type_expr: TypeExpr | Model, prefix: str, depth: int = 0) -> Paths:
    out: Paths = {}
    if depth > MAX_DEPTH:
        return out
    if isinstance(type_expr, Model):
        for field in type_expr.fields:
            path = f"{prefix}.{field.name}" if prefix else field.name
            out[path] = out.get(path, False) or field.required
            _merge(out, our_paths(ir, field.type, path, depth + 1))
    elif isinstance(type_expr, ModelRef):
        _merge(out, our_paths(ir, ir.models[type_expr.name], prefix, depth))
    elif isinstance(type_expr, UnionRef):
        for variant in ir.unions[type_expr.name].variants:
            _merge(out, our_paths(ir, ir.models[variant], prefix, depth))
    elif isinstance(type_expr, AnyOf):
        for option in type_expr.options:
            _merge(out, our_paths(ir, option, prefix, depth))
    elif isinstance(type_expr, ArrayOf):
        _merge(out, our_paths(ir, type_expr.item, prefix + "[]", depth + 1))
    return out


def _merge(into: Paths, more: Paths) -> None:
    for path, required in more.items():
        into[path] = into.get(path, False) or required


def compare(schemas: dict[str, Any]) -> dict[str, set[str]]:
    ir = parse_protocol("ga")
    ours_by_type = {e.type: ir.models[e.model] for e in ir.all_events()}
    found: dict[str, set[str]] = {"missing": set(), "required_there": set(), "required_here": set()}
    for union in ("RealtimeClientEvent", "RealtimeServerEvent"):
        for option in schemas[union]["anyOf"]:
            event = schemas[option["$ref"].rsplit("/", 1)[1]]
            event_type = event["properties"]["type"]["enum"][0]
            theirs = openai_paths(schemas, event, "")
            ours = our_paths(ir, ours_by_type[event_type], "")
            for path, required in theirs.items():
                key = f"{event_type}:{path}"
                if path not in ours:
                    found["missing"].add(key)
                elif required and not ours[path]:
                    found["required_there"].add(key)
                elif ours[path] and not required:
                    found["required_here"].add(key)
    return found


def test_every_openai_property_is_declared_and_every_difference_is_listed(
    openai_schemas: dict[str, Any],
) -> None:
    listed = json.loads(DEPARTURES.read_text())
    found = compare(openai_schemas)
    for kind in ("missing", "required_there", "required_here"):
        assert found[kind] == set(listed[kind]), kind
    for kind in ("missing", "required_there", "required_here"):
        assert all(listed[kind].values()), f"every {kind} departure needs a reason"
