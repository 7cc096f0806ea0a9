"""The schema itself: valid 2020-12, self-contained, and following schema/README.md."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from codegen.parser import parse_protocol
from tests.support import PROTOCOLS, registry, schema_documents

# The event sets each protocol must cover (protocol-inventory §3).
EXPECTED_COUNTS = {
    "beta": {"client": 12, "server": 45},
    "ga": {"client": 11, "server": 46},
    "translation": {"client": 3, "server": 7},
}

FILES = [(p, name) for p in PROTOCOLS for name in schema_documents(p)]


@pytest.mark.parametrize(("protocol", "name"), FILES)
def test_file_is_valid_2020_12(protocol: str, name: str) -> None:
    Draft202012Validator.check_schema(schema_documents(protocol)[name])


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


@pytest.mark.parametrize(("protocol", "name"), FILES)
def test_every_ref_resolves_offline(protocol: str, name: str) -> None:
    document = schema_documents(protocol)[name]
    resolver = registry(protocol).resolver(base_uri=document["$id"])
    refs = _refs(document)
    assert refs or name == "errors.json"
    for ref in refs:
        resolver.lookup(ref)  # raises Unresolvable on a dangling or remote-only ref


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_conventions_hold(protocol: str) -> None:
    """The parser enforces titles, descriptions, optional ⇒ nullable, const tags, unique tags."""
    parse_protocol(protocol)


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_event_counts(protocol: str) -> None:
    ir = parse_protocol(protocol)
    counts = {d: len({e.type for e in ir.events(d)}) for d in ("client", "server")}
    assert counts == EXPECTED_COUNTS[protocol]


@pytest.mark.parametrize(("protocol", "name"), FILES)
def test_id_mirrors_path(protocol: str, name: str) -> None:
    assert schema_documents(protocol)[name]["$id"].endswith(f"/schema/{protocol}/{name}")


def test_beta_to_ga_renames_name_real_event_types() -> None:
    from realtime_schema.migration import BETA_TO_GA_EVENT_TYPES

    beta = {e.type for e in parse_protocol("beta").all_events()}
    ga = {e.type for e in parse_protocol("ga").all_events()}
    assert BETA_TO_GA_EVENT_TYPES
    for old, new in BETA_TO_GA_EVENT_TYPES.items():
        assert old in beta, old
        assert set(new) <= ga, new
