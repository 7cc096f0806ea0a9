"""Support for the pydantic backend (`<protocol>.models`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import to_json

from .unknown import UnknownEvent


class WireModel(BaseModel):
    """Base of every generated model.

    `strict` makes pydantic judge JSON as msgspec does (no "1" for 1, no 1.5 for an int);
    `extra="ignore"` skips undeclared fields, as the structs backend does.
    """

    model_config = ConfigDict(strict=True, extra="ignore", validate_by_name=True)


def make_locate(core_schema: Any) -> Callable[[BaseException], tuple[str, str]]:
    """A `locate` for errors of a TypeAdapter with this core schema (see `error_path`)."""

    def locate(failure: BaseException) -> tuple[str, str]:
        if not isinstance(failure, ValidationError) or not failure.errors():
            return str(failure), "$"
        first = failure.errors(include_url=False)[0]
        path = error_path(core_schema, first["loc"])
        if first["type"] in ("union_tag_invalid", "union_tag_not_found"):
            # msgspec points at the tag itself; so do we.
            path += "." + str(first.get("ctx", {}).get("discriminator", "type")).strip("'")
        return first["msg"], path

    return locate


def error_path(core_schema: Mapping[str, Any], loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic error location into a JSON path.

    pydantic puts union tags and union-member labels into `loc`
    (`('session.update', 'session', 'turn_detection', 'server_vad', 'threshold')`); walking the
    core schema tells those apart from field names, giving `$.session.turn_detection.threshold`.
    """
    definitions: dict[str, Mapping[str, Any]] = {}
    node: Mapping[str, Any] | None = core_schema
    path = "$"
    steps = list(loc)
    while steps and node is not None:
        node = _unwrap(node, definitions)
        kind = node["type"]
        step = steps[0]
        if kind == "tagged-union":
            choice = node["choices"].get(step)
            while isinstance(choice, str):  # a tag aliasing another tag
                choice = node["choices"].get(choice)
            node = choice
        elif kind == "union":
            node = _union_member(node, str(step), definitions)
        elif kind in ("model-fields", "typed-dict"):
            field = node["fields"].get(step)
            path += f".{step}"
            node = field["schema"] if field else None
        elif kind in ("list", "tuple"):
            path += f"[{step}]"
            node = node.get("items_schema")
        elif kind == "dict":
            path += f".{step}"
            node = node.get("values_schema")
        else:
            break
        steps.pop(0)
    for step in steps:  # whatever the walk could not place
        path += f"[{step}]" if isinstance(step, int) else f".{step}"
    return path


def _unwrap(
    node: Mapping[str, Any], definitions: dict[str, Mapping[str, Any]]
) -> Mapping[str, Any]:
    """Skip the wrapper nodes that add nothing to an error location."""
    while True:
        kind = node["type"]
        if kind == "definitions":
            definitions.update({d["ref"]: d for d in node["definitions"]})
            node = node["schema"]
        elif kind == "definition-ref":
            node = definitions[node["schema_ref"]]
        elif kind == "model":
            node = node["schema"]
        elif kind in ("nullable", "default", "missing-sentinel") or kind.startswith("function-"):
            if "schema" not in node:
                return node
            node = node["schema"]
        else:
            return node


def _union_member(
    node: Mapping[str, Any], label: str, definitions: dict[str, Mapping[str, Any]]
) -> Mapping[str, Any] | None:
    for choice in node["choices"]:
        schema, choice_label = choice if isinstance(choice, tuple) else (choice, None)
        if choice_label == label or _default_label(_unwrap(schema, definitions)) == label:
            member: Mapping[str, Any] = schema
            return member
    return None


def _default_label(node: Mapping[str, Any]) -> str | None:
    if node["type"] == "model-fields":
        return str(node.get("model_name"))
    return None


def encode_json(event: BaseModel | UnknownEvent) -> bytes:
    """Wire JSON for an event: set fields only (`MISSING` is left out), `None` as null."""
    if isinstance(event, UnknownEvent):
        return to_json(event.raw)
    return event.__pydantic_serializer__.to_json(event)
