"""Emit the pydantic backend: `<protocol>/_pydantic.py` by datamodel-code-generator, and
`<protocol>/models.py` (unions, dispatch tables, decoders) from jinja2.

datamodel-code-generator reads a JSON Schema written from the intermediate model in the dialect it
handles best (every union inline with its discriminator, nullability as `anyOf` with null), so both
backends come from the same model and the canonical schema can stay plain JSON Schema.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from codegen import naming, pytypes, render
from codegen.emit_structs import exports
from codegen.ir import (
    AnyOf,
    ArrayOf,
    Field,
    LiteralOf,
    MapOf,
    Model,
    ModelRef,
    Protocol,
    Scalar,
    TypeExpr,
    UnionRef,
)

_SCALARS = {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}
_JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}
_DISCRIMINATED = f"{naming.PACKAGE}._runtime.models_support.Discriminated"
_BASE64 = f"{naming.PACKAGE}._runtime.models_support.Base64Payload"
_JSON_OBJECT = f"{naming.PACKAGE}._runtime.models_support.JsonObject"
_OR_UNKNOWN = f"{naming.PACKAGE}._runtime.models_support.OrUnknown"
# What `_wire_conventions` adds to datamodel-code-generator's output (ruff drops what is unused).
_WIRE_IMPORTS = (
    "from msgspec import UNSET\n"
    "from pydantic import Field\n"
    f"from {naming.PACKAGE}._runtime.models_support import Unsettable\n"
)

DATAMODEL_CODEGEN_ARGS = [
    "--input-file-type", "jsonschema",
    "--output-model-type", "pydantic_v2.BaseModel",
    "--preset", "standard-py311-20261027",
    "--target-pydantic-version", "2.14",
    "--use-missing-sentinel",
    "--use-one-literal-as-default",
    "--enum-field-as-literal", "all",
    "--use-title-as-name",
    "--use-schema-description",
    "--use-field-description",
    "--keep-model-order",
    "--skip-root-model",
    "--no-allow-remote-refs",
    "--base-class", "realtime_schema._runtime.models_support.WireModel",
]  # fmt: skip


class _Dialect:
    """The intermediate model as datamodel-code-generator input."""

    def __init__(self, protocol: Protocol) -> None:
        self.protocol = protocol

    def document(self) -> dict[str, Any]:
        defs = {name: self.model(name) for name in self.protocol.models}
        return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": defs}

    def model(self, name: str) -> dict[str, Any]:
        model = self.protocol.models[name]
        schema: dict[str, Any] = {
            "title": model.name,
            "description": model.description,
            "type": "object",
            # The tag first, where the structs write it, so both backends write the same bytes.
            "properties": {f.name: self.field(f, model) for f in _tag_first(model)},
            "required": [f.name for f in model.fields if f.required],
        }
        if model.event_union:
            module = f"{naming.PACKAGE}.{self.protocol.module_name}._model_bases"
            schema["customBasePath"] = f"{module}.{model.event_union}"
        return schema

    def field(self, field: Field, model: Model) -> dict[str, Any]:
        schema: dict[str, Any]
        if _is_constant(field) and field.name != model.tag_field:
            # Not a union's tag, so the wire must send it: no one-value default (which
            # `--use-one-literal-as-default` gives tags, so constructors need no `type=`).
            value = field.type.values[0]  # type: ignore[union-attr]
            schema = {
                "type": _JSON_TYPES[type(value)],
                "x-python-type": pytypes.annotation(field.type, self.protocol),
            }
        elif field.nullable and isinstance(field.type, UnionRef) and field.type.open:
            schema = {"anyOf": [self.open_union(field.type.name), {"type": "null"}]}
        elif field.nullable and isinstance(field.type, UnionRef):
            # `anyOf [union, null]` loses the discriminator; this spelling keeps it.
            schema = self.union(field.type.name)
            schema["type"] = ["object", "null"]
        elif field.nullable:
            schema = {"anyOf": [self.type(field.type), {"type": "null"}]}
        else:
            schema = self.type(field.type)
        schema["description"] = field.doc
        return schema

    def type(self, type_expr: TypeExpr) -> dict[str, Any]:
        if isinstance(type_expr, Scalar) and type_expr.base64:
            return {"type": "string", "x-python-type": _BASE64}
        if isinstance(type_expr, Scalar):
            return {"type": _SCALARS[type_expr.kind]} if type_expr.kind != "any" else {}
        if isinstance(type_expr, LiteralOf):
            values = list(type_expr.values)
            return {"const": values[0]} if len(values) == 1 else {"enum": values}
        if isinstance(type_expr, ArrayOf):
            return {"type": "array", "items": self.type(type_expr.item)}
        if isinstance(type_expr, MapOf):
            if type_expr.value == Scalar("any"):  # free-form JSON: numbers checked finite
                return {"type": "object", "x-python-type": _JSON_OBJECT}
            return {"type": "object", "additionalProperties": self.type(type_expr.value)}
        if isinstance(type_expr, ModelRef):
            return {"$ref": f"#/$defs/{type_expr.name}"}
        if isinstance(type_expr, UnionRef) and type_expr.open:
            return self.open_union(type_expr.name)
        if isinstance(type_expr, UnionRef):
            return self.union(type_expr.name)
        if isinstance(type_expr, AnyOf):
            return {"anyOf": [self.choice(option) for option in type_expr.options]}
        raise TypeError(type_expr)

    def choice(self, option: TypeExpr) -> dict[str, Any]:
        """An option of an untagged choice; datamodel-code-generator would flatten a union there
        and drop its discriminator."""
        if not isinstance(option, UnionRef) or option.open:
            return self.type(option)
        return {"type": "object", "x-python-type": self.discriminated(option.name)}

    def discriminated(self, name: str) -> str:
        union = self.protocol.unions[name]
        if union.discriminator != "type":
            raise ValueError(f"{union.name}: models_support.Discriminated tags on `type` only")
        return f"{_DISCRIMINATED}[{' | '.join(union.variants)}]"

    def open_union(self, name: str) -> dict[str, Any]:
        """`OrUnknown[<the union>, Unknown<union>]`: what `pytypes.annotation` gives structs."""
        module = f"{naming.PACKAGE}.{self.protocol.module_name}.unknown"
        unknown = f"{module}.{self.protocol.unions[name].unknown}"
        return {
            "type": "object",
            "x-python-type": f"{_OR_UNKNOWN}[{self.discriminated(name)}, {unknown}]",
        }

    def union(self, name: str) -> dict[str, Any]:
        union = self.protocol.unions[name]
        return {
            "oneOf": [{"$ref": f"#/$defs/{variant}"} for variant in union.variants],
            "discriminator": {"propertyName": union.discriminator},
        }


def _tag_first(model: Model) -> list[Field]:
    return sorted(model.fields, key=lambda f: f.name != model.tag_field)  # stable


def _is_constant(field: Field) -> bool:
    return field.required and isinstance(field.type, LiteralOf) and len(field.type.values) == 1


def emit_pydantic(protocol: Protocol) -> str:
    """Run datamodel-code-generator on the dialect schema; returns the module text."""
    header = naming.header(protocol, "pydantic models, by datamodel-code-generator").rstrip("\n")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"{protocol.module_name}.json"
        source.write_text(json.dumps(_Dialect(protocol).document(), indent=2))
        command = [
            sys.executable, "-m", "datamodel_code_generator",
            "--input", source.name, "--output", "out.py",
            "--custom-file-header", header,
            *DATAMODEL_CODEGEN_ARGS,
        ]  # fmt: skip
        subprocess.run(command, cwd=tmp, check=True, capture_output=True, text=True)
        return _wire_conventions((Path(tmp) / "out.py").read_text(), protocol)


def _wire_conventions(text: str, protocol: Protocol) -> str:
    """Rewrite datamodel-code-generator's module to the conventions both backends share.

    - Absent is msgspec's `UNSET` (falsy), not pydantic's `MISSING` (truthy), so `if x.code:`
      branches alike in both: `a: T | MISSING = MISSING` becomes `a: Unsettable[T] = UNSET`.
    - A union tag is left out of `repr`, as the structs (where it is a class constant) leave it,
      and the class names it in `__wire_tag__`, which the constructor checks (`WireModel`).
    """
    source = text.encode()
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: int, column: int) -> int:  # ast columns count UTF-8 bytes
        return starts[line - 1] + column

    edits: list[tuple[int, int, str]] = []
    for node in ast.parse(text).body:
        if not isinstance(node, ast.ClassDef) or node.name not in protocol.models:
            continue
        tag = protocol.models[node.name].tag
        for statement in node.body:
            if not isinstance(statement, ast.AnnAssign) or statement.value is None:
                continue
            name = statement.target
            assert isinstance(name, ast.Name)
            # The whole statement: an annotation or a value may be wrapped in parentheses.
            start = offset(statement.lineno, statement.col_offset)
            end = offset(statement.end_lineno or 0, statement.end_col_offset or 0)
            if isinstance(statement.value, ast.Name) and statement.value.id == "MISSING":
                annotation = ast.unparse(_WithoutMissing().visit(statement.annotation))
                assert "MISSING" not in annotation, (node.name, annotation)
                edits.append((start, end, f"{name.id}: Unsettable[{annotation}] = UNSET"))
            elif tag and name.id == tag[0]:
                annotation = ast.unparse(statement.annotation)
                value, pair = json.dumps(tag[1]), f"({json.dumps(tag[0])}, {json.dumps(tag[1])})"
                edits.append(
                    (
                        start,
                        end,
                        f"__wire_tag__ = {pair}\n"  # before the field, which its docstring follows
                        f"    {name.id}: {annotation} = Field({value}, repr=False)",
                    )
                )
    for start, end, replacement in sorted(edits, reverse=True):
        source = source[:start] + replacement.encode() + source[end:]
    future = b"from __future__ import annotations\n"
    assert future in source
    return source.replace(future, future + _WIRE_IMPORTS.encode(), 1).decode()


class _WithoutMissing(ast.NodeTransformer):
    """`A | B | MISSING` -> `A | B`, also inside `Annotated[...]`."""

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        node = self.generic_visit(node)  # type: ignore[assignment]
        if isinstance(node.op, ast.BitOr):
            for side, other in ((node.right, node.left), (node.left, node.right)):
                if isinstance(side, ast.Name) and side.id == "MISSING":
                    return other
        return node


def emit_models(protocol: Protocol) -> str:
    return render.render(
        "models.py.j2",
        header=naming.header(protocol, "pydantic decode/encode API"),
        protocol=protocol,
        exports=exports(protocol),
        model_names=list(protocol.models),
        event_unions=[u for u in protocol.unions.values() if u.direction],
        unions=[u for u in protocol.unions.values() if not u.direction],
        directions=["client", "server"],
    )


def emit_bases(protocol: Protocol) -> str:
    return render.render(
        "model_bases.py.j2",
        header=naming.header(protocol, "pydantic event base classes"),
        protocol=protocol,
        event_unions=[u for u in protocol.unions.values() if u.direction],
    )
