"""Timing, import time and retained memory. No knowledge of what is being measured.

Throughput: every contender of a group runs the same loop (`for item in items: fn(item)`) over the
same items; a `per_pass` contender is that loop itself (`fn(items)`, a hot loop as a user writes
it, with no call per item). A sample is the wall time of one pass (`time.perf_counter_ns`),
averaged over as many back-to-back passes as it takes to fill `min_sample_ns`, and starts from a
collected heap (`gc.collect()`), so it pays for its own garbage and no one else's. Rounds
interleave the contenders (each round times every contender once, in a seeded random order, so no
contender always follows the same neighbour); the result is the median over rounds. The pairs a
target compares are also timed head to head (`head_to_head`: rounds of a, b, b, a in short
samples), and their ratio is the median of those per-round ratios: on a shared machine a neighbour
process can halve this one's speed for seconds at a time, which a median over rounds seconds apart
does not always absorb, but two samples milliseconds apart see the same neighbour.
A sample during which this thread was off the CPU (wall time over 1.1 x its CPU time: another
process had the core) is taken again, up to `RETAKES` times; retakes are counted in the results.
"""

from __future__ import annotations

import gc
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

# What each contender is, for the table and the chart.
OURS, REFERENCE, BASELINE, FLOOR = "ours", "reference", "baseline", "floor"


@dataclass
class Contender:
    key: str  # stable id used by the targets (structs, pipecat, orjson, ...)
    label: str  # what it runs, for humans
    fn: Callable[[Any], object]
    role: str = OURS
    note: str = ""
    per_pass: bool = False  # fn takes the whole sequence of items: it is the loop

    def run_pass(self) -> Callable[[Sequence[Any]], object]:
        """One pass over the items."""
        if self.per_pass:
            return self.fn
        fn = self.fn
        return lambda items: _one_pass(fn, items)


@dataclass
class Group:
    """Contenders that do the same job over the same items."""

    key: str  # decode/ga/audio, consume/beta/audio, encode-append/ga, ...
    title: str
    items: Sequence[Any]
    nbytes: int  # bytes per pass, for MB/s (decode: the frames; encode: our wire output)
    contenders: list[Contender]
    pairs: list[tuple[str, str]] = field(default_factory=list)  # compared head to head


@dataclass
class Result:
    key: str
    title: str
    n: int  # items per pass
    nbytes: int
    labels: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # contenders that could not run
    samples: dict[str, list[float]] = field(default_factory=dict)  # ns per pass, one per round
    retakes: dict[str, int] = field(default_factory=dict)  # samples taken again (off-CPU)
    # (a, b) -> per-round time(b) / time(a), from head-to-head ABBA rounds
    paired: dict[tuple[str, str], list[float]] = field(default_factory=dict)

    def ns_per_item(self, key: str) -> float:
        return statistics.median(self.samples[key]) / self.n

    def per_second(self, key: str) -> float:
        return 1e9 / self.ns_per_item(key)

    def mb_per_second(self, key: str) -> float:
        return self.nbytes / 1e6 / (statistics.median(self.samples[key]) / 1e9)

    def ratio(self, faster: str, slower: str) -> float | None:
        """How many times faster `faster` is than `slower`: the median over rounds of
        time(slower) / time(faster). From the head-to-head rounds where the pair had them,
        else from the interleaved rounds."""
        if (faster, slower) in self.paired:
            return statistics.median(self.paired[(faster, slower)])
        if (slower, faster) in self.paired:
            return statistics.median(1 / r for r in self.paired[(slower, faster)])
        if faster not in self.samples or slower not in self.samples:
            return None
        pairs = zip(self.samples[slower], self.samples[faster], strict=True)
        return statistics.median(s / f for s, f in pairs)


def _one_pass(fn: Callable[[Any], object], items: Sequence[Any]) -> None:
    for item in items:
        fn(item)


RETAKES = 3


Pass = Callable[[Sequence[Any]], object]


def _sample(run_pass: Pass, items: Sequence[Any], inner: int) -> tuple[float, bool]:
    """(wall ns per pass, whether the thread kept the CPU throughout)."""
    gc.collect()
    cpu = time.thread_time_ns()
    start = time.perf_counter_ns()
    for _ in range(inner):
        run_pass(items)
    wall = time.perf_counter_ns() - start
    cpu = time.thread_time_ns() - cpu
    return wall / inner, wall <= 1.1 * cpu


def _cpu_sample(run_pass: Pass, items: Sequence[Any], inner: int) -> float:
    """This thread's CPU ns per pass: what the code costs, whether or not a neighbour took the
    core meanwhile."""
    gc.collect()
    cpu = time.thread_time_ns()
    for _ in range(inner):
        run_pass(items)
    return (time.thread_time_ns() - cpu) / inner


