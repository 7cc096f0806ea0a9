"""Read `schema/<protocol>/*.json` into the intermediate model (`codegen.ir`).

The parser accepts exactly the subset of JSON Schema that `schema/README.md` allows and fails
loudly on anything else, so a schema change the emitters cannot honour never passes silently.
"""

from __future__ import annotations

import json
import keyword
from pathlib import Path
from typing import Any

from codegen.ir import (
    NO_DEFAULT,
    AnyOf,
    ArrayOf,
    Direction,
    Field,
    LiteralOf,
    MapOf,
    Model,
    ModelRef,
    Protocol,
    Scalar,
    TypeExpr,
    UnionDef,
    UnionRef,
    UnknownVariant,
)

SCHEMA_ROOT = Path(__file__).resolve().parent.parent / "schema"
ID_PREFIX = "https://realtime-schema.dev/schema/"
FILE_ORDER = (
    "session.json",
    "items.json",
    "responses.json",
    "errors.json",
    "client_events.json",
    "server_events.json",
)
_SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
_NULL = {"type": "null"}
# Every number is a finite double (JSON Schema alone would accept 1e400, which no backend reads).
DOUBLE_MAX = 1.7976931348623157e308
# Standard base64 with padding, as msgspec decodes it; `(?![\s\S])` ends the string in both
# ECMA-262 and Python regex (a Python `$` would let a trailing newline through).
BASE64_PATTERN = "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?(?![\\s\\S])"
JSON_VALUE = "JsonValue"  # the one definition of free-form JSON; it maps to `Scalar("any")`


class SchemaError(Exception):
    """The schema breaks a convention of schema/README.md."""


def protocol_names(root: Path = SCHEMA_ROOT) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.is_dir() and any(p.glob("*.json")))


def load_documents(protocol: str, root: Path = SCHEMA_ROOT) -> dict[str, dict[str, Any]]:
    """The protocol's schema files, keyed by file name, in FILE_ORDER."""
    folder = root / protocol
    found = {p.name for p in folder.glob("*.json")}
    unknown = found - set(FILE_ORDER)
    if unknown:
        raise SchemaError(f"{protocol}: unexpected schema files {sorted(unknown)}")
    return {name: json.loads((folder / name).read_text()) for name in FILE_ORDER if name in found}


def parse_protocol(protocol: str, root: Path = SCHEMA_ROOT) -> Protocol:
    documents = load_documents(protocol, root)
    result = Protocol(name=protocol)
    parser = _Parser(protocol, documents, result)
    for file_name, document in documents.items():
        expected_id = f"{ID_PREFIX}{protocol}/{file_name}"
        if document.get("$id") != expected_id:
            raise SchemaError(f"{protocol}/{file_name}: $id must be {expected_id}")
        for key in document.get("$defs", {}):
            parser.definition(file_name, key)
    _assign_tags(result)
    _check_unknown_variants(result, parser.unknown_tags)
    _check_directions(result)
    return result


