# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""`realtime-schema replay CAPTURE --protocol P`: fold a recorded session into conversation
state and show it: the dialogue, each response's status and usage, and every anomaly with its
line. `--json` prints the final state instead, `--wav DIR` writes the audio as WAV files.
Exit status 1 when the capture has anomalies or lines that are not events, else 0."""

from __future__ import annotations

import argparse
import base64
import importlib
import json
import sys
import time
from array import array
from pathlib import Path
from typing import IO, Any

from .audio import write_wav
from .capture import FrameError, iter_events, peek_type
from .conversation_state import Anomaly, ItemBase, PartBase
from .errors import DecodeError

PROTOCOLS = ("beta", "ga", "translation")
PROGRESS_FROM = 5_000  # lines: smaller captures replay without progress lines
PROGRESS_EVERY = 1.0  # seconds between progress lines after that


def add_parser(commands: Any) -> None:
    """Register `replay` on the CLI's subcommands."""
    replay = commands.add_parser(
        "replay",
        help="fold a recorded session into conversation state: dialogue, responses, anomalies",
        description=__doc__,
    )
    replay.add_argument(
        "capture", help="the capture file (JSON Lines or a JSON array), - for stdin"
    )
    replay.add_argument("--protocol", choices=PROTOCOLS, required=True)
    replay.add_argument("--backend", choices=("structs", "models"), default="structs")
    replay.add_argument("--json", action="store_true", help="print the final state as JSON")
    replay.add_argument("--wav", metavar="DIR", type=Path, help="write the audio as WAV files")
    replay.set_defaults(func=run_replay)


def run_replay(args: argparse.Namespace) -> int:
    from .cli import _frames  # the same input forms as `validate`

    backend = importlib.import_module(f"realtime_schema.{args.protocol}.{args.backend}")
    reducer = importlib.import_module(f"realtime_schema.{args.protocol}.conversation")
    client_types = set(backend.CLIENT_EVENT_TYPES)

    def decode(frame: bytes) -> object:
        try:
            client = peek_type(frame) in client_types
        except DecodeError:
            client = False  # the decode below names the fault
        return (backend.decode_client_event if client else backend.decode_server_event)(frame)

    # Without --wav nothing needs the audio: keep its sizes only, so memory stays bounded.
    conversation = reducer.Conversation(keep_audio=args.wav is not None)
    lines = array("L")  # the line (or array position) of each event applied, by event index
    failures: list[str] = []
    source = sys.stdin.buffer if args.capture == "-" else open(args.capture, "rb")  # noqa: SIM115
    started = last = time.monotonic()
    progress = False
    with source:
        frames, where = _frames(source)
        for index, item in enumerate(iter_events(frames, decode)):
            line = index + 1
            if isinstance(item, FrameError):
                if isinstance(item.frame, bytes) and not item.frame.strip():
                    continue  # blank lines between events are not events
                failures.append(f"{where} {line}: {_reason(item.error)}")
                continue
            lines.append(line)
            conversation.apply(item)
            if line >= PROGRESS_FROM:
                now = time.monotonic()
                if not progress or now - last >= PROGRESS_EVERY:
                    progress, last = True, now
                    print(
                        f"... {line:,} {where}s, {len(conversation.anomalies):,} anomalies,"
                        f" {line / max(now - started, 1e-9):,.0f} {where}s/s",
                        file=sys.stderr,
                        flush=True,
                    )
    conversation.finish()
    anomalies = [(lines[a.index] if a.index < len(lines) else 0, a) for a in conversation.anomalies]
    if args.json:
        state = conversation.snapshot()
        for entry, (line, _) in zip(state["anomalies"], anomalies, strict=True):
            entry[where] = line
        state["not_events"] = failures
        print(json.dumps(state, indent=1, default=_json_default))
    else:
        _print_report(sys.stdout, conversation, anomalies, failures, where)
    if args.wav is not None:
        written = _write_wavs(conversation, args.wav)
        print(f"wrote {len(written)} WAV files to {args.wav}", file=sys.stderr)
    return 1 if anomalies or failures or conversation.anomalies_dropped else 0


def _reason(error: Exception) -> str:
    if isinstance(error, DecodeError):
        return f"{error.event_type or 'frame'} at {error.path}: {error.reason}"
    return f"{type(error).__name__}: {error}"


def _json_default(value: Any) -> Any:
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return repr(value)


# -- the report -----------------------------------------------------------------------------------


def _print_report(
    out: IO[str],
    conversation: Any,
    anomalies: list[tuple[int, Anomaly]],
    failures: list[str],
    where: str,
) -> None:
    session = conversation.session
    if session is not None:
        kind = _get(session, "type") or "session"
        model = _get(session, "model")
        described = f"{kind}, {model}" if model else kind
        print(f"session {_get(session, 'id')} ({described})", file=out)
    if conversation.items or conversation.responses:
        formats = f"{conversation.input_format.name} in, {conversation.output_format.name} out"
        print(f"audio: {formats}", file=out)
    items = conversation.items
    print(f"\nconversation ({_count(len(items), 'item')}):", file=out)
    for item in items:
        print(f"  {_line(item)}", file=out)
    others = [i for i in conversation.all_items if not i.in_conversation]
    if others:
        print(f"\nout of the conversation ({_count(len(others), 'item')}):", file=out)
        for item in others:
            origin = f"  [response {item.response_id}]" if item.response_id else ""
            print(f"  {_line(item)}{origin}", file=out)
    for name, stream in conversation.streams.items():
        if stream.kind == "text":
            print(f"\n{name}: {stream.text}", file=out)
        else:
            print(f"\n{name}: {stream.acc.size:,} bytes", file=out)
    if conversation.responses:
        print(f"\nresponses ({len(conversation.responses)}):", file=out)
        for response in conversation.responses.values():
            print(f"  {_response_line(response, conversation)}", file=out)
    state = conversation.input_audio
    if state.appended_bytes or state.committed:
        print(
            f"\ninput audio: {_count(len(state.committed), 'commit')},"
            f" {state.appended_bytes:,} bytes appended, {state.buffered_bytes:,} not committed",
            file=out,
        )
    problems = len(anomalies) + conversation.anomalies_dropped
    if failures:
        print(f"\nnot events ({len(failures)}):", file=out)
        for failure in failures:
            print(f"  {failure}", file=out)
    if problems:
        print(f"\nanomalies ({problems:,}):", file=out)
        for line, anomaly in anomalies:
            print(f"  {where} {line}: {anomaly}", file=out)
        if conversation.anomalies_dropped:
            print(f"  ... and {conversation.anomalies_dropped:,} more", file=out)
    unknown = sum(conversation.unknown_types.values())
    print(
        f"\n{conversation.events:,} events ({unknown:,} of unknown types),"
        f" {_count(len(failures), where)} not decoded, {_count(problems, 'anomaly', 'anomalies')}",
        file=out,
    )


