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
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from codegen import emit_go
from codegen.ir import (
    AnyOf,
    ArrayOf,
    Field,
    LiteralOf,
    Model,
    Protocol,
    Scalar,
    UnionDef,
    UnionRef,
    UnknownVariant,
)
from realtime_schema import DecodeError, UnknownEvent
from tests.cases import all_cases
from tests.fuzz.campaign import cases as fuzz_cases
from tests.golang import MODULE_DIR, go, gofmt, require_go, verdicts
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
            Frame(
                f"{protocol}/fuzz-regressions[{i}]",
                e["direction"],
                base64.b64decode(e["raw_base64"]),
            )
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
    """JSON values equal as JSON: numbers by value (`1` is `1.0`), but a boolean is no number.
    Iterative: a frame may nest as deep as the decoders allow."""
    pending = [(a, b)]
    while pending:
        x, y = pending.pop()
        if isinstance(x, dict) and isinstance(y, dict):
            if x.keys() != y.keys():
                return False
            pending += [(x[k], y[k]) for k in x]
        elif isinstance(x, list) and isinstance(y, list):
            if len(x) != len(y):
                return False
            pending += list(zip(x, y, strict=True))
        elif isinstance(x, bool) or isinstance(y, bool):
            if type(x) is not type(y) or x != y:
                return False
        elif isinstance(x, (int, float)) and isinstance(y, (int, float)):
            if x != y:
                return False
        elif type(x) is not type(y) or x != y:
            return False
    return True


def disagreement(python: dict[str, Any], go_out: dict[str, Any]) -> str | None:
    if python["verdict"] != go_out["verdict"]:
        return f"Python says {python}, Go says {go_out}"
    if python["verdict"] == "invalid":
        mine = (python["event_type"], python["path"])
        theirs = (go_out["event_type"], go_out["path"])
        return None if mine == theirs else f"errors differ: Python {mine}, Go {theirs} ({go_out})"
    if python["class"] != go_out["class"] or python.get("type") != go_out.get("type"):
        return f"Python decodes {python['class']}, Go {go_out['class']}"
    if not same_json(python["json"], go_out["json"]):
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


# --- hostile frames, beside the fuzz campaign -----------------------------------------------------

_DELTA = (
    b'"type":"response.output_audio.delta","event_id":"e","response_id":"r","item_id":"i",'
    b'"output_index":0,"content_index":0'
)
# the same event, two of its fields in the order given
_DELTA_OF = (
    b'{"type":"response.output_audio.delta","event_id":"e","response_id":"r",%s,'
    b'"content_index":0,"delta":"AAAA"}'
)
_UPDATE = b'{"type":"session.update","session":{"type":"realtime"%s}}'
_TOOL = b',"tools":[{"type":"function","name":"f","parameters":%s}]'
_CLEARED = b'{"type":"input_audio_buffer.cleared","event_id":"e"%s}'
_ITEM = b'{"type":"conversation.item.create","item":%s}'
_ADDED = b'{"type":"conversation.item.added","event_id":"e","item":%s%s}'


def _delta(extra: bytes) -> bytes:
    return b"{" + _DELTA + extra + b"}"


