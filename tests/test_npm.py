"""The npm package `realtime-schema` (generated/npm/), installed the way a TypeScript team does.

`npm pack` makes the tarball; a temporary project installs it offline (with ajv and its
dependencies packed from the repo's node_modules, the versions package-lock.json pins), compiles
a TypeScript consumer and the README's example against it under `tsc --strict`, and runs them
with Node. Nothing in that project has a path into the repo.

The same project judges every fixture frame (own, derived, published, invalid, and the broken
cases of test_crosslanguage.py) and a fixed-seed sample of fuzz frames with the installed
package, and each verdict (event / unknown / invalid), event class, error path and event type
must be the Python structs backend's, and `peekType` must say what `peek_type` says. Bytes that
are not UTF-8, repeated keys, lone surrogate escapes, NaN and huge numbers are all among them.

One class of frame is judged on other terms, because no JSON value can carry what Python sees
in it: an integer literal beyond the range of a double (`1` and 400 zeros). JSON.parse reads it
as Infinity, the very value it reads `1e400` as, while Python reads it exactly; so for those
frames the package must give Python's verdict on the frame with each such literal written
`1e400`.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import tarfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from codegen import emit_npm, schema_version
from codegen.__main__ import GENERATED, HAND_WRITTEN, build_published
from codegen.parser import parse_protocol, protocol_names
from realtime_schema import DecodeError, UnknownEvent, peek_type
from tests.cases import all_cases
from tests.fuzz.campaign import cases as fuzz_cases
from tests.nodejs import NODE_MODULES, SCRIPTS, require_node
from tests.support import PROTOCOLS, ROOT, backend, event_types
from tests.test_crosslanguage import broken_cases

PACKAGE = GENERATED / emit_npm.FOLDER
FUZZ_FRAMES = 5_000  # per protocol
FUZZ_SEED = 14  # not one of test_differential's seeds, so these are other frames


def run(command: list[str], cwd: Path, stdin: str | None = None) -> str:
    done = subprocess.run(command, cwd=cwd, input=stdin, capture_output=True, text=True)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def npm() -> str:
    require_node()
    found = shutil.which("npm")
    assert found, "npm is not on PATH"  # node_modules/.installed says `npm ci` ran
    return found


def pack(folders: list[Path], into: Path) -> list[Path]:
    """`npm pack` of each folder, in one call; the tarballs' paths."""
    into.mkdir(parents=True, exist_ok=True)
    command = [npm(), "pack", "--json", "--ignore-scripts", "--pack-destination", str(into)]
    out = run([*command, *map(str, folders)], ROOT)
    return [into / entry["filename"] for entry in json.loads(out)]


def dependency_closure(name: str) -> list[str]:
    """`name` and what it needs at run time, as package-lock.json resolves them."""
    packages = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    found: list[str] = []
    todo = [name]
    while todo:
        current = todo.pop()
        if current not in found:
            found.append(current)
            todo += sorted(packages[f"node_modules/{current}"].get("dependencies", {}))
    return found


def readme_example() -> str:
    """The README's npm example (the ```typescript block; the ```ts one reads generated/)."""
    (block,) = re.findall(r"```typescript\n(.*?)```", (ROOT / "README.md").read_text(), re.DOTALL)
    return str(block)


@dataclass(frozen=True)
class Project:
    folder: Path
    tarball_files: list[str]


