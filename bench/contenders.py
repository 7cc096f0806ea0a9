"""Every path the bench times, as one function per frame (or per chunk to send), grouped by job."""

from __future__ import annotations

import base64
import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import msgspec
import orjson
import pydantic

from . import client_events, handwritten, openai_path
from .adapters import AUDIO_DELTA, append_builder, backend, pcm_getter, sample_delta
from .measure import BASELINE, FLOOR, REFERENCE, Contender, Group
from .streams import Stream, pcm_pool

SEED_PATH = Path(__file__).resolve().parents[2] / "shared" / "seed" / "pipecat_beta_events.py"
OPENAI = f"openai {openai_path.VERSION}"


def load_seed() -> ModuleType | None:
    """pipecat's own beta models (../shared/seed), or None where shared/ is not beside the repo."""
    if not SEED_PATH.is_file():
        return None
    spec = importlib.util.spec_from_file_location("pipecat_beta_events", SEED_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pipecat_style(
    models: ModuleType, table: dict[str, Any] | None = None
) -> Callable[[bytes | str], Any]:
    """The seed's `parse_server_event`, line for line, on our pydantic models (or on `table`):
    `json.loads`, a dict lookup on `type`, `Model.model_validate(dict)`."""
    table = models.SERVER_EVENT_TYPES if table is None else table
    loads = json.loads

    def parse_server_event(data: bytes | str) -> Any:
        try:
            event = loads(data)
            event_type = event["type"]
            if event_type not in table:
                raise Exception(f"Unimplemented server event type: {event_type}")
            return table[event_type].model_validate(event)
        except Exception as e:
            raise Exception(f"{e} \n\n{data!r}") from e

    return parse_server_event


def str_delta_table(models: ModuleType, protocol: str) -> dict[str, Any]:
    """Our server event table with the audio delta's `delta` a plain `str`, as pipecat declares it
    (its caller then runs `base64.b64decode`)."""
    audio = AUDIO_DELTA[protocol]
    cls = models.SERVER_EVENT_TYPES[audio]
    as_str = pydantic.create_model(f"{cls.__name__}AsStr", __base__=cls, delta=(str, ...))
    return {**models.SERVER_EVENT_TYPES, audio: as_str}


def peek_type_of(structs: ModuleType) -> Callable[[bytes], str] | None:
    """The relay helper `peek_type(data) -> str`, where this checkout has one."""
    found = getattr(structs, "peek_type", None)
    if found is None:
        import realtime_schema

        found = getattr(realtime_schema, "peek_type", None)
    return found


# --- decode -----------------------------------------------------------------------------------


def module_function(source: str, name: str, **names: Any) -> Callable[..., Any]:
    """The function `name` defined by `source` in a namespace of its own holding `names`: it
    reads them as globals, as a generated module's function reads its module's globals (a
    closure's cell reads cost differently)."""
    namespace: dict[str, Any] = dict(names)
    exec(compile(source, f"<bench {name}>", "exec"), namespace)  # noqa: S102 - our own source
    function: Callable[..., Any] = namespace[name]
    return function


# What the restated wrapping target allows decode_server_event to cost: an empty Python function
# around the bare Decoder, plus the length check that sends large frames to the large-frame path.
LENGTH_CHECK = """
def decode(data):
    if len(data) <= LARGE_FRAME:
        return _decode(data)
    return _decode_large(data)
"""
EMPTY_FUNCTION = """
def decode(data):
    return _decode(data)
"""
# The hot-loop API as the README shows it: the bare C call per frame, recover on failure.
HOT_LOOP = """
def loop(frames):
    decode = decoder.decode
    for frame in frames:
        try:
            event = decode(frame)
        except Exception as error:
            event = recover(frame, error)
    return event
"""


def length_check(structs: ModuleType) -> Callable[[bytes], Any]:
    from realtime_schema._runtime.payloads import LARGE_FRAME

    return module_function(
        LENGTH_CHECK,
        "decode",
        LARGE_FRAME=LARGE_FRAME,
        _decode=structs.server_decoder.decode,
        _decode_large=structs._decode_large_server,
    )


def hot_loop(module: ModuleType) -> Callable[[list[bytes]], Any]:
    return module_function(
        HOT_LOOP, "loop", decoder=module.server_decoder, recover=module.recover_server_event
    )


def checked_validate(validate: Callable[[bytes], Any]) -> Callable[[bytes], Any]:
    """What models.decode_server_event does on a frame with no fault, less the fallback and the
    DecodeError wrapping: validate_json, then the strict-JSON check (simdjson)."""
    from realtime_schema._runtime.models_support import strict_json_parse

    def checked(data: bytes) -> Any:
        event = validate(data)
        strict_json_parse(data)
        return event

    return checked


def decode_group(stream: Stream, seed: ModuleType | None) -> Group:
    p = stream.protocol
    structs, models = backend(p, "structs"), backend(p, "models")
    cs = [
        Contender("structs", "structs.decode_server_event", structs.decode_server_event),
        Contender(
            "structs_raw",
            "structs.server_decoder.decode (the bare Decoder it wraps)",
            structs.server_decoder.decode,
        ),
        Contender(
            "handwritten",
            "hand-written msgspec tagged union (bare Decoder)",
            handwritten.decoder(p),
            REFERENCE,
        ),
        Contender(
            "structs_plain",
            "def decode(data): return _decode(data) (an empty Python function around it)",
            module_function(EMPTY_FUNCTION, "decode", _decode=structs.server_decoder.decode),
        ),
        Contender(
            "structs_lencheck",
            "an empty Python function around it + the large-frame length check",
            length_check(structs),
        ),
        Contender(
            "structs_lencheck_copy",
            "the same, a second copy (A/A: what no difference measures)",
            length_check(structs),
        ),
        Contender(
            "structs_loop",
            "hot loop: server_decoder.decode per frame, recover_server_event on failure",
            hot_loop(structs),
            per_pass=True,
        ),
        Contender("models", "models.decode_server_event", models.decode_server_event),
        Contender(
            "models_raw",
            "models._decode_server (the bare validate_json it wraps)",
            models._decode_server,
        ),
        Contender(
            "models_checked",
            "validate_json, then the strict-JSON check, in a plain function (no fallback)",
            checked_validate(models._decode_server),
        ),
        Contender(
            "models_loop",
            "models hot loop: server_decoder.decode per frame, recover_server_event on failure",
            hot_loop(models),
            per_pass=True,
        ),
        Contender(
            "pipecat",
            "pipecat-style on our models: json.loads + dict lookup + model_validate",
            pipecat_style(models),
            BASELINE,
        ),
    ]
    if p == "beta" and seed is not None:
        cs.append(
            Contender(
                "seed",
                "pipecat's own beta models: seed parse_server_event",
                seed.parse_server_event,
                BASELINE,
            )
        )
    cs += [
        Contender(
            "openai",
            f"{OPENAI}: parse_event (json.loads + construct_type_unchecked)",
            openai_path.parse_event(p),
            BASELINE,
        ),
        Contender("orjson", "orjson.loads (untyped)", orjson.loads, FLOOR),
        Contender("msgspec_untyped", "msgspec.json.decode (untyped)", msgspec.json.decode, FLOOR),
        Contender("json", "json.loads (untyped, stdlib)", json.loads, FLOOR),
    ]
    return Group(
        key=f"decode/{stream.name}",
        title=f"decode, {stream.name} stream",
        items=stream.frames,
        nbytes=stream.nbytes,
        contenders=cs,
    )


STR_KEYS = ("structs", "models", "pipecat", "seed", "orjson", "json")


def decode_str_group(stream: Stream, seed: ModuleType | None) -> Group:
    """The same decode over `str` frames (what e.g. the `websockets` package hands pipecat for a
    text frame): json.loads then skips its bytes-to-str step. Not used by the targets."""
    group = decode_group(stream, seed)
    return Group(
        key=f"decode-str/{stream.name}",
        title=f"decode, {stream.name} stream as str frames",
        items=[frame.decode("utf-8") for frame in stream.frames],
        nbytes=stream.nbytes,
        contenders=[c for c in group.contenders if c.key in STR_KEYS],
    )


def relay_group(stream: Stream) -> Group | None:
    """Reading only the `type` of each frame (a relay's routing), if `peek_type` exists."""
    peek = peek_type_of(backend(stream.protocol, "structs"))
    if peek is None:
        return None
    loads, oloads = json.loads, orjson.loads
    return Group(
        key=f"peek/{stream.name}",
        title=f"type of each frame, {stream.name} stream",
        items=stream.frames,
        nbytes=stream.nbytes,
        contenders=[
            Contender("peek_type", "peek_type(data)", peek),
            Contender("orjson", 'orjson.loads(data)["type"]', lambda f: oloads(f)["type"], FLOOR),
            Contender("json", 'json.loads(data)["type"]', lambda f: loads(f)["type"], FLOOR),
        ],
    )


# --- consumer path: decode + the pcm bytes of each audio delta --------------------------------


def _consumer(decode: Callable[[bytes], Any], audio_type: str, pcm: Callable[[Any], bytes]) -> Any:
    def consume(frame: bytes) -> bytes | None:
        event = decode(frame)
        if event.type == audio_type:
            return pcm(event)
        return None

    return consume


def consume_group(stream: Stream, seed: ModuleType | None) -> Group:
    p, audio = stream.protocol, stream.audio_type
    structs, models = backend(p, "structs"), backend(p, "models")
    b64decode = base64.b64decode

    def b64delta(event: Any) -> bytes:
        return b64decode(event.delta)

    pipecat = pipecat_style(models)
    how = (
        "+ .delta (bytes: model_validate decodes the base64)"
        if isinstance(pipecat(sample_delta(p)).delta, bytes)
        else "+ base64.b64decode(event.delta)"
    )
    cs = [
        Contender(
            "structs",
            "structs.decode_server_event + .delta as pcm",
            _consumer(
                structs.decode_server_event, audio, pcm_getter(structs.decode_server_event, p)
            ),
        ),
        Contender(
            "models",
            "models.decode_server_event + .delta as pcm",
            _consumer(models.decode_server_event, audio, pcm_getter(models.decode_server_event, p)),
        ),
        Contender(
            "pipecat",
            f"pipecat-style parse on our models {how}",
            _consumer(pipecat, audio, pcm_getter(pipecat, p)),
            BASELINE,
        ),
    ]
    cs.append(
        Contender(
            "pipecat_str",
            "pipecat-style parse on our models, `delta: str` as pipecat has it"
            " + base64.b64decode(event.delta)",
            _consumer(pipecat_style(models, str_delta_table(models, p)), audio, b64delta),
            BASELINE,
        )
    )
    if p == "beta" and seed is not None:
        cs.append(
            Contender(
                "seed",
                "seed parse_server_event + base64.b64decode(event.delta)",
                _consumer(seed.parse_server_event, audio, b64delta),
                BASELINE,
            )
        )
    cs.append(
        Contender(
            "openai",
            f"{OPENAI}: parse_event + base64.b64decode(event.delta)",
            _consumer(openai_path.parse_event(p), audio, b64delta),
            BASELINE,
        )
    )
    oloads = orjson.loads

    def untyped(frame: bytes) -> bytes | None:
        event = oloads(frame)
        return b64decode(event["delta"]) if event["type"] == audio else None

    cs.append(
        Contender(
            "orjson",
            'orjson.loads + base64.b64decode(d["delta"]) (untyped)',
            untyped,
            FLOOR,
        )
    )
    return Group(
        key=f"consume/{stream.name}",
        title=f"decode + pcm bytes, {stream.name} stream",
        items=stream.frames,
        nbytes=stream.nbytes,
        contenders=cs,
    )


# --- encode -----------------------------------------------------------------------------------


def append_group(protocol: str, seed: ModuleType | None, count: int) -> Group:
    """`input_audio_buffer.append` from 100 ms of pcm16 to wire JSON."""
    structs, models = backend(protocol, "structs"), backend(protocol, "models")
    kind = "input_audio_buffer.append"
    s_build = append_builder(structs.CLIENT_EVENT_TYPES[kind], protocol)
    m_build = append_builder(models.CLIENT_EVENT_TYPES[kind], protocol)
    s_encode, m_encode, dumps, b64encode = (
        structs.encode,
        models.encode,
        json.dumps,
        base64.b64encode,
    )
    cs = [
        Contender(
            "structs",
            "structs: InputAudioBufferAppendEvent + encode",
            lambda pcm: s_encode(s_build(pcm)),
        ),
        Contender(
            "models",
            "models: InputAudioBufferAppendEvent + encode",
            lambda pcm: m_encode(m_build(pcm)),
        ),
        Contender(
            "pipecat",
            "pipecat-style on our models: json.dumps(event.model_dump(exclude_none=True))",
            lambda pcm: dumps(m_build(pcm).model_dump(exclude_none=True)),
            BASELINE,
        ),
        Contender(
            "pipecat_json",
            "pipecat-style with model_dump(mode='json'): json.dumps needs it for bytes audio",
            lambda pcm: dumps(m_build(pcm).model_dump(mode="json", exclude_none=True)),
            BASELINE,
        ),
    ]
    if protocol == "beta" and seed is not None:
        seed_cls = seed.InputAudioBufferAppendEvent
        cs.append(
            Contender(
                "seed",
                "pipecat's own beta models: json.dumps(event.model_dump(exclude_none=True))",
                lambda pcm: dumps(
                    seed_cls(audio=b64encode(pcm).decode("utf-8")).model_dump(exclude_none=True)
                ),
                BASELINE,
            )
        )
    oencode = orjson.dumps
    cs += [
        Contender(
            "openai",
            f"{OPENAI}: connection.input_audio_buffer.append (maybe_transform + json.dumps)",
            openai_path.send_append(protocol),
            BASELINE,
        ),
        Contender(
            "orjson",
            "orjson.dumps of a dict (untyped)",
            lambda pcm: oencode({"type": kind, "audio": b64encode(pcm).decode("ascii")}),
            FLOOR,
        ),
    ]
    chunks = (pcm_pool() * (count // len(pcm_pool()) + 1))[:count]
    wire = sum(len(s_encode(s_build(pcm))) for pcm in chunks)
    return Group(
        f"encode-append/{protocol}",
        f"encode input_audio_buffer.append, {protocol}",
        chunks,
        wire,
        cs,
    )


def session_group(protocol: str, seed: ModuleType | None, count: int) -> Group:
    """A realistic `session.update`, built and encoded."""
    structs, models = backend(protocol, "structs"), backend(protocol, "models")
    s_build = client_events.session_update(protocol, structs)
    m_build = client_events.session_update(protocol, models)
    s_encode, m_encode, dumps = structs.encode, models.encode, json.dumps
    session = client_events.SESSION[protocol]
    cs = [
        Contender("structs", "structs: constructors + encode", lambda _: s_encode(s_build())),
        Contender("models", "models: constructors + encode", lambda _: m_encode(m_build())),
        Contender(
            "pipecat",
            "pipecat-style on our models: json.dumps(event.model_dump(exclude_none=True))",
            lambda _: dumps(m_build().model_dump(exclude_none=True)),
            BASELINE,
        ),
    ]
    if protocol == "beta" and seed is not None:
        seed_build = client_events.seed_session_update(seed)
        cs.append(
            Contender(
                "seed",
                "pipecat's own beta models: json.dumps(event.model_dump(exclude_none=True))",
                lambda _: dumps(seed_build().model_dump(exclude_none=True)),
                BASELINE,
            )
        )
    send = openai_path.send_session_update(protocol, session)
    oencode = orjson.dumps
    cs += [
        Contender(
            "openai",
            f"{OPENAI}: connection.session.update (maybe_transform + json.dumps)",
            lambda _: send(),
            BASELINE,
        ),
        Contender(
            "orjson",
            "orjson.dumps of a dict literal (untyped)",
            lambda _: oencode({"type": "session.update", "session": session()}),
            FLOOR,
        ),
    ]
    items = [None] * count
    wire = len(s_encode(s_build())) * count
    return Group(
        f"encode-session/{protocol}", f"encode session.update, {protocol}", items, wire, cs
    )


# --- retained memory per audio delta ----------------------------------------------------------


def memory_contenders(protocol: str, seed: ModuleType | None) -> list[Contender]:
    structs, models = backend(protocol, "structs"), backend(protocol, "models")
    cs = [
        Contender("structs", "structs.decode_server_event", structs.decode_server_event),
        Contender("models", "models.decode_server_event", models.decode_server_event),
        Contender("pipecat", "pipecat-style on our models", pipecat_style(models), BASELINE),
    ]
    if protocol == "beta" and seed is not None:
        cs.append(Contender("seed", "seed parse_server_event", seed.parse_server_event, BASELINE))
    cs += [
        Contender("openai", f"{OPENAI}: parse_event", openai_path.parse_event(protocol), BASELINE),
        Contender("orjson", "orjson.loads (dict)", orjson.loads, FLOOR),
        Contender("msgspec_untyped", "msgspec.json.decode (dict)", msgspec.json.decode, FLOOR),
    ]
    return cs