_LONG = b"9" * 4301  # one digit more than Python converts
_NEG = b"-" + b"9" * 4300  # as long, its sign included: msgspec refuses it, Python's int() not
# Frames with an integer literal too long for Python, each somewhere else. <F> ends a declared
# integer (`.0` there forces Python's second pass), <R> is where members go (a repeated key
# whose first value is invalid forces it too).
_AUDIO = (
    b'{"type":"response.output_audio.delta","event_id":"e","response_id":"r","item_id":"i",'
    b'"output_index":0,"content_index":0<F>,"delta":"AAAA"<R>%s}'
)
_OUTPUT_ITEM = (
    b'{"type":"response.output_item.added","event_id":"e","response_id":"r",'
    b'"output_index":0<F>,"item":%s<R>}'
)
_SESSION = b'{"type":"session.update","session":{"type":"realtime","max_output_tokens":1<F>%s}<R>}'
_RATE = b'"audio":{"input":{"format":{"type":"audio/pcm","rate":%s}}}'
_LONG_INTS: list[tuple[str, bytes]] = [
    (
        "4301 digits for an integer",
        _AUDIO.replace(b'"output_index":0', b'"output_index":' + _LONG) % b"",
    ),
    (
        "-4300 digits for an integer",
        _AUDIO.replace(b'"output_index":0', b'"output_index":' + _NEG) % b"",
    ),
    ("4301 digits for a repeated integer", _AUDIO % (b',"output_index":' + _LONG)),
    ("4301 digits for a string", _AUDIO.replace(b'"item_id":"i"', b'"item_id":' + _LONG) % b""),
    ("4301 digits undeclared", _AUDIO % (b',"x":' + _LONG)),
    ("-4300 digits undeclared", _AUDIO % (b',"x":' + _NEG)),
    ("4301 digits undeclared, nested", _AUDIO % (b',"x":{"y":[1,' + _LONG + b"]}")),
    (
        "4301 digits dropped by a repeated key",
        _AUDIO % (b',"item_id":' + _LONG + b',"item_id":"i"'),
    ),
    ("4301 digits in an unknown item", _OUTPUT_ITEM % (b'{"type":"zz","n":[' + _LONG + b"]}")),
    ("-4300 digits in an unknown item", _OUTPUT_ITEM % (b'{"type":"zz","n":' + _NEG + b"}")),
    ("-4301 digits in an unknown item", _OUTPUT_ITEM % (b'{"type":"zz","n":-' + _LONG + b"}")),
    (
        "4301 digits in an unknown item, dropped",
        _OUTPUT_ITEM % (b'{"type":"zz","n":' + _LONG + b',"n":2}'),
    ),
    ("4301 digits beside an unknown item", _OUTPUT_ITEM % (b'{"type":"zz"},"x":' + _LONG)),
    (
        "4301 digits beside an unknown item, nested",
        _OUTPUT_ITEM % (b'{"type":"zz"},"x":{"y":[' + _LONG + b"]}"),
    ),
    (
        "4301 digits for the id beside an unknown item",
        _OUTPUT_ITEM.replace(b'"e"', _LONG) % b'{"type":"zz"}',
    ),
    (
        "4301 digits undeclared in a known item",
        _OUTPUT_ITEM % (b'{"type":"message","role":"user","content":[],"x":' + _LONG + b"}"),
    ),
    ("a client event, 4301 digits undeclared", _SESSION % (b',"x":' + _LONG)),
    (
        "a client event, 4301 digits undeclared, nested",
        _SESSION % (b',"audio":{"x":[' + _LONG + b"]}"),
    ),
    (
        "a client event, 4301 digits for tokens",
        _SESSION.replace(b":1<F>", b":" + _LONG) % (b"," + _RATE % b"24000<F>"),
    ),
    ("a client event, 4301 digits for a rate", _SESSION % (b"," + _RATE % _LONG)),
    (
        "a client event, 4301 digits for a float",
        _SESSION
        % (
            b',"audio":{"input":{"turn_detection":{"type":"server_vad","threshold":'
            + _LONG
            + b"}}}"
        ),
    ),
    (
        "a client event, 4301 digits free-form",
        _SESSION % (_TOOL % (b'{"a":{"b":[' + _LONG + b"]}}")),
    ),
    (
        "a client event, 4301 digits free-form, dropped",
        _SESSION % (_TOOL % (b'{"a":' + _LONG + b',"a":1}')),
    ),
]
# (what, <F>, <R>): as it is; an integral float; a repeated key, its first value invalid
_SECOND_PASS: list[tuple[str, bytes, bytes]] = [
    ("read on the first pass", b"", b""),
    ("an integral float", b".0", b""),
    ("a repeated key", b"", b',"event_id":5,"event_id":"e"'),
]
_NOT_UTF8 = b',"z":"\xff"'  # an undeclared string


def _long_ints(extra: bytes = b"") -> list[tuple[str, bytes]]:
    """Every frame of _LONG_INTS, each way of forcing the second pass, and `extra` beside."""
    return [
        (f"{where}, {forced}", frame.replace(b"<F>", f).replace(b"<R>", r + extra))
        for where, frame in _LONG_INTS
        for forced, f, r in _SECOND_PASS
    ]


