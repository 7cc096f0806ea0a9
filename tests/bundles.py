"""The published bundles and indexes in generated/, read the way a consumer reads them."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from codegen.__main__ import GENERATED


def load(path: str) -> Any:
    """A JSON artifact, by its path under generated/."""
    return json.loads((GENERATED / path).read_text())


@cache
def bundle(protocol: str) -> dict[str, Any]:
    return dict(load(f"schema/{protocol}.schema.json"))


@cache
def event_index(protocol: str) -> dict[str, Any]:
    return dict(load(f"schema/{protocol}.events.json"))


@cache
def bundle_registry(protocol: str) -> Registry:
    """The bundle alone: an empty registry otherwise, so nothing is fetched or read from schema/."""
    document = bundle(protocol)
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    registry: Registry = Registry().with_resource(document["$id"], resource)
    return registry.crawl()


@cache
def bundle_validator(protocol: str, uri: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": uri}, registry=bundle_registry(protocol))


@cache
def union_uri(protocol: str, direction: str) -> str:
    """The canonical URI of the direction's event union, found by its `x-direction`."""
    for resource in bundle(protocol)["$defs"].values():
        for key, definition in resource["$defs"].items():
            if definition.get("x-direction") == direction:
                return f"{resource['$id']}#/$defs/{key}"
    raise LookupError(f"{protocol}: no {direction} union")


def strict_json(text: bytes) -> Any:
    """The JSON value of a frame, or ValueError for what JSON (RFC 8259) does not allow and
    Python's json module would still accept (NaN, Infinity)."""

    def reject(constant: str) -> Any:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=reject)
