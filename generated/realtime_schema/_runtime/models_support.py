# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""Support for the pydantic backend (`<protocol>.models`)."""

from __future__ import annotations

import binascii
import math
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Annotated, Any, Generic, TypeVar

import msgspec
import pybase64
import simdjson
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
)

from .errors import DecodeError
from .fallback import DECODE_FAILURES, read_frame
from .structs_support import locate as locate_structs
from .unknown import UnknownEvent


class WireModel(BaseModel):
    """Base of every generated model.

    `strict` makes pydantic judge JSON as msgspec does (no "1" for 1, no 1.5 for an int);
    `extra="ignore"` skips undeclared fields, as the structs backend does; `allow_inf_nan=False`
    rejects a number beyond a double (`1e400`), which msgspec cannot read.
    """

    model_config = ConfigDict(
        strict=True, extra="ignore", validate_by_name=True, allow_inf_nan=False
    )


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("Number out of range")
    elif isinstance(value, dict):
        for item in value.values():
            _finite(item)
    elif isinstance(value, list):
        for item in value:
            _finite(item)
    return value


_Union = TypeVar("_Union")
# A union told apart by `type` even inside an untagged choice (`"auto" | ForcedToolChoice`).
# Without it pydantic tries each variant, whose constructor default stands in for a missing tag.
Discriminated = Annotated[_Union, Field(discriminator="type")]


def _from_base64(value: Any) -> Any:
    # What the structs backend accepts (standard alphabet, padded), for JSON and Python input
    # alike: pybase64 first (fast), msgspec's reader for the error; bytes pass through.
    if not isinstance(value, str):
        return value
    try:
        return pybase64.b64decode(value, validate=True)
    except ValueError:
        return msgspec.convert(value, bytes)


def _to_base64(value: bytes) -> str:
    return binascii.b2a_base64(value, newline=False).decode("ascii")


# A base64 payload (audio): `bytes` in Python, standard base64 on the wire. pydantic's own
# `Base64Bytes` accepts input msgspec rejects, and `ser_json_bytes` writes the URL-safe alphabet.
Base64Payload = Annotated[
    bytes, BeforeValidator(_from_base64), PlainSerializer(_to_base64, when_used="json")
]

# Free-form JSON (tool parameters, metadata): its numbers must be doubles, as msgspec reads them.
JsonObject = Annotated[dict[str, Any], AfterValidator(_finite)]


class _AnyObject(msgspec.Struct):
    """No fields: decoding into it checks the JSON syntax of the whole frame and nothing else."""


_check_syntax = msgspec.json.Decoder(_AnyObject).decode
# simdjson checks a frame several times faster than msgspec. One parser serves all threads:
# `parse` holds the GIL throughout, and a parser still in use (its last document alive in another
# thread) raises, which sends that frame to `judge_strict_json`.
strict_json_parse = simdjson.Parser().parse


def judge_strict_json(data: bytes | str) -> None:
    """For a frame `strict_json_parse` refuses: raise the DecodeError both backends give for NaN
    or Infinity anywhere in the frame (pydantic reads those literals where it skips a field;
    msgspec, and JSON, reject them), or return. msgspec judges, since simdjson also refuses what
    a skipped field may hold (a number beyond a double, a 70-bit integer).
    """
    try:
        _check_syntax(data)
    except msgspec.DecodeError:
        read_frame(data)  # names the fault as the slow path does
        raise DecodeError("not valid JSON") from None


Event = TypeVar("Event")


class CheckedDecoder(Generic[Event]):
    """The models backend's `server_decoder` / `client_decoder`, the structs backend's bare
    msgspec Decoder in the same shape: `decode(frame)` is the fast path of `decode_*_event`
    (pydantic's `validate_json`, then the strict-JSON check), with no fallback. Whatever it
    raises goes to `recover_*_event`.
    """

    __slots__ = ("decode",)

    def __init__(self, validate_json: Callable[[bytes | str], Event]) -> None:
        def decode(data: bytes | str) -> Event:
            event = validate_json(data)
            try:  # as in decode_*_event: pydantic reads NaN and Infinity in undeclared fields
                strict_json_parse(data)
            except Exception:  # noqa: BLE001 - simdjson's refusals: msgspec judges them
                judge_strict_json(data)
            return event

        self.decode: Callable[[bytes | str], Event] = decode


Reference = Callable[[], ModuleType]  # the protocol's structs module, imported on first use


def make_locate(
    core_schema: Any, structs: Reference, direction: str
) -> Callable[[BaseException, bytes], tuple[str, str]]:
    """A `locate` for the models backend: the fault msgspec finds first, so both backends name
    the same one when a frame has several (pydantic reports them in field order, msgspec in
    document order). Should msgspec accept the frame, the pydantic error is placed by
    `error_path`.
    """

    def locate(failure: BaseException, wire: bytes) -> tuple[str, str]:
        try:
            getattr(structs(), f"_decode_{direction}")(wire)
        except DECODE_FAILURES as fault:
            return locate_structs(fault)
        if not isinstance(failure, ValidationError) or not failure.errors():
            return str(failure), "$"
        first = failure.errors(include_url=False)[0]
        path = error_path(core_schema, first["loc"])
        if first["type"] in ("union_tag_invalid", "union_tag_not_found"):
            # msgspec points at the tag itself; so do we.
            path += "." + str(first.get("ctx", {}).get("discriminator", "type")).strip("'")
        return first["msg"], path

    return locate


def make_retry(
    validate: Callable[[bytes], Any], structs: Reference, direction: str
) -> Callable[[bytes], Any]:
    """The models backend's retry: `validate`, and for a frame nested deeper than pydantic's JSON
    parser goes (255 levels; msgspec goes to the interpreter's recursion limit), the structs
    decode re-encoded, which leaves out the undeclared fields where deep nesting hides."""

    def retry(wire: bytes) -> Any:
        try:
            return validate(wire)
        except ValidationError as failure:
            if not any("recursion limit" in error["msg"] for error in failure.errors()):
                raise
        module = structs()
        return validate(module.encode(getattr(module, f"_decode_{direction}")(wire)))

    return retry


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
        return _encode_raw(event.raw)
    return event.__pydantic_serializer__.to_json(event)


_encode_raw = msgspec.json.encode  # an unknown event's `raw` is what msgspec read
