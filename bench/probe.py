"""The measurements behind the analysis in bench/README.md (not part of `make bench`).

.venv/bin/python -m bench.probe            # all three
.venv/bin/python -m bench.probe per-type   # where the audio-stream time goes, by event type
.venv/bin/python -m bench.probe wrapper    # what decode_server_event's wrapper costs, and why
.venv/bin/python -m bench.probe audio      # one audio delta, piece by piece; bytes prototype
"""

from __future__ import annotations

import base64
import binascii
import gc
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import msgspec
import orjson
import pydantic

from . import contenders, measure, streams
from .measure import Contender, Group


def _quiet(_: str) -> None:
    pass


def _median_ns(fn: Callable[[Any], object], items: list[Any], reps: int = 31) -> float:
    samples = []
    for _ in range(reps):
        gc.collect()
        start = time.perf_counter_ns()
        for item in items:
            fn(item)
        samples.append((time.perf_counter_ns() - start) / len(items))
    return statistics.median(samples)


def per_type() -> None:
    """GA audio stream: ns per event and share of the total, by type, structs vs pipecat-style."""
    from realtime_schema.ga import models, structs

    stream = streams.build("ga", "audio", streams.FULL_TURNS["audio"])
    by_type: dict[str, list[bytes]] = defaultdict(list)
    for frame, kind in zip(stream.frames, stream.types, strict=True):
        by_type[kind].append(frame)
    pipecat = contenders.pipecat_style(models)
    paths: dict[str, Callable[[Any], object]] = {
        "structs": structs._decode_server,
        "pipecat": pipecat,
        "json.loads": json.loads,
        "orjson": orjson.loads,
    }
    gc.collect()
    gc.freeze()
    rows: dict[str, dict[str, float]] = {}
    for kind, frames in by_type.items():
        cs = [Contender(k, k, fn) for k, fn in paths.items()]
        result = measure.run_group(Group(kind, kind, frames, 0, cs), 15, 5_000_000, _quiet)
        rows[kind] = {k: result.ns_per_item(k) for k in paths}
    total = {k: sum(rows[t][k] * len(by_type[t]) for t in rows) for k in paths}
    print("GA audio stream, ns per event by type (bench harness: 15 shuffled rounds, 5 ms samples)")
    print(f"{'type':<54} {'n':>5} " + " ".join(f"{k:>10}" for k in paths) + "   x   share")
    for t in sorted(rows, key=lambda t: -rows[t]["structs"] * len(by_type[t])):
        r, n = rows[t], len(by_type[t])
        cells = " ".join(f"{r[k]:>10,.0f}" for k in paths)
        share = r["structs"] * n / total["structs"]
        print(f"{t:<54} {n:>5} {cells} {r['pipecat'] / r['structs']:5.2f} {share:6.1%}")
    print(f"whole stream: pipecat-style / structs = {total['pipecat'] / total['structs']:.2f}x")


def wrapper() -> None:
    """decode_server_event against the bare decoder it wraps, piece by piece, on both streams."""
    from realtime_schema._runtime import models_support
    from realtime_schema.ga import models, structs

    bare = structs._decode_server
    rust = models._server_adapter.validate_json
    strict_json: Callable[[Any], object] | None = getattr(models_support, "strict_json_parse", None)

    def plain(data: bytes) -> object:
        return bare(data)

    for kind in ("small", "audio"):
        stream = streams.build("ga", kind, streams.FULL_TURNS[kind])
        cs = [
            Contender("bare", "structs._decode_server (C)", bare),
            Contender("current", "structs.decode_server_event", structs.decode_server_event),
            Contender("plain", "def f(data): return _decode_server(data)", plain),
            Contender("m_bare", "models._decode_server (the core validator's validate_json)", models._decode_server),  # noqa: E501
            Contender("m_current", "models.decode_server_event", models.decode_server_event),
            Contender("m_rust", "TypeAdapter.validate_json (a Python layer over it)", rust),
        ]  # fmt: skip
        if strict_json is not None:
            cs.append(
                Contender(
                    "m_strict", "strict_json_parse alone (simdjson, the 2nd pass)", strict_json
                )
            )
        group = Group("probe", "probe", stream.frames, stream.nbytes, cs)
        gc.collect()
        gc.freeze()
        result = measure.run_group(group, 41, 5_000_000, _quiet)
        print(f"GA {kind} stream, the bench's harness (41 shuffled rounds, 5 ms samples)")
        for c in cs:
            base = "m_bare" if c.key.startswith("m_") else "bare"
            ns = result.ns_per_item(c.key)
            if c.key == "m_strict":  # a piece: its time as a share of the decoder's
                share = f"{ns / result.ns_per_item(base):6.1%} of {base}"
            else:
                extra = result.ratio(base, c.key)
                assert extra is not None
                share = f"{extra - 1:+6.1%} on {base}"
            print(f"{ns:8.1f} ns/event  {share:<16} {c.label}")


