"""The conversation-state reducer on the session fixtures: expected state and anomalies, the two
backends alike, strict mode, bounded audio, and what the wire may bring (unknown types, unknown
item kinds, transcripts before their item)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from realtime_schema import UnknownEvent
from realtime_schema._runtime.conversation import VERBS
from realtime_schema._runtime.conversation_state import ConversationError
from tests import session_builder
from tests.conversation_support import (
    SESSIONS,
    conversation_class,
    decode_line,
    expected,
    fold,
    mismatches,
    session_events,
    session_lines,
)
from tests.support import BACKENDS, FIXTURES, ROOT, backend, validator

STATE_KEYS = (
    "items", "other_items", "responses", "input_audio", "audio_formats", "session", "streams",
    "closed",
)  # fmt: skip


def test_session_files_are_what_the_builder_writes() -> None:
    built = session_builder.build()
    on_disk = {
        path.relative_to(FIXTURES).as_posix(): path.read_text()
        for protocol in session_builder.PROTOCOLS
        for path in sorted((FIXTURES / protocol / "sessions").iterdir())
    }
    assert built == on_disk, "run `python -m tests.session_builder`"


@pytest.mark.parametrize(("protocol", "name"), SESSIONS)
def test_every_frame_is_a_valid_known_event(protocol: str, name: str) -> None:
    """Valid per the current schema: jsonschema accepts it, and both backends decode it to the
    event its type names (not an unknown event)."""
    client_types = set(backend(protocol, "structs").CLIENT_EVENT_TYPES)
    for line in session_lines(protocol, name):
        data = json.loads(line)
        for backend_name in BACKENDS:
            event = decode_line(protocol, backend_name, line)
            assert not isinstance(event, UnknownEvent) and event.type == data["type"]
        direction = "client" if data["type"] in client_types else "server"
        errors = list(validator(protocol, direction).iter_errors(data))
        assert not errors, (data["type"], errors[0].message)


@pytest.mark.parametrize("backend_name", BACKENDS)
@pytest.mark.parametrize(("protocol", "name"), SESSIONS)
def test_session_gives_the_expected_state_and_anomalies(
    protocol: str, name: str, backend_name: str
) -> None:
    want = expected(protocol, name)
    conversation = fold(protocol, session_events(protocol, name, backend_name))
    state = conversation.snapshot()
    assert state["events"] == want["events"]
    assert state["unknown_types"] == {}
    problems = [m for key in STATE_KEYS if key in want for m in mismatches(want[key], state[key])]
    assert not problems, "\n".join(problems)
    # exactly the anomalies the session's defect causes, no more
    assert state["anomalies"] == want["anomalies"]


@pytest.mark.parametrize(("protocol", "name"), SESSIONS)
def test_both_backends_give_equal_state(protocol: str, name: str) -> None:
    states = [
        fold(protocol, session_events(protocol, name, b)).snapshot(audio=True) for b in BACKENDS
    ]
    assert states[0] == states[1]
    assert any(states[0][k] for k in ("items", "other_items", "streams")), "an empty state"


@pytest.mark.parametrize(("protocol", "name"), SESSIONS)
def test_strict_raises_at_the_first_anomaly(protocol: str, name: str) -> None:
    events = session_events(protocol, name, "structs")
    want = expected(protocol, name)["anomalies"]
    if not want:
        fold(protocol, events, strict=True)  # raises nothing
        return
    with pytest.raises(ConversationError) as caught:
        fold(protocol, events, strict=True)
    first = caught.value.anomaly
    assert (first.type, first.index, first.path) == (
        want[0]["type"], want[0]["index"], want[0]["path"],
    )  # fmt: skip


@pytest.mark.parametrize(("protocol", "name"), SESSIONS)
def test_keep_audio_false_keeps_sizes_not_audio(protocol: str, name: str) -> None:
    events = session_events(protocol, name, "structs")
    kept, dropped = fold(protocol, events), fold(protocol, events, keep_audio=False)
    assert kept.snapshot() == dropped.snapshot()  # sizes, checks and anomalies alike
    for item in dropped.all_items:
        for part in item.content:
            assert part.audio is None
    with_audio = [p for i in kept.all_items for p in i.content if p.audio_bytes]
    assert all(len(p.audio) == p.audio_bytes for p in with_audio)


def test_truncation_frees_what_it_cuts() -> None:
    conversation = fold("ga", session_events("ga", "barge_in", "structs"))
    (part,) = [p for i in conversation.items for p in i.content if p.truncated_at_ms is not None]
    assert part.truncated_at_ms == 120 and part.audio_format.name == "audio/pcmu"
    assert len(part.audio) == part.audio_bytes == 120 * 8  # mu-law: 8 bytes per ms
    assert sum(len(chunk) for chunk in part.acc["audio"].chunks) == 960  # nothing else held


def test_the_codegen_verbs_are_the_runtime_verbs() -> None:
    from codegen.conversation import VERBS as DECLARED

    assert set(DECLARED) == set(VERBS)


# -- what the wire may bring ----------------------------------------------------------------------


def test_unknown_event_types_are_counted_and_skipped() -> None:
    from realtime_schema.ga import structs

    conversation = conversation_class("ga")()
    conversation.apply(structs.decode_server_event(b'{"type":"future.event","x":1}'))
    conversation.apply(structs.decode_server_event(b'{"type":"future.event"}'))
    conversation.apply(object())  # not even an event
    assert conversation.unknown_types == {"future.event": 2, "<no type>": 1}
    assert conversation.events == 3 and not conversation.anomalies


def test_previous_item_id_orders_items() -> None:
    def added(item_id: str, previous: str | None) -> Any:
        item = {"id": item_id, "type": "message", "role": "user", "content": []}
        frame = {"type": "conversation.item.added", "event_id": f"e_{item_id}",
                 "previous_item_id": previous, "item": item}  # fmt: skip
        return decode_line("ga", "structs", json.dumps(frame).encode())

    conversation = conversation_class("ga")()
    for event in (added("a", None), added("c", "a"), added("b", "a"), added("z", None)):
        conversation.apply(event)
    conversation.apply(added("y", "nowhere"))
    assert [i.id for i in conversation.items] == ["z", "a", "b", "c", "y"]
    (anomaly,) = conversation.anomalies
    assert (anomaly.type, anomaly.index, anomaly.path) == (
        "unknown_previous_item", 4, "$.previous_item_id",
    )  # fmt: skip


def test_a_transcript_before_its_item_waits_for_it() -> None:
    from realtime_schema.ga import structs

    def server(**data: Any) -> Any:
        return structs.decode_server_event(json.dumps({"event_id": "e", **data}))

    conversation = conversation_class("ga")()
    item = {"type": "conversation.item.input_audio_transcription.delta", "item_id": "item_u",
            "content_index": 0, "delta": "Hello"}  # fmt: skip
    conversation.apply(server(**item))
    conversation.apply(server(**{**item, "delta": " there"}))
    assert conversation.get("item_u") is None and not conversation.anomalies
    conversation.apply(server(type="input_audio_buffer.committed", item_id="item_u"))
    assert conversation.get("item_u").content[0].transcript == "Hello there"
    conversation.apply(server(**{**item, "item_id": "item_never"}))
    conversation.finish()  # the end of the stream: what still waits is an anomaly
    (anomaly,) = conversation.anomalies
    assert (anomaly.type, anomaly.index, anomaly.got) == ("missing_item", 3, "item_never")


def test_g711_decodes_as_the_itu_tables() -> None:
    from realtime_schema._runtime.audio import to_pcm16

    # ITU-T G.711 expansion of a few codes (mu-law 0xFF and A-law 0xD5 are the zero levels)
    cases = {("g711_ulaw", 0xFF): 0, ("g711_ulaw", 0x00): -32124, ("g711_ulaw", 0x80): 32124,
             ("g711_ulaw", 0x7F): 0, ("g711_alaw", 0xD5): 8, ("g711_alaw", 0x55): -8,
             ("g711_alaw", 0xAA): 32256, ("g711_alaw", 0x2A): -32256}  # fmt: skip
    for (encoding, code), sample in cases.items():
        assert to_pcm16(bytes([code]), encoding) == sample.to_bytes(2, "little", signed=True)
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            import audioop  # the stdlib's decoder, where this Python still has it
    except ImportError:
        return
    every = bytes(range(256))
    assert to_pcm16(every, "g711_ulaw") == audioop.ulaw2lin(every, 2)
    assert to_pcm16(every, "g711_alaw") == audioop.alaw2lin(every, 2)


ANOMALY_CASES: list[dict[str, Any]] = json.loads(
    (FIXTURES / "ga" / "conversation_anomalies.json").read_text()
)


@pytest.mark.parametrize("backend_name", BACKENDS)
@pytest.mark.parametrize("case", ANOMALY_CASES, ids=[c["description"] for c in ANOMALY_CASES])
def test_each_broken_promise_is_its_anomaly(case: dict[str, Any], backend_name: str) -> None:
    events = [decode_line("ga", backend_name, json.dumps(e).encode()) for e in case["events"]]
    conversation = fold("ga", events)
    got = [{"type": a.type, "index": a.index, "path": a.path} for a in conversation.anomalies]
    assert got == case["anomalies"]


def test_every_anomaly_kind_is_caused_by_a_case_and_documented() -> None:
    from realtime_schema._runtime.conversation_state import ANOMALY_TYPES

    source = (ROOT / "generated/realtime_schema/_runtime/conversation.py").read_text()
    reported = set(re.findall(r'anomaly\(\s*"([a-z_]+)"', source))
    assert reported == set(ANOMALY_TYPES)
    caused = {a["type"] for case in ANOMALY_CASES for a in case["anomalies"]}
    assert caused == set(ANOMALY_TYPES) - {"internal_error"}  # that one is a bug by definition
    design = (ROOT / "schema" / "conversation.md").read_text()
    assert all(f"`{kind}`" in design for kind in ANOMALY_TYPES)


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_decoded_unknown_variants_are_kept_in_both_backends(backend_name: str) -> None:
    """What the decoders make of an item kind or content part they do not know (an unknown
    variant with `.type` and `.raw`) is an item, or a part, in its place."""
    frames = [
        {"type": "conversation.item.added", "event_id": "e1", "previous_item_id": None,
         "item": {"type": "future_item", "id": "item_f", "status": "completed", "x": 1}},
        {"type": "conversation.item.added", "event_id": "e2", "previous_item_id": "item_f",
         "item": {"type": "message", "id": "item_m", "role": "assistant", "status": "completed",
                  "content": [{"type": "output_video", "url": "https://example.com/v.mp4"},
                              {"type": "output_text", "text": "Here it is."}]}},
    ]  # fmt: skip
    events = [decode_line("ga", backend_name, json.dumps(f).encode()) for f in frames]
    state = fold("ga", events).snapshot()
    assert [(i["id"], i["type"]) for i in state["items"]] == [
        ("item_f", "future_item"), ("item_m", "message"),
    ]  # fmt: skip
    assert state["items"][0]["raw"]["x"] == 1 and state["items"][0]["status"] == "completed"
    video, text = state["items"][1]["content"]
    assert video["type"] == "output_video" and video["raw"]["url"].endswith("v.mp4")
    assert text == {"type": "output_text", "text": "Here it is."}
    assert not state["anomalies"]


def test_an_audio_format_the_table_lacks_is_not_judged() -> None:
    """An open vocabulary (beta server shapes) may name a format this version does not know:
    its durations are unknown, so a truncation is not judged, and nothing is cut."""
    lines = [
        {"type": "session.updated", "event_id": "e0",
         "session": {"id": "sess_1", "input_audio_format": "pcm16", "output_audio_format": "opus"}},
        {"type": "response.created", "event_id": "e1",
         "response": {"id": "resp_1", "status": "in_progress", "output": []}},
        {"type": "response.output_item.added", "event_id": "e2", "response_id": "resp_1",
         "output_index": 0, "item": {"id": "item_1", "type": "message", "role": "assistant",
                                     "content": []}},
        {"type": "response.content_part.added", "event_id": "e3", "response_id": "resp_1",
         "item_id": "item_1", "output_index": 0, "content_index": 0,
         "part": {"type": "audio", "transcript": ""}},
        {"type": "response.audio.delta", "event_id": "e4", "response_id": "resp_1",
         "item_id": "item_1", "output_index": 0, "content_index": 0, "delta": "AAAAAA=="},
        {"type": "conversation.item.truncated", "event_id": "e5", "item_id": "item_1",
         "content_index": 0, "audio_end_ms": 9000},
    ]  # fmt: skip
    events = [decode_line("beta", "structs", json.dumps(f).encode()) for f in lines]
    conversation = fold("beta", events)
    assert conversation.output_format.name == "opus" and not conversation.output_format.known
    (part,) = conversation.get("item_1").content
    assert part.audio == b"\x00\x00\x00\x00" and part.truncated_at_ms == 9000
    assert not conversation.anomalies
