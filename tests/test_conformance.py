"""Every fixture, every backend: the schema, the msgspec structs and the pydantic models agree.

For a valid case: jsonschema accepts it; each backend decodes it to the class its `type` names;
both backends give the same tree of classes and values (absent, null and a value kept apart);
`encode(decode(x)) == x` as JSON values, up to undeclared fields.
For an invalid case: jsonschema rejects it; each backend raises DecodeError naming the path,
or, for a well-formed frame of a type the protocol does not define, returns `Unknown*Event`.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from realtime_schema import DecodeError, UnknownEvent
from realtime_schema._runtime.unknown import UnknownVariant
from tests.cases import all_cases
from tests.support import BACKENDS, Case, backend, declared_only, decode, tree, validator

CASES = all_cases()


def schema_accepts(case: Case) -> bool:
    try:
        data = json.loads(case.frame)
    except ValueError:
        return False
    return bool(validator(case.protocol, case.direction).is_valid(data))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_schema_verdict(case: Case) -> None:
    assert schema_accepts(case) is case.valid, case.description


@pytest.mark.parametrize("backend_name", BACKENDS)
@pytest.mark.parametrize("case", [c for c in CASES if c.valid], ids=lambda c: c.id)
def test_valid_case_decodes_and_round_trips(case: Case, backend_name: str) -> None:
    event = decode(case.protocol, backend_name, case.direction, case.frame)
    assert not isinstance(event, UnknownEvent), f"{case.id}: decoded as unknown {event.type}"
    table = getattr(backend(case.protocol, backend_name), f"{case.direction.upper()}_EVENT_TYPES")
    assert type(event) is table[case.expect_type or case.data["type"]]
    encoded = backend(case.protocol, backend_name).encode(event)
    assert json.loads(encoded) == declared_only(case.data, event)


@pytest.mark.parametrize("backend_name", BACKENDS)
@pytest.mark.parametrize("case", [c for c in CASES if c.unknown_variant], ids=lambda c: c.id)
def test_unknown_nested_variant_is_kept_whole(case: Case, backend_name: str) -> None:
    """In a server event, an object whose tag a nested union does not know decodes to the
    union's unknown variant, with its JSON as it came, in its place."""
    assert case.unknown_variant is not None
    steps, class_name = case.unknown_variant
    value: Any = decode(case.protocol, backend_name, case.direction, case.frame)
    source: Any = case.data
    for step in steps:
        value = (
            getattr(value, step) if isinstance(step, str) and hasattr(value, step) else value[step]
        )
        source = source[step]
    assert isinstance(value, UnknownVariant) and type(value).__name__ == class_name
    assert (value.type, value.raw) == (source["type"], source)


@pytest.mark.parametrize("case", [c for c in CASES if c.valid], ids=lambda c: c.id)
def test_backends_agree_field_by_field(case: Case) -> None:
    structs_event, models_event = (
        decode(case.protocol, name, case.direction, case.frame) for name in BACKENDS
    )
    assert tree(structs_event) == tree(models_event)


ERRORS = [c for c in CASES if not c.valid and not c.unknown]
UNKNOWN = [c for c in CASES if c.unknown]


@pytest.mark.parametrize("backend_name", BACKENDS)
@pytest.mark.parametrize("case", UNKNOWN, ids=lambda c: c.id)
def test_unknown_type_decodes_to_unknown_event(case: Case, backend_name: str) -> None:
    event = decode(case.protocol, backend_name, case.direction, case.frame)
    assert isinstance(event, UnknownEvent) and event.direction == case.direction
    assert (event.type, event.raw) == (case.data["type"], case.data)
    assert json.loads(backend(case.protocol, backend_name).encode(event)) == case.data


@pytest.mark.parametrize("backend_name", BACKENDS)
@pytest.mark.parametrize("case", ERRORS, ids=lambda c: c.id)
def test_invalid_case_raises_decode_error(case: Case, backend_name: str) -> None:
    with pytest.raises(DecodeError) as raised:
        decode(case.protocol, backend_name, case.direction, case.frame)
    if case.error_path is not None:
        assert raised.value.path == case.error_path
        assert raised.value.event_type == case.error_event_type


@pytest.mark.parametrize("case", ERRORS, ids=lambda c: c.id)
def test_backends_agree_on_errors(case: Case) -> None:
    errors = []
    for name in BACKENDS:
        with pytest.raises(DecodeError) as raised:
            decode(case.protocol, name, case.direction, case.frame)
        errors.append((raised.value.event_type, raised.value.path))
    assert errors[0] == errors[1]
