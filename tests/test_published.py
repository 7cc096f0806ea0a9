"""The published artifacts (generated/schema, asyncapi, docs), checked from Python.

The bundle is a self-contained 2020-12 compound document: every `$ref` resolves with nothing but
the bundle (an empty registry: no network, no schema/ folder), and Python's jsonschema gives the
fixture verdicts on the bundle that it gives on schema/. The event index is the dispatch table of
the Python package. Every example the reference and AsyncAPI documents show is a valid frame.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from codegen import examples, schema_version
from codegen.__main__ import GENERATED
from codegen.emit_bundle import definition_uris
from codegen.parser import SCHEMA_ROOT, load_documents, parse_protocol
from tests.bundles import (
    bundle,
    bundle_registry,
    bundle_validator,
    load,
    strict_json,
    union_uri,
)
from tests.cases import all_cases
from tests.support import (
    BACKENDS,
    PROTOCOLS,
    Case,
    decode,
    event_types,
    schema_documents,
    tree,
)


def refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_bundle_embeds_every_schema_file_unchanged(protocol: str) -> None:
    document = bundle(protocol)
    Draft202012Validator.check_schema(document)
    assert document["version"] == schema_version.read()
    files = schema_documents(protocol)
    assert document["$defs"] == {file["$id"]: file for file in files.values()}


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_every_ref_in_the_bundle_resolves_offline(protocol: str) -> None:
    registry = bundle_registry(protocol)
    root = bundle(protocol)
    targets = [(root["$id"], ref) for ref in refs({k: v for k, v in root.items() if k != "$defs"})]
    for resource in root["$defs"].values():
        targets += [(resource["$id"], ref) for ref in refs(resource)]
    assert len(targets) > len(root["$defs"])
    for base, ref in targets:
        resolved = registry.resolver(base_uri=base).lookup(ref)
        assert isinstance(resolved.contents, dict), (base, ref)


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_event_index_is_the_dispatch_table(protocol: str) -> None:
    index = load(f"schema/{protocol}.events.json")
    assert (index["protocol"], index["version"]) == (protocol, schema_version.read())
    entries = [(e["type"], e["direction"], e["title"]) for e in index["events"]]
    assert entries == [tuple(e) for e in event_types(protocol).EVENT_TYPES]
    registry = bundle_registry(protocol)
    for event in index["events"]:
        definition = registry.resolver().lookup(event["$ref"]).contents
        assert definition["title"] == event["title"]
        assert definition["properties"]["type"]["const"] == event["type"]


def json_cases() -> list[Any]:
    """Every fixture case whose frame is JSON (others are no schema's business), with its value."""
    cases = []
    for case in all_cases():
        try:
            cases.append(pytest.param(case, strict_json(case.frame), id=case.id))
        except ValueError:
            continue
    return cases


@pytest.mark.parametrize(("case", "data"), json_cases())
def test_bundle_gives_the_fixture_verdict(case: Case, data: Any) -> None:
    """Python's half of the cross-language check: the bundle judges as schema/ does."""
    validator = bundle_validator(case.protocol, union_uri(case.protocol, case.direction))
    assert validator.is_valid(data) is case.valid, case.description


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_examples_are_valid_frames(protocol: str) -> None:
    """The reference's and the AsyncAPI document's examples: valid by the schema, and both
    backends decode them to the same event."""
    ir = parse_protocol(protocol)
    uris = definition_uris(schema_documents(protocol))
    asyncapi = load(f"asyncapi/{protocol}.asyncapi.json")["components"]["messages"]
    reference = (GENERATED / f"docs/{protocol}.md").read_text()
    for event in ir.all_events():
        example = examples.example(ir, schema_documents(protocol), event.model)
        assert asyncapi[event.model]["examples"][0]["payload"] == example
        assert json.dumps(example, indent=2, ensure_ascii=False) in reference
        errors = list(bundle_validator(protocol, uris[event.model]).iter_errors(example))
        assert not errors, (event.type, errors[0].message)
        frame = json.dumps(example)
        trees = [tree(decode(protocol, name, event.direction, frame)) for name in BACKENDS]
        assert trees[0] == trees[1] and trees[0]["__class__"] == event.model


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_asyncapi_document_has_one_message_per_event(protocol: str) -> None:
    document = load(f"asyncapi/{protocol}.asyncapi.json")
    index = load(f"schema/{protocol}.events.json")
    assert document["info"]["version"] == schema_version.read()
    messages = document["components"]["messages"]
    assert [(m["name"], m["payload"]["schema"]["$ref"]) for m in messages.values()] == [
        (e["type"], e["$ref"]) for e in index["events"]
    ]
    actions = {
        op["action"]: [ref["$ref"].rsplit("/", 1)[1] for ref in op["messages"]]
        for op in document["operations"].values()
    }
    assert actions == {
        "send": [e["title"] for e in index["events"] if e["direction"] == "client"],
        "receive": [e["title"] for e in index["events"] if e["direction"] == "server"],
    }
    assert (GENERATED / "asyncapi" / document["x-schema-bundle"]).resolve() == (
        GENERATED / "schema" / f"{protocol}.schema.json"
    )


def test_a_definitions_own_example_wins(tmp_path: Path) -> None:
    """A definition's `examples` (first entry) replaces the derived example, and the parser
    accepts the keyword on a definition."""
    shutil.copytree(SCHEMA_ROOT / "ga", tmp_path / "ga")
    events_file = tmp_path / "ga" / "client_events.json"
    document = json.loads(events_file.read_text())
    own = {"type": "response.cancel", "response_id": "resp_123"}
    document["$defs"]["ResponseCancelEvent"]["examples"] = [own]
    events_file.write_text(json.dumps(document))
    protocol = parse_protocol("ga", root=tmp_path)
    documents = load_documents("ga", root=tmp_path)
    assert examples.example(protocol, documents, "ResponseCancelEvent") == own
    assert examples.example(protocol, documents, "SessionUpdateEvent") == examples.example(
        parse_protocol("ga"), schema_documents("ga"), "SessionUpdateEvent"
    )
