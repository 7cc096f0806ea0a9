"""`model_json_schema()` of the pydantic models says what the canonical schema says of a base64
payload: a string with `contentEncoding: base64` and the standard-base64 pattern, not pydantic's
`format: binary` (raw bytes, which no JSON frame carries)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from codegen.ir import Scalar
from codegen.parser import BASE64_PATTERN, parse_protocol
from realtime_schema import DecodeError
from tests.support import PROTOCOLS, backend

CANONICAL = {"type": "string", "contentEncoding": "base64", "pattern": BASE64_PATTERN}


def base64_fields(protocol: str) -> list[tuple[str, str]]:
    """(model, field) for every base64 field the schema declares, from the intermediate model."""
    ir = parse_protocol(protocol)
    return [
        (model.name, field.name)
        for model in ir.models.values()
        for field in model.fields
        if isinstance(field.type, Scalar) and field.type.base64
    ]


def string_schemas(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The non-null choices of a property's schema (optional ones are `anyOf [..., null]`)."""
    options = schema.get("anyOf", [schema])
    return [option for option in options if option.get("type") != "null"]


CASES = [(p, model, field) for p in PROTOCOLS for model, field in base64_fields(p)]


def test_every_protocol_has_base64_fields() -> None:
    assert {p for p, _, _ in CASES} == set(PROTOCOLS)


@pytest.mark.parametrize("mode", ["validation", "serialization"])
@pytest.mark.parametrize(("protocol", "model", "field"), CASES)
def test_base64_field_schema_is_the_canonical_one(
    protocol: str, model: str, field: str, mode: str
) -> None:
    cls = getattr(backend(protocol, "models"), model)
    schema = cls.model_json_schema(mode=mode)["properties"][field]
    assert "format" not in str(schema)
    (option,) = string_schemas(schema)
    assert {k: option[k] for k in CANONICAL} == CANONICAL


@pytest.mark.parametrize(
    ("delta", "valid"), [("AAAA//8=", True), ("AAAA//8", False), ("AA-_", False), ("", True)]
)
def test_the_models_schema_judges_base64_as_the_backends_do(delta: str, valid: bool) -> None:
    models = backend("ga", "models")
    cls = models.ResponseOutputAudioDeltaEvent
    validator = Draft202012Validator(cls.model_json_schema())
    frame = {
        "type": "response.output_audio.delta", "event_id": "e", "response_id": "r",
        "item_id": "i", "output_index": 0, "content_index": 0, "delta": delta,
    }  # fmt: skip
    assert validator.is_valid(frame) is valid
    try:
        models.decode_server_event(json.dumps(frame))
    except DecodeError:
        decoded = False
    else:
        decoded = True
    assert decoded is valid