def audio() -> None:
    """One 100 ms audio delta, piece by piece."""
    import pybase64

    from realtime_schema.ga import models, structs

    stream = streams.build("ga", "audio", streams.FULL_TURNS["audio"])
    deltas = stream.audio_frames()[:500]
    b64 = [json.loads(f)["delta"] for f in deltas]
    emptied = [f.replace(d.encode(), b"") for f, d in zip(deltas, b64, strict=True)]
    fields: dict[str, Any] = {
        "event_id": str,
        "response_id": str,
        "item_id": str,
        "output_index": int,
    }

    def struct_with(delta: Any, **options: Any) -> Any:
        ns = {"__annotations__": {**fields, "content_index": int, "delta": delta}}
        return type(
            "Delta", (msgspec.Struct,), ns, tag_field="type", tag=stream.audio_type, **options
        )

    def model_with(delta: Any) -> Any:
        config = pydantic.ConfigDict(strict=True, val_json_bytes="base64")
        definitions: dict[str, Any] = {k: (v, ...) for k, v in fields.items()}
        definitions.update(type=(str, ...), content_index=(int, ...), delta=(delta, ...))
        return pydantic.create_model("Delta", __config__=config, **definitions)

    def typed(delta: Any, **options: Any) -> Callable[[Any], object]:
        decode: Callable[[Any], object] = msgspec.json.Decoder(struct_with(delta, **options)).decode
        return decode

    def pybase64_alone(text: str) -> bytes:
        return pybase64.b64decode(text, None, True)

    def find_payload(frame: bytes) -> int:
        return frame.find(b'"', frame.find(b'"delta":"') + 9)

    rows: list[tuple[str, Callable[[Any], object], list[Any]]] = [
        ("structs.decode_server_event (the large-frame path)", structs.decode_server_event, deltas),
        (
            "structs._decode_server (the whole frame, msgspec's base64)",
            structs._decode_server,
            deltas,
        ),
        ("  its pieces: find the payload's key and end (bytes.find)", find_payload, deltas),
        ("  its pieces: pybase64.b64decode(validate) alone", pybase64_alone, b64),
        ("  its pieces: structs._decode_server, payload emptied", structs._decode_server, emptied),
        ("msgspec typed, delta: str", typed(str), deltas),
        ("msgspec typed, delta: str, gc=False", typed(str, gc=False), deltas),
        ("msgspec typed, delta: msgspec.Raw (no copy)", typed(msgspec.Raw), deltas),
        ("msgspec typed, delta: bytes (base64 in C)", typed(bytes), deltas),
        ("msgspec untyped", msgspec.json.decode, deltas),
        ("orjson.loads", orjson.loads, deltas),
        ("json.loads", json.loads, deltas),
        ("pydantic validate_json, delta: str", model_with(str).model_validate_json, deltas),
        ("pydantic validate_json, delta: bytes", model_with(bytes).model_validate_json, deltas),
        ("pipecat-style on our models", contenders.pipecat_style(models), deltas),
        ("base64.b64decode(str) alone", base64.b64decode, b64),
        ("binascii.a2b_base64(str) alone", binascii.a2b_base64, b64),
    ]
    print("One GA audio delta (6,607-byte frame, 6,400 base64 characters), ns (median, 500 frames)")
    for label, fn, items in rows:
        print(f"{_median_ns(fn, items):9,.0f}  {label}")


PROBES = {"per-type": per_type, "wrapper": wrapper, "audio": audio}

if __name__ == "__main__":
    for name in sys.argv[1:] or list(PROBES):
        PROBES[name]()
        print()
