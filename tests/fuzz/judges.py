"""Three judges and their verdicts on one frame: "event", "unknown" or "invalid".

- the schema: the frame read as strict JSON (RFC 8259 and I-JSON: no NaN/Infinity, no lone
  surrogate escapes; a repeated key: the last wins, the others are dropped unread), then
  validated by jsonschema against the definition its `type` names. Bytes that are not UTF-8 are
  allowed only where both backends skip unread: undeclared fields (found by pruning the frame
  with the intermediate model). A type the protocol does not define is "unknown", unless the
  frame holds a number beyond a double or bytes that are not UTF-8: an unknown event is carried
  whole, so all of it is read.
- the structs backend and the models backend: `decode_<direction>_event`.

`disagreement()` returns what is wrong with a frame, or None when all three agree (and, for an
event, both backends decode it to the same class and values and round-trip it).
"""

from __future__ import annotations

import json
import math
from functools import cache
from typing import Any, Literal

from jsonschema import Draft202012Validator

from codegen.ir import ArrayOf, MapOf, ModelRef, Protocol, TypeExpr
from codegen.parser import ID_PREFIX
from realtime_schema import DecodeError, UnknownEvent
from tests.support import BACKENDS, backend, event_types, registry, tree
from tests.variants import event_model, model_for, protocol_model

Verdict = Literal["event", "unknown", "invalid"]


class NotJson(ValueError):
    """The frame is not strict JSON."""


def read_strict(frame: bytes) -> tuple[Any, bool]:
    """The frame as JSON values, and whether it holds bytes that are not UTF-8.

    Those bytes come back as the lone surrogates U+DC80..U+DCFF (`surrogateescape`); the frame
    read with them replaced must be JSON, free of lone surrogate escapes.
    """
    try:
        return _loads(frame.decode("utf-8")), False
    except UnicodeDecodeError:
        _loads(frame.decode("utf-8", "replace"))  # raises NotJson for what is never JSON
        try:
            return json.loads(frame.decode("utf-8", "surrogateescape")), True
        except (ValueError, RecursionError) as exc:
            raise NotJson(str(exc)) from None


def _loads(text: str) -> Any:
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_object)
    except (ValueError, RecursionError) as exc:
        raise NotJson(str(exc)) from None


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Every key and value is checked, a repeated key's losers too; then the last one wins."""
    for key, value in pairs:
        if _has_lone_surrogate(key) or _has_lone_surrogate(value):
            raise NotJson("lone surrogate")
    return dict(pairs)


def _reject_constant(literal: str) -> None:
    raise NotJson(f"{literal} is not JSON")


def _has_lone_surrogate(value: Any) -> bool:
    """In a string, or a list's strings (objects are checked by their own `_object` call)."""
    if isinstance(value, list):
        return any(_has_lone_surrogate(item) for item in value)
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _has_non_finite(value: Any) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, dict):
        return any(_has_non_finite(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_non_finite(v) for v in value)
    return False


@cache
def _event_files(protocol: str, direction: str) -> dict[str, str]:
    """type -> the URI of its definition (validating against it equals validating against the
    direction's union, whose variants are told apart by a unique const tag)."""
    ir = protocol_model(protocol)
    file = f"{ID_PREFIX}{protocol}/{direction}_events.json"
    return {event.type: f"{file}#/$defs/{event.model}" for event in ir.events(direction)}  # type: ignore[arg-type]


@cache
def _validator(uri: str, protocol: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": uri}, registry=registry(protocol))


def schema_verdict(protocol: str, direction: str, frame: bytes) -> Verdict:
    try:
        value, not_utf8 = read_strict(frame)
    except NotJson:
        return "invalid"
    if not isinstance(value, dict) or not isinstance(value.get("type"), str):
        return "invalid"
    uri = _event_files(protocol, direction).get(value["type"])
    if uri is None:
        return "invalid" if not_utf8 or _has_non_finite(value) else "unknown"
    if not _validator(uri, protocol).is_valid(value):
        return "invalid"
    if not_utf8 and _has_surrogate(declared_part(protocol, value)):
        return "invalid"
    return "event"


def declared_part(protocol: str, event: dict[str, Any]) -> Any:
    """The event without its undeclared fields, at every depth: what a typed decode reads."""
    model = event_model(protocol, event["type"])
    assert model is not None
    return _declared(protocol_model(protocol), ModelRef(model.name), event)


def _declared(ir: Protocol, type_expr: TypeExpr, value: Any) -> Any:
    if isinstance(type_expr, ArrayOf) and isinstance(value, list):
        return [_declared(ir, type_expr.item, item) for item in value]
    if isinstance(type_expr, MapOf) and isinstance(value, dict):
        return {key: _declared(ir, type_expr.value, item) for key, item in value.items()}
    model = model_for(ir, type_expr, value)
    if model is None:
        return value
    fields = {field.name: field.type for field in model.fields}
    return {key: _declared(ir, fields[key], item) for key, item in value.items() if key in fields}


def _has_surrogate(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogate(item) for item in value)
    return isinstance(value, str) and _has_lone_surrogate(value)


def backend_verdict(
    protocol: str, backend_name: str, direction: str, frame: bytes
) -> tuple[Verdict, Any]:
    decode = getattr(backend(protocol, backend_name), f"decode_{direction}_event")
    try:
        event = decode(frame)
    except DecodeError as error:
        return "invalid", error
    return ("unknown" if isinstance(event, UnknownEvent) else "event"), event


def disagreement(protocol: str, direction: str, frame: bytes) -> str | None:
    """Why the judges disagree on `frame`, or None. Any exception but DecodeError propagates."""
    return judge(protocol, direction, frame)[1]


def judge(protocol: str, direction: str, frame: bytes) -> tuple[Verdict, str | None]:
    """The schema's verdict on `frame`, and why the backends disagree with it (or None)."""
    expected = schema_verdict(protocol, direction, frame)
    return expected, _problem(protocol, direction, frame, expected)


def _problem(protocol: str, direction: str, frame: bytes, expected: Verdict) -> str | None:
    results = {name: backend_verdict(protocol, name, direction, frame) for name in BACKENDS}
    verdicts = {name: verdict for name, (verdict, _) in results.items()}
    if set(verdicts.values()) != {expected}:
        return f"schema says {expected}, backends say {verdicts}"
    (_, structs_out), (_, models_out) = results["structs"], results["models"]
    if expected == "invalid":
        errors = [(e.event_type, e.path) for e in (structs_out, models_out)]
        return None if errors[0] == errors[1] else f"errors differ: {errors}"
    if expected == "unknown":
        if (structs_out.type, structs_out.raw) != (models_out.type, models_out.raw):
            return "unknown events differ"
        return None
    if tree(structs_out) != tree(models_out):
        return "backends decode different values"
    return _round_trip_problem(protocol, direction, results)


def _round_trip_problem(
    protocol: str, direction: str, results: dict[str, tuple[Verdict, Any]]
) -> str | None:
    encoded = {}
    for name, (_, event) in results.items():
        module = backend(protocol, name)
        wire = module.encode(event)
        again = getattr(module, f"decode_{direction}_event")(wire)
        if tree(again) != tree(event):
            return f"{name}: encode/decode does not round-trip"
        encoded[name] = json.loads(wire)
    if encoded["structs"] != encoded["models"]:
        return "backends encode different JSON"
    return None


def known_types(protocol: str) -> dict[str, str]:
    """type -> direction, for every event of the protocol."""
    return {entry.type: entry.direction for entry in event_types(protocol).EVENT_TYPES}