# (what, frame): each is judged as a GA server and as a GA client frame.
HOSTILE: list[tuple[str, bytes]] = [
    ("empty frame", b""),
    ("whitespace", b" \n"),
    ("not an object", b"null"),
    ("an array", b"[]"),
    ("no type", b"{}"),
    ("type not a string", b'{"type":1}'),
    ("a BOM", b'\xef\xbb\xbf{"type":"x"}'),
    ("a NUL after the object", b'{"type":"x"}\x00'),
    ("unknown type, a number beyond a double", b'{"type":"x","a":1e400}'),
    ("unknown type, a number below the smallest double", b'{"type":"x","a":1e-400}'),
    ("unknown type, NaN", b'{"type":"x","a":NaN}'),
    ("lone high surrogate escape", b'{"type":"x","a":"\\ud800"}'),
    ("lone low surrogate escape", b'{"type":"x","a":"\\udc00"}'),
    ("a surrogate pair", b'{"type":"x","a":"\\ud83d\\ude00"}'),
    ("unknown type, not UTF-8", b'{"type":"x","a":"\xff"}'),
    ("a type that is not UTF-8", b'{"type":"x\xff"}'),
    ("a key that is not UTF-8", b'{"typ\xff":"x"}'),
    ("an escaped `type` key", b'{"\\u0074ype":"input_audio_buffer.cleared","event_id":"e"}'),
    ("an escaped repeat of `type`", _CLEARED % b',"\\u0074ype":"x"'),
    ("a repeated type, unknown last", _CLEARED % b',"type":"zz"'),
    ("base64 with one pad", _delta(b',"delta":"AAA="')),
    ("base64 with unused bits set", _delta(b',"delta":"AB=="')),
    ("base64 with a newline", _delta(b',"delta":"AAAA\\n"')),
    ("base64 with CRLF inside", _delta(b',"delta":"AA\\r\\nAA"')),
    ("base64, three pads", _delta(b',"delta":"A==="')),
    ("base64, pad in the middle", _delta(b',"delta":"AA=A"')),
    ("base64, empty", _delta(b',"delta":""')),
    ("base64, URL-safe", _delta(b',"delta":"-_-_"')),
    ("base64, a leading space", _delta(b',"delta":" AAAA"')),
    ("base64, escaped", _delta(b',"delta":"\\u0041AAA"')),
    ("base64 not UTF-8", _delta(b',"delta":"AA\xffA"')),
    ("an undeclared string not UTF-8", _delta(b',"delta":"AAAA","x":"\xff"')),
    ("an undeclared key not UTF-8", _delta(b',"delta":"AAAA","\xff":1')),
    ("a declared string not UTF-8", _delta(b',"delta":"AAAA","event_id":"\xed\xa0\x80"')),
    ("an overlong encoding", _delta(b',"delta":"AAAA","x":"\xc0\xaf"')),
    ("beyond U+10FFFF", _delta(b',"delta":"AAAA","x":"\xf4\x90\x80\x80"')),
    ("garbage after the object", _delta(b',"delta":"AAAA"') + b"\xff"),
    (
        "integral floats for integers",
        _delta(b',"delta":"","output_index":1e2,"content_index":-0.0'),
    ),
    ("1.5 for an integer", _delta(b',"delta":"AAAA","output_index":1.5')),
    ("1.5e300 for an integer", _delta(b',"delta":"AAAA","output_index":1.5e300')),
    ("1e-400 for an integer", _delta(b',"delta":"AAAA","output_index":1e-400')),
    ("1e400 for an integer", _delta(b',"delta":"AAAA","output_index":1e400')),
    ("a 30-digit integer", _delta(b',"delta":"AAAA","output_index":-' + b"9" * 30)),
    ("a 4300-digit integer", _delta(b',"delta":"AAAA","output_index":' + b"9" * 4300)),
    ("a 4301-digit integer", _delta(b',"delta":"AAAA","output_index":' + b"9" * 4301)),
    ("a 5000-digit integer, undeclared", _delta(b',"delta":"AAAA","x":' + b"9" * 5000)),
    ("true for an integer", _delta(b',"delta":"AAAA","output_index":true')),
    ("a leading zero", _delta(b',"delta":"AAAA","output_index":01')),
    ("a bare minus", _delta(b',"delta":"AAAA","output_index":-')),
    ("a bare point", _delta(b',"delta":"AAAA","output_index":1.')),
    ("a plus sign", _delta(b',"delta":"AAAA","output_index":+1')),
    ("900 levels, undeclared", _delta(b',"delta":"AAAA","x":' + b"[" * 900 + b"]" * 900)),
    ("5,000 levels, undeclared", _delta(b',"delta":"AAAA","x":' + b"[" * 5000 + b"]" * 5000)),
    ("100,000 open brackets", b"[" * 100_000),
    ("NaN, undeclared", _delta(b',"delta":"AAAA","x":NaN')),
    ("a raw tab in a string", _delta(b',"delta":"AAAA","x":"a\tb"')),
    ("a bad escape", _delta(b',"delta":"AAAA","x":"\\x"')),
    ("a short \\u escape", _delta(b',"delta":"AAAA","x":"\\u12"')),
    ("a repeated field, the first invalid", _delta(b',"delta":5,"delta":"AAAA"')),
    ("a repeated field, the last invalid", _delta(b',"delta":"AAAA","delta":5')),
    ("faults in document order", _delta(b',"event_id":5,"delta":"AAAA"')),
    ("free-form: 1e400 deep inside", _UPDATE % (_TOOL % b'{"a":{"b":[1,2,{"c":1e400}]}}')),
    ("free-form: a string not UTF-8", _UPDATE % (_TOOL % b'{"a":"\xff"}')),
    ("free-form: a key not UTF-8", _UPDATE % (_TOOL % b'{"\xff":1}')),
    ("free-form: repeated keys", _UPDATE % (_TOOL % b'{"a":1,"a":{"x":1,"x":2}}')),
    (
        "free-form: -0.0, 1E5, escapes",
        _UPDATE % (_TOOL % b'{"a":-0.0,"b":1E5,"c":"\\u00e9\\n\\""}'),
    ),
    ("an unknown tool", _UPDATE % b',"tools":[{"type":"zz"}]'),
    ("a tool without type", _UPDATE % b',"tools":[{}]'),
    ('"inf" tokens', _UPDATE % b',"max_output_tokens":"inf"'),
    ('"infx" tokens', _UPDATE % b',"max_output_tokens":"infx"'),
    ("1.0 tokens", _UPDATE % b',"max_output_tokens":1.0'),
    ("a forced tool choice", _UPDATE % b',"tool_choice":{"type":"function","name":"f"}'),
    ("an unknown tool choice", _UPDATE % b',"tool_choice":{"type":"x"}'),
    ("a custom voice", _UPDATE % b',"audio":{"output":{"voice":{"id":"v"}}}'),
    ("a voice of the wrong type", _UPDATE % b',"audio":{"output":{"voice":[]}}'),
    ("prompt variables", _UPDATE % b',"prompt":{"id":"p","variables":{"a":"x","b":{"type":"z"}}}'),
    ("a prompt variable key not UTF-8", _UPDATE % b',"prompt":{"id":"p","variables":{"\xff":"x"}}'),
    ("a repeated session type", _UPDATE % b',"type":"bogus"'),
    (
        "a tag after the fault",
        _ITEM % b'{"role":"user","content":[{"text":5,"type":"input_text"}],"type":"message"}',
    ),
    (
        "an unknown content part",
        _ITEM % b'{"type":"message","role":"user","content":[{"type":"zz"}]}',
    ),
    ("a role outside the enum", _ITEM % b'{"type":"message","role":"bot","content":[]}'),
    # an unknown nested variant is kept whole (server events) only when all of it is JSON a
    # double holds, UTF-8 included; otherwise its tag is the fault
    ("an unknown item", _ADDED % (b'{"type":"zz","n":[1,-0.0,1E2,"\\u00e9"],"n":{"a":null}}', b"")),
    (
        "an unknown item, a 30-digit integer",
        _ADDED % (b'{"type":"zz","n":' + b"9" * 30 + b"}", b""),
    ),
    ("an unknown item, 1e400 inside", _ADDED % (b'{"type":"zz","n":[{"m":1e400}]}', b"")),
    ("an unknown item, 1e-400 inside (a double: 0.0)", _ADDED % (b'{"type":"zz","n":1e-400}', b"")),
    ("an unknown item, a known tag first", _ADDED % (b'{"type":"message","type":"zz"}', b"")),
    ("an unknown item, 1e400 dropped", _ADDED % (b'{"type":"zz","n":1e400,"n":1}', b"")),
    ("an unknown item, a string not UTF-8", _ADDED % (b'{"type":"zz","n":["\xff"]}', b"")),
    ("an unknown item, a key not UTF-8", _ADDED % (b'{"type":"zz","\xff":1}', b"")),
    ("an unknown item, a tag not UTF-8", _ADDED % (b'{"type":"z\xff"}', b"")),
    ("an unknown item, not UTF-8 beside it", _ADDED % (b'{"type":"zz"}', b',"x":"\xff"')),
    ("an unknown item, 4301 digits beside it", _ADDED % (b'{"type":"zz"}', b',"x":' + b"9" * 4301)),
    ("an unknown item after a fault", _ADDED.replace(b'"e"', b"5") % (b'{"type":"zz"}', b"")),
    # bytes that are not UTF-8 in a frame that is no known event: the first such string
    ("not UTF-8, in an array of objects", b'[1,{"a":"\xff"}]'),
    ("not UTF-8, in an array of strings", b'["\xff"]'),
    ("not UTF-8, no type", b'{"a":{"b":[1,"\xff"]},"c":"\xfe"}'),
    ("not UTF-8, a key at the top", b'{"type":"x","\xff":1}'),
    ("not UTF-8, a nested key", b'{"type":"x","b":{"c\xff":"\xfe"}}'),
    ("not UTF-8, dropped by a repeated key", b'{"type":"x","a":"\xff","a":1,"b":"\xfe"}'),
    ("not UTF-8, under an escaped key", b'{"type":"x","\\u00e9.k":["\xff"]}'),
    ("not UTF-8, and 4301 digits", b'{"type":"x","a":"\xff","n":' + b"9" * 4301 + b"}"),
    ("unknown type, -4299 digits", b'{"type":"x","n":-' + b"9" * 4299 + b"}"),
    ("unknown type, -4300 digits", b'{"type":"x","n":-' + b"9" * 4300 + b"}"),
    # integer literals longer than Python reads (4,300 characters as msgspec counts: the sign
    # too), read as Python reads them on both passes: skipped where undeclared, a fault where
    # declared, invalid at `$` in an unknown event, no unknown nested variant
    *_long_ints(),
    ("unknown type, 4301 digits", b'{"type":"x","n":' + _LONG + b"}"),
    ("unknown type, 4301 digits nested", b'{"type":"x","n":[{"m":' + _LONG + b"}]}"),
    ("unknown type, 4301 digits dropped", b'{"type":"x","n":' + _LONG + b',"n":1}'),
    ("no type, 4301 digits", b'{"n":' + _LONG + b"}"),
    ("a type of 4301 digits", b'{"type":' + _LONG + b"}"),
    ("4301 digits, not an object", b"[" + _LONG + b"]"),
    # with bytes that are not UTF-8 too: read just as without them, except that a frame that is
    # no known event is invalid at its first string holding such bytes, not at `$`
    *((f"{what}, not UTF-8 beside", frame) for what, frame in _long_ints(_NOT_UTF8)),
    ("unknown type, 4301 digits, then not UTF-8", b'{"type":"x","n":' + _LONG + b',"a":"\xff"}'),
    (
        "unknown type, not UTF-8 dropped, and 4301 digits",
        b'{"type":"x","a":"\xff","a":1,"n":' + _LONG + b"}",
    ),
    ("not UTF-8 and 4301 digits, an array", b"[" + _LONG + b',{"a":"\xff"}]'),
    # two faults in a known event: the first in document order
    (
        "4301 digits for an integer, then a declared string not UTF-8",
        _DELTA_OF % (b'"output_index":' + _LONG + b',"item_id":"\xff"'),
    ),
    (
        "a declared string not UTF-8, then 4301 digits for an integer",
        _DELTA_OF % (b'"item_id":"\xff","output_index":' + _LONG),
    ),
    ("not UTF-8 in a key, and 4301 digits", _CLEARED % (b',"\xff":1,"n":' + _LONG)),
    (
        "not UTF-8 for a string, and 4301 digits",
        _CLEARED.replace(b'"e"', b'"\xff"') % (b',"n":' + _LONG),
    ),
    (
        "not UTF-8 for a string dropped, and 4301 digits",
        _CLEARED % (b',"n":' + _LONG + b',"event_id":"\xff","event_id":"e"'),
    ),
    (
        "not UTF-8 and 4301 digits, an item's tag repeated",
        _OUTPUT_ITEM.replace(b"<F>", b"").replace(b"<R>", _NOT_UTF8 + b',"n":' + _LONG)
        % b'{"type":"message","type":"message","role":"user","content":[]}',
    ),
    (
        "not UTF-8 and 4301 digits, an item's tag repeated, another first",
        _OUTPUT_ITEM.replace(b"<F>", b"").replace(b"<R>", _NOT_UTF8 + b',"n":' + _LONG)
        % b'{"type":"function_call","type":"message","role":"user","content":[]}',
    ),
    ("not UTF-8 and 4301 digits, no type", b'{"a":"\xff","n":' + _LONG + b"}"),
    (
        "not UTF-8 and 4301 digits, a repeated type",
        _CLEARED % (b',"type":"input_audio_buffer.cleared","n":' + _LONG + _NOT_UTF8),
    ),
]


