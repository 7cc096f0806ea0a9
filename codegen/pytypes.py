"""Render intermediate-model types as Python annotations (shared by the Python emitters)."""

from __future__ import annotations

from codegen.ir import (
    AnyOf,
    ArrayOf,
    Field,
    LiteralOf,
    MapOf,
    ModelRef,
    Protocol,
    Scalar,
    TypeExpr,
    UnionRef,
)

_SCALARS = {"str": "str", "int": "int", "float": "float", "bool": "bool", "any": "Any"}


def annotation(type_expr: TypeExpr, protocol: Protocol) -> str:
    """The annotation both backends' classes carry. An open union reads
    `OrUnknown[U, UnknownU]`: `U | UnknownU` to a type checker, `U` to the decoders at run time
    (the slow path puts the unknown variants in, `_runtime/open_unions.py`)."""
    if isinstance(type_expr, Scalar):
        return "bytes" if type_expr.base64 else _SCALARS[type_expr.kind]
    if isinstance(type_expr, LiteralOf):
        return "Literal[" + ", ".join(_literal(v) for v in type_expr.values) + "]"
    if isinstance(type_expr, ArrayOf):
        return f"list[{annotation(type_expr.item, protocol)}]"
    if isinstance(type_expr, MapOf):
        return f"dict[str, {annotation(type_expr.value, protocol)}]"
    if isinstance(type_expr, UnionRef) and type_expr.open:
        return f"OrUnknown[{type_expr.name}, {protocol.unions[type_expr.name].unknown}]"
    if isinstance(type_expr, (ModelRef, UnionRef)):
        return type_expr.name
    if isinstance(type_expr, AnyOf):
        return " | ".join(annotation(option, protocol) for option in type_expr.options)
    raise TypeError(type_expr)


def field_annotation(field: Field, unset: str, protocol: Protocol) -> str:
    """`T`, `T | None`, or `T | None | <unset>` for an optional field."""
    text = annotation(field.type, protocol)
    if field.nullable:
        text += " | None"
    if not field.required:
        text += f" | {unset}"
    return text


def _literal(value: object) -> str:
    return (
        '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
        if isinstance(value, str)
        else repr(value)
    )


def docstring(text: str, indent: str = "    ") -> str:
    """A docstring literal, wrapped at about 96 columns."""
    words = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"').split()
    lines: list[str] = []
    line = ""
    for word in words:
        if line and len(indent) + len(line) + len(word) + 1 > 96:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    if len(lines) == 1 and len(indent) + len(lines[0]) + 6 <= 100:
        return f'"""{lines[0]}"""'
    body = "\n".join(f"{indent}{entry}" for entry in lines)
    return f'"""\n{body}\n{indent}"""'
