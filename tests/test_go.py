"""The generated Go module (generated/go/) gives Python's answers, frame for frame.

For every fixture of every protocol (own cases and their derived variants, OpenAI's published
examples, the invalid frames, tests/test_crosslanguage.py's broken cases, the fuzz regressions)
and a fixed-seed sample of differential-fuzz frames, the Go decoder's verdict (event, unknown or
invalid), class, `DecodeError` event type and path, and the JSON its Encode writes back must be
the Python structs backend's. Also: `go vet` is clean, the hand-written Go is gofmt'ed and says
it is hand-written, `go test ./...` (the API's table tests) passes, and the README's Go example
compiles and runs against the module.
"""

from __future__ import annotations

import base64
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from realtime_schema import DecodeError, UnknownEvent
from tests.cases import all_cases
from tests.fuzz.campaign import cases as fuzz_cases
from tests.golang import MODULE_DIR, go, gofmt, verdicts
from tests.support import FIXTURES, PROTOCOLS, ROOT, backend, load_json
from tests.test_crosslanguage import broken_cases

FUZZ_SEED = 14  # the campaign in test_differential.py uses seeds 0-7
FUZZ_FRAMES = 5_000  # per protocol


@dataclass(frozen=True)
class Frame:
    label: str
    direction: str
    data: bytes


def fixture_frames(protocol: str) -> list[Frame]:
    frames = [Frame(c.id, c.direction, c.frame) for c in all_cases() if c.protocol == protocol]
    frames += [
        Frame(f"broken: {j.label}", j.direction, json.dumps(j.data).encode())
        for j in broken_cases(protocol)
    ]
    path = FIXTURES / protocol / "fuzz-regressions.json"
    if path.exists():
        frames += [
            Frame(f"{protocol}/fuzz-regressions[{i}]", e["direction"], base64.b64decode(e["raw_base64"]))
            for i, e in enumerate(load_json(path))
        ]
    return frames


def fuzz_frames(protocol: str) -> list[Frame]:
    return [
        Frame(f"{protocol} fuzz seed {FUZZ_SEED} #{i} ({case.kind})", case.direction, case.frame)
        for i, case in enumerate(fuzz_cases(protocol, FUZZ_SEED, FUZZ_FRAMES))
    ]


def python_verdict(protocol: str, direction: str, frame: bytes) -> dict[str, Any]:
    """What the structs backend makes of a frame, in the driver's terms."""
    module = backend(protocol, "structs")
    try:
        event = getattr(module, f"decode_{direction}_event")(frame)
    except DecodeError as error:
        return {"verdict": "invalid", "event_type": error.event_type, "path": error.path}
    out = {
        "verdict": "unknown" if isinstance(event, UnknownEvent) else "event",
        "class": type(event).__name__,
        "json": json.loads(module.encode(event)),
    }
    if isinstance(event, UnknownEvent):
        out["type"] = event.type
    return out


def same_json(a: Any, b: Any) -> bool:
    """JSON values equal as JSON: numbers by value (`1` is `1.0`), but a boolean is no number."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def disagreement(python: dict[str, Any], go_out: dict[str, Any]) -> str | None:
    if python["verdict"] != go_out["verdict"]:
        return f"Python says {python}, Go says {go_out}"
    if python["verdict"] == "invalid":
        mine = (python["event_type"], python["path"])
        theirs = (go_out["event_type"], go_out["path"])
        return None if mine == theirs else f"errors differ: Python {mine}, Go {theirs} ({go_out})"
    if python["class"] != go_out["class"] or python.get("type") != go_out.get("type"):
        return f"Python decodes {python['class']}, Go {go_out['class']}"
    if not same_json(python["json"], json.loads(json.dumps(go_out["json"]))):
        return f"encoded JSON differs:\n  Python {python['json']}\n  Go     {go_out['json']}"
    return None


def compare(protocol: str, frames: list[Frame]) -> list[str]:
    """Every disagreement, naming its frame."""
    by_direction: dict[str, list[Frame]] = defaultdict(list)
    for frame in frames:
        by_direction[frame.direction].append(frame)
    problems = []
    for direction, group in by_direction.items():
        answers = verdicts(protocol, direction, [f.data for f in group])
        for frame, go_out in zip(group, answers, strict=True):
            problem = disagreement(python_verdict(protocol, direction, frame.data), go_out)
            if problem:
                text = frame.data[:300].decode("utf-8", "backslashreplace")
                problems.append(f"{frame.label} ({direction}): {problem}\n  frame: {text}")
    return problems


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_go_gives_every_fixture_pythons_verdict(protocol: str) -> None:
    frames = fixture_frames(protocol)
    problems = compare(protocol, frames)
    assert not problems, f"{len(problems)} of {len(frames)} frames:\n" + "\n".join(problems[:20])


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_go_gives_fuzz_frames_pythons_verdict(protocol: str) -> None:
    frames = fuzz_frames(protocol)
    assert len(frames) >= 5_000
    problems = compare(protocol, frames)
    assert not problems, f"{len(problems)} of {len(frames)} frames:\n" + "\n".join(problems[:20])


def test_go_vet_is_clean() -> None:
    done = go("vet", "./...")
    assert done.returncode == 0, done.stderr


def test_hand_written_go_is_gofmted_and_says_so() -> None:
    """generated/go/internal/ is source the generator never writes (as _runtime/ is)."""
    sources = sorted((MODULE_DIR / "internal").rglob("*.go"))
    assert sources
    unformatted = gofmt("-l", *map(str, sources))
    assert unformatted.returncode == 0 and unformatted.stdout == "", unformatted
    for path in sources:
        first = path.read_text().splitlines()[0]
        assert first.startswith("// Hand-written") and "make generate" in first, path


def test_go_table_tests_pass() -> None:
    done = go("test", "./...")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^ok\s", done.stdout, re.MULTILINE), done.stdout


def test_readme_go_example_runs(tmp_path: Path) -> None:
    """The README's Go example, as a program of its own module that requires the generated one
    (a `replace` stands in for `go get`)."""
    (block,) = re.findall(r"```go\n(.*?)```", (ROOT / "README.md").read_text(), re.DOTALL)
    (tmp_path / "main.go").write_text(block)
    (tmp_path / "go.mod").write_text(
        "module example\n\ngo 1.19\n\nrequire realtime-schema.dev/go v0.0.0\n\n"
        f"replace realtime-schema.dev/go => {MODULE_DIR}\n"
    )
    done = go("run", ".", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
