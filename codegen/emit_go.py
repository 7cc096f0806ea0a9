"""Emit `generated/go/`: a Go module, one package per protocol, from the intermediate model.

The file skeletons are jinja2 templates (`codegen/templates/go/`); what depends on a schema type
(its Go type, how a value of it is read from a parsed frame and written back) is computed here,
one helper function per distinct type, so every field reads with one call. Every `.go` file goes
through gofmt: the output is byte-reproducible, and the generator stops with an error that says
how to install Go when gofmt is missing. The packages import the hand-written runtime in
`generated/go/internal/wire/` (a strict JSON reader, paths, the encoder), which the generator
never writes (`HAND_WRITTEN` in `codegen/__main__.py`).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field

from codegen import naming, render
from codegen.ir import (
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
from codegen.parser import SCHEMA_ROOT, SchemaError

MODULE = "realtime-schema.dev/go"  # the Go module path (generated/go/go.mod)
FOLDER = "go"  # under generated/
RUNTIME = f"{MODULE}/internal/wire"
GO_VERSION = "1.19"  # Debian bookworm's golang-go: the oldest Go the module must build with
DIRECTIONS: tuple[Direction, ...] = ("client", "server")
WIDTH = 96  # doc comment lines

# golint's initialisms, as Go spells them in identifiers (`event_id` -> `EventID`).
_INITIALISMS = {
    "acl", "api", "ascii", "cpu", "css", "dns", "eof", "guid", "html", "http", "https", "id",
    "ip", "json", "lhs", "qps", "ram", "rhs", "rpc", "sla", "smtp", "sql", "ssh", "tcp", "tls",
    "ttl", "udp", "ui", "uid", "uuid", "uri", "url", "utf8", "vm", "xml", "xmpp", "xsrf", "xss",
}  # fmt: skip
_SCALARS = {"str": "string", "int": "Int", "float": "float64", "bool": "bool"}
_SCALAR_KEYS = {"str": "String", "int": "Int", "float": "Float", "bool": "Bool", "any": "JSON"}
# The JSON kinds (wire.Kind names) a value of each option of an untagged choice may have.
_KINDS = {"str": ("String",), "int": ("Number",), "float": ("Number",), "bool": ("True", "False")}


class GofmtMissing(RuntimeError):
    """gofmt is not on PATH: the Go module cannot be formatted, so it is not generated."""


def gofmt_path() -> str | None:
    return shutil.which("gofmt")


def gofmt(relative: str, text: str) -> str:
    tool = gofmt_path()
    if tool is None:
        raise GofmtMissing(
            "gofmt not found: the Go module (generated/go/) needs Go to be generated. "
            "`make generate` installs Debian's golang-go when apt is available; otherwise "
            "install Go 1.19 or newer and put it on PATH."
        )
    done = subprocess.run([tool], input=text, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SchemaError(f"generated/{relative} is not valid Go:\n{done.stderr}")
    return done.stdout


def go_name(text: str) -> str:
    """`event_id` -> `EventID`, `audio/pcm` -> `AudioPcm`: an exported Go identifier."""
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", text) if p]
    words = [p.upper() if p.lower() in _INITIALISMS else p[0].upper() + p[1:] for p in parts]
    name = "".join(words) or "Empty"
    return name if name[0].isalpha() else f"V{name}"


def go_string(text: str) -> str:
    """A Go string literal (JSON's escapes are Go's; json.dumps writes no `\\/`)."""
    return json.dumps(text, ensure_ascii=False)


def comment(text: str, indent: str = "") -> str:
    """`text` as `//` lines of at most WIDTH columns."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(indent) + 3 + len(line) + 1 + len(word) > WIDTH:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(f"{indent}// {entry}" for entry in lines)


def type_const(model: Model) -> str:
    """The constant holding a tagged model's tag: `ResponseOutputAudioDeltaEventType`."""
    assert model.tag is not None
    return model.name + go_name(model.tag[0])


@dataclass
class Option:
    """One option of an untagged choice (`ir.AnyOf`): a field of its Go struct."""

    field: str
    type_expr: TypeExpr
    go_type: str  # the field's type: a pointer, except for interfaces and free-form JSON
    kinds: tuple[str, ...]
    by_pointer: bool


