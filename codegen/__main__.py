"""`python -m codegen`: regenerate everything under generated/ from schema/."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from codegen import (
    conversation,
    emit_asyncapi,
    emit_bundle,
    emit_go,
    emit_models,
    emit_npm,
    emit_reference,
    emit_shapes,
    emit_structs,
    emit_typescript,
    naming,
    render,
    schema_version,
)
from codegen.ir import Protocol
from codegen.parser import SCHEMA_ROOT, load_documents, parse_protocol, protocol_names

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated"
PACKAGE_DIR = GENERATED / naming.PACKAGE
# The folders of generated/ the generator writes: write() empties them, the freshness test reads
# them. The hand-written runtimes live among them but are never written (HAND_WRITTEN).
OUTPUT_DIRS = (
    naming.PACKAGE,
    "schema",
    "asyncapi",
    "typescript",
    "docs",
    emit_npm.FOLDER,
    emit_go.FOLDER,
)
HAND_WRITTEN = (f"{naming.PACKAGE}/_runtime", emit_npm.RUNTIME, f"{emit_go.FOLDER}/internal")
VERSION = "0.1.0"


def build(go: bool = True) -> dict[str, str]:
    """Every generated file, keyed by its path under generated/. `go=False` leaves out the Go
    module (for the freshness test on a machine without Go; the generator always writes it)."""
    protocols = [parse_protocol(name) for name in protocol_names()]
    package = build_package(protocols)
    files = {f"{naming.PACKAGE}/{path}": text for path, text in package.items()}
    files.update(build_published(protocols))
    if go:
        files.update(emit_go.build(protocols))
    return files


def build_package(protocols: list[Protocol]) -> dict[str, str]:
    """The Python package, keyed by path under generated/realtime_schema."""
    files = {
        "__init__.py": render.render(
            "package_init.py.j2",
            header=naming.header(None, "package root"),
            protocols=protocols,
            version=VERSION,
        ),
        "py.typed": "",
        "__main__.py": render.render("package_main.py.j2", header=naming.header(None, "CLI")),
        "cli.py": render.render("package_cli.py.j2", header=naming.header(None, "CLI")),
    }
    migration = json.loads((SCHEMA_ROOT / "beta-to-ga.json").read_text())
    files["migration.py"] = render.render(
        "migration.py.j2",
        header=naming.header(None, "beta -> GA renames, from schema/beta-to-ga.json"),
        renames=migration["event_types"],
        description=migration["description"],
    )
    reducer = conversation.load()
    for protocol in protocols:
        folder = protocol.module_name
        spec = conversation.build(protocol, reducer)
        if spec is not None:
            files[f"{folder}/conversation.py"] = conversation.emit(spec, protocol)
        files[f"{folder}/__init__.py"] = render.render(
            "protocol_init.py.j2", header=naming.header(protocol, "package"), protocol=protocol
        )
        files[f"{folder}/event_types.py"] = render.render(
            "event_types.py.j2", header=naming.header(protocol, "event index"), protocol=protocol
        )
        files[f"{folder}/unknown.py"] = emit_shapes.emit_unknown(protocol)
        files[f"{folder}/_shapes.py"] = emit_shapes.emit_shapes(protocol)
        files[f"{folder}/structs.py"] = emit_structs.emit(protocol)
        files[f"{folder}/_model_bases.py"] = emit_models.emit_bases(protocol)
        files[f"{folder}/_pydantic.py"] = emit_models.emit_pydantic(protocol)
        files[f"{folder}/models.py"] = emit_models.emit_models(protocol)
    return {relative: _format(relative, text) for relative, text in files.items()}


def build_published(protocols: list[Protocol]) -> dict[str, str]:
    """The artifacts for other languages, keyed by path under generated/."""
    version = schema_version.read()
    transport = json.loads((SCHEMA_ROOT / "transport.json").read_text())
    files = {}
    for protocol in protocols:
        documents = load_documents(protocol.name)
        json_files = {
            f"schema/{emit_bundle.bundle_file(protocol)}": emit_bundle.bundle(
                protocol, documents, version
            ),
            f"schema/{emit_bundle.event_index_file(protocol)}": emit_bundle.event_index(
                protocol, documents, version
            ),
            f"asyncapi/{emit_asyncapi.asyncapi_file(protocol)}": emit_asyncapi.emit(
                protocol, documents, version, transport
            ),
        }
        files.update({path: emit_bundle.json_text(value) for path, value in json_files.items()})
        files[f"typescript/{emit_typescript.typescript_file(protocol)}"] = emit_typescript.emit(
            protocol, version
        )
        files[f"docs/{emit_reference.reference_file(protocol)}"] = emit_reference.emit(
            protocol, documents, version
        )
    files.update(emit_npm.emit(protocols, files, version))
    return files


def _format(relative: str, text: str) -> str:
    """Sort imports, drop unused ones (a protocol may not need every import), and format with
    the pinned ruff, so the output is byte-identical on every machine."""
    if not relative.endswith(".py"):
        return text
    name = str(PACKAGE_DIR.relative_to(ROOT) / relative)
    for step in (["check", "--select", "I,F401", "--fix-only", "-q"], ["format"]):
        command = [sys.executable, "-m", "ruff", *step, "--stdin-filename", name, "-"]
        done = subprocess.run(
            command, input=text, cwd=ROOT, check=True, capture_output=True, text=True
        )
        text = done.stdout
    return text


def is_hand_written(relative: str) -> bool:
    return any(relative == d or relative.startswith(f"{d}/") for d in HAND_WRITTEN)


def written_paths() -> list[Path]:
    """The files under generated/ that the generator owns, as they are on disk now."""
    return [
        path
        for folder in OUTPUT_DIRS
        for path in sorted((GENERATED / folder).rglob("*"))
        if path.is_file()
        and "__pycache__" not in path.parts
        and not is_hand_written(path.relative_to(GENERATED).as_posix())
    ]


def write(files: dict[str, str]) -> None:
    for path in written_paths():
        path.unlink()  # so a removed definition leaves no stale file
    for folder in OUTPUT_DIRS:
        for directory in sorted((GENERATED / folder).rglob("*"), reverse=True):
            if directory.is_dir() and not any(directory.iterdir()):
                directory.rmdir()
    for relative, text in files.items():
        assert not is_hand_written(relative), relative
        path = GENERATED / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def on_disk() -> dict[str, str]:
    """What generated/ holds now in the folders the generator owns, keyed like build()."""
    return {path.relative_to(GENERATED).as_posix(): path.read_text() for path in written_paths()}


def main() -> None:
    try:
        files = build()
    except emit_go.GofmtMissing as missing:
        sys.exit(f"python -m codegen: {missing}")
    write(files)
    print(f"generated {len(files)} files under {GENERATED.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