@pytest.fixture(scope="module")
def built() -> dict[str, str]:
    """What the generator writes for other languages, the npm package included (not the Python
    package: test_generated.py checks that all of it is on disk)."""
    return build_published([parse_protocol(name) for name in protocol_names()])


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A TypeScript project with the packed package installed from its tarball, offline."""
    root = tmp_path_factory.mktemp("npm")
    tarballs = root / "tarballs"
    ajv = [NODE_MODULES / name for name in dependency_closure("ajv")]
    ours, *dependencies = pack([PACKAGE, *ajv], tarballs)
    folder = root / "consumer"
    folder.mkdir()
    manifest = {"name": "consumer", "private": True, "type": "module"}
    (folder / "package.json").write_text(json.dumps(manifest))
    install = [npm(), "install", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"]
    run([*install, *map(str, [ours, *dependencies])], folder)
    with tarfile.open(ours) as tarball:
        listing = tarball.getnames()
    shutil.copy(SCRIPTS / "npm_consumer.ts", folder / "consumer.ts")
    shutil.copy(SCRIPTS / "npm_verdicts.mjs", folder / "verdicts.mjs")
    (folder / "readme.ts").write_text(readme_example())
    # the installed package's own README example, as the tarball carries it
    installed = (folder / "node_modules/realtime-schema/README.md").read_text()
    (block,) = re.findall(r"```ts\n(.*?)```", installed, re.DOTALL)
    (folder / "package_readme.ts").write_text(block)
    return Project(folder, sorted(name.removeprefix("package/") for name in listing))


def test_the_tarball_holds_the_package_and_nothing_else(project: Project) -> None:
    expected = {"package.json", "README.md"}
    for protocol in PROTOCOLS:
        expected |= {f"{protocol}.js", f"{protocol}.d.ts"}
        expected |= {f"schema/{protocol}.schema.json", f"schema/{protocol}.events.json"}
        expected |= {f"typescript/{protocol}.d.ts"}
    expected |= {p.relative_to(PACKAGE).as_posix() for p in (PACKAGE / "runtime").iterdir()}
    if set(PROTOCOLS) == set(protocol_names()):
        assert set(project.tarball_files) == expected
    assert (project.folder / "node_modules/realtime-schema/package.json").exists()
    assert not (project.folder / "node_modules/realtime-schema").is_symlink()  # a copy, not a link


def test_the_manifest() -> None:
    manifest = json.loads((PACKAGE / "package.json").read_text())
    assert manifest["name"] == "realtime-schema" and manifest["type"] == "module"
    assert manifest["version"] == schema_version.read()
    for protocol in protocol_names():
        entry = manifest["exports"][f"./{protocol}"]
        assert (PACKAGE / entry["types"]).exists() and (PACKAGE / entry["default"]).exists()
    # ajv: a range the tests' pinned version satisfies (a caret range: same major, not older)
    pinned = json.loads((ROOT / "package-lock.json").read_text())["packages"]["node_modules/ajv"]
    declared = manifest["dependencies"]["ajv"]
    assert declared.startswith("^")
    low = [int(n) for n in declared[1:].split(".")]
    version = [int(n) for n in pinned["version"].split(".")]
    assert version[0] == low[0] and version >= low, (declared, pinned["version"])


def test_the_package_carries_the_published_files_unchanged(built: dict[str, str]) -> None:
    """The bundles, indexes and declarations are copies, made in the same build."""
    for protocol in protocol_names():
        for path in (f"schema/{protocol}.schema.json", f"schema/{protocol}.events.json"):
            assert built[f"npm/{path}"] == built[path] == (GENERATED / path).read_text()
        path = f"typescript/{protocol}.d.ts"
        assert built[f"npm/{path}"] == built[path]


def test_the_runtime_is_hand_written_and_says_so(built: dict[str, str]) -> None:
    assert emit_npm.RUNTIME in HAND_WRITTEN
    assert not [name for name in built if name.startswith(f"{emit_npm.RUNTIME}/")]
    sources = sorted((PACKAGE / "runtime").iterdir())
    assert {p.suffix for p in sources} == {".js", ".ts"}
    for path in sources:
        first = path.read_text().splitlines()[0]
        assert first.startswith("// Hand-written") and "make generate" in first, path


# --- TypeScript ---------------------------------------------------------------------------------

TSC_OPTIONS = ["--strict", "--pretty", "false", "--target", "es2022", "--lib", "es2022,dom"]
TSC_OPTIONS += ["--module", "nodenext", "--moduleResolution", "nodenext", "--resolveJsonModule"]


@pytest.fixture(scope="module")
def compiled(project: Project) -> Path:
    """consumer.ts and both README examples compiled to out/, against the installed
    declarations (the package README's example is only compiled: it defines a function)."""
    tsc = str(NODE_MODULES / ".bin" / "tsc")  # the tool is the repo's; the imports are not
    files = ["consumer.ts", "readme.ts", "package_readme.ts"]
    run([tsc, *TSC_OPTIONS, "--outDir", "out", *files], project.folder)
    return project.folder / "out"


def test_the_consumer_compiles_under_strict_and_runs(compiled: Path) -> None:
    """It prints how many claims held, once all of them did: at least one per `check(` call."""
    out = run([str(shutil.which("node")), "consumer.js"], compiled)
    calls = (SCRIPTS / "npm_consumer.ts").read_text().count("check(") - 1  # not the definition
    assert json.loads(out)["checks"] >= calls > 20


def test_the_consumer_fails_to_compile_when_a_type_is_wrong(project: Project) -> None:
    """The @ts-expect-error lines are claims: without them, tsc must reject each line."""
    source = (project.folder / "consumer.ts").read_text()
    claims = source.count("// @ts-expect-error")
    assert claims >= 3
    (project.folder / "unchecked.ts").write_text(source.replace("// @ts-expect-error", "//"))
    tsc = str(NODE_MODULES / ".bin" / "tsc")
    done = subprocess.run(
        [tsc, *TSC_OPTIONS, "--noEmit", "unchecked.ts"],
        cwd=project.folder,
        capture_output=True,
        text=True,
    )
    errors = {line.split(":")[0] for line in done.stdout.splitlines() if "error TS" in line}
    assert len(errors) == claims, done.stdout


def test_the_readme_example_prints_what_it_says(compiled: Path) -> None:
    """Each `console.log(...); // text` line of the README's example prints that text."""
    expected = re.findall(r"console\.log\(.*\); // (.*)", readme_example())
    assert expected
    out = run([str(shutil.which("node")), "readme.js"], compiled)
    assert out.splitlines() == expected


# --- verdicts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    label: str
    protocol: str
    direction: str
    frame: bytes


def frames(protocol: str) -> Iterator[Frame]:
    for case in all_cases():
        if case.protocol == protocol:
            yield Frame(case.id, protocol, case.direction, case.frame)
    for judged in broken_cases(protocol):
        data = json.dumps(judged.data, ensure_ascii=False).encode()
        yield Frame(judged.label, protocol, judged.direction, data)
    for i, fuzz in enumerate(fuzz_cases(protocol, FUZZ_SEED, FUZZ_FRAMES)):
        yield Frame(f"fuzz {protocol} #{i} ({fuzz.kind})", protocol, fuzz.direction, fuzz.frame)


@cache
def class_names(protocol: str) -> dict[tuple[str, str], str]:
    return {(e.direction, e.type): e.class_name for e in event_types(protocol).EVENT_TYPES}


def python_verdict(protocol: str, direction: str, frame: bytes) -> dict[str, Any]:
    """The structs backend's verdict, in the driver's terms (test_npm adds `peek`)."""
    decode = getattr(backend(protocol, "structs"), f"decode_{direction}_event")
    try:
        event = decode(frame)
    except DecodeError as error:
        return {"verdict": "invalid", "path": error.path, "event_type": error.event_type}
    if isinstance(event, UnknownEvent):
        return {"verdict": "unknown", "type": event.type}
    return {"verdict": "event", "class": type(event).__name__}


def python_peek(frame: bytes) -> str | None:
    """peek_type's answer, None where it raises."""
    try:
        return peek_type(frame)
    except DecodeError:
        return None


_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])(-?)(\d+)(?![\d.eE])', re.DOTALL)