@dataclass
class Choice:
    """An untagged choice's Go struct: named after its options (`IntOrInf`)."""

    name: str
    options: list[Option]
    doc: str


@dataclass
class GoField:
    """A model's field in Go: its name, declared type and the helpers that read and write it."""

    field: Field
    name: str  # the Go field name
    go_type: str  # as declared in the struct
    helper: str  # the read/write helper key
    wrapped: bool  # Optional[T], not a bare T

    @property
    def doc(self) -> str:
        """The schema's description, and the values of a closed enumeration."""
        t = self.field.type
        text = f"{self.name}: {self.field.doc}"
        if isinstance(t, LiteralOf):
            return f"{text} One of {', '.join(json.dumps(v) for v in t.values)}."
        if isinstance(t, ArrayOf) and isinstance(t.item, LiteralOf):
            return f"{text} Each one of {', '.join(json.dumps(v) for v in t.item.values)}."
        return text


@dataclass
class GoModel:
    """A model's Go struct."""

    model: Model
    fields: list[GoField]
    unions: list[UnionDef] = field(default_factory=list)  # the nested unions it is a variant of


class GoPackage:
    """What one protocol's Go package declares, computed from the intermediate model."""

    def __init__(self, protocol: Protocol) -> None:
        self.protocol = protocol
        self.name = protocol.module_name
        self.helpers: dict[str, TypeExpr] = {}  # read/write helper key -> type, first use first
        self.choices: dict[str, Choice] = {}
        self._choice_types: dict[str, AnyOf] = {}
        self.enums: dict[str, tuple[str | int | float | bool, ...]] = {}
        self.models = [self._model(m) for m in protocol.models.values()]
        for union in protocol.unions.values():
            if union.direction is None:
                for variant in union.variants:
                    self.model(variant).unions.append(union)
            if union.unknown is not None and union.direction is not None:
                raise SchemaError(f"{union.name}: an event union has UnknownServerEvent instead")
        self._check_unknowns()
        self._check_names()

    # --- names and types ------------------------------------------------------------------------

    def model(self, name: str) -> GoModel:
        return next(m for m in self.models if m.model.name == name)

    def go_type(self, type_expr: TypeExpr) -> str:
        if isinstance(type_expr, Scalar):
            if type_expr.base64:
                return "[]byte"
            return "json.RawMessage" if type_expr.kind == "any" else _SCALARS[type_expr.kind]
        if isinstance(type_expr, LiteralOf):
            return _SCALARS[literal_kind(type_expr)]
        if isinstance(type_expr, ArrayOf):
            return "[]" + self.go_type(type_expr.item)
        if isinstance(type_expr, MapOf):
            return "map[string]" + self.go_type(type_expr.value)
        if isinstance(type_expr, (ModelRef, UnionRef)):
            return type_expr.name
        if isinstance(type_expr, AnyOf):
            return self._choice(type_expr).name
        raise TypeError(type_expr)

    def helper(self, type_expr: TypeExpr) -> str:
        """The key of the read/write helpers of a type (`readListOfConversationItem`)."""
        if isinstance(type_expr, Scalar):
            key = "Bytes" if type_expr.base64 else _SCALAR_KEYS[type_expr.kind]
        elif isinstance(type_expr, LiteralOf):
            key = self._enum_key(type_expr)
        elif isinstance(type_expr, ArrayOf):
            key = "ListOf" + self.helper(type_expr.item)
        elif isinstance(type_expr, MapOf):
            key = "MapOf" + self.helper(type_expr.value)
        elif isinstance(type_expr, ModelRef):
            key = type_expr.name
        elif isinstance(type_expr, UnionRef):
            key = ("Open" if type_expr.open else "") + type_expr.name
            if type_expr.open and self.protocol.unions[type_expr.name].unknown is None:
                raise SchemaError(f"an open reference to {type_expr.name}, which has no unknown")
        elif isinstance(type_expr, AnyOf):
            key = self._choice(type_expr).name
        else:
            raise TypeError(type_expr)
        known = self.helpers.setdefault(key, type_expr)
        if known != type_expr:
            raise SchemaError(f"two types would share the Go helper read{key}")
        return key

    def _model(self, model: Model) -> GoModel:
        fields = []
        for f in model.fields:
            if f.name == model.tag_field:
                continue
            bare = f.required and not f.nullable
            go_type = self.go_type(f.type)
            fields.append(
                GoField(
                    field=f,
                    name=go_name(f.name),
                    go_type=go_type if bare else f"Optional[{go_type}]",
                    helper=self.helper(f.type),
                    wrapped=not bare,
                )
            )
        names = [f.name for f in fields]
        if len(set(names)) != len(names):
            raise SchemaError(f"{model.name}: two fields share a Go name: {names}")
        methods = {"EventType", "Tag"}
        if set(names) & methods:
            raise SchemaError(f"{model.name}: a field's Go name is a method's: {names}")
        return GoModel(model, fields)

    def _enum_key(self, literal: LiteralOf) -> str:
        values = literal.values
        key = "Enum" + "Or".join(go_name(str(v)) for v in values)
        if self.enums.setdefault(key, values) != values:
            raise SchemaError(f"two enumerations would share the Go helper read{key}")
        return key

    def _choice(self, choice: AnyOf) -> Choice:
        options = []
        for option in choice.options:
            options.append(self._option(option))
        name = "Or".join(self._option_name(o) for o in choice.options)
        if self._choice_types.setdefault(name, choice) != choice:
            raise SchemaError(f"two different choices would share the Go name {name}")
        known = self.choices.get(name)
        if known is None:
            kinds = [k for o in options for k in o.kinds]
            if len(set(kinds)) != len(kinds):
                raise SchemaError(f"{name}: two options read the same JSON type")
            what = ", or ".join(_option_doc(o) for o in options)
            doc = f"{name} is one of: {what}. Exactly one field is set."
            known = self.choices[name] = Choice(name, options, doc)
        return known

    def _option_name(self, option: TypeExpr) -> str:
        if isinstance(option, LiteralOf):
            return "Or".join(go_name(str(v)) for v in option.values)
        if isinstance(option, ArrayOf):
            return self._option_name(option.item) + "List"
        if isinstance(option, MapOf):
            return self._option_name(option.value) + "Map"
        if isinstance(option, Scalar):
            return "Bytes" if option.base64 else _SCALAR_KEYS[option.kind]
        if isinstance(option, (ModelRef, UnionRef)):
            return option.name
        raise SchemaError(f"the Go emitter cannot name the choice option {option}")

    def _option(self, option: TypeExpr) -> Option:
        go_type = self.go_type(option)
        by_pointer = not isinstance(option, UnionRef) and go_type != "json.RawMessage"
        if isinstance(option, Scalar):
            if option.kind == "any":
                raise SchemaError("free-form JSON cannot be one option of a choice")
            field_name = "Bytes" if option.base64 else _SCALAR_KEYS[option.kind]
            kinds = ("String",) if option.base64 else _KINDS[option.kind]
        elif isinstance(option, LiteralOf):
            field_name, kinds = "Enum", _KINDS[literal_kind(option)]
        elif isinstance(option, ArrayOf):
            field_name, kinds = "List", ("Array",)
        elif isinstance(option, MapOf):
            field_name, kinds = "Map", ("Object",)
        elif isinstance(option, (ModelRef, UnionRef)):
            field_name, kinds = option.name, ("Object",)
        else:
            raise SchemaError(f"the Go emitter cannot express the choice option {option}")
        self.helper(option)
        return Option(field_name, option, ("*" if by_pointer else "") + go_type, kinds, by_pointer)

    def _check_unknowns(self) -> None:
        """Each unknown variant (`Protocol.unknowns`) is its union's, and its union's tag is
        `type`: the Go type has the fields `Type` and `Raw`."""
        for unknown in self.protocol.unknowns.values():
            union = self.protocol.unions.get(unknown.union)
            if union is None or union.unknown != unknown.name:
                raise SchemaError(f"{unknown.name}: not the unknown variant of {unknown.union}")
            if union.discriminator != "type":
                raise SchemaError(f"{unknown.name}: its union's tag is not `type`")
        for union in self.protocol.unions.values():
            if union.unknown is not None and union.unknown not in self.protocol.unknowns:
                raise SchemaError(f"{union.name}: its unknown variant {union.unknown} is undefined")

    def _check_names(self) -> None:
        """Every package-level name is declared once (a schema change could collide two)."""
        names = [m.model.name for m in self.models]
        names += [u.name for u in self.protocol.unions.values()]
        names += list(self.protocol.unknowns)
        names += list(self.choices)
        names += [type_const(m.model) for m in self.models if m.model.tag]
        for direction in DIRECTIONS:
            names += [naming.unknown_name(direction), decode_func(direction), types_var(direction)]
        names += ["Event", "Encode", "Optional", "Some", "Null", "Ptr", "Int", "IntOf"]
        names += ["BigIntOf", "DecodeError", "EncodeError"]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise SchemaError(f"{self.protocol.name}: Go names declared twice: {repeated}")

    # --- what the templates read ------------------------------------------------------------------

    def event_unions(self) -> list[UnionDef]:
        return [self.protocol.event_union(d) for d in DIRECTIONS]

    def nested_unions(self) -> list[UnionDef]:
        return [u for u in self.protocol.unions.values() if u.direction is None]

    def unknowns(self) -> list[UnknownVariant]:
        return list(self.protocol.unknowns.values())

    def tagged(self) -> list[Model]:
        return [m.model for m in self.models if m.model.tag]

    def read_helpers(self) -> list[str]:
        helpers = list(self.helpers.items())
        out = [self._read(key, t) for key, t in helpers]
        assert len(self.helpers) == len(helpers), "a helper appeared while rendering"
        return out

    def write_helpers(self) -> list[str]:
        helpers = list(self.helpers.items())
        out = [self._write(key, t) for key, t in helpers]
        assert len(self.helpers) == len(helpers), "a helper appeared while rendering"
        return out

    # --- reading ----------------------------------------------------------------------------------

    def _read(self, key: str, t: TypeExpr) -> str:
        go_type = self.go_type(t)
        head = f"func read{key}(d *wire.Doc, n wire.Node) ({go_type}, *wire.Fault) {{\n"
        return head + self._read_body(t, go_type) + "\n}"

    def _read_body(self, t: TypeExpr, go_type: str) -> str:
        if isinstance(t, Scalar):
            call = {"str": "Str", "int": "Int", "float": "Float", "bool": "Bool", "any": "JSON"}
            return f"return d.{'Bytes' if t.base64 else call[t.kind]}(n)"
        if isinstance(t, LiteralOf):
            kind = literal_kind(t)
            read = {"str": "Str", "int": "Int", "float": "Float", "bool": "Bool"}[kind]
            zero = {"str": '""', "int": "Int{}", "float": "0", "bool": "false"}[kind]
            return (
                f"x, f := d.{read}(n)\nif f != nil {{\nreturn {zero}, f\n}}\n"
                f"{_literal_switch(t, 'x')}:\nreturn x, nil\n}}\n"
                f"return {zero}, wire.InvalidEnum({_literal_text(t, 'x')})"
            )
        if isinstance(t, ArrayOf):
            item = self.helper(t.item)
            return (
                'if d.Kind(n) != wire.Array {\nreturn nil, d.Expected(n, "array")\n}\n'
                f"out := make({go_type}, d.Len(n))\n"
                "for i := range out {\n"
                f"x, f := read{item}(d, d.Item(n, i))\n"
                "if f != nil {\nreturn nil, f.AtIndex(i)\n}\nout[i] = x\n}\nreturn out, nil"
            )
        if isinstance(t, MapOf):
            value = self.helper(t.value)
            return (
                'if d.Kind(n) != wire.Object {\nreturn nil, d.Expected(n, "object")\n}\n'
                f"out := make({go_type}, d.Len(n))\n"
                "for i, count := 0, d.Len(n); i < count; i++ {\n"
                "k, v := d.Member(n, i)\nkey, f := d.Str(k)\n"
                'if f != nil {\nreturn nil, f.At("[...]")\n}\n'
                f"x, f := read{value}(d, v)\n"
                'if f != nil {\nreturn nil, f.At("[...]")\n}\nout[key] = x\n}\nreturn out, nil'
            )
        if isinstance(t, ModelRef):
            return f"var v {t.name}\nf := decode{t.name}(d, n, &v)\nreturn v, f"
        if isinstance(t, UnionRef):
            return self._read_union(self.protocol.unions[t.name], t.open)
        if isinstance(t, AnyOf):
            return self._read_choice(self._choice(t))
        raise TypeError(t)

    def _read_union(self, union: UnionDef, is_open: bool) -> str:
        disc = union.discriminator
        lines = [
            f"tag, f := d.Tag(n, {go_string(disc)})",
            "if f != nil {\nreturn nil, f\n}",
            "switch string(tag) {",
        ]
        for variant in union.variants:
            tag = self.protocol.models[variant].tag
            assert tag is not None
            lines += [
                f"case {go_string(tag[1])}:",
                f"v := new({variant})",
                f"if f := decode{variant}(d, n, v); f != nil {{\nreturn nil, f\n}}",
                "return v, nil",
            ]
        lines.append("}")
        if is_open:  # the unknown variant keeps the object, if it can (wire.UnknownVariant)
            lines += [
                f"raw, f := d.UnknownVariant(n, {go_string(disc)}, tag)",
                "if f != nil {\nreturn nil, f\n}",
                f"return &{union.unknown}{{Type: string(tag), Raw: raw}}, nil",
            ]
        else:
            lines.append(f'return nil, wire.InvalidTag(string(tag)).At(".{disc}")')
        return "\n".join(lines)

    def _read_choice(self, choice: Choice) -> str:
        lines = ["switch d.Kind(n) {"]
        for o in choice.options:
            lines += [
                "case " + ", ".join(f"wire.{k}" for k in o.kinds) + ":",
                f"x, f := read{self.helper(o.type_expr)}(d, n)",
                f"if f != nil {{\nreturn {choice.name}{{}}, f\n}}",
                f"return {choice.name}{{{o.field}: {'&' if o.by_pointer else ''}x}}, nil",
            ]
        want = " | ".join(_kind_doc(o) for o in choice.options)
        lines += ["}", f"return {choice.name}{{}}, d.Expected(n, {go_string(want)})"]
        return "\n".join(lines)

    def decode_model(self, gm: GoModel) -> str:
        """`decodeM(d, n, out)`: the object's members in document order, then what is missing."""
        m = gm.model
        required = [f for f in gm.fields if f.field.required]
        lines = [
            f"func decode{m.name}(d *wire.Doc, n wire.Node, out *{m.name}) *wire.Fault {{",
            'if d.Kind(n) != wire.Object {\nreturn d.Expected(n, "object")\n}',
        ]
        if required:
            lines.append("var " + ", ".join(f"has{f.name}" for f in required) + " bool")
        lines += [
            "for i, count := 0, d.Len(n); i < count; i++ {",
            "k, v := d.Member(n, i)",
            "switch string(d.Key(k)) {",
        ]
        if m.tag:
            tag_field, tag = m.tag
            lines += [
                f"case {go_string(tag_field)}:",
                f"if f := d.CheckTag(v, {go_string(tag)}); f != nil {{",
                f'return f.At(".{tag_field}")\n}}',
            ]
        for f in gm.fields:
            name = f.field.name
            value = "Some(x)" if f.wrapped else "x"
            read = [
                f"x, f := read{f.helper}(d, v)",
                f'if f != nil {{\nreturn f.At(".{name}")\n}}',
                f"out.{f.name} = {value}",
            ]
            lines.append(f"case {go_string(name)}:")
            if f.field.nullable:
                inner = self.go_type(f.field.type)
                lines += [
                    f"if d.IsNull(v) {{\nout.{f.name} = Null[{inner}]()\n}} else {{",
                    *read,
                    "}",
                ]
            else:
                lines += read
            if f.field.required:
                lines.append(f"has{f.name} = true")
        lines += ["}", "}"]
        for f in required:
            lines.append(f"if !has{f.name} {{\nreturn wire.Missing({go_string(f.field.name)})\n}}")
        lines += ["return nil", "}"]
        return "\n".join(lines)

    # --- writing ----------------------------------------------------------------------------------

    def _write(self, key: str, t: TypeExpr) -> str:
        head = f"func write{key}(e *wire.Encoder, v {self.go_type(t)}) *wire.Fault {{\n"
        return head + self._write_body(t) + "\n}"

    def _write_body(self, t: TypeExpr) -> str:
        if isinstance(t, Scalar):
            if t.base64:
                return "e.Bytes64(v)\nreturn nil"
            call = {"str": "Str", "float": "Float", "any": "JSON"}
            if t.kind in call:
                return f"return e.{call[t.kind]}(v)"
            return f"e.{_SCALARS[t.kind].capitalize()}(v)\nreturn nil"
        if isinstance(t, LiteralOf):
            write = {
                "str": "return e.Str(v)",
                "int": "e.Int(v)\nreturn nil",
                "float": "return e.Float(v)",
                "bool": "e.Bool(v)\nreturn nil",
            }[literal_kind(t)]
            return (
                f"{_literal_switch(t, 'v')}:\n{write}\n}}\n"
                f"return wire.InvalidEnum({_literal_text(t, 'v')})"
            )
        if isinstance(t, ArrayOf):
            return (
                'e.Raw("[")\nfor i, x := range v {\ne.Comma(i)\n'
                f"if f := write{self.helper(t.item)}(e, x); f != nil {{\nreturn f.AtIndex(i)\n}}\n"
                '}\ne.Raw("]")\nreturn nil'
            )
        if isinstance(t, MapOf):
            return (
                'e.Raw("{")\nfor i, key := range wire.SortedKeys(v) {\ne.Comma(i)\n'
                'if f := e.Str(key); f != nil {\nreturn f.At("[...]")\n}\ne.Raw(":")\n'
                f"if f := write{self.helper(t.value)}(e, v[key]); f != nil {{\n"
                'return f.At("[...]")\n}\n}\ne.Raw("}")\nreturn nil'
            )
        if isinstance(t, ModelRef):
            return "return v.writeJSON(e)"
        if isinstance(t, UnionRef):
            unset = 'if v == nil {\nreturn wire.Faultf("no variant set (nil)")\n}\n'
            return unset + "return v.writeJSON(e)"
        if isinstance(t, AnyOf):
            choice = self._choice(t)
            lines = ["set := 0"]
            lines += [f"if v.{o.field} != nil {{\nset++\n}}" for o in choice.options]
            lines += [
                "if set != 1 {",
                f'return wire.Faultf("set exactly one field of {choice.name}")',
                "}",
                "switch {",
            ]
            for o in choice.options:
                value = f"*v.{o.field}" if o.by_pointer else f"v.{o.field}"
                lines += [
                    f"case v.{o.field} != nil:",
                    f"return write{self.helper(o.type_expr)}(e, {value})",
                ]
            lines += ["}", "return nil"]
            return "\n".join(lines)
        raise TypeError(t)

    def write_model(self, gm: GoModel) -> str:
        """`(*M).writeJSON`: the tag first, then the fields in schema order, as Python writes."""
        m = gm.model
        opening = "{"
        if m.tag:
            opening += f"{json.dumps(m.tag[0])}:{json.dumps(m.tag[1])}"
        lines = [
            f"func (m *{m.name}) writeJSON(e *wire.Encoder) *wire.Fault {{",
            f'if m == nil {{\nreturn wire.Faultf("a nil *{m.name}")\n}}',
            f"e.Raw({go_string(opening)})",
        ]
        for f in gm.fields:
            name = f.field.name
            key = go_string(json.dumps(name) + ":")
            at = f'.At(".{name}")'
            if not f.wrapped:
                lines += [
                    f"e.Field({key})",
                    f"if f := write{f.helper}(e, m.{f.name}); f != nil {{\nreturn f{at}\n}}",
                ]
                continue
            lines += [
                f"switch m.{f.name}.state {{",
                "case stateValue:",
                f"e.Field({key})",
                f"if f := write{f.helper}(e, m.{f.name}.value); f != nil {{\nreturn f{at}\n}}",
                "case stateNull:",
            ]
            if f.field.nullable:
                lines.append(f"e.Field({key})\ne.Null()")
            else:
                lines.append(f'return wire.Faultf("null, where the schema allows none"){at}')
            if f.field.required:
                lines.append(f'default:\nreturn wire.Faultf("a required field left unset"){at}')
            lines.append("}")
        lines += ['e.Raw("}")', "return nil", "}"]
        return "\n".join(lines)


