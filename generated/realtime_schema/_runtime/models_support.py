# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""Support for the pydantic backend (`<protocol>.models`)."""

from __future__ import annotations

from . import requires_models  # noqa: F401 - first: names the missing extra

# isort: split
import binascii
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from operator import is_
from types import ModuleType
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    ClassVar,
    Generic,
    Literal,
    TypeVar,
    Union,
    get_args,
)

import msgspec
import pybase64
import pydantic_core
import simdjson
from msgspec import UNSET, UnsetType
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    PlainSerializer,
    ValidationError,
    WithJsonSchema,
)
from pydantic.json_schema import (
    DEFAULT_REF_TEMPLATE,
    GenerateJsonSchema,
    JsonSchemaMode,
    JsonSchemaValue,
)
from pydantic_core import PydanticSerializationError, core_schema

from .construction import check_keywords, no_attribute, read_only
from .display import object_repr, shown_fields
from .errors import DecodeError
from .fallback import DECODE_FAILURES, read_frame
from .structs_support import locate as locate_structs
from .unknown import UnknownEvent, UnknownVariant


@dataclass(frozen=True, slots=True)
class _Keywords:
    """What a model's constructor and `__setattr__` check, per class."""

    all: frozenset[str]  # every field, the tag included
    fields: frozenset[str]  # every field but the tag
    required: tuple[str, ...]  # in field order, for the error
    required_set: frozenset[str]
    tag: tuple[str, str] | None


# Looked up here, not as class attributes: pydantic's metaclass has a `__getattr__`, which makes
# every class attribute lookup a slower Python-level hook (about 50 ns each, measured).
_KEYWORDS: dict[type, _Keywords] = {}


class WireModel(BaseModel):
    """Base of every generated model.

    `strict` makes pydantic judge JSON as msgspec does (no "1" for 1, no 1.5 for an int);
    `extra="ignore"` skips undeclared fields, as the structs backend does; `allow_inf_nan=False`
    rejects a number beyond a double (`1e400`), which msgspec cannot read.

    `repr` and `str` are the structs backend's (`display.py`): pydantic's print bytes whole.
    """

    model_config = ConfigDict(
        strict=True, extra="ignore", validate_by_name=True, allow_inf_nan=False
    )
    # (tag field, this class's tag) for a union variant; set in each generated class.
    __wire_tag__: ClassVar[tuple[str, str] | None] = None

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        fields = cls.__pydantic_fields__
        tag = cls.__wire_tag__
        required = tuple(name for name, f in fields.items() if f.is_required())
        _KEYWORDS[cls] = _Keywords(
            all=frozenset(fields),
            fields=frozenset(fields) - {tag[0] if tag else ""},
            required=required,
            required_set=frozenset(required),
            tag=tag,
        )
        if tag is not None:  # a class constant, as in the structs: `ServerVad.type`
            setattr(cls, *tag)

    def __init__(self, /, **data: Any) -> None:
        """As pydantic's, but a keyword the class does not declare, or a required one left out,
        raises msgspec's `TypeError`, as in the structs backend: `extra="ignore"` is for decoding
        frames, not for building them."""
        cls = type(self)
        known = _KEYWORDS[cls]
        for value in data.values():
            if value is UNSET:  # absent, as if left out: the field's default
                data = {name: value for name, value in data.items() if value is not UNSET}
                break
        keys = data.keys()
        if not (
            keys <= known.all
            and keys >= known.required_set
            and (known.tag is None or data.get(known.tag[0], known.tag[1]) == known.tag[1])
        ):  # the slow path names the fault as msgspec would (the first, in field order)
            check_keywords(cls.__name__, known.fields, known.tag, data, known.required)
        cls.__pydantic_validator__.validate_python(data, self_instance=self)  # pydantic's __init__

    # pydantic calls an overridden `__init__` for every model it validates, decoding included,
    # unless it is marked as a base `__init__` (as pydantic marks its own and RootModel's). So
    # decoding never runs the check above and still ignores undeclared fields; the conformance
    # suite's `extras` cases fail if it ever does.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    def __setattr__(self, name: str, value: Any) -> None:
        """As pydantic's (no validation), but an undeclared name or the tag raises msgspec's
        `AttributeError`, where pydantic raises `ValueError` or changes the tag."""
        known = _KEYWORDS[type(self)]
        if name not in known.fields and not name.startswith("_"):
            if known.tag is not None and name == known.tag[0]:
                raise read_only(type(self).__name__, name)
            raise no_attribute(type(self).__name__, name)
        BaseModel.__setattr__(self, name, value)

    def _repr_fields(self) -> Iterator[tuple[str, Any]]:
        for name in _repr_names(type(self)):
            value = getattr(self, name)
            if value is not UNSET:
                yield name, value

    def __repr__(self) -> str:
        return object_repr(self, self._repr_fields())

    __str__ = __repr__  # as a Struct's; pydantic's own leaves out the class name

    def __rich_repr__(self) -> Iterator[tuple[str, Any]]:
        return shown_fields(self._repr_fields())

    @classmethod
    def model_json_schema(
        cls,
        by_alias: bool | None = None,
        ref_template: str = DEFAULT_REF_TEMPLATE,
        schema_generator: type[GenerateJsonSchema] | None = None,
        mode: JsonSchemaMode = "validation",
        *,
        union_format: Literal["any_of", "primitive_type_array"] = "any_of",
    ) -> dict[str, Any]:
        """pydantic's, with a generator that knows `UNSET` is no default to document."""
        return super().model_json_schema(
            by_alias,
            ref_template,
            schema_generator or WireJsonSchema,
            mode,
            union_format=union_format,
        )


