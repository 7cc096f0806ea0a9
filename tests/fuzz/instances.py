"""Valid events, generated from the intermediate model the backends are generated from.

hypothesis-jsonschema does not read 2020-12 (`$defs`, cross-file `$ref`), so we walk the
`codegen.ir` model instead. Randomness comes from a `random.Random`: seeded for the fixed-seed
campaign, or hypothesis's own (`st.randoms()`), so hypothesis can shrink a failure.
"""

from __future__ import annotations

import base64
import random
from typing import Any

from codegen.ir import (
    AnyOf,
    ArrayOf,
    LiteralOf,
    MapOf,
    Model,
    ModelRef,
    Protocol,
    Scalar,
    TypeExpr,
    UnionRef,
)

# Strings that stress a decoder: empty, quotes and escapes, astral plane, combining marks, NUL,
# right-to-left, a byte-order mark inside, and a long one.
STRINGS = (
    "",
    "a",
    "event_1",
    'say "hi"\\n',
    "línea\nnueva\ttab",
    "\U0001f3a4\U0001f600 astral",
    "e\u0301\u0308 combining",
    "nul\u0000inside",
    "\u05e9\u05dc\u05d5\u05dd rtl",
    "\ufeffbom",
    "\u2028\u2029 separators",
    "x" * 300,
)
# Tags no union has: in a server event an unknown variant, in a client event an error.
UNKNOWN_TAGS = ("x_future_kind", "", "MESSAGE", "message ", "output_video")
INTS = (0, 1, -1, 42, 24000, 2**31, -(2**31), 2**53 + 1, 2**63 - 1, -(2**63), 2**64 + 7, -(2**70))
FLOATS = (0.0, -0.0, 0.5, 1.0, -2.5, 1e-300, 5e-324, 1.7976931348623157e308, -1e308, 3.14159)


class Generator:
    """Builds JSON values of the intermediate model's types (dicts, lists, scalars)."""

    def __init__(self, protocol: Protocol, rng: random.Random, max_depth: int = 6) -> None:
        self.ir = protocol
        self.rng = rng
        self.max_depth = max_depth

    def event(self, model_name: str) -> dict[str, Any]:
        return self.model(self.ir.models[model_name], 0)

    def model(self, model: Model, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        shallow = depth >= self.max_depth
        for field in model.fields:
            if field.required:
                if field.nullable and self.rng.random() < 0.2:
                    out[field.name] = None
                else:
                    out[field.name] = self.value(field.type, depth + 1)
                continue
            roll = self.rng.random()
            if shallow or roll < 0.35:
                continue  # absent
            out[field.name] = None if roll < 0.5 else self.value(field.type, depth + 1)
        if self.rng.random() < 0.1:
            out[f"x_undeclared_{self.rng.randrange(100)}"] = self.json_value(depth + 1)
        return out

    def value(self, type_expr: TypeExpr, depth: int) -> Any:
        rng = self.rng
        if isinstance(type_expr, Scalar):
            return self.scalar(type_expr, depth)
        if isinstance(type_expr, LiteralOf):
            return rng.choice(type_expr.values)
        if isinstance(type_expr, ArrayOf):
            count = 0 if depth >= self.max_depth else rng.choice((0, 1, 1, 2, 3))
            return [self.value(type_expr.item, depth + 1) for _ in range(count)]
        if isinstance(type_expr, MapOf):
            count = 0 if depth >= self.max_depth else rng.choice((0, 1, 2))
            return {
                rng.choice(STRINGS[1:8]) + str(i): self.value(type_expr.value, depth + 1)
                for i in range(count)
            }
        if isinstance(type_expr, ModelRef):
            return self.model(self.ir.models[type_expr.name], depth)
        if isinstance(type_expr, UnionRef):
            if rng.random() < 0.05:  # a tag the union does not know: unknown variant, or error
                return {"type": rng.choice(UNKNOWN_TAGS), "x_data": self.json_value(depth + 1)}
            variant = rng.choice(self.ir.unions[type_expr.name].variants)
            return self.model(self.ir.models[variant], depth)
        if isinstance(type_expr, AnyOf):
            return self.value(rng.choice(type_expr.options), depth)
        raise TypeError(type_expr)

    def scalar(self, scalar: Scalar, depth: int) -> Any:
        rng = self.rng
        if scalar.base64:
            return base64.b64encode(rng.randbytes(rng.choice((0, 1, 2, 3, 48, 480, 4800)))).decode()
        if scalar.kind == "str":
            return rng.choice(STRINGS)
        if scalar.kind == "int":
            return rng.choice(INTS)
        if scalar.kind == "float":
            return rng.choice(FLOATS + (rng.uniform(-1e6, 1e6),))
        if scalar.kind == "bool":
            return rng.random() < 0.5
        return self.json_value(depth)

    def json_value(self, depth: int) -> Any:
        """Free-form JSON (tool parameters, metadata, undeclared fields)."""
        rng = self.rng
        kind = rng.randrange(8 if depth < self.max_depth else 6)
        if kind == 0:
            return None
        if kind == 1:
            return rng.random() < 0.5
        if kind == 2:
            return rng.choice(INTS)
        if kind == 3:
            return rng.choice(FLOATS)
        if kind in (4, 5):
            return rng.choice(STRINGS)
        if kind == 6:
            return [self.json_value(depth + 1) for _ in range(rng.randrange(3))]
        return {f"k{i}": self.json_value(depth + 1) for i in range(rng.randrange(3))}
