"""Helpers the test modules share: schema registry, fixture loading, backend-neutral views."""

from __future__ import annotations

import base64
import importlib
import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import msgspec
import pydantic
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from codegen.parser import ID_PREFIX, load_documents, protocol_names
from realtime_schema._runtime.unknown import UnknownVariant

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
# REALTIME_SCHEMA_PROTOCOLS=beta,ga narrows a run to some protocols while working on them.
PROTOCOLS = [
    p for p in protocol_names() if p in os.environ.get("REALTIME_SCHEMA_PROTOCOLS", p).split(",")
]
BACKENDS = ("structs", "models")
ABSENT = "<absent>"  # what UNSET (msgspec's, the absent marker of both backends) becomes in a tree


def module_name(protocol: str) -> str:
    return protocol.replace("-", "_")


def backend(protocol: str, name: str) -> ModuleType:
    return importlib.import_module(f"realtime_schema.{module_name(protocol)}.{name}")


def event_types(protocol: str) -> ModuleType:
    return importlib.import_module(f"realtime_schema.{module_name(protocol)}.event_types")


@cache
def schema_documents(protocol: str) -> dict[str, dict[str, Any]]:
    return load_documents(protocol)


@cache
def registry(protocol: str) -> Registry:
    resources = [
        (doc["$id"], Resource.from_contents(doc, default_specification=DRAFT202012))
        for doc in schema_documents(protocol).values()
    ]
    return Registry().with_resources(resources)


@cache
def validator(protocol: str, direction: str) -> Draft202012Validator:
    file = f"{direction}_events.json"
    union = "ClientEvent" if direction == "client" else "ServerEvent"
    ref = {"$ref": f"{ID_PREFIX}{protocol}/{file}#/$defs/{union}"}
    return Draft202012Validator(ref, registry=registry(protocol))


def direction_of(protocol: str, event_type: str) -> str | None:
    for entry in event_types(protocol).EVENT_TYPES:
        if entry.type == event_type:
            return str(entry.direction)
    return None


def decode(protocol: str, backend_name: str, direction: str, data: bytes | str) -> Any:
    module = backend(protocol, backend_name)
    return getattr(module, f"decode_{direction}_event")(data)


def tree(value: Any) -> Any:
    """A backend-neutral view of a decoded value: class names, fields, absent vs null vs value."""
    if value is msgspec.UNSET:  # pydantic's MISSING would stay itself, and differ
        return ABSENT
    if isinstance(value, UnknownVariant):
        return {"__unknown__": type(value).__name__, "type": value.type, "raw": value.raw}
    if isinstance(value, msgspec.Struct):
        fields = {f: tree(getattr(value, f)) for f in value.__struct_fields__}
        tag = type(value).__struct_config__.tag
        if tag is not None:
            fields[str(type(value).__struct_config__.tag_field)] = tag
        return {"__class__": type(value).__name__, **fields}
    if isinstance(value, pydantic.BaseModel):
        fields = {f: tree(getattr(value, f)) for f in type(value).model_fields}
        return {"__class__": type(value).__name__, **fields}
    if isinstance(value, list):
        return [tree(v) for v in value]
    if isinstance(value, dict):
        return {k: tree(v) for k, v in value.items()}
    return value


def declared_only(data: Any, decoded: Any) -> Any:
    """`data` as encode writes it back: without the fields the decoded object does not declare
    (undeclared are ignored), base64 in canonical form."""
    view = tree(decoded)
    return _prune(data, view)


def _prune(data: Any, view: Any) -> Any:
    if isinstance(view, dict) and "__unknown__" in view:
        return data  # an unknown variant is kept whole
    if isinstance(data, dict) and isinstance(view, dict) and "__class__" in view:
        return {k: _prune(v, view[k]) for k, v in data.items() if k in view}
    if isinstance(data, list) and isinstance(view, list):
        return [_prune(d, v) for d, v in zip(data, view, strict=True)]
    if isinstance(data, dict) and isinstance(view, dict):
        return {k: _prune(v, view.get(k)) for k, v in data.items()}
    if isinstance(data, str) and isinstance(view, bytes):
        # base64 is decoded to bytes; encode writes canonical base64 of those bytes
        return base64.b64encode(view).decode()
    return data


@dataclass(frozen=True)
class Case:
    """One fixture case: JSON-Schema-Test-Suite style data, plus what we expect of it."""

    protocol: str
    id: str
    description: str
    data: Any  # the event as JSON values (None when `raw` is given)
    raw: str | None  # the frame as text, for inputs that are not JSON values
    valid: bool
    direction: str
    expect_type: str | None = None  # the class a valid case decodes to, if not from `type`
    error_path: str | None = None  # for invalid cases: the JSON path DecodeError must name
    error_event_type: str | None = None
    unknown: bool = False  # not a valid event, but a well-formed frame of an unknown type
    # a valid server event with an unknown nested variant: where (keys and indexes), which class
    unknown_variant: tuple[tuple[str | int, ...], str] | None = None
    error_reason: str | None = None  # for invalid cases: the DecodeError's reason, when given
    # "surrogateescape" for a frame that is not UTF-8: U+DC80..U+DCFF in `raw` are single bytes
    encoding_errors: str = "surrogatepass"

    @property
    def frame(self) -> bytes:
        text = self.raw if self.raw is not None else json.dumps(self.data, ensure_ascii=False)
        return text.encode("utf-8", self.encoding_errors)


def load_json(path: Path) -> Any:
    return json.loads(path.read_text())