def _kind_doc(option: Option) -> str:
    t = option.type_expr
    if isinstance(t, Scalar):
        return "bytes" if t.base64 else t.kind
    if isinstance(t, LiteralOf):
        return literal_kind(t)
    if isinstance(t, ArrayOf):
        return "array"
    return "object"


def _option_doc(option: Option) -> str:
    t = option.type_expr
    if isinstance(t, LiteralOf):
        values = ", ".join(json.dumps(v) for v in t.values)
        return f"{option.field} ({values})"
    return f"{option.field} ({option.go_type})"


def literal_kind(literal: LiteralOf) -> str:
    """The one scalar kind of an enumeration's values: str, int, float or bool."""
    kinds = {
        "bool" if isinstance(v, bool) else "str" if isinstance(v, str) else
        "int" if isinstance(v, int) else "float"
        for v in literal.values
    }  # fmt: skip
    if kinds == {"int", "float"}:
        kinds = {"float"}
    if len(kinds) != 1:
        raise SchemaError(f"the Go emitter reads enumerations of one JSON type: {literal.values}")
    (kind,) = kinds
    if kind == "int" and not all(-(2**63) <= int(v) < 2**63 for v in literal.values):
        raise SchemaError(f"an integer enumeration beyond int64: {literal.values}")
    return kind


