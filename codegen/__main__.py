"""`python -m codegen`: regenerate everything under generated/ from schema/."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from codegen import emit_models, emit_structs, naming, render
from codegen.parser import SCHEMA_ROOT, parse_protocol, protocol_names

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / "generated" / naming.PACKAGE
RUNTIME_SOURCE = Path(__file__).resolve().parent / "runtime"
VERSION = "0.1.0"


def build() -> dict[str, str]:
    """Every generated file, keyed by its path under generated/realtime_schema."""
    protocols = [parse_protocol(name) for name in protocol_names()]
    files = {
        "__init__.py": render.render(
            "package_init.py.j2",
            header=naming.header(None, "package root"),
            protocols=protocols,
            version=VERSION,
        ),
        "py.typed": "",
        "__main__.py": render.render("package_main.py.j2", header=naming.header(None, "CLI")),
    }
    migration = json.loads((SCHEMA_ROOT / "beta-to-ga.json").read_text())
    files["migration.py"] = render.render(
        "migration.py.j2",
        header=naming.header(None, "beta -> GA renames, from schema/beta-to-ga.json"),
        renames=migration["event_types"],
        description=migration["description"],
    )
    for source in sorted(RUNTIME_SOURCE.glob("*.py")):
        note = f"# Copied from codegen/runtime/{source.name} by `make generate`. DO NOT EDIT.\n"
        files[f"_runtime/{source.name}"] = note + source.read_text()
    for protocol in protocols:
        folder = protocol.module_name
        files[f"{folder}/__init__.py"] = render.render(
            "protocol_init.py.j2", header=naming.header(protocol, "package"), protocol=protocol
        )
        files[f"{folder}/event_types.py"] = render.render(
            "event_types.py.j2", header=naming.header(protocol, "event index"), protocol=protocol
        )
        files[f"{folder}/structs.py"] = emit_structs.emit(protocol)
        files[f"{folder}/_model_bases.py"] = emit_models.emit_bases(protocol)
        files[f"{folder}/_pydantic.py"] = emit_models.emit_pydantic(protocol)
        files[f"{folder}/models.py"] = emit_models.emit_models(protocol)
    return {relative: _format(relative, text) for relative, text in files.items()}


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


def write(files: dict[str, str]) -> None:
    if PACKAGE_DIR.exists():
        shutil.rmtree(PACKAGE_DIR)  # so a removed definition never leaves a stale file behind
    for relative, text in files.items():
        path = PACKAGE_DIR / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def main() -> None:
    files = build()
    write(files)
    print(f"generated {len(files)} files under {PACKAGE_DIR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
