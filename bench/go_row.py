"""The generated Go decoder beside the structs backend: a view in RESULTS.md, not a target.

`ga.DecodeServerEvent` (and beta's) runs in a Go program of its own (bench/go/main.go) over the
same frames as the Python contenders. Each round takes one Go sample (timed inside Go: the
process start is not in it) and one sample of the structs backend's `decode_server_event` in this
process, in alternating order, so the ratio of a round compares two samples taken moments apart.
Without Go the row is left out, and the run says so.
"""

from __future__ import annotations

import base64
import importlib
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from .streams import Stream

PROGRAM = Path(__file__).resolve().parent / "go"


def _build(folder: Path) -> Path | None:
    go = shutil.which("go")
    if go is None:
        return None
    env = dict(os.environ, GOPROXY="off", GOTOOLCHAIN="local")
    if not any(env.get(v) for v in ("GOCACHE", "XDG_CACHE_HOME", "HOME")):
        env["GOCACHE"] = str(Path(tempfile.gettempdir()) / "realtime-schema-gocache")
    binary = folder / "bench-go"
    done = subprocess.run(
        [go, "build", "-o", str(binary), "."],
        cwd=PROGRAM, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"go build bench/go failed:\n{done.stderr}")
    return binary


def _python_sample(decode: Callable[[bytes], Any], frames: Sequence[bytes], min_ns: int) -> float:
    passes = 0
    start = time.perf_counter_ns()
    while True:
        for frame in frames:
            decode(frame)
        passes += 1
        elapsed = time.perf_counter_ns() - start
        if elapsed >= min_ns:
            return elapsed / (passes * len(frames))


def _go_sample(ask: IO[str], answer: IO[str]) -> float:
    ask.write("\n")
    ask.flush()
    return float(answer.readline())


def _rounds(
    binary: Path, stream: Stream, frames_file: Path, rounds: int, min_sample_ms: float
) -> tuple[list[float], list[float], list[float]]:
    """Go's and the structs backend's ns per event each round, and their ratio (structs/Go)."""
    structs = importlib.import_module(f"realtime_schema.{stream.protocol}.structs")
    decode = structs.decode_server_event
    min_ns = int(min_sample_ms * 1e6)
    command = [str(binary), "-protocol", stream.protocol, "-frames", str(frames_file)]
    command += ["-min-ms", str(max(min_sample_ms, 0.001))]
    go = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert go.stdin is not None and go.stdout is not None
    go_ns, py_ns, ratios = [], [], []
    try:
        for r in range(rounds):
            if r % 2 == 0:
                g = _go_sample(go.stdin, go.stdout)
                p = _python_sample(decode, stream.frames, min_ns)
            else:
                p = _python_sample(decode, stream.frames, min_ns)
                g = _go_sample(go.stdin, go.stdout)
            go_ns.append(g)
            py_ns.append(p)
            ratios.append(p / g)
    finally:
        go.stdin.close()
        if go.wait(timeout=30) != 0:
            raise RuntimeError(f"bench-go failed on {stream.name}")
    return go_ns, py_ns, ratios


def run(
    streams: Sequence[Stream], rounds: int, min_sample_ms: float, log: Callable[[str], None]
) -> dict[str, Any] | None:
    """Per stream: the Go and structs ns per event (medians) and structs/Go (median ratio)."""
    with tempfile.TemporaryDirectory(prefix="bench-go-") as tmp:
        binary = _build(Path(tmp))
        if binary is None:
            log("note: go is not on PATH: the Go decoder row is left out")
            return None
        out: dict[str, Any] = {}
        for stream in streams:
            frames_file = Path(tmp) / f"{stream.protocol}-{stream.kind}.b64"
            lines = (base64.b64encode(f).decode() + "\n" for f in stream.frames)
            frames_file.write_text("".join(lines))
            go_ns, py_ns, ratios = _rounds(binary, stream, frames_file, rounds, min_sample_ms)
            row = {
                "frames": len(stream.frames),
                "bytes": stream.nbytes,
                "go_ns_per_event": statistics.median(go_ns),
                "structs_ns_per_event": statistics.median(py_ns),
                "structs_over_go": statistics.median(ratios),
                "rounds": rounds,
            }
            row["go_mb_per_s"] = stream.nbytes / len(stream.frames) / row["go_ns_per_event"] * 1e3
            out[stream.name] = row
            log(
                f"go decoder {stream.name}: {row['go_ns_per_event'] / 1e3:.2f} us/event,"
                f" structs {row['structs_ns_per_event'] / 1e3:.2f} us/event,"
                f" structs time / Go time {row['structs_over_go']:.2f}"
            )
        return out


def markdown(go: dict[str, Any] | None) -> list[str]:
    """The RESULTS.md section: a view beside the tables, not a target."""
    lines = ["## Go decoder (a view, no target)\n"]
    if go is None:
        return lines + ["Left out of this run: `go` was not on PATH.\n"]
    lines += [
        "The generated Go module's `DecodeServerEvent` (bench/go/main.go) on the same frames,"
        " timed inside Go, each round beside one sample of the structs backend's"
        " `decode_server_event` in this process (order alternating). Ratio: the median over"
        " rounds of structs time / Go time.\n",
        "| stream | Go µs/event | Go events/s | Go MB/s | structs µs/event | Go vs structs |",
        "|---|---|---|---|---|---|",
    ]
    for name, row in go.items():
        lines.append(
            f"| {name} | {row['go_ns_per_event'] / 1e3:.2f} | {1e9 / row['go_ns_per_event']:,.0f}"
            f" | {row['go_mb_per_s']:.0f} | {row['structs_ns_per_event'] / 1e3:.2f}"
            f" | {row['structs_over_go']:.2f}× |"
        )
    return lines + [""]