def test_go_gives_hostile_frames_pythons_verdict() -> None:
    frames = [
        Frame(f"hostile: {what}", direction, frame)
        for what, frame in HOSTILE
        for direction in ("server", "client")
    ]
    problems = compare("ga", frames)
    assert not problems, "\n".join(problems)


# --- open unions (issue 11 §3) and enumerations of numbers and booleans (11 §2), from a small
# protocol built in the intermediate model


def open_union_protocol() -> Protocol:
    """A server event whose nested union is open, a client event whose same union is closed."""

    def tagged(name: str, tag: str, *fields: Field, union: str | None = None) -> Model:
        tag_field = Field("type", LiteralOf((tag,)), True, False, "The tag.")
        return Model(name, f"{name}.", [tag_field, *fields], tag=("type", tag), event_union=union)

    part = UnionRef("Part")
    open_part = UnionRef("Part", open=True)
    mode = AnyOf((LiteralOf((1, 2)), Scalar("str")))
    models = [
        tagged(
            "TextPart",
            "text",
            Field("text", Scalar("str"), True, False, "Text."),
            Field("mode", mode, False, True, "An integer enumeration, or a string."),
            Field("flag", LiteralOf((True,)), False, True, "A boolean enumeration."),
        ),
        tagged(
            "AudioPart",
            "audio",
            Field("audio", Scalar("str", True), False, True, "Audio."),
            Field("rate", LiteralOf((24000, 16000)), False, True, "An integer enumeration."),
        ),
        tagged(
            "PingEvent", "ping", Field("part", part, True, False, "A part."), union="ClientEvent"
        ),
        tagged(
            "PongEvent",
            "pong",
            Field("part", open_part, True, False, "A part."),
            Field("parts", ArrayOf(open_part), False, True, "Parts."),
            union="ServerEvent",
        ),
    ]
    unions = [
        UnionDef("Part", "A part.", "type", ["TextPart", "AudioPart"], unknown="UnknownPart"),
        UnionDef("ClientEvent", "Client events.", "type", ["PingEvent"], "client"),
        UnionDef("ServerEvent", "Server events.", "type", ["PongEvent"], "server"),
    ]
    unknown = UnknownVariant("UnknownPart", "A part whose `type` is none of these.", "Part")
    return Protocol(
        name="mini",
        models={m.name: m for m in models},
        unions={u.name: u for u in unions},
        unknowns={unknown.name: unknown},
    )


