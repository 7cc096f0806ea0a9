"""The beta backends read every fixture the way the seed (pipecat's hand-written module) does.

For each beta fixture whose type the seed knows, every field present in the input must have the
same value in the seed's model as in both of our backends. Where the seed cannot read a valid
frame at all (its defects, protocol-inventory §6), the case is an expected failure, named.
Skipped when ../shared (and so the seed) is absent.
"""

from __future__ import annotations

import importlib.util
import json
import warnings
from types import ModuleType
from typing import Any

import pytest

from tests.cases import own_cases, published_cases
from tests.support import BACKENDS, SHARED, Case, backend, declared_only, decode

SEED_PATH = SHARED / "seed" / "pipecat_beta_events.py"


@pytest.fixture(scope="module")
def seed() -> ModuleType:
    if not SEED_PATH.exists():
        pytest.skip("../shared/seed is not here (a user's clone has none)")
    spec = importlib.util.spec_from_file_location("pipecat_beta_events", SEED_PATH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the seed uses pydantic's deprecated `class Config`
        spec.loader.exec_module(module)
    return module


def seed_classes(seed: ModuleType) -> dict[str, Any]:
    """type string → seed class, for server events (its table) and client events (its classes)."""
    table: dict[str, Any] = dict(seed._server_event_types)
    for value in vars(seed).values():
        if (
            isinstance(value, type)
            and issubclass(value, seed.ClientEvent)
            and value is not seed.ClientEvent
        ):
            table[getattr(value, "model_fields")["type"].default] = value  # noqa: B009
    return table


def compare_present(given: Any, ours: Any, theirs: Any, path: str = "$") -> list[str]:
    """Paths, among those present in `given`, where our value and the seed's differ."""
    if isinstance(given, dict) and isinstance(ours, dict) and isinstance(theirs, dict):
        # Every seed field is one of ours, so a key the seed kept must be in ours too.
        return [
            mismatch
            for key, value in given.items()
            if key in theirs
            for mismatch in (
                compare_present(value, ours[key], theirs[key], f"{path}.{key}")
                if key in ours
                else [f"{path}.{key}: missing from ours"]
            )
        ]
    if isinstance(given, list) and isinstance(ours, list) and isinstance(theirs, list):
        if len(ours) != len(theirs):
            return [path]
        return [
            mismatch
            for i, (g, o, t) in enumerate(zip(given, ours, theirs, strict=False))
            for mismatch in compare_present(g, o, t, f"{path}[{i}]")
        ]
    return [] if ours == theirs else [f"{path}: ours {ours!r}, seed {theirs!r}"]


SEED_KNOWN_CASES = [
    c for c in own_cases("beta") + published_cases("beta") if c.valid and isinstance(c.data, dict)
]


@pytest.mark.parametrize("backend_name", BACKENDS)
@pytest.mark.parametrize("case", SEED_KNOWN_CASES, ids=lambda c: c.id)
def test_same_values_as_the_seed(case: Case, backend_name: str, seed: ModuleType) -> None:
    seed_class = seed_classes(seed).get(case.expect_type or case.data["type"])
    if seed_class is None:
        pytest.skip("the seed has no class for this type")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = seed_class.model_validate(json.loads(case.frame)).model_dump(mode="json")
    except Exception as exc:  # the seed raises bare exceptions of many kinds
        pytest.xfail(f"the seed cannot read this valid frame: {type(exc).__name__}: {exc}"[:300])
    event = decode("beta", backend_name, case.direction, case.frame)
    ours = json.loads(backend("beta", backend_name).encode(event))
    # Fields our schema does not declare are ignored on purpose; compare every other one, with
    # base64 in canonical form (we decode audio to bytes, the seed keeps the text it was sent).
    assert (
        compare_present(declared_only(case.data, event), ours, declared_only(theirs, event)) == []
    )
