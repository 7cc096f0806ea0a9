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
from typing import Any

from .streams import Stream

PROGRAM = Path(__file__).resolve().parent / "go"


def _build(folder: Path) -> Path | None:
    go = shutil.which("go")
    if go is None:
        return None
    env = dict(os.environ, GOPROXY="off", GOTOOLCHAIN="local")
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


def run(
    streams: Sequence[Stream], rounds: int, min_sample_ms: float, log: Callable[[str], None]
) -> dict[str, Any] | None:
    """Per stream: the Go and structs ns per event (medians) and structs/Go per round."""
    with tempfile.TemporaryDirectory(prefix="bench-go-") as tmp:
        binary = _build(Path(tmp))
        if binary is None:
            log("note: go is not on PATH: the Go decoder row is left out")
            return None
        out: dict[str, Any] = {}
        for stream in streams:
            frames_file = Path(tmp) / f"{stream.protocol}-{stream.kind}.b64"
            frames_file.write_text(
                "".join(base64.b64encode(f).decode() + "\n" for f in stream.frames)
            )
            structs = importlib.import_module(f"realtime_schema.{stream.protocol}.structs")
            go = subprocess.Popen(
                [str(binary), "-protocol", stream.protocol, "-frames", str(frames_file),
                 "-min-ms", str(max(min_sample_ms, 0.001))],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
            )  # fmt: skip
            assert go.stdin is not None and go.stdout is not None

            def go_sample() -> float:
                go.stdin.write("\n")  # type: ignore[union-attr]
                return float(go.stdout.readline())  # type: ignore[union-attr]

            go_ns, py_ns, ratios = [], [], []
            try:
                for r in range(rounds):
                    if r % 2 == 0:
                        g = go_sample()
                        p = _python_sample(
                            structs.decode_server_event, stream.frames, int(min_sample_ms * 1e6)
                        )
                    else:
                        p = _python_sample(
                            structs.decode_server_event, stream.frames, int(min_sample_ms * 1e6)
                        )
                        g = go_sample()
                    go_ns.append(g)
                    py_ns.append(p)
                    ratios.append(p / g)
            finally:
                go.stdin.close()
                if go.wait(timeout=30) != 0:
                    raise RuntimeError(f"bench-go failed on {stream.name}")
            go_median = statistics.median(go_ns)
            out[stream.name] = {
                "frames": len(stream.frames),
                "bytes": stream.nbytes,
                "go_ns_per_event": go_median,
                "go_mb_per_s": stream.nbytes / len(stream.frames) / go_median * 1e3,
                "structs_ns_per_event": statistics.median(py_ns),
                "structs_over_go": statistics.median(ratios),
                "rounds": rounds,
            }
            log(
                f"go decoder {stream.name}: {go_median / 1e3:.2f} us/event, structs"
                f" {out[stream.name]['structs_ns_per_event'] / 1e3:.2f} us/event"
                f" (Go {out[stream.name]['structs_over_go']:.2f}x)"
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