class _Parser:
    def __init__(self, protocol: str, documents: dict[str, dict[str, Any]], out: Protocol) -> None:
        self.protocol = protocol
        self.documents = documents
        self.out = out
        self.done: set[tuple[str, str]] = set()
        self.unknown_tags: dict[str, list[str]] = {}  # unknown variant -> the tags it excludes

    def where(self, file_name: str, *path: str) -> str:
        return f"{self.protocol}/{file_name}#/" + "/".join(path)

    def definition(self, file_name: str, key: str) -> None:
        """Parse `$defs/key` of `file_name` into `self.out`, once (an open reference parses its
        unknown variant first, wherever that is)."""
        if (file_name, key) in self.done:
            return
        self.done.add((file_name, key))
        out = self.out
        schema = self.documents[file_name]["$defs"][key]
        where = self.where(file_name, "$defs", key)
        title = schema.get("title")
        if not title or not title.isidentifier():
            raise SchemaError(f"{where}: needs a title that is a Python identifier")
        if title in out.models or title in out.unions or title in out.unknowns:
            raise SchemaError(f"{where}: title {title!r} is used twice in {self.protocol}")
        description = _description(schema, where)
        if title == JSON_VALUE:
            _check_json_value(schema, where)
        elif "oneOf" in schema:
            out.unions[title] = self.union(file_name, key, schema, title, description)
        elif _is_unknown_variant(schema):
            self.unknown_tags[title] = self.unknown_variant(schema, where)
            out.unknowns[title] = UnknownVariant(title, description, union="")
        elif schema.get("type") == "object" and "properties" in schema:
            out.models[title] = self.model(file_name, key, schema, title, description)
        else:
            raise SchemaError(
                f"{where}: a definition is an object with properties, a oneOf union or an "
                "unknown variant"
            )

    def unknown_variant(self, schema: dict[str, Any], where: str) -> list[str]:
        """`{type: object, required: [type], properties: {type: {type: string, not: {enum}}},
        additionalProperties: JsonValue}`: any object whose tag is none of the union's."""
        tag = schema["properties"]["type"]
        excluded = tag.get("not", {}).get("enum")
        values = schema.get("additionalProperties", {}).get("$ref", "")
        if (
            set(schema) - {"title", "description"}
            != {"type", "required", "properties", "additionalProperties"}
            or schema["type"] != "object"
            or schema["required"] != ["type"]
            or set(tag) != {"type", "not", "description"}
            or tag["type"] != "string"
            or not isinstance(excluded, list)
            or not values.endswith(f"/$defs/{JSON_VALUE}")
        ):
            raise SchemaError(
                f"{where}: an unknown variant has exactly the shape schema/README.md gives"
            )
        return [str(value) for value in excluded]

    def union(
        self, file_name: str, key: str, schema: dict[str, Any], title: str, description: str
    ) -> UnionDef:
        where = self.where(file_name, "$defs", key)
        discriminator = schema.get("discriminator", {}).get("propertyName")
        if not discriminator or schema.get("type") != "object":
            raise SchemaError(f"{where}: a union needs type: object and a discriminator")
        variants = []
        for option in schema["oneOf"]:
            if set(option) != {"$ref"}:
                raise SchemaError(f"{where}: union options are plain $refs")
            variants.append(self.resolve_title(file_name, option["$ref"], where))
        direction = schema.get("x-direction")
        if direction not in (None, "client", "server"):
            raise SchemaError(f"{where}: x-direction is 'client' or 'server'")
        return UnionDef(title, description, discriminator, variants, direction)

    def model(
        self, file_name: str, key: str, schema: dict[str, Any], title: str, description: str
    ) -> Model:
        required = set(schema.get("required", ()))
        unknown_required = required - set(schema["properties"])
        if unknown_required:
            raise SchemaError(f"{self.where(file_name, '$defs', key)}: required {unknown_required}")
        fields = []
        for name, prop in schema["properties"].items():
            where = self.where(file_name, "$defs", key, "properties", name)
            if not name.isidentifier() or keyword.iskeyword(name):
                raise SchemaError(f"{where}: property names must be Python identifiers")
            type_expr, nullable = self.type_of(file_name, prop, where)
            if name not in required and not nullable:
                raise SchemaError(f"{where}: optional properties must accept null")
            fields.append(
                Field(
                    name=name,
                    type=type_expr,
                    required=name in required,
                    nullable=nullable,
                    description=_description(prop, where),
                    default=prop.get("default", NO_DEFAULT),
                )
            )
        return Model(title, description, fields)

    def type_of(self, file_name: str, schema: dict[str, Any], where: str) -> tuple[TypeExpr, bool]:
        """The type a property schema describes, and whether it accepts null."""
        if "anyOf" in schema:
            options = schema["anyOf"]
            nullable = _NULL in options
            rest = [o for o in options if o != _NULL]
            unknown = [o for o in rest if self.is_unknown_ref(file_name, o)]
            rest = [o for o in rest if o not in unknown]
            types = tuple(self.type_of(file_name, o, where)[0] for o in rest)
            if unknown:
                types = self.opened(file_name, types, unknown, where)
            if not types:
                raise SchemaError(f"{where}: anyOf of null alone")
            return (types[0] if len(types) == 1 else AnyOf(types)), nullable
        if "$ref" in schema:
            name = self.resolve_title(file_name, schema["$ref"], where)
            if name == JSON_VALUE:
                return Scalar("any"), False
            kind = self.kind_of(file_name, schema["$ref"])
            return (UnionRef(name) if kind == "union" else ModelRef(name)), False
        if "const" in schema:
            return LiteralOf((schema["const"],)), False
        if "enum" in schema:
            values = tuple(schema["enum"])
            if None in values:
                raise SchemaError(f"{where}: write a nullable enum as anyOf [enum, null]")
            return LiteralOf(values), False
        declared = schema.get("type")
        if declared is None and set(schema) <= {"description", "default", "examples", "title"}:
            return Scalar("any"), True  # an unconstrained value
        names: list[str] = declared if isinstance(declared, list) else [str(declared)]
        nullable = "null" in names
        names = [t for t in names if t != "null"]
        if len(names) != 1:
            raise SchemaError(f"{where}: one type, optionally with null")
        (kind,) = names
        if kind == "number":
            _check_double(schema, where)
        if kind in _SCALARS:
            base64 = schema.get("contentEncoding") == "base64"
            if base64 and schema.get("pattern") != BASE64_PATTERN:
                raise SchemaError(f"{where}: base64 content takes the pattern BASE64_PATTERN")
            return Scalar(_SCALARS[kind], base64=base64), nullable  # type: ignore[arg-type]
        if kind == "array":
            item, item_nullable = self.type_of(file_name, schema["items"], where + "/items")
            if item_nullable:
                raise SchemaError(f"{where}: array items are never null")
            return ArrayOf(item), nullable
        if kind == "object":
            if "properties" in schema:
                raise SchemaError(f"{where}: objects with properties are named $defs")
            map_values = schema.get("additionalProperties")
            if not isinstance(map_values, dict):
                raise SchemaError(f"{where}: free-form objects need additionalProperties")
            return MapOf(self.type_of(file_name, map_values, where)[0]), nullable
        raise SchemaError(f"{where}: unsupported schema {schema!r}")

    def is_unknown_ref(self, file_name: str, option: dict[str, Any]) -> bool:
        return set(option) == {"$ref"} and _is_unknown_variant(
            self.target(file_name, option["$ref"])[1]
        )

    def opened(
        self,
        file_name: str,
        types: tuple[TypeExpr, ...],
        unknown: list[dict[str, Any]],
        where: str,
    ) -> tuple[TypeExpr, ...]:
        """`anyOf [U, UnknownU]`: the union reference made open, with U's unknown variant."""
        unions = [t for t in types if isinstance(t, UnionRef)]
        if len(unknown) != 1 or len(unions) != 1:
            raise SchemaError(
                f"{where}: an unknown variant goes with exactly one union in an anyOf"
            )
        union = unions[0]
        name = self.resolve_title(file_name, unknown[0]["$ref"], where)
        self.definition(*self.definition_key(file_name, unknown[0]["$ref"]))
        variant = self.out.unknowns[name]
        if variant.union not in ("", union.name):
            raise SchemaError(f"{where}: {name} stands for {variant.union}, not {union.name}")
        variant.union = union.name
        return tuple(UnionRef(union.name, open=True) if t is union else t for t in types)

    def definition_key(self, file_name: str, ref: str) -> tuple[str, str]:
        return self.target(file_name, ref)[0], ref.rsplit("/", 1)[1]

    def target(self, file_name: str, ref: str) -> tuple[str, dict[str, Any]]:
        document, _, pointer = ref.partition("#")
        target_file = document or file_name
        if target_file not in self.documents or not pointer.startswith("/$defs/"):
            raise SchemaError(f"{self.protocol}/{file_name}: cannot resolve {ref!r}")
        key = pointer[len("/$defs/") :]
        return target_file, self.documents[target_file]["$defs"][key]

    def resolve_title(self, file_name: str, ref: str, where: str) -> str:
        try:
            return str(self.target(file_name, ref)[1]["title"])
        except KeyError as exc:
            raise SchemaError(f"{where}: dangling $ref {ref!r}") from exc

    def kind_of(self, file_name: str, ref: str) -> str:
        return "union" if "oneOf" in self.target(file_name, ref)[1] else "model"


