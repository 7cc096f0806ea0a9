"""What the conversation tests share: the session fixtures, folding them, comparing states."""

from __future__ import annotations

import importlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from tests.session_builder import PROTOCOLS as SESSION_PROTOCOLS
from tests.support import FIXTURES, PROTOCOLS, backend

# (protocol, session name) for every session capture on disk
SESSIONS = [
    (protocol, path.name.removesuffix(".jsonl"))
    for protocol in SESSION_PROTOCOLS
    if protocol in PROTOCOLS
    for path in sorted((FIXTURES / protocol / "sessions").glob("*.jsonl"))
]


def session_path(protocol: str, name: str) -> Path:
    return FIXTURES / protocol / "sessions" / f"{name}.jsonl"


@cache
def expected(protocol: str, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (FIXTURES / protocol / "sessions" / f"{name}.expected.json").read_text()
    )
    return data


def conversation_class(protocol: str) -> Any:
    return importlib.import_module(f"realtime_schema.{protocol}.conversation").Conversation


def decode_line(protocol: str, backend_name: str, line: bytes) -> Any:
    """A capture line as an event: client or server by its `type`."""
    module = backend(protocol, backend_name)
    event_type = json.loads(line)["type"]
    if event_type in module.CLIENT_EVENT_TYPES:
        return module.decode_client_event(line)
    return module.decode_server_event(line)


@cache
def session_lines(protocol: str, name: str) -> tuple[bytes, ...]:
    return tuple(session_path(protocol, name).read_bytes().splitlines())


def session_events(protocol: str, name: str, backend_name: str) -> list[Any]:
    return [decode_line(protocol, backend_name, line) for line in session_lines(protocol, name)]


def fold(protocol: str, events: list[Any], **options: Any) -> Any:
    conversation = conversation_class(protocol)(**options)
    for event in events:
        conversation.apply(event)
    conversation.finish()
    return conversation


def mismatches(want: Any, got: Any, path: str = "$") -> list[str]:
    """Where `got` differs from `want`: every key `want` has must be in `got`, equal (recursively;
    lists element by element, and of the same length). Keys `want` leaves out are not compared."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return [f"{path}: expected an object, got {got!r}"]
        out = []
        for key, value in want.items():
            if key not in got:
                out.append(f"{path}.{key}: missing (expected {value!r})")
            else:
                out += mismatches(value, got[key], f"{path}.{key}")
        return out
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return [f"{path}: expected {len(want)} entries, got {got!r}"]
        return [m for i, (w, g) in enumerate(zip(want, got, strict=True))
                for m in mismatches(w, g, f"{path}[{i}]")]  # fmt: skip
    return [] if want == got else [f"{path}: expected {want!r}, got {got!r}"]
