"""A TypeScript team's tools give the answers Python gives, on every fixture.

- ajv (draft 2020-12, strict, discriminator on) loads each bundle and judges every fixture case,
  valid and negative, as Python's jsonschema does (and as the case says).
- tsc --strict compiles the declarations, and a check generated here assigns every valid fixture
  to its event's interface; deliberately broken fixtures must fail to compile.
- The official AsyncAPI parser accepts each AsyncAPI document.

Each tool runs once per session, over all protocols (tests/node/*.mjs).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from codegen.__main__ import GENERATED
from codegen.ir import Model, Scalar
from codegen.parser import parse_protocol
from tests.bundles import bundle, bundle_validator, event_index, strict_json, union_uri
from tests.cases import all_cases, own_cases
from tests.nodejs import NODE_MODULES, run_script, tsc
from tests.support import PROTOCOLS, ROOT


def interfaces(protocol: str) -> dict[tuple[str, str], str]:
    """(direction, event type) -> interface name, from the published event index."""
    return {(e["direction"], e["type"]): e["title"] for e in event_index(protocol)["events"]}


@dataclass(frozen=True)
class Judged:
    """A case a JSON tool can judge: a JSON value, its direction, the verdict it must get."""

    label: str
    protocol: str
    direction: str
    event_type: str | None
    data: Any
    valid: bool


def fixture_cases(protocol: str) -> list[Judged]:
    """Every fixture case of the protocol whose frame is JSON (other frames are no schema's)."""
    judged = []
    for case in all_cases():
        if case.protocol != protocol:
            continue
        try:
            data = strict_json(case.frame)
        except ValueError:
            continue
        event_type = case.expect_type or (data.get("type") if isinstance(data, dict) else None)
        event_type = event_type if isinstance(event_type, str) else None
        judged.append(Judged(case.id, protocol, case.direction, event_type, data, case.valid))
    return judged


def broken(model: Model, data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The event with one top-level field made wrong in a way types can see: a scalar of
    another JSON type, or a required field left out."""
    for field in model.plain_fields:
        value = data.get(field.name)
        if isinstance(field.type, Scalar) and field.type.kind != "any" and value is not None:
            wrong = 12345 if field.type.kind == "str" else "not a " + field.type.kind
            yield f"{field.name} as {type(wrong).__name__}", {**data, field.name: wrong}
        if field.required and field.name in data:
            yield f"{field.name} left out", {k: v for k, v in data.items() if k != field.name}


@cache
def broken_cases(protocol: str) -> list[Judged]:
    """Negative cases derived from the full fixture of each event type (`<type>[0]`)."""
    ir = parse_protocol(protocol)
    names = interfaces(protocol)
    cases = []
    for case in own_cases(protocol):
        if case.id.endswith("[0]"):
            event_type = case.data["type"]
            model = ir.models[names[(case.direction, event_type)]]
            for what, data in broken(model, case.data):
                label = f"{case.id} with {what}"
                cases.append(Judged(label, protocol, case.direction, event_type, data, False))
    return cases


@pytest.fixture(scope="module")
def ajv_report() -> tuple[list[Judged], dict[str, Any]]:
    judged = [j for p in PROTOCOLS for j in fixture_cases(p) + broken_cases(p)]
    request = {
        "bundles": {p: str(GENERATED / f"schema/{p}.schema.json") for p in PROTOCOLS},
        "indexes": {p: str(GENERATED / f"schema/{p}.events.json") for p in PROTOCOLS},
        "cases": [
            {
                "protocol": j.protocol,
                "direction": j.direction,
                "event_type": j.event_type,
                "data": j.data,
            }
            for j in judged
        ],
    }
    return judged, run_script("ajv_verdicts.mjs", request=request)


def test_ajv_compiles_every_definition_in_strict_mode(
    ajv_report: tuple[list[Judged], dict[str, Any]],
) -> None:
    _, report = ajv_report
    for protocol in PROTOCOLS:
        loaded = report["protocols"][protocol]
        definitions = sum(len(r["$defs"]) for r in bundle(protocol)["$defs"].values())
        assert loaded["definitions"] == definitions
        assert loaded["warnings"] == [], f"{protocol}: ajv strict mode complained"
        assert loaded["index"] == len(event_index(protocol)["events"])


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_ajv_and_jsonschema_give_every_case_the_same_verdict(
    protocol: str, ajv_report: tuple[list[Judged], dict[str, Any]]
) -> None:
    """Every fixture (valid and negative) and every broken fixture: ajv's verdict is
    jsonschema's, is the case's; a valid event is also valid by its event-index entry."""
    judged, report = ajv_report
    mine = [
        (j, v) for j, v in zip(judged, report["verdicts"], strict=True) if j.protocol == protocol
    ]
    disagreements = []
    for j, verdict in mine:
        python = bundle_validator(protocol, union_uri(protocol, j.direction)).is_valid(j.data)
        if not verdict["valid"] is python is j.valid:
            disagreements.append(
                f"{j.label}: expected {j.valid}, jsonschema {python}, ajv {verdict}"
            )
        if j.valid and verdict["event_valid"] is not True:
            disagreements.append(f"{j.label}: its event-index entry rejects it: {verdict}")
    assert not disagreements, "\n".join(disagreements)
    assert {j.valid for j, _ in mine} == {True, False}


# --- TypeScript ---------------------------------------------------------------------------------


def ts_type_of(value: Any) -> str:
    """The TypeScript type of exactly this JSON value. Checking assignability of the type, not
    of an object literal, keeps tag literals from widening to `string` and skips the excess
    property check (undeclared fields are legal on the wire)."""
    if isinstance(value, dict):
        members = "; ".join(f"{json.dumps(k)}: {ts_type_of(v)}" for k, v in value.items())
        return f"{{ {members} }}" if members else "{}"
    if isinstance(value, list):
        return "[" + ", ".join(ts_type_of(v) for v in value) + "]"
    return json.dumps(value)  # string, number, true/false/null: literal types


class TsCheck:
    """A generated .ts file: one assignment per fixture, and which case each line checks."""

    def __init__(self, protocol: str) -> None:
        module = (GENERATED / "typescript" / f"{protocol}.js").as_posix()
        self.lines = [f'import type * as T from "{module}";']
        self.case_at_line: dict[int, str] = {}

    def add(self, label: str, data: Any, interface: str) -> None:
        n = len(self.case_at_line)
        self.lines.append(f"// {label}")
        self.lines.append(f"declare const case_{n}: {ts_type_of(data)};")
        self.lines.append(f"export const event_{n}: T.{interface} = case_{n};")
        self.case_at_line[len(self.lines)] = label

    def write(self, path: Path) -> None:
        path.write_text("\n".join(self.lines) + "\n")


def readme_typescript(folder: Path) -> Path:
    """The README's TypeScript example, as a file that reads this checkout's generated/."""
    (block,) = re.findall(r"```ts\n(.*?)```", (ROOT / "README.md").read_text(), re.DOTALL)
    source = block.replace("./generated/", GENERATED.as_posix() + "/")
    path = folder / "readme.ts"
    path.write_text("declare const frame: unknown;\n" + source)
    return path


@pytest.fixture(scope="module")
def tsc_result(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("typescript")
    valid: dict[str, TsCheck] = {}
    wrong: dict[str, TsCheck] = {}
    for protocol in PROTOCOLS:
        names = interfaces(protocol)
        valid[protocol] = TsCheck(protocol)
        for j in fixture_cases(protocol):
            if j.valid:
                valid[protocol].add(j.label, j.data, names[(j.direction, str(j.event_type))])
        wrong[protocol] = TsCheck(protocol)
        for j in broken_cases(protocol):
            wrong[protocol].add(j.label, j.data, names[(j.direction, str(j.event_type))])
    files = []
    for protocol in PROTOCOLS:
        for kind, checks in (("valid", valid), ("broken", wrong)):
            path = folder / f"{protocol}.{kind}.ts"
            checks[protocol].write(path)
            files.append(path.name)
    files.append(readme_typescript(folder).name)
    (folder / "node_modules").symlink_to(NODE_MODULES)  # for the README's `import ... "ajv"`
    declarations = [str(p) for p in sorted((GENERATED / "typescript").glob("*.d.ts"))]
    options = ["--strict", "--noEmit", "--pretty", "false", "--target", "es2022"]
    options += ["--module", "esnext", "--moduleResolution", "bundler", "--resolveJsonModule"]
    done = tsc(*options, *declarations, *files, cwd=folder)
    errors: dict[str, set[int]] = {}
    for line in done.stdout.splitlines():
        match = re.match(r"(.+?)\((\d+),\d+\): error TS\d+", line)
        if match:
            errors.setdefault(Path(match[1]).name, set()).add(int(match[2]))
    return {"valid": valid, "broken": wrong, "errors": errors, "output": done.stdout}


def test_tsc_compiles_the_declarations_and_the_readme_example(tsc_result: dict[str, Any]) -> None:
    failed = [n for n in tsc_result["errors"] if n.endswith(".d.ts") or n == "readme.ts"]
    assert not failed, tsc_result["output"]


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_every_valid_fixture_is_its_event_type(protocol: str, tsc_result: dict[str, Any]) -> None:
    check: TsCheck = tsc_result["valid"][protocol]
    assert check.case_at_line
    failed = tsc_result["errors"].get(f"{protocol}.valid.ts", set())
    labels = [check.case_at_line.get(line, f"line {line}") for line in sorted(failed)]
    assert not labels, "tsc rejects valid fixtures:\n" + "\n".join(labels)


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_tsc_rejects_every_broken_fixture(protocol: str, tsc_result: dict[str, Any]) -> None:
    """The check above can fail: each event's full fixture with one field broken must not compile,
    on exactly its own line."""
    check: TsCheck = tsc_result["broken"][protocol]
    assert check.case_at_line
    failed = tsc_result["errors"].get(f"{protocol}.broken.ts", set())
    missed = [label for line, label in check.case_at_line.items() if line not in failed]
    assert not missed, "tsc accepts broken fixtures:\n" + "\n".join(missed)
    assert failed <= set(check.case_at_line), tsc_result["output"]


# --- AsyncAPI -----------------------------------------------------------------------------------

SEVERITY = {0: "error", 1: "warning", 2: "info", 3: "hint"}


@pytest.fixture(scope="module")
def asyncapi_report() -> dict[str, Any]:
    paths = [str(GENERATED / f"asyncapi/{p}.asyncapi.json") for p in PROTOCOLS]
    report = run_script("asyncapi.mjs", *paths)
    return {Path(path).name.split(".")[0]: entry for path, entry in report.items()}


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_asyncapi_parser_accepts_the_document(
    protocol: str, asyncapi_report: dict[str, Any]
) -> None:
    entry = asyncapi_report[protocol]
    serious = [d for d in entry["diagnostics"] if SEVERITY[d["severity"]] in ("error", "warning")]
    assert not serious, json.dumps(serious, indent=2)
    events = event_index(protocol)["events"]
    assert entry["operations"] == {
        "send": [e["type"] for e in events if e["direction"] == "client"],
        "receive": [e["type"] for e in events if e["direction"] == "server"],
    }
    assert entry["payload_tags"] == {e["type"]: e["type"] for e in events}
    assert entry["example_errors"] == []