def _is_unknown_variant(schema: dict[str, Any]) -> bool:
    return "not" in schema.get("properties", {}).get("type", {})


def _check_unknown_variants(protocol: Protocol, excluded: dict[str, list[str]]) -> None:
    """Each unknown variant serves one union, open somewhere, and excludes exactly its tags."""
    for name, variant in protocol.unknowns.items():
        if not variant.union:
            raise SchemaError(f"{name}: an unknown variant no open reference uses")
        union = protocol.unions[variant.union]
        if union.unknown not in (None, name):
            raise SchemaError(f"{union.name}: two unknown variants ({union.unknown}, {name})")
        union.unknown = name
        tags = [protocol.models[v].tag[1] for v in union.variants]  # type: ignore[index]
        if sorted(excluded[name]) != sorted(tags):
            raise SchemaError(f"{name}: `not.enum` must list exactly {union.name}'s tags {tags}")


def _references(type_expr: TypeExpr) -> list[ModelRef | UnionRef]:
    if isinstance(type_expr, (ModelRef, UnionRef)):
        return [type_expr]
    if isinstance(type_expr, ArrayOf):
        return _references(type_expr.item)
    if isinstance(type_expr, MapOf):
        return _references(type_expr.value)
    if isinstance(type_expr, AnyOf):
        return [r for option in type_expr.options for r in _references(option)]
    return []


