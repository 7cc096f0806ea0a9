"""python -m bench [--smoke] [--out DIR] [--repeats N]"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import checks, contenders, fold, go_row, measure, report, streams

OUR_MODULES = [
    "realtime_schema.ga.structs",
    "realtime_schema.ga.models",
    "realtime_schema.beta.structs",
    "realtime_schema.beta.models",
]


def log(message: str) -> None:
    print(message, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="every path once on a tiny slice, in seconds; writes to a temp dir",
    )
    parser.add_argument("--out", type=Path, help="where to write RESULTS.md, results.png/json")
    parser.add_argument("--repeats", type=int, help="timed rounds per group (default 41)")
    args = parser.parse_args(argv)

    smoke: bool = args.smoke
    out: Path = args.out or (
        Path(tempfile.mkdtemp(prefix="bench-smoke-")) if smoke else Path(__file__).parent
    )
    settings: dict[str, Any] = {
        "mode": "smoke" if smoke else "full",
        "repeats": args.repeats or (1 if smoke else 41),
        "min_sample_ms": 0 if smoke else 5,
        "import_runs": 1 if smoke else 21,
        "encode_count": 20 if smoke else 200,
        "memory_deltas": 20 if smoke else 500,
    }
    started = time.perf_counter()
    log(f"bench: {settings['mode']} run, writing to {out}")

    built = streams.build_all(smoke=smoke)
    checks.run_all(built.values())
    log("checks: every frame decodes in both backends and the hand-written union; all agree")
    seed = contenders.load_seed()
    if seed is None:
        log(f"note: {contenders.SEED_PATH} not found: the seed (pipecat's own models) is left out")

    groups: list[measure.Group] = []
    for protocol in streams.PROTOCOLS:
        for kind in streams.KINDS:
            stream = built[(protocol, kind)]
            groups.append(contenders.decode_group(stream, seed))
            relay = contenders.relay_group(stream)
            if relay is not None:
                groups.append(relay)
        groups += [
            contenders.decode_str_group(built[(protocol, "audio")], seed),
            contenders.consume_group(built[(protocol, "audio")], seed),
            fold.fold_group(built[(protocol, "audio")]),
            contenders.append_group(protocol, seed, settings["encode_count"]),
            contenders.session_group(protocol, seed, settings["encode_count"]),
        ]

    for group in groups:
        group.pairs = report.pairs_for(group.key)

    # Everything built so far (frames, imported libraries, classes) lives to the end: move it out
    # of the collector's way, so collections during a sample cost what that contender's own
    # objects cost, not a traversal of the bench's scaffolding.
    gc.collect()
    gc.freeze()
    results: list[measure.Result] = []
    for group in groups:
        log(f"{group.title}: {len(group.items)} items")
        results.append(
            measure.run_group(group, settings["repeats"], settings["min_sample_ms"] * 10**6, log)
        )

    memory: dict[str, dict[str, float | str]] = {}
    for protocol in streams.PROTOCOLS:
        deltas = built[(protocol, "audio")].audio_frames()
        deltas = (deltas * (settings["memory_deltas"] // len(deltas) + 1))[
            : settings["memory_deltas"]
        ]
        memory[protocol] = {}
        for c in contenders.memory_contenders(protocol, seed):
            try:
                memory[protocol][c.key] = measure.retained_bytes(c.fn, deltas)
            except Exception as exc:  # noqa: BLE001  # reported in RESULTS.md
                memory[protocol][c.key] = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        log(f"retained memory per {protocol} audio delta: {memory[protocol]}")

    from . import openai_path

    modules = (
        OUR_MODULES
        + [report.IMPORT_FLOOR]
        + [openai_path.TYPES_MODULE[p] for p in streams.PROTOCOLS]
    )
    if smoke:
        modules = [OUR_MODULES[0], report.IMPORT_FLOOR, openai_path.TYPES_MODULE["ga"]]
    log(f"import time: {len(modules)} modules, {settings['import_runs']} runs each")
    imports = measure.import_times(modules, settings["import_runs"])
    breakdown = {OUR_MODULES[0]: measure.import_breakdown(OUR_MODULES[0])}

    go = go_row.run(
        [built[(p, k)] for p in streams.PROTOCOLS for k in streams.KINDS],
        settings["repeats"],
        settings["min_sample_ms"],
        log,
    )
    data = report.collect(
        settings=settings,
        streams=[s.describe() for s in built.values()],
        results=results,
        memory=memory,
        imports=imports,
        breakdown=breakdown,
        seconds=time.perf_counter() - started,
    )
    data["go"] = go
    paths = report.write(data, out)
    for line in report.target_lines(data):
        log(line)
    log(f"wrote {', '.join(str(p) for p in paths)} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
