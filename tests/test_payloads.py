"""The structs backend's large-frame path (realtime_schema/_runtime/payloads.py) against the
whole-frame decode: the same result for every frame, and the shortcut taken only where it is sound.

Cases are data (tests/fixtures/large-frames.json); a seeded mutation run adds thousands more.
"""

from __future__ import annotations

import base64
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest

from realtime_schema import DecodeError
from realtime_schema._runtime.payloads import LARGE_FRAME, large_frame_decoder, whole_frame
from realtime_schema._runtime.unknown import UnknownEvent
from tests.support import backend, load_json, tree

FIXTURE = load_json(Path(__file__).parent / "fixtures" / "large-frames.json")
PAYLOAD = base64.b64encode(random.Random(5).randbytes(4800)).decode()


def frame_of(case: dict[str, Any]) -> bytes:
    text: str = case["frame"].replace("<payload>", PAYLOAD)
    return text.encode("utf-8", "surrogateescape")


def outcome(decode: Callable[[Any], Any], data: Any) -> Any:
    """What a decode gives, comparable across backends: a tree, an unknown event, or the error."""
    try:
        event = decode(data)
    except DecodeError as error:
        return ("error", error.reason, error.path, error.event_type)
    if isinstance(event, UnknownEvent):
        return ("unknown", event.type, event.raw)
    return ("event", tree(event))


class Spy:
    """The structs large-frame decode, built as the generated module builds it, counting the
    frames that fall back to the whole-frame decode."""

    def __init__(self, protocol: str, direction: str) -> None:
        module = backend(protocol, "structs")
        self.read = getattr(module, f"_decode_{direction}")
        self.whole_decode = whole_frame(self.read, getattr(module, f"_recover_{direction}"))
        self.payloads = payload_fields(protocol, direction)
        self.wholes = 0

    def whole(self, data: Any) -> Any:
        self.wholes += 1
        return self.whole_decode(data)

    def shortcut(self) -> Callable[[Any], Any]:
        return large_frame_decoder(self.read, self.whole, self.payloads)


def payload_fields(protocol: str, direction: str) -> tuple[tuple[str, type, bool], ...]:
    """The generated table of top-level base64 fields the shortcut may read."""
    fields: tuple[tuple[str, type, bool], ...] = getattr(
        backend(protocol, "structs"), f"_{direction}_payloads"
    )
    return fields


def check(protocol: str, direction: str, data: bytes | str | bytearray | memoryview) -> bool:
    """Assert that the large-frame decode, and both backends' public decode, give what the
    whole-frame decode gives; return whether the shortcut was taken."""
    spy = Spy(protocol, direction)
    want = outcome(spy.whole_decode, data)
    assert outcome(spy.shortcut(), data) == want
    for name in ("structs", "models"):
        public = getattr(backend(protocol, name), f"decode_{direction}_event")
        assert outcome(public, data) == want, name
    return spy.wholes == 0


CASES = FIXTURE["cases"]


@pytest.mark.parametrize("kind", ["bytes", "str"])
@pytest.mark.parametrize("case", CASES, ids=[c["description"] for c in CASES])
def test_case(case: dict[str, Any], kind: str) -> None:
    frame = frame_of(case)
    assert len(frame) > LARGE_FRAME
    data: bytes | str = frame
    if kind == "str":
        try:
            data = frame.decode("utf-8")
        except UnicodeDecodeError:
            pytest.skip("not UTF-8: no str frame holds these bytes")
    took = check(case["protocol"], case["direction"], data)
    if "shortcut" in case:
        assert took == case["shortcut"]


def test_the_tables_name_the_audio_fields() -> None:
    """The shortcut reads the audio payloads the fixtures exercise, and nothing else."""
    tables = {
        (protocol, direction): [
            (field, cls.__name__, required)
            for field, cls, required in payload_fields(protocol, direction)
        ]
        for protocol in ("ga", "beta")
        for direction in ("client", "server")
    }
    assert tables == {
        ("ga", "client"): [("audio", "InputAudioBufferAppendEvent", True)],
        ("ga", "server"): [("delta", "ResponseOutputAudioDeltaEvent", True)],
        ("beta", "client"): [("audio", "InputAudioBufferAppendEvent", True)],
        ("beta", "server"): [("delta", "ResponseAudioDelta", True)],
    }


