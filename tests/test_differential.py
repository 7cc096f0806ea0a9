"""Differential fuzzing in the suite: a fixed-seed campaign per protocol, and hypothesis.

Every frame gets three verdicts (jsonschema, structs, models: "event", "unknown" or "invalid")
and they must agree; an event must decode to the same values in both backends and round-trip.
`make fuzz` runs the same campaign longer, with a random seed (tests/fuzz/__main__.py).
"""

from __future__ import annotations

import base64
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.campaign import describe, run
from tests.fuzz.frames import to_frame
from tests.fuzz.instances import Generator
from tests.fuzz.judges import disagreement, schema_verdict
from tests.fuzz.mutations import mutate
from tests.support import FIXTURES, PROTOCOLS, load_json
from tests.variants import protocol_model

CASES_PER_PROTOCOL = 20_000
CHUNKS = 8  # so pytest-xdist can spread a protocol over workers


@pytest.mark.parametrize("chunk", range(CHUNKS))
@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_fixed_seed_campaign(protocol: str, chunk: int) -> None:
    findings, tally = run(protocol, seed=chunk, count=CASES_PER_PROTOCOL // CHUNKS)
    assert sum(tally.values()) == CASES_PER_PROTOCOL // CHUNKS
    # the campaign must reach every verdict, or it is not testing what it claims
    assert {key.split(":")[1] for key in tally} == {"event", "unknown", "invalid"}, tally
    assert not findings, "\n".join(describe(f) for f in findings[:10])


def _regressions() -> list[tuple[str, dict[str, str]]]:
    found = []
    for protocol in PROTOCOLS:
        path = FIXTURES / protocol / "fuzz-regressions.json"
        if path.exists():
            found += [(protocol, entry) for entry in load_json(path)]
    return found


@pytest.mark.parametrize(("protocol", "entry"), _regressions())
def test_fuzz_regression(protocol: str, entry: dict[str, str]) -> None:
    """Disagreements `make fuzz` found, kept as fixtures: the schema's verdict stays the same,
    and the backends agree with it."""
    frame = base64.b64decode(entry["raw_base64"])
    assert schema_verdict(protocol, entry["direction"], frame) == entry["verdict"]
    assert disagreement(protocol, entry["direction"], frame) is None


@pytest.mark.parametrize("protocol", PROTOCOLS)
@settings(
    max_examples=150,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(rng=st.randoms(use_true_random=False), mutated=st.booleans())
def test_hypothesis_events(protocol: str, rng: random.Random, mutated: bool) -> None:
    """The same generator, driven by hypothesis, which shrinks a failure to a small frame."""
    ir = protocol_model(protocol)
    event = rng.choice(ir.all_events())
    data = Generator(ir, rng).event(event.model)
    if mutated:
        data = mutate(rng, data, ())
    frame = to_frame(data)
    assert disagreement(protocol, event.direction, frame) is None, frame
