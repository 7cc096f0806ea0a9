"""Run hostile frames through one backend in a fresh interpreter (see test_hostile.py).

A crash or a hang kills only this process; the parent sees it. Prints one JSON object: for each
frame, the exception type or the class decoded, the seconds it took, and the peak RSS growth.
"""

from __future__ import annotations

import importlib
import json
import resource
import sys
import tempfile
import time

EVENT = (
    b'{"type":"response.output_audio.delta","event_id":"e","response_id":"r","item_id":"i",'
    b'"output_index":0,"content_index":0,"delta":"%s"}'
)
TEXT = (
    b'{"type":"response.output_text.delta","event_id":"e","response_id":"r","item_id":"i",'
    b'"output_index":0,"content_index":0,"delta":"x"%s}'
)


UNKNOWN_ITEM = b'{"type":"conversation.item.added","event_id":"e","item":{"type":"x_kind","n":%s}}'


def big(head: bytes, fill: bytes, size: int, tail: bytes) -> bytes:
    """A large frame built through a file, so building it leaves no peak above its own size."""
    with tempfile.TemporaryFile() as spool:
        spool.write(head)
        for _ in range(size // len(fill)):
            spool.write(fill)
        spool.write(tail)
        spool.seek(0)
        return spool.read()


def frames(name: str) -> bytes | str:
    small = TEXT % b""
    table: dict[str, bytes | str] = {
        "invalid utf-8 in a field": TEXT.replace(b'"x"', b'"\xff\xfe"') % b"",
        "invalid utf-8 undeclared": TEXT % b',"extra":"caf\xe9"',
        "truncated": small[: len(small) // 2],
        "trailing garbage": small + b" }",
        "NaN": TEXT % b',"extra":NaN',
        "Infinity": TEXT.replace(b'"output_index":0', b'"output_index":Infinity') % b"",
        "lone surrogate escape": TEXT % b',"extra":"\\udc00"',
        "lone surrogate in str": (TEXT % b"").decode().replace('"x"', '"\ud800"'),
        "empty": b"",
        "array": b"[]",
        "number": b"42",
        "null": b"null",
        "nesting 100000": TEXT % (b',"extra":' + b"[" * 100_000 + b"]" * 100_000),
        "nesting 100000 top": b"[" * 100_000 + b"]" * 100_000,
        "nesting 300 undeclared": TEXT % (b',"extra":' + b"[" * 300 + b"]" * 300),
        # more digits than Python reads (4,300): skipped unread where undeclared, in both
        # backends (pydantic's parser refuses it even there: the slow path takes it)
        "4301 digits undeclared": TEXT % (b',"x":' + b"9" * 4301),
        "4301 digits undeclared, an integral float": TEXT % (b',"x":[1.0,' + b"9" * 4301 + b"]"),
        "4301 digits undeclared, bytes not UTF-8 beside": TEXT
        % (b',"x":' + b"9" * 4301 + b',"y":"\xff"'),
        "4301 digits undeclared, not UTF-8, an integral float": TEXT
        % (b',"output_index":1.0,"x":' + b"9" * 4301 + b',"y":"\xff"'),
        "4301 digits, then a lone surrogate escape a repeated key drops": TEXT
        % (b',"x":' + b"9" * 4301 + b',"a":"\\udc00","a":1'),
        "4301 digits declared": TEXT.replace(b'"output_index":0', b'"output_index":' + b"9" * 4301)
        % b"",
        # an unknown nested variant is kept whole, all of it read (the slow path walks it)
        "nesting 900 unknown variant": UNKNOWN_ITEM % (b"[" * 900 + b"]" * 900),
        "nesting 100000 unknown variant": UNKNOWN_ITEM % (b"[" * 100_000 + b"]" * 100_000),
    }
    head, _, tail = (TEXT % b"").partition(b'"x"')
    audio_head, _, audio_tail = EVENT.partition(b"%s")
    builders = {
        "50 MB string": lambda: big(head + b'"', b"a" * 1000, 50_000_000, b'"' + tail),
        "50 MB undeclared": lambda: big(TEXT[:-3] + b',"extra":"', b"a" * 1000, 50_000_000, b'"}'),
        "50 MB type": lambda: big(b'{"type":"', b"t" * 1000, 50_000_000, b'"}'),
        # 12 MB of PCM as base64: 16 MB of "AAAA" (zero bytes)
        "16 MB audio delta": lambda: big(audio_head, b"AAAA" * 250, 16_000_000, audio_tail),
    }
    return builders[name]() if name in builders else table[name]


def main() -> None:
    protocol_module, backend, names = sys.argv[1], sys.argv[2], sys.argv[3:]
    module = importlib.import_module(f"realtime_schema.{protocol_module}.{backend}")
    results = {}
    for name in names:
        frame = frames(name)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        started = time.perf_counter()
        try:
            event = module.decode_server_event(frame)
            outcome = type(event).__name__
        except BaseException as error:  # noqa: BLE001 - reporting which is the point
            outcome = type(error).__name__
        took = time.perf_counter() - started
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before
        results[name] = {
            "outcome": outcome,
            "seconds": took,
            "peak_growth": grown,
            "size": len(frame),
        }
        del frame
    print(json.dumps(results))


if __name__ == "__main__":
    main()
