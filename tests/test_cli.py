"""`realtime-schema validate` and the library functions it is built on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from realtime_schema import DecodeError, FrameError, UnknownServerEvent, iter_events, peek_type
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