def beyond_double_as_1e400(frame: bytes) -> bytes:
    """The frame with each integer literal outside the double range written `1e400` (what
    JSON.parse makes of both); strings are left as they are."""

    def rewrite(match: re.Match[bytes]) -> bytes:
        if match[2] is None:
            return match[0]
        try:
            float(int(match[2]))
        except OverflowError:
            return match[1] + b"1e400"
        return match[0]

    return _TOKEN.sub(rewrite, frame)


def npm_view(verdict: dict[str, Any], protocol: str, direction: str) -> dict[str, Any]:
    """The driver's verdict as python_verdict writes it (an event's class from its type)."""
    if verdict["verdict"] == "event":
        name = class_names(protocol).get((direction, verdict["type"]))
        return {"verdict": "event", "class": name, "peek": verdict["peek"]}
    return verdict


def b64(frame: bytes) -> str:
    return base64.b64encode(frame).decode()


@dataclass(frozen=True)
class Row:
    frame: Frame
    python: dict[str, Any]
    npm: dict[str, Any]
    beyond_double: bool  # an integer literal beyond a double: judged as `1e400`
    reason: str | None  # the package's DecodeError.reason


_COMPARED: dict[str, list[Row]] = {}


def compared(project: Project, protocol: str) -> list[Row]:
    """Every frame of the protocol with Python's verdict and the installed package's (once per
    protocol and process: the tests below share it)."""
    if protocol in _COMPARED:
        return _COMPARED[protocol]
    judged = list(frames(protocol))
    lines = [
        json.dumps({"protocol": protocol, "direction": f.direction, "frame": b64(f.frame)})
        for f in judged
    ]
    out = run([str(shutil.which("node")), "verdicts.mjs"], project.folder, "\n".join(lines) + "\n")
    theirs = [json.loads(line) for line in out.split("\n") if line]  # not splitlines: U+2028
    assert len(theirs) == len(judged)
    rows = []
    for frame, verdict in zip(judged, theirs, strict=True):
        rewritten = beyond_double_as_1e400(frame.frame)
        ours = python_verdict(protocol, frame.direction, rewritten)
        ours["peek"] = python_peek(rewritten)
        reason = verdict.pop("reason", None)
        view = npm_view(verdict, protocol, frame.direction)
        rows.append(Row(frame, ours, view, rewritten != frame.frame, reason))
    _COMPARED[protocol] = rows
    return rows


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_the_package_judges_every_frame_as_python_does(protocol: str, project: Project) -> None:
    rows = compared(project, protocol)
    disagreements = [
        f"{row.frame.label}: python {row.python}, npm {row.npm}: {row.frame.frame[:300]!r}"
        for row in rows
        if row.python != row.npm
    ]
    shown = "\n".join(disagreements[:20])
    assert not disagreements, f"{len(disagreements)} disagreements:\n{shown}"
    # the walk named every fault; ajv's own first error (its fallback) was never needed
    assert not [row.frame.label for row in rows if (row.reason or "").endswith("(by ajv)")]
    tally = Counter(row.python["verdict"] for row in rows)
    assert set(tally) == {"event", "unknown", "invalid"}, tally
    assert len([row for row in rows if row.frame.label.startswith("fuzz ")]) == FUZZ_FRAMES


def not_utf8(frame: bytes) -> bool:
    try:
        frame.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_the_comparison_reaches_the_hard_frames(protocol: str, project: Project) -> None:
    """The frames where a JSON-value validator could go wrong are among those compared."""
    kinds: Counter[str] = Counter()
    for row in compared(project, protocol):
        kinds["integers beyond a double"] += row.beyond_double
        if not_utf8(row.frame.frame):
            kinds[f"not UTF-8, {row.python['verdict']}"] += 1
        kinds["surrogate escapes"] += rb"\ud" in row.frame.frame.lower()
        if row.python["verdict"] == "invalid" and row.python["path"] not in ("$", "$.type"):
            kinds["invalid, the fault inside the event"] += 1
    for kind in ("not UTF-8, event", "not UTF-8, invalid", "integers beyond a double"):
        assert kinds[kind] > 0, kinds
    assert kinds["surrogate escapes"] > 0, kinds
    assert kinds["invalid, the fault inside the event"] > 500, kinds