# (direction, frame, expected): "event" and "unknown" expect Encode to write the frame back
OPEN_UNION_CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("server", '{"type":"pong","part":{"type":"video","url":"u"}}', {"verdict": "event"}),
    (
        "server",
        '{"type":"pong","part":{"type":"text","text":"hi"},'
        '"parts":[{"type":"x","n":[1,{"k":null}]},{"type":"audio","audio":"AAAA"}]}',
        {"verdict": "event"},
    ),
    ("server", '{"type":"pong","part":{"type":7}}', {"verdict": "invalid", "path": "$.part.type"}),
    ("server", '{"type":"pong","part":{}}', {"verdict": "invalid", "path": "$.part.type"}),
    (
        "server",
        '{"type":"pong","part":{"type":"text"}}',
        {"verdict": "invalid", "path": "$.part.text"},
    ),
    (
        "server",
        '{"type":"pong","part":{"type":"video","n":[1e400]}}',
        {"verdict": "invalid", "path": "$.part.type"},
    ),
    (
        "client",
        '{"type":"ping","part":{"type":"video"}}',
        {"verdict": "invalid", "path": "$.part.type"},
    ),
    ("client", '{"type":"ping","part":{"type":"text","text":"hi"}}', {"verdict": "event"}),
    ("client", '{"type":"ping","part":{"type":"audio","rate":24000.0}}', {"verdict": "event"}),
    (
        "client",
        '{"type":"ping","part":{"type":"audio","rate":8000}}',
        {"verdict": "invalid", "path": "$.part.rate"},
    ),
    (
        "client",
        '{"type":"ping","part":{"type":"audio","rate":"24000"}}',
        {"verdict": "invalid", "path": "$.part.rate"},
    ),
    (
        "client",
        '{"type":"ping","part":{"type":"text","text":"","mode":2,"flag":true}}',
        {"verdict": "event"},
    ),
    ("client", '{"type":"ping","part":{"type":"text","text":"","mode":"x"}}', {"verdict": "event"}),
    (
        "client",
        '{"type":"ping","part":{"type":"text","text":"","mode":3}}',
        {"verdict": "invalid", "path": "$.part.mode"},
    ),
    (
        "client",
        '{"type":"ping","part":{"type":"text","text":"","flag":false}}',
        {"verdict": "invalid", "path": "$.part.flag"},
    ),
]


