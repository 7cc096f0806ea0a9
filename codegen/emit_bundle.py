"""Emit `schema/<protocol>.schema.json` (the 2020-12 bundle) and `schema/<protocol>.events.json`.

The bundle is a Compound Schema Document (JSON Schema 2020-12 core, "Bundling"): each schema
file is embedded unchanged under `$defs`, keyed by its own `$id`, so every relative `$ref` keeps
resolving against that `$id` and no reference is rewritten. The root validates any event of
either direction; a consumer addresses one definition by its canonical URI
(`<file $id>#/$defs/<key>`), which is what the event index lists.
"""

from __future__ import annotations

import json
from typing import Any

from codegen import naming
from codegen.ir import Direction, Protocol
from codegen.parser import ID_PREFIX

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def bundle_file(protocol: Protocol) -> str:
    return f"{protocol.name}.schema.json"


def event_index_file(protocol: Protocol) -> str:
    return f"{protocol.name}.events.json"


def bundle_id(protocol: Protocol) -> str:
    return ID_PREFIX + bundle_file(protocol)


def definition_uris(documents: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Each definition's title -> its canonical URI, which resolves inside the bundle."""
    return {
        definition["title"]: f"{document['$id']}#/$defs/{key}"
        for document in documents.values()
        for key, definition in document.get("$defs", {}).items()
    }


def bundle(
    protocol: Protocol, documents: dict[str, dict[str, Any]], version: str
) -> dict[str, Any]:
    uris = definition_uris(documents)
    directions: tuple[Direction, ...] = ("client", "server")
    return {
        "$schema": DRAFT,
        "$id": bundle_id(protocol),
        "$comment": " ".join(naming.notice(protocol, "JSON Schema 2020-12 bundle")),
        "title": f"realtime-schema {protocol.name}",
        "description": (
            f"Every event of the {protocol.name} Realtime protocol, client and server. "
            "A compound schema document: each file of the schema is embedded under $defs with "
            "its own $id. Validate one direction with the ClientEvent or ServerEvent union, "
            "one event with its URI from the event index."
        ),
        "version": version,
        "anyOf": [{"$ref": uris[protocol.event_union(d).name]} for d in directions],
        "$defs": {document["$id"]: document for document in documents.values()},
    }


def event_index(
    protocol: Protocol, documents: dict[str, dict[str, Any]], version: str
) -> dict[str, Any]:
    """The dispatch table as data: every type string, its direction, its definition."""
    uris = definition_uris(documents)
    return {
        "$comment": " ".join(naming.notice(protocol, "event index")),
        "protocol": protocol.name,
        "version": version,
        "bundle": bundle_file(protocol),
        "events": [
            {
                "type": event.type,
                "direction": event.direction,
                "title": event.model,
                "$ref": uris[event.model],
            }
            for event in protocol.all_events()
        ],
    }


def json_text(value: Any) -> str:
    """Deterministic JSON text: key order as built, two-space indent, a final newline."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"