@pytest.mark.parametrize("kind", ["bytearray", "memoryview"])
def test_buffer_input_is_read_whole(kind: str) -> None:
    data = frame_of(CASES[0])
    buffer = bytearray(data) if kind == "bytearray" else memoryview(data)
    assert check("ga", "server", buffer) is False


# Members a mutation inserts after a `{` or `,`: each keeps the frame JSON, and most move a key,
# a quote or an escape the shortcut must see. The first few leave the shortcut sound.
MEMBERS = [
    '"x":1,',
    '"y":"AAAA",',
    '"z":{"a":[1,2]},',
    '"delta":"AAAA",',
    '"delta":"",',
    '"delta":null,',
    '"x":{"delta":"AAAA"},',
    '"delt\\u0061":"",',
    '"x\\"delta":"AAAA",',
    '"x":"a\\/b",',
    '"x":NaN,',
    '"output_index":1.0,',
    '"type":"response.output_audio_transcript.delta",',
    '"type":"session.created",',
    '"item_id":"delta",',
    '"x":"\u00e9",',
]
# Anything at any position: the frame is most likely no longer JSON.
FRAGMENTS = ['"', "\\", ":", ",", "{", "}", " ", "\\u0061", '\\"', '"delta":"', "=", "!", "\u00e9"]


def mutate(rng: random.Random, frame: str) -> str:
    openings = [i + 1 for i, char in enumerate(frame) if char in "{,"]
    closing = frame.rfind("}")
    if rng.random() < 0.75 and (openings or closing >= 0):
        member = rng.choice(MEMBERS)
        if not openings or rng.random() < 0.3:  # a last member, before the closing brace
            return frame[:closing] + "," + member.rstrip(",") + frame[closing:]
        at = rng.choice(openings)
        return frame[:at] + member + frame[at:]
    at = rng.randrange(len(frame) + 1)
    if rng.random() < 0.5:
        return frame[:at] + frame[at + rng.randint(1, 4) :]
    return frame[:at] + rng.choice(FRAGMENTS) + frame[at:]


@pytest.mark.parametrize("chunk", range(4))
def test_mutations(chunk: int) -> None:
    """Seeded mutations of the audio frames, at the payload's ends and in the members around it,
    where the shortcut's checks bite; every result must equal the whole-frame decode."""
    rng = random.Random(1000 + chunk)
    templates = [c for c in CASES if c.get("shortcut")]
    taken = 0
    for _ in range(400):
        case = rng.choice(templates)
        text = case["frame"].replace("<payload>", PAYLOAD)
        cut = text.find(PAYLOAD) + 40  # keep the payload's middle out of the mutations
        middle = PAYLOAD[40:-40]
        head, tail = text[:cut], text[cut + len(middle) :]
        for _ in range(rng.randint(1, 2)):
            if rng.random() < 0.5:
                head = mutate(rng, head)
            else:
                tail = mutate(rng, tail)
        data = (head + middle + tail).encode("utf-8", "surrogateescape")
        taken += check(case["protocol"], case["direction"], data)
    assert taken > 40  # the run reaches the shortcut often enough to test it


# --- every decode path reads audio as the same bytes; every encode writes standard base64 -----

# 0xfb 0xff 0xbf encodes as "+/+/": URL-safe base64 ("-_-_") would read or write it differently.
PCM = bytes([0xFB, 0xFF, 0xBF]) * 2 + b"\x00"
STANDARD = base64.b64encode(PCM).decode()  # "+/+/+/+/AA=="
AUDIO_EVENTS = {
    ("ga", "server"): ("response.output_audio.delta", "delta"),
    ("beta", "server"): ("response.audio.delta", "delta"),
    ("ga", "client"): ("input_audio_buffer.append", "audio"),
    ("beta", "client"): ("input_audio_buffer.append", "audio"),
}


def audio_event(protocol: str, direction: str, payload: str) -> dict[str, Any]:
    event_type, field = AUDIO_EVENTS[(protocol, direction)]
    if direction == "client":
        return {"type": event_type, field: payload}
    ids = {"event_id": "event_1", "response_id": "resp_1", "item_id": "item_1"}
    return {"type": event_type, **ids, "output_index": 0, "content_index": 0, field: payload}