_REPR_NAMES: dict[type[BaseModel], tuple[str, ...]] = {}


def _repr_names(cls: type[WireModel]) -> tuple[str, ...]:
    """The fields a repr shows: all but a union variant's tag, which structs keeps as a class
    constant."""
    names = _REPR_NAMES.get(cls)
    if names is None:
        tag = cls.__wire_tag__[0] if cls.__wire_tag__ else None
        names = _REPR_NAMES[cls] = tuple(name for name in cls.__pydantic_fields__ if name != tag)
    return names


class WireJsonSchema(GenerateJsonSchema):
    """pydantic's JSON Schema generator; an `UNSET` default is left out, as pydantic leaves out
    its own `MISSING` (else it warns that the default cannot be written)."""

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        if schema.get("default") is UNSET:
            return self.generate_inner(schema["schema"])
        return super().default_schema(schema)


class _Unsettable:
    """The core schema of `Unsettable[T]`: T's own. A frame cannot hold `UNSET`, so decoding
    does exactly what it did for T, and a constructor never passes `UNSET` on (`WireModel`
    drops it first, so `ServerVad(threshold=UNSET)` works as in the structs)."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        members = tuple(member for member in get_args(source) if member is not UnsetType)
        return handler.generate_schema(Union[members])  # noqa: UP007 - a tuple of members


_T = TypeVar("_T")
# An optional field: absent is msgspec's `UNSET`, in both backends (one sentinel, falsy), and
# left out on encode (`exclude_if`, a C-level identity test: measured in the README).
Unsettable = Annotated[_T | UnsetType, Field(exclude_if=partial(is_, UNSET)), _Unsettable()]


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


class _AcceptUnknown:
    """An open union's pydantic schema: JSON is read by the known variants alone (the decode path,
    unchanged: the slow path puts unknown variants in, `open_unions.py`), while Python input (a
    constructor, `model_validate` of objects) also takes an instance of the unknown variant, as
    the structs backend does."""

    def __init__(self, unknown: type[UnknownVariant]) -> None:
        self.unknown = unknown

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        known = handler(source)
        either = core_schema.union_schema(
            [known, core_schema.is_instance_schema(self.unknown)], mode="left_to_right"
        )
        return core_schema.json_or_python_schema(json_schema=known, python_schema=either)


_Known = TypeVar("_Known")
_Unknown = TypeVar("_Unknown")

if TYPE_CHECKING:
    from .unknown import OrUnknown as OrUnknown
else:

    class _OrUnknown:
        def __getitem__(self, params: tuple[Any, type[UnknownVariant]]) -> Any:
            known, unknown = params
            return Annotated[known, _AcceptUnknown(unknown)]

    OrUnknown = _OrUnknown()
    """`OrUnknown[U, UnknownU]` for the pydantic backend: see `_AcceptUnknown`."""


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


# Standard, padded base64: the canonical schema's `pattern` (codegen.parser.BASE64_PATTERN).
BASE64_PATTERN = "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?(?![\\s\\S])"

# A base64 payload (audio): `bytes` in Python, standard base64 on the wire. pydantic's own
# `Base64Bytes` accepts input msgspec rejects, and `ser_json_bytes` writes the URL-safe alphabet.
# Its JSON Schema is the canonical one (pydantic would say `format: binary`, raw bytes).
Base64Payload = Annotated[
    bytes,
    BeforeValidator(_from_base64),
    PlainSerializer(_to_base64, when_used="json"),
    WithJsonSchema({"type": "string", "contentEncoding": "base64", "pattern": BASE64_PATTERN}),
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


# What pydantic's JSON parser refuses where msgspec skips unread: nesting past 255 levels, and an
# integer literal of more digits than Python reads (in an undeclared field).
_BEYOND_PYDANTIC = re.compile("recursion limit|number out of range")  # pydantic's words


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
            if not any(_BEYOND_PYDANTIC.search(error["msg"]) for error in failure.errors()):
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
    """Wire JSON for an event: set fields only (`UNSET` is left out), `None` as null."""
    if isinstance(event, UnknownEvent):
        return _encode_raw(event.raw)
    serializer = event.__pydantic_serializer__
    try:
        return serializer.to_json(event)
    except PydanticSerializationError:  # an unknown variant inside (a server event): its raw
        return serializer.to_json(event, fallback=_raw_of_unknown, warnings=False)


def _raw_of_unknown(value: Any) -> Any:
    if isinstance(value, UnknownVariant):
        return value.raw
    raise PydanticSerializationError(f"cannot encode {type(value).__name__}")


_encode_raw = msgspec.json.encode  # an unknown event's `raw` is what msgspec read


def encode_any(value: Any) -> bytes:
    """Any value as `encode` writes it, without pydantic's warnings for a value of the wrong
    type: `validate` encodes such values on purpose, to decode them."""
    if isinstance(value, UnknownEvent):
        return _encode_raw(value.raw)
    if isinstance(value, BaseModel):
        return value.__pydantic_serializer__.to_json(value, warnings=False)
    return pydantic_core.to_json(value)  # a list or a value inside a model: no warnings here


_Model = TypeVar("_Model", bound=BaseModel)


def replace(obj: _Model, /, **changes: Any) -> _Model:
    """A shallow copy of `obj` with `changes`, as `msgspec.structs.replace` in the structs
    backend: `model_copy(update=...)`, with the keyword checks of construction (an undeclared
    name, or another tag, raises `TypeError`). Values are not validated, in either backend."""
    cls = type(obj)
    check_keywords(
        cls.__name__, cls.__pydantic_fields__, getattr(cls, "__wire_tag__", None), changes
    )
    return obj.model_copy(update=changes)


def encode_without(value: BaseModel, names: Sequence[str]) -> bytes:
    """`value`'s wire form without the fields `names` (for `validate` to place a fault)."""
    return value.__pydantic_serializer__.to_json(value, exclude=set(names), warnings=False)


def wire_fields(value: Any) -> tuple[str, ...]:
    """The declared fields of a model but its tag, in wire order; () for anything else."""
    if not isinstance(value, BaseModel):
        return ()
    cls = type(value)
    tag = getattr(cls, "__wire_tag__", None)
    return tuple(name for name in cls.__pydantic_fields__ if not tag or name != tag[0])
