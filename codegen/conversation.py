"""Read `schema/conversation.json` (what each event does to the conversation state) and check it
against the intermediate model, for `templates/conversation.py.j2`.

The file names, per protocol and event type, a verb (`effect`) of the hand-written reducer
(`generated/realtime_schema/_runtime/conversation.py`), which event field plays which role in it,
and its options. Everything it names is checked here: every event type of the protocol is
declared exactly once, every field exists in that event with a type that fits its role, every
target (`text`, `transcript`, `audio`, `arguments`) is a field of the schema's content parts or
items with the type the values appended to it have, and the audio-format paths lead through the
session and response objects to a vocabulary the format table covers exactly. A schema change
that breaks a declaration fails `make generate` here, not a receive loop at run time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from codegen import naming, render
from codegen.ir import (
    ArrayOf,
    Field,
    LiteralOf,
    Model,
    ModelRef,
    Protocol,
    Scalar,
    TypeExpr,
    UnionRef,
)
from codegen.parser import SCHEMA_ROOT, SchemaError

SOURCE = SCHEMA_ROOT / "conversation.json"
ENCODINGS = ("pcm16", "g711_ulaw", "g711_alaw")  # what the runtime turns into PCM

# Role kinds: what an event field must be to play a role.
#   id     a required, non-null string (an item or response id the reducer looks up)
#   str    a string; int, index: an integer (absent: no check / 0); text: a string (absent: "")
#   bytes  a base64 payload (decoded to bytes by both backends)
#   value  text or bytes, as the verb's target takes
#   item, part, response, object, list: a required, non-null object of that shape
# A trailing "?" makes the role optional in the declaration.
VERBS: dict[str, dict[str, str]] = {
    "session": {"session": "object"},
    "session.close": {},
    "conversation": {"conversation": "object"},
    "item.put": {
        "item": "item",
        "previous_item_id": "str?",
        "response_id": "str?",
        "output_index": "int?",
    },
    "item.delete": {"item_id": "id"},
    "item.truncate": {"item_id": "id", "content_index": "index", "audio_end_ms": "int"},
    "item.append": {
        "item_id": "id",
        "value": "text",
        "response_id": "str?",
        "output_index": "int?",
    },
    "item.finish": {
        "item_id": "id",
        "value": "text",
        "response_id": "str?",
        "output_index": "int?",
    },
    "item.status": {"item_id": "id", "output_index": "int?"},
    "part.add": {
        "item_id": "id",
        "content_index": "index",
        "part": "part",
        "response_id": "str?",
        "output_index": "int?",
    },
    "part.done": {
        "item_id": "id",
        "content_index": "index",
        "part": "part",
        "response_id": "str?",
        "output_index": "int?",
    },
    "part.append": {
        "item_id": "id",
        "content_index": "index",
        "value": "value",
        "response_id": "str?",
        "output_index": "int?",
    },
    "part.finish": {
        "item_id": "id",
        "content_index": "index",
        "value": "value?",
        "response_id": "str?",
        "output_index": "int?",
    },
    "part.fail": {"item_id": "id", "content_index": "index", "error": "object"},
    "part.segment": {"item_id": "id", "content_index": "index"},
    "response.start": {"response": "response"},
    "response.finish": {"response": "response"},
    "response.playback": {"response_id": "id"},
    "input.append": {"audio": "bytes"},
    "input.speech_started": {"audio_start_ms": "int", "item_id": "id"},
    "input.speech_stopped": {"audio_end_ms": "int", "item_id": "id"},
    "input.timeout": {"audio_start_ms": "int", "audio_end_ms": "int", "item_id": "id"},
    "input.committed": {"item_id": "id", "previous_item_id": "str?"},
    "input.cleared": {},
    "error": {"error": "object"},
    "rate_limits": {"rate_limits": "list"},
    "stream.append": {"value": "value", "rate": "int?", "channels": "int?", "format": "str?"},
    "none": {},
}
# Options (keys of a declaration that are not roles), per verb: option -> allowed values, or a
# checker name for those checked against the schema.
OPTIONS: dict[str, dict[str, Any]] = {
    "item.put": {"place": ("conversation", "response", "none"), "expect": ("new", "known", "any")},
    "item.truncate": {"target": "part_bytes_target"},
    "input.committed": {"target": "part_bytes_target"},
    "item.append": {"target": "item_target", "match": "item_match?"},
    "item.finish": {"target": "item_target", "match": "item_match?"},
    "item.status": {"status": "string"},
    "part.done": {"compare": "part_text_targets"},
    "part.append": {"target": "part_target", "unknown_item": ("anomaly", "wait", "?")},
    "part.finish": {"target": "part_target", "unknown_item": ("anomaly", "wait", "?")},
    "part.fail": {"unknown_item": ("anomaly", "wait", "?")},
    "part.segment": {"fields": "event_fields", "unknown_item": ("anomaly", "wait", "?")},
    "response.playback": {"state": "string"},
    "stream.append": {"target": "name"},
    "none": {"why": "string"},
}
# What the reducer itself reads by name from the objects a role brings (never by class name).
REQUIRED_FIELDS = {
    "item": ("id", "type"),
    "part": ("type",),
    "response": ("id", "status", "output"),
    "list": ("name",),
}
# State attributes the reducer keeps itself; every other schema field becomes a typed property.
CORE_FIELDS = {
    "item": ("id", "type", "object", "status", "role", "content"),
    "part": ("type",),
    "response": ("id", "object", "status", "output"),
}

# Attributes and methods of the state's base classes (_runtime/conversation_state.py), which a
# schema field's property must not shadow.
_COMMON = {"fields", "acc", "raw", "snapshot", "TEXT_TARGETS", "BYTES_TARGETS"}
RESERVED = {
    "item": _COMMON | {"previous_item_id", "response_id", "output_index", "in_conversation"},
    "part": _COMMON
    | {"audio_format", "truncated_at_ms", "error", "segments", "received"}
    | {"duration_ms"},
    "response": _COMMON | {"output_item_ids", "playback", "audio_format", "done"},
}


@dataclass
class Effect:
    verb: str
    roles: dict[str, str]  # role -> event field
    options: dict[str, Any]


@dataclass
class Property:
    """A schema field the state keeps as it arrives, exposed as a typed, documented property."""

    name: str
    annotation: str
    description: str


@dataclass
class Spec:
    """One protocol's declarations, checked, as the template needs them."""

    protocol: str
    effects: dict[str, Effect]
    audio: dict[str, Any]
    placeholder: dict[str, str] | None
    terminal_statuses: tuple[str, ...]
    item_targets: tuple[str, ...]
    part_text_targets: tuple[str, ...]
    part_bytes_targets: tuple[str, ...]
    stream_targets: dict[str, str]  # name -> "text" | "bytes"
    properties: dict[str, list[Property]] = field(default_factory=dict)  # item / part / response