def _literal_switch(literal: LiteralOf, var: str) -> str:
    """The head of a Go switch whose one case is the enumeration's values (`case a, b`)."""
    kind = literal_kind(literal)
    if kind == "int":  # an Int, by its int64 value
        tests = " || ".join(f"small == {int(v)}" for v in literal.values)
        return f"switch small, fits := {var}.Int64(); {{\ncase fits && ({tests})"
    cases = ", ".join(go_string(str(v)) if kind == "str" else json.dumps(v) for v in literal.values)
    return f"switch {var} {{\ncase {cases}"


def _literal_text(literal: LiteralOf, var: str) -> str:
    """A Go expression: the value in `var` as text, for the fault."""
    kind = literal_kind(literal)
    if kind == "str":
        return var
    if kind == "int":
        return f"{var}.String()"
    if kind == "bool":
        return f"strconv.FormatBool({var})"
    return f"strconv.FormatFloat({var}, 'g', -1, 64)"


def decode_func(direction: Direction) -> str:
    return f"Decode{direction.capitalize()}Event"


def types_var(direction: Direction) -> str:
    return f"{direction.capitalize()}EventTypes"


def notice(protocol: Protocol | None, what: str) -> str:
    """The first lines of every generated Go file: Go's `Code generated ... DO NOT EDIT.` line
    (which go vet and editors honour), then where it comes from."""
    source = f"schema/{protocol.name}/*.json" if protocol else "schema/"
    return (
        f"// Code generated by `make generate` (python -m codegen) from {source}: {what}."
        " DO NOT EDIT.\n"
        "// Change schema/ or codegen/ (emit_go.py, templates/go/) and run `make generate`.\n"
    )


