"""schema/conversation.json is checked against the schema: each case breaks one declaration and
names the error `make generate` must stop with (tests/fixtures/conversation_spec.json)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from codegen import conversation
from codegen.parser import SchemaError
from tests.support import FIXTURES, load_json
from tests.variants import protocol_model

CASES: list[dict[str, Any]] = load_json(FIXTURES / "conversation_spec.json")


def changed(document: dict[str, Any], protocol: str, changes: list[dict[str, Any]]) -> Any:
    out = copy.deepcopy(document)
    for change in changes:
        node = out["protocols"][protocol]
        *parents, last = change["path"]
        for key in parents:
            node = node[key]
        if change.get("delete"):
            del node[last]
        else:
            node[last] = change["value"]
    return out


@pytest.mark.parametrize("case", CASES, ids=[c["description"] for c in CASES])
def test_a_broken_declaration_stops_the_generator(case: dict[str, Any]) -> None:
    document = changed(conversation.load(), case["protocol"], case["changes"])
    ir = protocol_model(case["protocol"])
    if case["error"] is None:
        assert conversation.build(ir, document) is not None
        return
    with pytest.raises(SchemaError) as caught:
        conversation.build(ir, document)
    assert case["error"] in str(caught.value)


def test_every_protocol_of_the_schema_is_declared() -> None:
    from codegen.parser import protocol_names

    assert set(conversation.load()["protocols"]) == set(protocol_names())