def emit(spec: Spec, protocol: Protocol) -> str:
    """`<protocol>/conversation.py`: the checked table, and typed state classes."""
    env = render.environment()
    env.filters["pyrepr"] = repr
    rate_fields = {
        name: entry["rate_field"]
        for name, entry in spec.audio["formats"].items()
        if "rate_field" in entry
    }
    return env.get_template("conversation.py.j2").render(
        header=naming.header(protocol, "conversation state, from schema/conversation.json"),
        spec=spec,
        module=protocol.module_name,
        rate_fields=rate_fields,
    )


def load(path: Path = SOURCE) -> dict[str, Any]:
    return dict(json.loads(path.read_text()))


def build(protocol: Protocol, document: dict[str, Any]) -> Spec | None:
    """The checked declarations of `protocol`, or None when the file declares none for it."""
    declared = document.get("protocols", {}).get(protocol.name)
    if declared is None:
        return None
    return _Checker(protocol, declared).spec()


class _Checker:
    def __init__(self, protocol: Protocol, declared: dict[str, Any]) -> None:
        self.protocol = protocol
        self.declared = declared
        self.events = {e.type: protocol.models[e.model] for e in protocol.all_events()}
        unknown = set(declared) - {"audio", "items", "events"}
        if unknown:
            self.fail(f"unknown keys {sorted(unknown)}")

    def fail(self, message: str) -> NoReturn:
        raise SchemaError(f"conversation.json, {self.protocol.name}: {message}")

    # -- the intermediate model ------------------------------------------------------------------

    def models_of(self, type_expr: TypeExpr) -> list[Model]:
        """The object models a type may hold: a model, a union's variants, an array's items."""
        if isinstance(type_expr, ModelRef):
            return [self.protocol.models[type_expr.name]]
        if isinstance(type_expr, UnionRef):
            union = self.protocol.unions[type_expr.name]
            # An open union's unknown variant (upcoming `UnionDef.unknown`) has no fields to check.
            unknown = getattr(union, "unknown", None)
            return [self.protocol.models[v] for v in union.variants if v != unknown]
        if isinstance(type_expr, ArrayOf):
            return self.models_of(type_expr.item)
        return []

    def role_models(self, kind: str) -> list[Model]:
        """Every model that a role of `kind` brings in, over all declared events."""
        found: dict[str, Model] = {}
        for event_type, entry in self.entries():
            for role, spec in VERBS[entry["effect"]].items():
                if spec.rstrip("?") == kind and role in entry:
                    event_field = self.event_field(event_type, entry[role])
                    for model in self.models_of(event_field.type):
                        found.setdefault(model.name, model)
        return list(found.values())

    def item_models(self) -> list[Model]:
        return self.role_models("item")

    def part_models(self) -> list[Model]:
        found = {m.name: m for m in self.role_models("part")}
        for item in self.item_models():
            content = _field(item, "content")
            if content is not None:
                for model in self.models_of(content.type):
                    found.setdefault(model.name, model)
        return list(found.values())

    def event_field(self, event_type: str, name: Any) -> Field:
        model = self.events[event_type]
        found = _field(model, name) if isinstance(name, str) else None
        if found is None:
            self.fail(f"{event_type}: no field {name!r} in {model.name}")
        return found

    # -- the declarations ------------------------------------------------------------------------

    def entries(self) -> list[tuple[str, dict[str, Any]]]:
        return list(self.declared.get("events", {}).items())

    def spec(self) -> Spec:
        declared = dict(self.entries())
        missing = sorted(set(self.events) - set(declared))
        if missing:
            self.fail(f"events without a declaration (give an effect, or none with why): {missing}")
        extra = sorted(set(declared) - set(self.events))
        if extra:
            self.fail(f"not events of this protocol: {extra}")
        for event_type, entry in declared.items():
            if not isinstance(entry, dict) or entry.get("effect") not in VERBS:
                self.fail(f"{event_type}: effect must be one of {sorted(VERBS)}")
        # what a target may be, and which the declarations use
        self.item_strings = self.string_fields(self.item_models(), CORE_FIELDS["item"])
        self.part_text, self.part_bytes = self.part_target_fields()
        self.used: dict[str, set[str]] = {"item": set(), "part_text": set(), "part_bytes": set()}
        spec = Spec(
            protocol=self.protocol.name,
            effects={},
            audio=self.audio(),
            placeholder=None,
            terminal_statuses=(),
            item_targets=(),
            part_text_targets=(),
            part_bytes_targets=(),
            stream_targets={},
        )
        for event_type, entry in declared.items():
            spec.effects[event_type] = self.effect(event_type, entry, spec)
        spec.item_targets = tuple(sorted(self.used["item"]))
        spec.part_text_targets = tuple(sorted(self.used["part_text"]))
        spec.part_bytes_targets = tuple(sorted(self.used["part_bytes"]))
        spec.placeholder, spec.terminal_statuses = self.items()
        spec.properties = {
            "item": self.properties(
                "item", self.item_models(), CORE_FIELDS["item"] + spec.item_targets
            ),
            "part": self.properties(
                "part",
                self.part_models(),
                CORE_FIELDS["part"] + spec.part_text_targets + spec.part_bytes_targets,
            ),
            "response": self.properties(
                "response", self.role_models("response"), CORE_FIELDS["response"]
            ),
        }
        return spec

    def effect(self, event_type: str, entry: dict[str, Any], spec: Spec) -> Effect:
        verb = entry["effect"]
        roles_spec = VERBS[verb]
        options_spec = OPTIONS.get(verb, {})
        unknown = set(entry) - {"effect"} - set(roles_spec) - set(options_spec)
        if unknown:
            self.fail(f"{event_type}: {verb} takes no {sorted(unknown)}")
        options: dict[str, Any] = {}
        for name, allowed in options_spec.items():
            optional = isinstance(allowed, str) and allowed.endswith("?")
            optional = optional or (isinstance(allowed, tuple) and "?" in allowed)
            if name not in entry:
                if not optional:
                    self.fail(f"{event_type}: {verb} needs option {name!r}")
                continue
            options[name] = entry[name]
        target_kind = self.check_options(event_type, verb, options)
        if target_kind == "bytes":
            options["bytes"] = True  # the target takes bytes (a base64 payload)
        roles: dict[str, str] = {}
        for role, kind in roles_spec.items():
            if role not in entry:
                if not kind.endswith("?"):
                    self.fail(f"{event_type}: {verb} needs role {role!r} (an event field)")
                continue
            event_field = self.event_field(event_type, entry[role])
            kind = kind.rstrip("?")
            if kind == "value":  # as the target takes; a stream takes either
                kind = {"bytes": "bytes", "text": "text"}.get(str(target_kind), "text_or_bytes")
            self.check_role(event_type, role, kind, event_field)
            roles[role] = event_field.name
        if verb == "stream.append":
            value = self.event_field(event_type, entry["value"])
            kind = "bytes" if _is_bytes(value.type) else "text"
            if kind == "bytes":
                options["bytes"] = True
            previous = spec.stream_targets.setdefault(options["target"], kind)
            if previous != kind:
                self.fail(f"{event_type}: stream {options['target']!r} is {previous}, not {kind}")
        return Effect(verb, roles, options)

    def check_options(self, event_type: str, verb: str, options: dict[str, Any]) -> str | None:
        """Check the options against the schema; the kind of value the target takes, if any."""
        kind = None
        for name, value in options.items():
            allowed = OPTIONS[verb][name]
            where = f"{event_type}: {name}"
            if isinstance(allowed, tuple):
                if value not in allowed or value == "?":
                    self.fail(f"{where} is one of {[a for a in allowed if a != '?']}")
            elif allowed in ("string", "name"):
                if not isinstance(value, str) or not value:
                    self.fail(f"{where} is a non-empty string")
                if allowed == "name" and not value.isidentifier():
                    self.fail(f"{where} is an identifier")
            elif allowed == "item_target":
                if value not in self.item_strings:
                    self.fail(f"{where}: no item of the schema has a string field {value!r}")
                self.used["item"].add(value)
                kind = "text"
            elif allowed == "part_target":
                if value in self.part_bytes:
                    self.used["part_bytes"].add(value)
                    kind = "bytes"
                elif value in self.part_text:
                    self.used["part_text"].add(value)
                    kind = "text"
                else:
                    self.fail(f"{where}: no content part of the schema has a field {value!r}")
            elif allowed == "part_bytes_target":
                if value not in self.part_bytes:
                    self.fail(f"{where}: no content part of the schema has base64 field {value!r}")
                self.used["part_bytes"].add(value)
            elif allowed == "part_text_targets":
                if not isinstance(value, list) or not value:
                    self.fail(f"{where} is a list of content part fields")
                part_fields = {f.name for m in self.part_models() for f in m.fields}
                for target in value:
                    if target not in self.part_text:
                        self.fail(f"{where}: no content part has a string field {target!r}")
                    if target not in part_fields:
                        self.fail(f"{where}: {target!r} is not a field of the part")
            elif allowed == "item_match?":
                if not isinstance(value, dict):
                    self.fail(f"{where} maps event fields to item fields")
                strings = self.string_fields(self.item_models(), ())
                for event_name, item_name in value.items():
                    self.check_role(
                        event_type, name, "str", self.event_field(event_type, event_name)
                    )
                    if item_name not in strings:
                        self.fail(
                            f"{where}: no item of the schema has a string field {item_name!r}"
                        )
            elif allowed == "event_fields":
                if not isinstance(value, list) or not value:
                    self.fail(f"{where} is a list of event fields")
                for name_ in value:
                    self.event_field(event_type, name_)
        return kind

    def check_role(self, event_type: str, role: str, kind: str, event_field: Field) -> None:
        where = f"{event_type}.{event_field.name} (role {role})"
        type_expr = event_field.type
        if kind == "id":
            if not (_is_string(type_expr) and event_field.required and not event_field.nullable):
                self.fail(f"{where}: must be a required string")
        elif kind in ("str", "text"):
            if not _is_string(type_expr) or _is_bytes(type_expr):
                self.fail(f"{where}: must be a string")
        elif kind == "text_or_bytes":
            if not _is_string(type_expr):
                self.fail(f"{where}: must be a string or a base64 payload")
        elif kind in ("int", "index"):
            if not _is_int(type_expr):
                self.fail(f"{where}: must be an integer")
        elif kind == "bytes":
            if not _is_bytes(type_expr):
                self.fail(f"{where}: must be a base64 payload")
        else:  # an object the reducer reads attributes of
            if not event_field.required or event_field.nullable:
                self.fail(f"{where}: must be a required, non-null object")
            models = self.models_of(type_expr)
            array = isinstance(type_expr, ArrayOf)
            if not models or array != (kind == "list"):
                self.fail(
                    f"{where}: must be {'an array of objects' if kind == 'list' else 'an object'}"
                )
            for name in REQUIRED_FIELDS.get(kind, ()):
                for model in models:
                    if _field(model, name) is None:
                        self.fail(f"{where}: {model.name} has no field {name!r}")

    def string_fields(self, models: list[Model], exclude: tuple[str, ...]) -> set[str]:
        return {
            f.name
            for m in models
            for f in m.fields
            if f.name not in exclude and _is_string(f.type) and not _is_bytes(f.type)
        }

    def part_target_fields(self) -> tuple[set[str], set[str]]:
        text, data = set(), set()
        for model in self.part_models():
            for f in model.fields:
                if f.name == "type":
                    continue
                if _is_bytes(f.type):
                    data.add(f.name)
                elif _is_string(f.type):
                    text.add(f.name)
        both = text & data
        if both:
            self.fail(f"content part fields both text and base64: {sorted(both)}")
        return text, data

    def items(self) -> tuple[dict[str, str] | None, tuple[str, ...]]:
        declared = self.declared.get("items")
        if declared is None:
            if self.item_models():
                self.fail("items (placeholder, terminal_statuses) must be declared")
            return None, ()
        placeholder = declared.get("placeholder", {})
        if set(placeholder) != {"type", "role", "part"}:
            self.fail("items.placeholder names the committed user item's type, role and part")
        checks = (
            ("type", self.item_models(), placeholder["type"]),
            ("role", self.item_models(), placeholder["role"]),
            ("type", self.part_models(), placeholder["part"]),
        )
        for name, models, value in checks:
            if value not in _values(models, name):
                self.fail(f"items.placeholder: {value!r} is not a {name} the schema allows")
        statuses = declared.get("terminal_statuses", [])
        allowed = _values(self.item_models(), "status")
        for status in statuses:
            if status not in allowed:
                self.fail(f"items.terminal_statuses: {status!r} is not an item status")
        return dict(placeholder), tuple(statuses)

    def audio(self) -> dict[str, Any]:
        audio = self.declared.get("audio")
        if audio is None:
            self.fail("audio (the format table) must be declared")
        formats = audio.get("formats", {})
        if not formats or audio.get("default") not in formats:
            self.fail("audio: formats, and a default among them")
        for name, entry in formats.items():
            if entry.get("encoding") not in ENCODINGS or not isinstance(entry.get("rate"), int):
                self.fail(f"audio.formats.{name}: an encoding of {ENCODINGS} and an integer rate")
        paths = {}
        roots = {
            "session_input": self.session_models(),
            "session_output": self.session_models(),
            "response_output": self.role_models("response"),
        }
        unknown = set(audio) - set(roots) - {"formats", "default"}
        if unknown:
            self.fail(f"audio: unknown keys {sorted(unknown)}")
        for name, models in roots.items():
            if name in audio:
                self.check_path(name, models, audio[name], formats)
                paths[name] = tuple(audio[name])
        return {"formats": formats, "default": audio["default"], **paths}

    def session_models(self) -> list[Model]:
        found: dict[str, Model] = {}
        for event_type, entry in self.entries():
            if entry["effect"] == "session":
                for model in self.models_of(self.event_field(event_type, entry["session"]).type):
                    found.setdefault(model.name, model)
        return list(found.values())

    def check_path(
        self, name: str, roots: list[Model], path: list[str], formats: dict[str, Any]
    ) -> None:
        """`path` leads from the roots to a format: a union told apart by its tag, or an enum;
        the format table must cover the values exactly."""
        models = roots
        leaves: list[TypeExpr] = []
        for depth, step in enumerate(path):
            found = [f for m in models for f in m.fields if f.name == step]
            if not found:
                self.fail(f"audio.{name}: no field {step!r} at {path[:depth]}")
            if depth == len(path) - 1:
                leaves = [f.type for f in found]
            else:
                models = [m for f in found for m in self.models_of(f.type)]
        values: set[str] = set()
        open_vocabulary = False
        for leaf in leaves:
            if isinstance(leaf, Scalar) and leaf.kind == "str" and not leaf.base64:
                open_vocabulary = True  # a server shape's open string: known values not listed
            elif isinstance(leaf, LiteralOf):
                values |= {str(v) for v in leaf.values}
            elif isinstance(leaf, (ModelRef, UnionRef)):
                for model in self.models_of(leaf):
                    if model.tag is None:
                        self.fail(f"audio.{name}: {model.name} has no tag")
                    values.add(model.tag[1])
                    rate_field = formats.get(model.tag[1], {}).get("rate_field")
                    found_rate = _field(model, rate_field) if rate_field else None
                    if rate_field and not (found_rate and _is_int(found_rate.type)):
                        self.fail(f"audio.formats.{model.tag[1]}: no integer field {rate_field!r}")
            else:
                self.fail(f"audio.{name}: {path} must end in a format union or enum")
        if open_vocabulary and not values:
            return  # the table is checked where the schema closes the vocabulary
        if values != set(formats):
            self.fail(f"audio.{name}: formats must be exactly {sorted(values)}")

    def properties(self, kind: str, models: list[Model], core: tuple[str, ...]) -> list[Property]:
        found: dict[str, list[Field]] = {}
        for model in models:
            for f in model.fields:
                if f.name not in core:
                    found.setdefault(f.name, []).append(f)
        out = []
        for name, fields in found.items():
            if name in RESERVED[kind]:
                self.fail(f"field {name!r} would shadow a state attribute of the same name")
            annotations = {_annotation(f.type) for f in fields}
            annotation = annotations.pop() if len(annotations) == 1 else "Any"
            annotation = annotation if annotation == "Any" else f"{annotation} | None"
            out.append(Property(name, annotation, fields[0].description))
        return out