def build(protocols: list[Protocol]) -> dict[str, str]:
    """The Go module, keyed by path under generated/, gofmt'ed."""
    env = render.environment()
    env.filters.update(
        go_comment=comment,
        go_name=go_name,
        go_string=go_string,
        type_const=type_const,
        decode_func=decode_func,
        types_var=types_var,
        unknown_name=naming.unknown_name,
    )
    files: dict[str, str] = {
        f"{FOLDER}/go.mod": env.get_template("go/go.mod.j2").render(
            notice=notice(None, "the Go module"), module=MODULE, go_version=GO_VERSION
        ),
    }
    packages = [GoPackage(p) for p in protocols]
    transport = json.loads((SCHEMA_ROOT / "transport.json").read_text())["protocols"]
    files[f"{FOLDER}/cmd/realtime-verdict/main.go"] = env.get_template("go/verdict.go.j2").render(
        notice=notice(None, "the verdict driver"), module=MODULE, packages=packages
    )
    for package in packages:
        context = {
            "pkg": package,
            "protocol": package.protocol,
            "runtime": RUNTIME,
            "transport": transport.get(package.protocol.name),
        }
        for name, what in (
            ("types", "Go types"),
            ("decode", "Go decoders"),
            ("encode", "Go encoders"),
            ("optional", "Go runtime glue"),
        ):
            text = env.get_template(f"go/{name}.go.j2").render(
                notice=notice(package.protocol, what), **context
            )
            files[f"{FOLDER}/{package.name}/{name}.go"] = text
    return {
        path: gofmt(path, text) if path.endswith(".go") else text for path, text in files.items()
    }