def _line(item: ItemBase) -> str:
    """One item as a line of dialogue."""
    fields = item.fields
    if item.type == "message":
        text = " ".join(filter(None, (_part_text(p) for p in item.content)))
        notes = []
        seconds = sum(p.duration_ms() or 0 for p in item.content if p.received("audio"))
        if seconds:
            notes.append(f"audio {seconds / 1000:.2f} s")
        for part in item.content:
            if part.truncated_at_ms is not None:
                notes.append(f"interrupted at {part.truncated_at_ms / 1000:.2f} s")
            if part.error is not None:
                notes.append(f"transcription failed: {_get(part.error, 'message')}")
        if item.status not in (None, "completed"):
            notes.append(str(item.status))
        suffix = f"  ({'; '.join(notes)})" if notes else ""
        return f"{item.role or 'message'}: {text}{suffix}"
    arguments = item._text("arguments") if "arguments" in item.acc else None
    if item.type == "function_call":
        return f"tool call: {fields.get('name')} {arguments}  ({fields.get('call_id')})"
    if item.type == "function_call_output":
        return f"tool result: {fields.get('output')}  ({fields.get('call_id')})"
    if item.type == "mcp_list_tools":
        names = ", ".join(str(_get(t, "name")) for t in fields.get("tools") or ())
        return f"mcp tools: {fields.get('server_label')}: {names}"
    if item.type == "mcp_call":
        call = f"{fields.get('server_label')}.{fields.get('name')} {arguments}"
        result = fields.get("output")
        status = f"  ({item.status})" if item.status not in (None, "completed") else ""
        return f"mcp call: {call} -> {result}{status}"
    if item.raw is not None:
        return f"{item.type}: (an item kind this version does not know)"
    return f"{item.type}: {json.dumps({k: str(v) for k, v in fields.items()})}"


def _part_text(part: PartBase) -> str:
    for target in ("text", "transcript"):
        if target in part.TEXT_TARGETS:
            value = part._text(target)
            if value:
                return value
    if part.type and "image" in part.type:
        return "[image]"
    return ""


def _response_line(response: Any, conversation: Any) -> str:
    status = response.status or "?"
    details = response.fields.get("status_details")
    reason = _get(details, "reason") if details is not None else None
    if reason:
        status += f" ({reason})"
    items = _count(len(response.output_item_ids), "item")
    out_of_band = any(
        (item := conversation.get(i)) is not None and not item.in_conversation
        for i in response.output_item_ids
    )
    usage = response.fields.get("usage")
    tokens = ""
    if usage is not None:
        total, read, wrote = (
            _get(usage, k) for k in ("total_tokens", "input_tokens", "output_tokens")
        )
        tokens = f"  {total} tokens ({read} in, {wrote} out)"
    band = "  out of band" if out_of_band else ""
    return f"{response.id}  {status}  {items}{tokens}{band}"


def _get(obj: Any, name: str) -> Any:
    from .conversation_state import field_of

    return field_of(obj, name) if obj is not None else None


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"


# -- WAV files ------------------------------------------------------------------------------------


def _write_wavs(conversation: Any, folder: Path) -> list[Path]:
    """Each item's audio (assistant speech and committed user audio), in conversation order,
    then the items out of the conversation, then audio streams; named by position and id."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    items = conversation.items + [i for i in conversation.all_items if not i.in_conversation]
    for item in items:
        for index, part in enumerate(item.content):
            for target in part.BYTES_TARGETS:
                data = part._bytes(target)
                if not data or part.audio_format is None or not part.audio_format.known:
                    continue  # no audio kept, or a format this version cannot write
                who = item.role or item.type or "item"
                name = f"{len(written) + 1:03d}-{who}-{item.id}"
                path = folder / (name + (f"-{index}" if index else "") + ".wav")
                write_wav(path, data, part.audio_format)
                written.append(path)
    for name, stream in conversation.streams.items():
        data = stream.data
        if stream.kind != "bytes" or not data:
            continue
        audio_format = conversation.AUDIO.formats.get(stream.format or conversation.AUDIO.default)
        if audio_format is None:
            continue  # a format this version cannot write (an open vocabulary's new name)
        if stream.rate:
            audio_format = type(audio_format)(audio_format.name, audio_format.encoding, stream.rate)
        path = folder / f"{len(written) + 1:03d}-{name}.wav"
        write_wav(path, data, audio_format, channels=stream.channels or 1)
        written.append(path)
    return written
