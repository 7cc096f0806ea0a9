# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""`realtime-schema`: the command-line tool (also `python -m realtime_schema`)."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import IO

import msgspec

from . import replay, schema_diff
from .capture import FrameError, iter_events, peek_type
from .errors import DecodeError
from .unknown import UnknownEvent

PROTOCOLS = ("beta", "ga", "translation")  # the module names under realtime_schema
_PROGRESS_EVERY = 1.0  # seconds between progress lines on stderr


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="realtime-schema", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser(
        "validate",
        help="decode every event of a recorded session and report what did not decode",
        description="Decode a capture (JSON Lines, one event per line, or a JSON array). "
        "Exit status 1 when any event fails to decode, else 0.",
    )
    validate.add_argument("capture", help="the capture file, or - for stdin")
    validate.add_argument("--protocol", choices=PROTOCOLS, required=True)
    validate.add_argument("--backend", choices=("structs", "models"), default="structs")
    validate.add_argument("--direction", choices=("server", "client", "auto"), default="auto")
    validate.add_argument(
        "--field",
        metavar="POINTER",
        help="each line wraps the frame: the JSON pointer of the field holding it (`/data`, or "
        "`data`), as an object or as a string holding the frame's text",
    )
    validate.set_defaults(func=run_validate)
    schema_diff.add_parser(commands)
    replay.add_parser(commands)
    args = parser.parse_args(argv)
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    """The command, with a one-line message for a file it cannot read or a backend whose extra is
    not installed (exit status 2), and a quiet exit when its reader goes away (`| head`): status
    141, as a shell reports SIGPIPE."""
    try:
        status = int(args.func(args))
        sys.stdout.flush()  # inside the try: a closed pipe shows here, not at exit
        return status
    except BrokenPipeError:
        # Python flushes stdout again at exit, which would print a traceback: point it nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename is not None else ""
        print(f"realtime-schema: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except ImportError as exc:  # --backend models without its extra: the message says which
        print(f"realtime-schema: {exc}", file=sys.stderr)
        return 2


def run_validate(args: argparse.Namespace) -> int:
    module = importlib.import_module(f"realtime_schema.{args.protocol}.{args.backend}")
    client_types = set(module.CLIENT_EVENT_TYPES)
    unwrap = field_reader(args.field) if args.field is not None else None

    def decode(line: bytes) -> object:
        frame = unwrap(line) if unwrap else line
        direction = args.direction
        if direction == "auto":
            try:
                direction = "client" if peek_type(frame) in client_types else "server"
            except DecodeError:
                direction = "server"  # the decode below names the fault
        return getattr(module, f"decode_{direction}_event")(frame)

    source = sys.stdin.buffer if args.capture == "-" else open(args.capture, "rb")  # noqa: SIM115
    with source:
        frames, where = _frames(source)
        report = _Report(sys.stdout, sys.stderr, where)
        for item in iter_events(frames, decode):
            report.add(item)
    report.finish()
    return 1 if report.errors else 0


_read_object = msgspec.json.Decoder(dict[str, msgspec.Raw]).decode
_read_array = msgspec.json.Decoder(list[msgspec.Raw]).decode
_read_text = msgspec.json.Decoder(str).decode


def field_reader(pointer: str) -> Callable[[bytes], bytes | str]:
    """The frame a capture line wraps at `pointer` (RFC 6901; a leading `/` may be left out).

    The field holds the event as an object (its bytes are the frame, exactly as captured) or as
    a JSON string holding the frame's text. A line without the field is a DecodeError.
    """
    if pointer and not pointer.startswith("/"):
        pointer = "/" + pointer
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]

    def unwrap(line: bytes) -> bytes | str:
        value: bytes = line
        try:
            for token in tokens:
                head = value.lstrip()[:1]
                if head == b"{":
                    value = bytes(_read_object(value)[token])
                elif head == b"[" and token.isdigit():
                    value = bytes(_read_array(value)[int(token)])
                else:
                    raise KeyError(token)
        except (KeyError, IndexError):
            raise DecodeError(f"the line has no field {pointer}") from None
        except (msgspec.DecodeError, UnicodeError) as exc:
            raise DecodeError(f"the line is not JSON: {exc}") from None
        if value.lstrip()[:1] == b'"':
            return _read_text(value)  # the frame's text
        return value

    return unwrap


def _frames(source: IO[bytes]) -> tuple[Iterator[bytes], str]:
    """The capture's events, and what to call a position ("line" or "item")."""
    head = source.peek(64)[:64] if hasattr(source, "peek") else b""
    if head.lstrip()[:1] == b"[":
        try:
            items = msgspec.json.decode(source.read(), type=list[msgspec.Raw])
        except msgspec.DecodeError as exc:
            raise SystemExit(f"realtime-schema: not a JSON array of events: {exc}") from None
        return (bytes(item) for item in items), "item"
    return (line for line in source), "line"


class _Report:
    def __init__(self, out: IO[str], progress: IO[str], where: str) -> None:
        self.out, self.progress, self.where = out, progress, where
        self.counts: Counter[str] = Counter()
        self.unknown: Counter[str] = Counter()
        self.errors = 0
        self.blank = 0
        self.seen = 0
        self.started = self.last_progress = time.monotonic()

    def add(self, item: object) -> None:
        self.seen += 1
        if isinstance(item, FrameError):
            if not (isinstance(item.frame, bytes) and item.frame.strip()):
                self.blank += 1  # blank lines between events are not events
                return
            self.errors += 1
            error = item.error
            path = error.path if isinstance(error, DecodeError) else "$"
            kind = error.event_type if isinstance(error, DecodeError) else type(error).__name__
            reason = error.reason if isinstance(error, DecodeError) else str(error)
            print(
                f"{self.where} {item.index + 1}: {kind or 'frame'} at {path}: {reason}",
                file=self.out,
            )
        elif isinstance(item, UnknownEvent):
            self.unknown[item.type] += 1
        else:
            self.counts[str(getattr(item, "type", type(item).__name__))] += 1
        now = time.monotonic()
        if now - self.last_progress >= _PROGRESS_EVERY:
            self.last_progress = now
            rate = self.seen / (now - self.started)
            print(f"... {self.seen:,} {self.where}s, {rate:,.0f}/s", file=self.progress, flush=True)

    def finish(self) -> None:
        decoded = sum(self.counts.values())
        unknown = sum(self.unknown.values())
        took = time.monotonic() - self.started
        print(
            f"\n{decoded + unknown + self.errors:,} events in {took:.2f} s: {decoded:,} decoded, "
            f"{unknown:,} of unknown types, {self.errors:,} failed",
            file=self.out,
        )
        for event_type, count in sorted(self.counts.items()):
            print(f"  {count:>9,}  {event_type}", file=self.out)
        for event_type, count in sorted(self.unknown.items()):
            print(f"  {count:>9,}  {event_type}  (unknown type)", file=self.out)


if __name__ == "__main__":
    sys.exit(main())
