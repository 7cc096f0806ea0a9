"""What an import costs: a structs import loads nothing but msgspec, pybase64 and our own modules;
the package root loads its capture helpers on first use; Struct annotations are type objects.

(The import time itself is a bench target, `make bench`; no test asserts a timing.)
"""

from __future__ import annotations

import ast
import subprocess
import sys
import types

import msgspec
import pytest

import realtime_schema
from codegen import emit_shapes, emit_structs
from codegen.emit_structs import definition_order, references
from codegen.ir import (
    ArrayOf,
    Field,
    LiteralOf,
    Model,
    ModelRef,
    Protocol,
    Scalar,
    TypeExpr,
    UnionDef,
)
from codegen.parser import parse_protocol
from tests.support import PROTOCOLS, ROOT, backend, module_name

# Imported in a fresh interpreter after the floor (`import msgspec, pybase64`), printing what the
# import added to sys.modules (by repr: the child must not import json itself).
CHILD = """
import sys
import msgspec, pybase64
before = set(sys.modules)
import realtime_schema.{module}.structs
print(repr(sorted(set(sys.modules) - before)))
"""


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_a_structs_import_loads_only_our_own_modules(protocol: str) -> None:
    """json, dataclasses, the capture helpers and the CLI stay unloaded until used."""
    code = CHILD.format(module=module_name(protocol))
    child = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    added = ast.literal_eval(child.stdout)
    assert f"realtime_schema.{module_name(protocol)}.structs" in added
    assert [m for m in added if m.split(".")[0] != "realtime_schema"] == []
    assert "realtime_schema._runtime.capture" not in added


def test_the_package_root_loads_its_helpers_on_first_use() -> None:
    from realtime_schema._runtime import capture

    for name in ("FrameError", "iter_events", "peek_type"):
        assert getattr(realtime_schema, name) is getattr(capture, name)
        assert name in dir(realtime_schema)
    assert all(hasattr(realtime_schema, name) for name in realtime_schema.__all__)
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        realtime_schema.nothing_here  # noqa: B018 - the lookup is the test


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_struct_annotations_are_type_objects(protocol: str) -> None:
    """msgspec builds the Decoders from type objects, not from strings it must compile and
    evaluate (the import cost). A string is left only where a class names one defined after
    it (a cycle in the schema)."""
    ir = parse_protocol(protocol)
    structs = backend(protocol, "structs")
    position = {item.name: index for index, item in enumerate(definition_order(ir))}
    for model in ir.models.values():
        annotations = getattr(structs, model.name).__annotations__
        for field in model.plain_fields:
            if isinstance(annotations[field.name], str):
                later = [r for r in references(field.type) if position[r] >= position[model.name]]
                assert later, f"{model.name}.{field.name}: {annotations[field.name]!r}"


def _field(name: str, type_: TypeExpr, required: bool = True) -> Field:
    return Field(name, type_, required, nullable=False, description=name)


def _model(name: str, *fields: Field, event: tuple[str, str] | None = None) -> Model:
    """A model; an event when `event` is (its union, its tag)."""
    if event is None:
        return Model(name, name, list(fields))
    union, tag = event
    tag_field = _field("type", LiteralOf((tag,)))
    return Model(name, name, [tag_field, *fields], ("type", tag), union)


def test_a_cycle_in_the_schema_still_generates_a_working_module() -> None:
    """A Node holding Nodes, and two models naming each other: the generator quotes the
    annotations that name a class defined later, and msgspec resolves them."""
    protocol = Protocol(name="cycle")
    protocol.unions["ClientEvent"] = UnionDef("ClientEvent", "-", "type", ["PingEvent"], "client")
    protocol.unions["ServerEvent"] = UnionDef("ServerEvent", "-", "type", ["TreeEvent"], "server")
    for model in (
        _model("PingEvent", event=("ClientEvent", "ping")),
        _model(
            "TreeEvent",
            _field("node", ModelRef("Node")),
            _field("a", ModelRef("A"), required=False),
            event=("ServerEvent", "tree"),
        ),
        _model(
            "Node", _field("name", Scalar("str")), _field("children", ArrayOf(ModelRef("Node")))
        ),
        _model("A", _field("b", ModelRef("B"), required=False)),
        _model("B", _field("a", ModelRef("A"), required=False)),
    ):
        protocol.models[model.name] = model

    source = emit_structs.emit(protocol)
    assert 'children: "list[Node]"' in source  # the self-reference, quoted
    # A package of its own, with the neighbours structs.py imports (msgspec resolves a string
    # annotation in the class's module, so that must be importable too).
    package = "realtime_schema.cycle_test"
    modules = {package: "", f"{package}._shapes": emit_shapes.emit_shapes(protocol)}
    modules[f"{package}.unknown"] = emit_shapes.emit_unknown(protocol)
    for name, text in modules.items():
        sys.modules[name] = types.ModuleType(name)
        sys.modules[name].__package__ = package
        exec(compile(text, name, "exec"), sys.modules[name].__dict__)
    module = types.ModuleType(f"{package}.structs")
    module.__package__ = package
    sys.modules[module.__name__] = module
    try:
        exec(compile(source, module.__name__, "exec"), module.__dict__)
        frame = (
            b'{"type":"tree","node":{"name":"r","children":[{"name":"c","children":[]}]},'
            b'"a":{"b":{"a":{}}}}'
        )
        event = module.decode_server_event(frame)
        assert event.node.children[0].name == "c" and event.a.b.a.b is msgspec.UNSET
        assert msgspec.json.decode(module.encode(event)) == msgspec.json.decode(frame)
    finally:
        for name in [*modules, module.__name__]:
            del sys.modules[name]
