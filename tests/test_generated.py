"""generated/ is what the generator makes now, and the two backends expose one API."""

from __future__ import annotations

import json
import os

import msgspec
import pytest

from codegen import emit_go
from codegen.__main__ import GENERATED, HAND_WRITTEN, build, is_hand_written, on_disk
from codegen.parser import parse_protocol
from tests.support import PROTOCOLS, backend, event_types

# The Go module is formatted by gofmt: without Go (and outside CI) it is left out of the check.
WITH_GO = emit_go.gofmt_path() is not None or bool(os.environ.get("CI"))


@pytest.fixture(scope="module")
def built() -> dict[str, str]:
    return build(go=WITH_GO)


def test_generated_matches_the_schema(built: dict[str, str]) -> None:
    """A schema or codegen change without `make generate` fails here: the Python package,
    every published artifact (bundles, event indexes, AsyncAPI, TypeScript, Markdown) and the
    Go module."""
    files = on_disk()
    if not WITH_GO:
        files = {k: v for k, v in files.items() if not k.startswith(f"{emit_go.FOLDER}/")}
    assert sorted(files) == sorted(built)
    stale = [name for name, text in built.items() if files[name] != text]
    assert not stale, f"stale generated files, run `make generate`: {stale}"


def test_every_generated_file_names_its_source_and_command(built: dict[str, str]) -> None:
    for relative, text in built.items():
        if relative.endswith(".json"):  # JSON has no comments: the notice is a field
            document = json.loads(text)
            head = document.get("$comment") or document.get("x-generated", "")
        elif text:
            head = text.splitlines()[0]
        else:
            continue  # py.typed, an empty marker
        assert "make generate" in head, relative


def test_the_generator_never_writes_the_hand_written_runtime(built: dict[str, str]) -> None:
    """_runtime/ is source: the generator neither writes nor copies it, and each file says so."""
    assert not [name for name in built if is_hand_written(name)]
    sources = [p for folder in HAND_WRITTEN for p in sorted((GENERATED / folder).glob("*.py"))]
    assert sources
    for path in sources:
        first = path.read_text().splitlines()[0]
        assert first.startswith("# Hand-written") and "make generate" in first, path


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_both_backends_export_the_same_names(protocol: str) -> None:
    structs, models = backend(protocol, "structs"), backend(protocol, "models")
    assert structs.__all__ == models.__all__
    for name in structs.__all__:
        assert hasattr(structs, name) and hasattr(models, name), name


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("direction", ["client", "server"])
def test_dispatch_tables_match_the_event_index(protocol: str, direction: str) -> None:
    index = {
        e.type: e.class_name for e in event_types(protocol).EVENT_TYPES if e.direction == direction
    }
    for name in ("structs", "models"):
        table = getattr(backend(protocol, name), f"{direction.upper()}_EVENT_TYPES")
        assert {t: cls.__name__ for t, cls in table.items()} == index
        base = getattr(
            backend(protocol, name), "ClientEvent" if direction == "client" else "ServerEvent"
        )
        assert all(issubclass(cls, base) for cls in table.values())


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_every_event_class_reads_its_type(protocol: str) -> None:
    for name in ("structs", "models"):
        module = backend(protocol, name)
        for direction in ("CLIENT", "SERVER"):
            for event_type, cls in getattr(module, f"{direction}_EVENT_TYPES").items():
                fields = cls.model_fields if name == "models" else {}
                default = fields["type"].default if fields else cls.type
                assert default == event_type


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_struct_classes_mirror_the_schema(protocol: str) -> None:
    """Each Struct has exactly the schema's properties (the tag is a class constant)."""
    ir = parse_protocol(protocol)
    structs = backend(protocol, "structs")
    models = backend(protocol, "models")
    for model in ir.models.values():
        struct_fields = set(getattr(structs, model.name).__struct_fields__)
        model_fields = set(getattr(models, model.name).model_fields) - {model.tag_field}
        assert struct_fields == model_fields == {f.name for f in model.plain_fields}, model.name


def test_unset_is_one_sentinel_in_both_backends() -> None:
    for protocol in PROTOCOLS:
        assert backend(protocol, "structs").UNSET is msgspec.UNSET
        assert backend(protocol, "models").UNSET is msgspec.UNSET


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_models_json_schema_documents_no_unset_default(protocol: str) -> None:
    """`UNSET` is no default a JSON Schema can state: left out, without pydantic's warning."""
    import warnings

    models = backend(protocol, "models")
    for name in models.__all__:
        cls = getattr(models, name)
        if isinstance(cls, type) and hasattr(cls, "model_json_schema"):
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                schema = json.dumps(cls.model_json_schema())
            assert "UNSET" not in schema, name