def run_group(group: Group, repeats: int, min_sample_ns: int, log: Callable[[str], None]) -> Result:
    result = Result(group.key, group.title, len(group.items), group.nbytes)
    live: list[tuple[Contender, int]] = []
    passes: dict[str, Pass] = {}
    for c in group.contenders:
        result.labels[c.key], result.roles[c.key] = c.label, c.role
        if c.note:
            result.notes[c.key] = c.note
        passes[c.key] = c.run_pass()
        try:  # the first pass checks it runs at all, and warms it up
            first, _ = _sample(passes[c.key], group.items, 1)
        except Exception as exc:  # noqa: BLE001  # reported, not hidden: see RESULTS.md
            result.errors[c.key] = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
            log(f"  {c.key}: FAILED {result.errors[c.key]}")
            continue
        second, _ = _sample(passes[c.key], group.items, 1)
        inner = max(1, math.ceil(min_sample_ns / max(min(first, second), 1.0)))
        live.append((c, inner))
        result.samples[c.key] = []
        result.retakes[c.key] = 0
    shuffle = random.Random(group.key).shuffle
    for _ in range(repeats):
        order = list(live)
        shuffle(order)
        for c, inner in order:
            ns, on_cpu = _sample(passes[c.key], group.items, inner)
            for _ in range(RETAKES if min_sample_ns else 0):
                if on_cpu:
                    break
                result.retakes[c.key] += 1
                ns, on_cpu = _sample(passes[c.key], group.items, inner)
            result.samples[c.key].append(ns)
    for c, _ in live:
        log(
            f"  {c.key:<18} {result.per_second(c.key):>12,.0f} events/s"
            f" {result.mb_per_second(c.key):>9,.1f} MB/s"
        )
    alive = {c.key for c, _ in live}
    for a, b in group.pairs:
        if a in alive and b in alive:
            result.paired[(a, b)] = head_to_head(
                passes[a], passes[b], group.items, repeats, min_sample_ns // 2
            )
    return result


def head_to_head(
    a: Pass,
    b: Pass,
    items: Sequence[Any],
    rounds: int,
    min_sample_ns: int,
) -> list[float]:
    """time(b) / time(a), once per round, each round timing a, b, b, a back to back in short
    samples: a neighbour that slows the machine for longer than a round slows both alike, and
    the mirrored order cancels a steady drift within the round. Time here is this thread's CPU
    time, which a neighbour taking the core does not inflate: on a loaded 2-core VM, two
    identical functions measured 0.2-1.8% apart this way (9 runs of 41 rounds), and 0.3-13%
    apart by wall time in the same rounds (3 runs)."""
    first = _cpu_sample(a, items, 1)
    second = _cpu_sample(b, items, 1)
    inner_a = max(1, math.ceil(min_sample_ns / max(first, 1.0)))
    inner_b = max(1, math.ceil(min_sample_ns / max(second, 1.0)))
    ratios = []
    for _ in range(rounds):
        a1 = _cpu_sample(a, items, inner_a)
        b1 = _cpu_sample(b, items, inner_b)
        b2 = _cpu_sample(b, items, inner_b)
        a2 = _cpu_sample(a, items, inner_a)
        ratios.append((b1 + b2) / max(a1 + a2, 1.0))
    return ratios


# --- import time ------------------------------------------------------------------------------

BARE = "(bare interpreter)"


# An installed package has its bytecode cached (pip compiles at install); a source checkout gets it
# on first import unless PYTHONDONTWRITEBYTECODE is set (as on some CI images), in which case every
# fresh interpreter would compile the generated modules again. The first, unmeasured run of each
# import writes the caches, so every measured run loads bytecode, as a user's does.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _run(code: str) -> tuple[int, int]:
    """(wall ns, CPU ns: user + system) of a fresh interpreter running `code`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter_ns()
    subprocess.run([sys.executable, "-c", code], check=True, env=_ENV)
    wall = time.perf_counter_ns() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, round(cpu * 1e9)


@dataclass
class ImportTimes:
    """Per module (and `BARE`, `python -c "pass"`): one time per run, in ns."""

    wall: dict[str, list[int]]
    cpu: dict[str, list[int]]


def import_times(modules: Sequence[str], runs: int) -> ImportTimes:
    """`python -c "import M"` for each module (M may name several: "msgspec, pybase64"), and
    `python -c "pass"`, `runs` times each, interleaved, after one unmeasured run of each (which
    writes .pyc files); wall time, and the child's CPU time (user + system), which a busy
    neighbour inflates less. The net import time of M is median(M) - median(pass)."""
    codes = {BARE: "pass", **{m: f"import {m}" for m in modules}}
    for code in codes.values():
        _run(code)
    out = ImportTimes({name: [] for name in codes}, {name: [] for name in codes})
    for _ in range(runs):
        for name, code in codes.items():
            wall, cpu = _run(code)
            out.wall[name].append(wall)
            out.cpu[name].append(cpu)
    return out


def import_breakdown(module: str, top: int = 8) -> list[tuple[str, int]]:
    """The modules that dominate `import module` by `-X importtime` self time (µs)."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        check=True,
        env=_ENV,
        capture_output=True,
        text=True,
    )
    rows: list[tuple[str, int]] = []
    for line in proc.stderr.splitlines():
        parts = line.split("|")
        if len(parts) != 3 or not parts[0].startswith("import time:"):
            continue
        try:
            self_us = int(parts[0].split(":")[1])
        except ValueError:
            continue  # the header line
        rows.append((parts[2].strip(), self_us))
    rows.sort(key=lambda row: -row[1])
    return rows[:top]


# --- retained memory --------------------------------------------------------------------------


def retained_bytes(fn: Callable[[Any], object], items: Sequence[Any]) -> float:
    """Bytes still allocated per item after `fn(item)` for every item, the results kept alive
    (tracemalloc, after a full collection; the input items are not counted)."""
    fn(items[0])  # warm any lazy state outside the measurement
    keep: list[object] = [None] * len(items)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i, item in enumerate(items):
            keep[i] = fn(item)
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    del keep
    return (after - before) / len(items)