def _field(model: Model, name: str) -> Field | None:
    return next((f for f in model.fields if f.name == name), None)


def _is_string(type_expr: TypeExpr) -> bool:
    if isinstance(type_expr, Scalar):
        return type_expr.kind == "str"
    return isinstance(type_expr, LiteralOf) and all(isinstance(v, str) for v in type_expr.values)


def _is_int(type_expr: TypeExpr) -> bool:
    """An integer, or a closed set of integers (a request shape's enum)."""
    if isinstance(type_expr, Scalar):
        return type_expr.kind == "int"
    return isinstance(type_expr, LiteralOf) and all(
        isinstance(v, int) and not isinstance(v, bool) for v in type_expr.values
    )


def _is_bytes(type_expr: TypeExpr) -> bool:
    return isinstance(type_expr, Scalar) and type_expr.base64


def _values(models: list[Model], name: str) -> set[str]:
    """The values a field may take over these models: its tag, or its enum."""
    values: set[str] = set()
    for model in models:
        if model.tag and model.tag[0] == name:
            values.add(model.tag[1])
        found = _field(model, name)
        if found is not None and isinstance(found.type, LiteralOf):
            values |= {str(v) for v in found.type.values}
    return values


_ANNOTATIONS = {"str": "str", "int": "int", "float": "float", "bool": "bool"}


def _annotation(type_expr: TypeExpr) -> str:
    if isinstance(type_expr, Scalar):
        return "bytes" if type_expr.base64 else _ANNOTATIONS.get(type_expr.kind, "Any")
    if _is_string(type_expr):
        return "str"
    return "Any"  # objects and lists: the decoded values, as the event's backend made them
