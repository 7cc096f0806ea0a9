"""A fuzz campaign: seeded frames for one protocol, each judged three ways."""

from __future__ import annotations

import base64
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from tests.cases import own_cases, published_cases
from tests.fuzz.frames import to_frame
from tests.fuzz.instances import Generator
from tests.fuzz.judges import Verdict, judge, known_types
from tests.fuzz.mutations import mutate, mutate_frame
from tests.variants import protocol_model


@dataclass(frozen=True)
class FuzzCase:
    kind: str  # "generated", "mutated" or "damaged"
    direction: str
    frame: bytes


@dataclass(frozen=True)
class Finding:
    protocol: str
    case: FuzzCase
    verdict: Verdict  # the schema's
    problem: str


@cache
def seed_events(protocol: str) -> tuple[dict[str, Any], ...]:
    """The valid events we mutate: our full fixtures and OpenAI's valid examples."""
    cases = own_cases(protocol) + published_cases(protocol)
    return tuple(c.data for c in cases if c.valid and isinstance(c.data, dict) and c.raw is None)


@cache
def other_types(protocol: str) -> tuple[str, ...]:
    """Type strings a frame of this protocol should not carry: the other protocols' and the
    beta<->GA renames (legacy types)."""
    from tests.support import PROTOCOLS

    ours = set(known_types(protocol))
    theirs = {t for p in PROTOCOLS if p != protocol for t in known_types(p)}
    return tuple(sorted(theirs - ours)) or ("session.created",)


def cases(protocol: str, seed: int, count: int) -> Iterator[FuzzCase]:
    rng = random.Random(f"{protocol}:{seed}")
    ir = protocol_model(protocol)
    generator = Generator(ir, rng)
    events = ir.all_events()
    seeds = seed_events(protocol)
    types = known_types(protocol)
    strange = other_types(protocol) + tuple(types)
    for _ in range(count):
        roll = rng.random()
        if roll < 0.35 or not seeds:
            event = rng.choice(events)
            data: Any = generator.event(event.model)
            direction: str = event.direction
        else:
            data = rng.choice(seeds)
            direction = types[data["type"]]
        ascii_only = rng.random() < 0.3
        if roll < 0.3:
            yield FuzzCase("generated", direction, to_frame(data, ascii_only))
        elif roll < 0.85:
            yield FuzzCase("mutated", direction, to_frame(mutate(rng, data, strange), ascii_only))
        else:
            yield FuzzCase("damaged", direction, mutate_frame(rng, to_frame(data, ascii_only)))


def run(protocol: str, seed: int, count: int) -> tuple[list[Finding], Counter[str]]:
    """Judge `count` cases; returns the disagreements and a tally of (kind, verdict)."""
    findings = []
    tally: Counter[str] = Counter()
    for case in cases(protocol, seed, count):
        verdict, problem = judge(protocol, case.direction, case.frame)
        tally[f"{case.kind}:{verdict}"] += 1
        if problem:
            findings.append(Finding(protocol, case, verdict, problem))
    return findings, tally


def as_fixture(finding: Finding) -> dict[str, Any]:
    """A disagreement as a regression case for tests/fixtures/<protocol>/fuzz-regressions.json."""
    return {
        "description": f"fuzz ({finding.case.kind}): {finding.problem}",
        "direction": finding.case.direction,
        "readable": finding.case.frame.decode("utf-8", "backslashreplace"),  # for people
        "raw_base64": base64.b64encode(finding.case.frame).decode(),  # the exact bytes
        "verdict": finding.verdict,
    }


def describe(finding: Finding) -> str:
    text = finding.case.frame[:300].decode("utf-8", "backslashreplace")
    return f"{finding.protocol} {finding.case.direction} {finding.problem}: {text}"
