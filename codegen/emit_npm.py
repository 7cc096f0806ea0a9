"""Emit `npm/`: the npm package `realtime-schema` (ESM, TypeScript declarations, ajv runtime).

The package holds, per protocol, the published bundle, event index and declarations, and an
entry point (`realtime-schema/<protocol>`) that binds them to the hand-written runtime in
`npm/runtime/` (validators on ajv, `peekType`, `DecodeError`), which the generator never writes.

The bundles, indexes and declarations are copies, byte for byte, of `schema/` and
`typescript/` (taken from the same build, so they cannot differ): those stay where every other
language and the AsyncAPI documents address them, and an npm package can only ship files inside
its own folder. Git stores a file and its identical copy as one blob.

The package's version is the schema's (`schema/VERSION`): the package is the schema and its
validators, so a schema change is a package change of the same semver kind.
"""

from __future__ import annotations

from typing import Any

from codegen import emit_bundle, emit_typescript, naming, render
from codegen.ir import Protocol
from codegen.parser import SchemaError

PACKAGE_NAME = "realtime-schema"
FOLDER = "npm"
RUNTIME = f"{FOLDER}/runtime"  # hand-written (codegen/__main__.py HAND_WRITTEN)
# ajv is the runtime's one dependency; package-lock.json pins the 8.20.0 the tests run it with.
AJV_RANGE = "^8.20.0"
NODE_RANGE = ">=20.10"  # JSON modules with import attributes (`with { type: "json" }`)
# What an entry point exports besides the protocol's types, which must not shadow them.
ENTRY_NAMES = frozenset(
    {
        "PROTOCOL",
        "SCHEMA_VERSION",
        "CLIENT_EVENT_TYPES",
        "SERVER_EVENT_TYPES",
        "validateClientEvent",
        "validateServerEvent",
        "peekType",
        "DecodeError",
        "Verdict",
        "EventVerdict",
        "UnknownVerdict",
        "InvalidVerdict",
    }
)


def copied_paths(protocol: Protocol) -> list[str]:
    """The published files the package carries, by their path under generated/ (and npm/)."""
    return [
        f"schema/{emit_bundle.bundle_file(protocol)}",
        f"schema/{emit_bundle.event_index_file(protocol)}",
        f"typescript/{emit_typescript.typescript_file(protocol)}",
    ]


def emit(protocols: list[Protocol], published: dict[str, str], version: str) -> dict[str, str]:
    """Every generated file of the package, keyed by path under generated/."""
    files = {}
    for protocol in protocols:
        titles = set(protocol.models) | set(protocol.unions) | set(protocol.unknowns)
        clashes = ENTRY_NAMES & titles
        if clashes:
            raise SchemaError(f"{protocol.name}: titles {sorted(clashes)} clash with npm exports")
        for path in copied_paths(protocol):
            files[f"{FOLDER}/{path}"] = published[path]
        context = {"protocol": protocol, "version": version}
        for suffix, what in ((".js", "npm entry point"), (".d.ts", "npm entry point types")):
            files[f"{FOLDER}/{protocol.name}{suffix}"] = render.render(
                f"npm_entry{suffix}.j2", notice=naming.notice(protocol, what), **context
            )
    files[f"{FOLDER}/package.json"] = emit_bundle.json_text(manifest(protocols, version))
    files[f"{FOLDER}/README.md"] = render.render(
        "npm_readme.md.j2",
        notice=naming.notice(None, "the npm package's README"),
        protocols=protocols,
        version=version,
        name=PACKAGE_NAME,
        node=NODE_RANGE,
    )
    return files


def manifest(protocols: list[Protocol], version: str) -> dict[str, Any]:
    runtime = {"types": "./runtime/index.d.ts", "default": "./runtime/index.js"}
    exports: dict[str, Any] = {".": runtime}
    for protocol in protocols:
        exports[f"./{protocol.name}"] = {
            "types": f"./{protocol.name}.d.ts",
            "default": f"./{protocol.name}.js",
        }
    exports["./schema/*"] = "./schema/*"  # the bundles and event indexes, for other tools
    exports["./package.json"] = "./package.json"
    return {
        "x-generated": " ".join(naming.notice(None, "the npm package's manifest")),
        "name": PACKAGE_NAME,
        "version": version,
        "description": (
            "The OpenAI Realtime API wire protocol: TypeScript types, JSON Schema bundles and "
            "ajv validators that judge every frame as the Python package realtime_schema does."
        ),
        "license": "MIT",
        "type": "module",
        "engines": {"node": NODE_RANGE},
        "sideEffects": False,
        "exports": exports,
        "types": runtime["types"],
        "files": ["*.js", "*.d.ts", "runtime/", "schema/", "typescript/", "README.md"],
        "dependencies": {"ajv": AJV_RANGE},
    }