def _check_directions(protocol: Protocol) -> None:
    """Client events strict, server events tolerant (schema/README.md): every nested union a
    client event reaches is closed, every one a server event reaches is open."""
    directions: tuple[Direction, ...] = ("client", "server")
    for direction in directions:
        seen: set[str] = set()
        todo = [e.model for e in protocol.events(direction)]
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            if name in protocol.unions:
                todo.extend(protocol.unions[name].variants)
                continue
            for field in protocol.models[name].fields:
                for ref in _references(field.type):
                    if isinstance(ref, UnionRef) and ref.open != (direction == "server"):
                        state = "closed" if direction == "server" else "open"
                        raise SchemaError(
                            f"{name}.{field.name}: {ref.name} is {state}, but {direction} "
                            f"events reach it (schema/README.md, directions)"
                        )
                    todo.append(ref.name)


def _check_double(schema: dict[str, Any], where: str) -> None:
    if (schema.get("minimum"), schema.get("maximum")) != (-DOUBLE_MAX, DOUBLE_MAX):
        raise SchemaError(f"{where}: a number is bounded to the double range (schema/README.md)")


def _check_json_value(schema: dict[str, Any], where: str) -> None:
    """JsonValue must stay the one shape the emitters map to free-form JSON."""
    options = schema.get("anyOf", [])
    kinds = sorted(str(o.get("type")) for o in options)
    numbers = [o for o in options if o.get("type") == "number"]
    expected = ["array", "boolean", "integer", "null", "number", "object", "string"]
    if kinds != expected or len(numbers) != 1:
        raise SchemaError(f"{where}: JsonValue is one option per JSON type, the number bounded")
    _check_double(numbers[0], where)


def _description(schema: dict[str, Any], where: str) -> str:
    text = schema.get("description")
    if not text:
        raise SchemaError(f"{where}: needs a description")
    return " ".join(str(text).split())


def _assign_tags(protocol: Protocol) -> None:
    """Give every union variant its tag, and every event its event union."""
    for union in protocol.unions.values():
        for name in union.variants:
            model = protocol.models[name]
            tag_field = next((f for f in model.fields if f.name == union.discriminator), None)
            if not (tag_field and tag_field.required and isinstance(tag_field.type, LiteralOf)):
                raise SchemaError(f"{name}: variant of {union.name} needs a required const tag")
            if len(tag_field.type.values) != 1:
                raise SchemaError(f"{name}: the tag of {union.name} must be a single const")
            tag = (union.discriminator, str(tag_field.type.values[0]))
            if model.tag not in (None, tag):
                raise SchemaError(f"{name}: variant of two unions with different tags")
            model.tag = tag
            if union.direction:
                model.event_union = union.name
        values = [protocol.models[n].tag for n in union.variants]
        if len(set(values)) != len(values):
            raise SchemaError(f"{union.name}: tag values are not unique")
