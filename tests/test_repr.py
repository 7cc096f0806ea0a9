"""How events print (realtime_schema/_runtime/display.py): the same repr in both backends, bytes
by their length, and, for an event without bytes, the repr is the code that builds it."""

from __future__ import annotations

import base64
import json
import random
from typing import Any

import pytest

from tests.cases import all_cases
from tests.support import BACKENDS, Case, backend, decode

VALID = [c for c in all_cases() if c.valid]
AUDIO = random.Random(3).randbytes(4800)  # 100 ms of 24 kHz PCM16
DELTA = {
    "type": "response.output_audio.delta", "event_id": "e", "response_id": "r", "item_id": "i",
    "output_index": 0, "content_index": 0, "delta": base64.b64encode(AUDIO).decode(),
}  # fmt: skip


def events(case: Case) -> list[Any]:
    return [decode(case.protocol, name, case.direction, case.frame) for name in BACKENDS]


@pytest.mark.parametrize("case", VALID, ids=lambda c: c.id)
def test_both_backends_print_the_same(case: Case) -> None:
    structs_event, models_event = events(case)
    assert repr(structs_event) == repr(models_event)
    assert str(structs_event) == str(models_event) == repr(models_event)
    rich = [repr(list(event.__rich_repr__())) for event in (structs_event, models_event)]
    assert rich[0] == rich[1]


@pytest.mark.parametrize("backend_name", BACKENDS)
@pytest.mark.parametrize("case", VALID, ids=lambda c: c.id)
def test_repr_builds_the_event(case: Case, backend_name: str) -> None:
    """Every field that is set is shown, absent ones and tags are not: evaluated in the backend
    module, the repr gives an equal event (events with bytes print their length instead)."""
    event = decode(case.protocol, backend_name, case.direction, case.frame)
    text = repr(event)
    if " bytes>" in text:
        pytest.skip("bytes print by length")
    assert eval(text, vars(backend(case.protocol, backend_name))) == event


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_audio_prints_by_length(backend_name: str) -> None:
    module = backend("ga", backend_name)
    event = module.decode_server_event(json.dumps(DELTA))
    expected = (
        "ResponseOutputAudioDeltaEvent(event_id='e', response_id='r', item_id='i', "
        "output_index=0, content_index=0, delta=<4800 bytes>)"
    )
    assert repr(event) == str(event) == f"{event}" == expected
    append = module.InputAudioBufferAppendEvent(audio=AUDIO)
    assert repr(append) == "InputAudioBufferAppendEvent(audio=<4800 bytes>)"
    assert dict(append.__rich_repr__())["audio"].size == 4800
