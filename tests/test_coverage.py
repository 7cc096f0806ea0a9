"""Every event type in the schema has an own fixture, and every fixture names a real type."""

from __future__ import annotations

import pytest

from tests.support import FIXTURES, PROTOCOLS, event_types


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_every_event_type_has_a_fixture(protocol: str) -> None:
    types = {e.type for e in event_types(protocol).EVENT_TYPES}
    files = {p.stem for p in (FIXTURES / protocol / "events").glob("*.json")}
    assert sorted(types - files) == [], "event types without a fixture"
    assert sorted(files - types) == [], "fixtures for types the schema does not define"