def test_open_unions_read_unknown_variants_in_server_events(tmp_path: Path) -> None:
    """`UnionRef(open=True)`: an unknown tag is the union's unknown variant, written back whole;
    the same union stays closed where the reference is not open. Enumerations of integers and
    booleans (the closed request vocabularies, audio rates among them) are checked too."""
    require_go()  # emit_go formats with gofmt
    module = tmp_path / "go"
    for relative, text in emit_go.build([open_union_protocol()]).items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    shutil.copytree(MODULE_DIR / "internal", module / "internal")
    built = go("build", "-o", str(tmp_path / "verdict"), "./cmd/realtime-verdict", cwd=module)
    assert built.returncode == 0, built.stderr
    assert "type UnknownPart struct" in (module / "mini" / "types.go").read_text()
    for direction in ("server", "client"):
        cases = [c for c in OPEN_UNION_CASES if c[0] == direction]
        lines = "".join(base64.b64encode(frame.encode()).decode() + "\n" for _, frame, _ in cases)
        done = subprocess.run(
            [str(tmp_path / "verdict"), "-protocol", "mini", "-direction", direction],
            input=lines, capture_output=True, text=True, check=True,
        )  # fmt: skip
        for (_, frame, expected), line in zip(cases, done.stdout.splitlines(), strict=True):
            got = json.loads(line)
            assert {k: got.get(k) for k in expected} == expected, (frame, got)
            if expected["verdict"] == "event":
                assert got["json"] == json.loads(frame), frame