@pytest.mark.parametrize("pcm", [PCM, PCM * 1000], ids=["small", "large"])
@pytest.mark.parametrize(("protocol", "direction"), list(AUDIO_EVENTS))
def test_every_decode_path_reads_the_same_bytes(protocol: str, direction: str, pcm: bytes) -> None:
    event_type, field = AUDIO_EVENTS[(protocol, direction)]
    data = audio_event(protocol, direction, base64.b64encode(pcm).decode())
    wire = json.dumps(data, separators=(",", ":")).encode()
    structs, models = backend(protocol, "structs"), backend(protocol, "models")
    table = f"{direction.upper()}_EVENT_TYPES"
    s_cls, m_cls = getattr(structs, table)[event_type], getattr(models, table)[event_type]
    decode = f"decode_{direction}_event"
    paths = {
        "structs, bytes frame": getattr(structs, decode)(wire),
        "structs, str frame": getattr(structs, decode)(wire.decode()),
        "structs, msgspec.convert(dict)": msgspec.convert(data, s_cls),
        "models, bytes frame": getattr(models, decode)(wire),
        "models, str frame": getattr(models, decode)(wire.decode()),
        "models, model_validate(dict)": m_cls.model_validate(data),
        "models, model_validate_json": m_cls.model_validate_json(wire),
    }
    got = {path: getattr(event, field) for path, event in paths.items()}
    assert got == dict.fromkeys(paths, pcm)


@pytest.mark.parametrize(("protocol", "direction"), list(AUDIO_EVENTS))
def test_every_encode_writes_standard_base64(protocol: str, direction: str) -> None:
    event_type, field = AUDIO_EVENTS[(protocol, direction)]
    structs, models = backend(protocol, "structs"), backend(protocol, "models")
    table = f"{direction.upper()}_EVENT_TYPES"
    want = audio_event(protocol, direction, STANDARD)
    fields = {k: v for k, v in want.items() if k != "type"} | {field: PCM}
    s_event = getattr(structs, table)[event_type](**fields)
    m_event = getattr(models, table)[event_type](**fields)
    written = {
        "structs encode": json.loads(structs.encode(s_event)),
        "models encode": json.loads(models.encode(m_event)),
        "models model_dump_json": json.loads(m_event.model_dump_json()),
        "models model_dump(mode='json')": m_event.model_dump(mode="json"),
    }
    assert written == dict.fromkeys(written, want)


@pytest.mark.parametrize("payload", ["-_-_-_-_AA==", "+/+/+/+/AA", "+/+/+/+/AA=A", "+/+/ +/+/AA=="])
@pytest.mark.parametrize("size", ["small", "large"])
def test_non_standard_base64_is_a_decode_error(payload: str, size: str) -> None:
    """URL-safe letters, missing or misplaced padding, whitespace: not the schema's base64."""
    text = payload if size == "small" else STANDARD[:-4] * 1000 + payload
    wire = json.dumps(audio_event("ga", "server", text), separators=(",", ":")).encode()
    for name in ("structs", "models"):
        with pytest.raises(DecodeError) as raised:
            backend("ga", name).decode_server_event(wire)
        assert raised.value.path == "$.delta"


def test_an_optional_payload_is_taken_only_when_the_event_has_it() -> None:
    """With an optional field, the one key of its name may sit in a nested object, the event's
    own field absent: the shortcut must see that and read the frame whole."""

    class Toy(msgspec.Struct, tag_field="type", tag="toy"):
        audio: bytes | msgspec.UnsetType = msgspec.UNSET

    decode = msgspec.json.Decoder(Toy).decode
    shortcut = large_frame_decoder(decode, decode, [("audio", Toy, False)])
    nested = f'{{"type":"toy","x":{{"audio":"{PAYLOAD}"}}}}'.encode()
    assert shortcut(nested) == decode(nested) == Toy()
    own = f'{{"type":"toy","audio":"{PAYLOAD}"}}'.encode()
    assert shortcut(own) == decode(own) == Toy(audio=base64.b64decode(PAYLOAD))
