"""Our GA schema declares every property OpenAI's own spec declares, and every place where we
differ on purpose is listed, with its reason, in tests/fixtures/ga/spec_departures.json.

Compared by property path per event (`session.update:session.audio.input.format.rate`); object
variants of a union are merged at the same path on both sides. Skipped without ../shared.
"""

from __future__ import annotations

import json
from typing import Any

from codegen.ir import Model, Protocol
from codegen.parser import parse_protocol
from tests.openai_spec import event_models, our_fields, spec_events, spec_nodes
from tests.support import FIXTURES

DEPARTURES = FIXTURES / "ga" / "spec_departures.json"

Paths = dict[str, bool]  # property path -> required


def openai_paths(schemas: dict[str, Any], event: Any) -> Paths:
    out: Paths = {}
    for path, _, required in spec_nodes(schemas, event):
        out[path] = out.get(path, False) or required
    return out


def our_paths(ir: Protocol, model: Model) -> Paths:
    out: Paths = {}
    for path, field in our_fields(ir, model):
        out[path] = out.get(path, False) or field.required
    return out


def compare() -> dict[str, set[str]]:
    ir = parse_protocol("ga")
    found: dict[str, set[str]] = {"missing": set(), "required_there": set(), "required_here": set()}
    for direction in ("client", "server"):
        ours_by_type = event_models(ir, direction)
        for schemas, event_type, event in spec_events("ga", direction):
            theirs = openai_paths(schemas, event)
            ours = our_paths(ir, ours_by_type[event_type])
            for path, required in theirs.items():
                key = f"{event_type}:{path}"
                if path not in ours:
                    found["missing"].add(key)
                elif required and not ours[path]:
                    found["required_there"].add(key)
                elif ours[path] and not required:
                    found["required_here"].add(key)
    return found


def test_every_openai_property_is_declared_and_every_difference_is_listed() -> None:
    listed = json.loads(DEPARTURES.read_text())
    found = compare()
    for kind in ("missing", "required_there", "required_here"):
        assert found[kind] == set(listed[kind]), kind
    for kind in ("missing", "required_there", "required_here"):
        assert all(listed[kind].values()), f"every {kind} departure needs a reason"
