"""Every event type in the schema has an own fixture, and every fixture names a real type; the
fixtures reach every nested union and every closed client vocabulary, so the derived cases of the
direction rules (tests/variants.py) try them all."""

from __future__ import annotations

import pytest

from codegen.ir import AnyOf, ArrayOf, LiteralOf, TypeExpr
from tests.support import FIXTURES, PROTOCOLS, direction_of, event_types, load_json
from tests.variants import direction_cases, protocol_model, reachable


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_every_event_type_has_a_fixture(protocol: str) -> None:
    types = {e.type for e in event_types(protocol).EVENT_TYPES}
    files = {p.stem for p in (FIXTURES / protocol / "events").glob("*.json")}
    assert sorted(types - files) == [], "event types without a fixture"
    assert sorted(files - types) == [], "fixtures for types the schema does not define"


def _literals(type_expr: TypeExpr) -> bool:
    if isinstance(type_expr, LiteralOf):
        return True
    if isinstance(type_expr, ArrayOf):
        return _literals(type_expr.item)
    return isinstance(type_expr, AnyOf) and any(_literals(o) for o in type_expr.options)


def _derived_positions(protocol: str) -> dict[str, set[str]]:
    """What the direction cases of the own fixtures reach: unions by direction, and the owners
    (`Model.field`) of the closed client vocabularies."""
    reached: dict[str, set[str]] = {"server": set(), "client": set(), "vocabulary": set()}
    for path in sorted((FIXTURES / protocol / "events").glob("*.json")):
        for entry in load_json(path):
            if not entry["valid"]:
                continue
            direction = str(direction_of(protocol, entry["data"]["type"]))
            for case in direction_cases(protocol, entry["data"], direction):
                place = case.position
                if place.union is not None:
                    reached[direction].add(place.union.name)
                elif place.literal is not None:
                    reached["vocabulary"].add(place.owner)
    return reached


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_every_nested_union_has_unknown_tag_cases_in_both_directions(protocol: str) -> None:
    """Each open union (server events) decodes an unknown tag in some fixture, and each union a
    client event holds rejects one: the fixtures reach every union."""
    ir = protocol_model(protocol)
    reached = _derived_positions(protocol)
    for direction in ("server", "client"):
        unions = {
            name
            for name in reachable(protocol, direction)
            if name in ir.unions and not ir.unions[name].direction
        }
        assert sorted(unions - reached[direction]) == [], f"{direction} unions no fixture reaches"


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_every_closed_client_vocabulary_has_a_negative_case(protocol: str) -> None:
    """Each field of a client event's shapes that holds a closed vocabulary (not a union tag) is
    filled by some fixture, so a value outside it is tried and must be rejected."""
    ir = protocol_model(protocol)
    owners = {
        f"{name}.{field.name}"
        for name in reachable(protocol, "client")
        if name in ir.models
        for field in ir.models[name].fields
        if field.name != ir.models[name].tag_field and _literals(field.type)
    }
    assert owners, "no closed vocabulary found: the walk is broken"
    missing = owners - _derived_positions(protocol)["vocabulary"]
    assert sorted(missing) == [], "closed client vocabularies no fixture fills"
