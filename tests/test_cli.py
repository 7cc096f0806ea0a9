"""`realtime-schema validate` and the library functions it is built on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from realtime_schema import (
    PROTOCOLS,
    DecodeError,
    FrameError,
    UnknownServerEvent,
    event_index,
    iter_events,
    peek_type,
    schema_bundle,
)
from realtime_schema.ga import structs

GOOD_SERVER = {
    "type": "response.output_text.delta", "event_id": "e", "response_id": "r", "item_id": "i",
    "output_index": 0, "content_index": 0, "delta": "hi",
}  # fmt: skip
GOOD_CLIENT = {"type": "input_audio_buffer.commit"}
BAD = {**GOOD_SERVER, "delta": 5}
UNKNOWN = {"type": "future.event", "x": 1}


def validate(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "realtime_schema", "validate", *args]
    return subprocess.run(
        command, input=stdin.decode() if stdin else None, capture_output=True, text=True
    )


def write_capture(path: Path) -> None:
    lines = [GOOD_SERVER, GOOD_CLIENT, BAD, UNKNOWN, GOOD_SERVER]
    text = "\n".join(json.dumps(line) for line in lines) + "\n\nnot json\n"
    path.write_text(text)


def test_validate_reports_every_bad_line_and_exits_1(tmp_path: Path) -> None:
    capture = tmp_path / "session.jsonl"
    write_capture(capture)
    done = validate(str(capture), "--protocol", "ga")
    assert done.returncode == 1, done.stderr
    assert "line 3: response.output_text.delta at $.delta: Expected `str`, got `int`" in done.stdout
    assert "line 7: frame at $: not valid JSON" in done.stdout
    assert "6 events" in done.stdout and "2 failed" in done.stdout
    assert "1  input_audio_buffer.commit" in done.stdout  # auto direction found the client event
    assert "1  future.event  (unknown type)" in done.stdout
    assert "2  response.output_text.delta" in done.stdout


def test_validate_json_array_from_stdin_with_models_exits_0() -> None:
    frames = json.dumps([GOOD_SERVER, UNKNOWN]).encode()
    done = validate("-", "--protocol", "ga", "--backend", "models", stdin=frames)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 events" in done.stdout and "0 failed" in done.stdout


def test_validate_fixed_direction(tmp_path: Path) -> None:
    capture = tmp_path / "client.jsonl"
    capture.write_text(json.dumps(GOOD_CLIENT) + "\n")
    done = validate(str(capture), "--protocol", "ga", "--direction", "server")
    assert done.returncode == 0
    assert "input_audio_buffer.commit  (unknown type)" in done.stdout  # not a server event


def test_iter_events_never_raises() -> None:
    frames = [json.dumps(GOOD_SERVER), b"{", json.dumps(UNKNOWN), None]
    items = list(iter_events(frames, structs.decode_server_event))  # type: ignore[arg-type]
    assert isinstance(items[0], structs.ResponseOutputTextDeltaEvent)
    assert isinstance(items[1], FrameError) and items[1].index == 1
    assert isinstance(items[1].error, DecodeError)
    assert isinstance(items[2], UnknownServerEvent)
    assert isinstance(items[3], FrameError) and isinstance(items[3].error, DecodeError)


def test_peek_type() -> None:
    assert peek_type(json.dumps(GOOD_SERVER).encode()) == "response.output_text.delta"
    assert peek_type('{"delta": "x", "type": "future.event"}') == "future.event"
    # a repeated `type`: the last wins, as in a decode, whatever the earlier values were
    assert peek_type(b'{"type": 1, "type": "input_audio_buffer.cleared"}') == (
        "input_audio_buffer.cleared"
    )
    assert peek_type(b'{"type": "\xff", "x": "\xfe", "type": "a.b"}') == "a.b"
    for frame in (b"[]", b'{"type": 1}', b"{", b'{"x": 1}'):
        try:
            peek_type(frame)
        except DecodeError as error:
            assert error.path == "$.type"
        else:
            raise AssertionError(frame)


def test_diff_is_a_subcommand() -> None:
    """`realtime-schema diff` (tests/test_schema_diff.py tests the classification itself)."""
    schema = Path(__file__).resolve().parent.parent / "schema"
    command = [
        sys.executable,
        "-m",
        "realtime_schema",
        "diff",
        str(schema / "ga"),
        str(schema / "ga"),
    ]
    same = subprocess.run(command, capture_output=True, text=True)
    assert same.returncode == 0, same.stderr
    command[-1] = str(schema / "beta")
    changed = subprocess.run(command, capture_output=True, text=True)
    assert changed.returncode == 1 and "breaking" in changed.stdout


def test_a_file_it_cannot_read_is_one_line_and_exit_2(tmp_path: Path) -> None:
    for missing in (tmp_path / "no-such.jsonl", tmp_path):  # absent, and a folder
        done = validate(str(missing), "--protocol", "ga")
        assert done.returncode == 2, done.stderr
        assert done.stderr.count("\n") == 1 and str(missing) in done.stderr, done.stderr
        assert "Traceback" not in done.stderr


def test_a_reader_that_goes_away_ends_it_quietly(tmp_path: Path) -> None:
    """`realtime-schema validate ... | head -1`: the pipe closes while it writes."""
    capture = tmp_path / "bad.jsonl"
    capture.write_text((json.dumps(BAD) + "\n") * 20_000)  # a line of output each, >64 KB
    command = [
        sys.executable,
        "-m",
        "realtime_schema",
        "validate",
        str(capture),
        "--protocol",
        "ga",
    ]
    reader = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.readline().startswith(b"line 1: ")
    reader.stdout.close()
    stderr = reader.stderr.read().decode()
    assert reader.wait(timeout=60) == 141, stderr
    assert stderr == ""


# (description, pointer, the line wrapping the event, what the report says of it)
WRAPPED = [
    ("the event as an object", "data", {"t": 1, "data": GOOD_SERVER}, "decoded"),
    ("the event as a string of its text", "/data", {"data": json.dumps(GOOD_SERVER)}, "decoded"),
    ("a nested field, an array index", "/frame/0", {"frame": [GOOD_CLIENT]}, "decoded"),
    ("a key with / and ~ (RFC 6901 escapes)", "/a~1b~0c", {"a/b~c": GOOD_SERVER}, "decoded"),
    ("an unknown event type", "data", {"data": UNKNOWN}, "unknown"),
    ("a bad event: its own path", "data", {"data": BAD}, "at $.delta: Expected `str`, got `int`"),
    ("a bad event in a string", "data", {"data": json.dumps(BAD)}, "at $.delta: Expected `str`"),
    ("the field is missing", "data", {"t": 1}, "frame at $: the line has no field /data"),
    ("the line is not an object", "data", "text", "frame at $: the line has no field /data"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("pointer", "line", "said"), [w[1:] for w in WRAPPED], ids=[w[0] for w in WRAPPED]
)
def test_validate_reads_the_frame_a_line_wraps(
    tmp_path: Path, pointer: str, line: object, said: str
) -> None:
    capture = tmp_path / "wrapped.jsonl"
    capture.write_text(json.dumps(line) + "\n\n")  # a blank line after it: not an event
    done = validate(str(capture), "--protocol", "ga", "--field", pointer)
    assert "1 events" in done.stdout, done.stdout + done.stderr
    if said == "decoded":
        assert done.returncode == 0 and "1 decoded" in done.stdout, done.stdout
    elif said == "unknown":
        assert done.returncode == 0 and "1 of unknown types" in done.stdout, done.stdout
    else:
        assert done.returncode == 1 and "line 1: " in done.stdout and said in done.stdout


def test_validate_field_in_a_json_array_capture() -> None:
    frames = json.dumps([{"data": GOOD_SERVER}, {"data": json.dumps(GOOD_CLIENT)}]).encode()
    done = validate("-", "--protocol", "ga", "--field", "/data", stdin=frames)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 events" in done.stdout and "2 decoded" in done.stdout


def test_the_published_schema_is_reachable_from_the_package() -> None:
    """`schema_bundle` / `event_index` (tests/test_wheel.py checks them in an installed wheel)."""
    generated = Path(__file__).resolve().parent.parent / "generated" / "schema"
    for protocol in PROTOCOLS:
        bundle = json.loads((generated / f"{protocol}.schema.json").read_text())
        assert schema_bundle(protocol) == bundle
        assert event_index(protocol) == json.loads(
            (generated / f"{protocol}.events.json").read_text()
        )
        assert schema_bundle(protocol) is not schema_bundle(protocol)  # a caller may change it
    for unknown in ("gamma", "../schema/ga", ""):
        with pytest.raises(ValueError, match="no published schema"):
            schema_bundle(unknown)


def test_diff_against_the_installed_bundle() -> None:
    generated = Path(__file__).resolve().parent.parent / "generated" / "schema"
    command = [sys.executable, "-m", "realtime_schema", "diff", "ga@installed"]
    same = subprocess.run(
        [*command, str(generated / "ga.schema.json")], capture_output=True, text=True
    )
    assert same.returncode == 0 and "0 breaking" in same.stdout, same.stderr
    changed = subprocess.run([*command, "beta@installed", "--json"], capture_output=True, text=True)
    assert changed.returncode == 1, changed.stderr
    assert json.loads(changed.stdout)["old"]["source"] == "ga@installed"
    unknown = subprocess.run(
        [*command[:-1], "gamma@installed", "ga@installed"], capture_output=True, text=True
    )
    assert unknown.returncode == 2 and "no published schema" in unknown.stderr
