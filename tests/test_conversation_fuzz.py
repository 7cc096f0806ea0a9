"""The differential fuzzer's valid events through the reducer: folded into the session fixtures'
streams (so items, parts and responses exist for them to hit), they never make `apply` raise
outside strict mode, never trip the reducer's own guard (`internal_error`), and leave equal
state in both backends."""

from __future__ import annotations

import random
from typing import Any

import pytest

from realtime_schema._runtime.conversation_state import ConversationError
from tests.conversation_support import SESSIONS, conversation_class, session_events
from tests.fuzz.campaign import cases
from tests.fuzz.judges import schema_verdict
from tests.support import BACKENDS, PROTOCOLS, decode

CASES = 1_500  # per protocol: about half are valid events


def fuzz_events(protocol: str, seed: int) -> list[tuple[Any, Any]]:
    """(structs event, models event) for each campaign frame the schema calls an event."""
    found = []
    for case in cases(protocol, seed, CASES):
        if schema_verdict(protocol, case.direction, case.frame) == "event":
            found.append(tuple(decode(protocol, b, case.direction, case.frame) for b in BACKENDS))
    return found


def interleaved(protocol: str, seed: int) -> list[tuple[Any, Any]]:
    """The protocol's session fixtures, back to back, with a fuzz event after every few events."""
    rng = random.Random(seed)
    fuzz = fuzz_events(protocol, seed)
    stream: list[tuple[Any, Any]] = []
    for session_protocol, name in SESSIONS:
        if session_protocol == protocol:
            stream += zip(*(session_events(protocol, name, b) for b in BACKENDS), strict=True)
    if not stream:  # no sessions (translation): the fuzz events alone
        return fuzz
    for event in fuzz:
        stream.insert(rng.randrange(len(stream) + 1), event)
    return stream


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_fuzz_events_never_break_the_reducer(protocol: str) -> None:
    stream = interleaved(protocol, seed=13)
    assert len(stream) > 500, "the campaign must reach the reducer"
    conversations = [conversation_class(protocol)(max_anomalies=100_000) for _ in BACKENDS]
    for pair in stream:
        for conversation, event in zip(conversations, pair, strict=True):
            conversation.apply(event)  # raises nothing
    for conversation in conversations:
        conversation.finish()
        assert not [a for a in conversation.anomalies if a.type == "internal_error"], [
            str(a) for a in conversation.anomalies if a.type == "internal_error"
        ][:5]
    first, second = (c.snapshot(audio=True) for c in conversations)
    assert first == second
    if has_items(protocol):  # translation's verbs (streams, session) promise nothing to break
        assert first["anomalies"], "random events in a session must break some promise"


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_fuzz_events_in_strict_mode_raise_only_conversation_errors(protocol: str) -> None:
    conversation = conversation_class(protocol)(strict=True)
    raised = 0
    for structs_event, _ in interleaved(protocol, seed=29):
        try:
            conversation.apply(structs_event)
        except ConversationError as error:
            raised += 1
            assert error.anomaly.type != "internal_error", str(error)
    assert raised or not has_items(protocol)


def has_items(protocol: str) -> bool:
    return conversation_class(protocol).PLACEHOLDER is not None
