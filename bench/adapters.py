"""Audio payloads as the generated code hands them over: `bytes` (decoded in the parser, as it is
for contentEncoding: base64 since the switch) or a base64 `str` (before it). Each adapter finds
out once, from a decoded sample, so the timed paths carry no per-call check and the bench runs on
either."""

from __future__ import annotations

import base64
import importlib
from collections.abc import Callable
from functools import cache
from operator import attrgetter
from types import ModuleType
from typing import Any

AUDIO_DELTA = {"ga": "response.output_audio.delta", "beta": "response.audio.delta"}


def backend(protocol: str, name: str) -> ModuleType:
    """`realtime_schema.<protocol>.<name>` (name: structs or models)."""
    return importlib.import_module(f"realtime_schema.{protocol}.{name}")


@cache
def audio_as_bytes(protocol: str) -> bool:
    """Whether the generated structs hand audio deltas over as `bytes` (else a base64 `str`).

    Asked of a decoded event rather than of the declared type, so the bench runs unchanged on
    code that reads the payload some other way.
    """
    structs = backend(protocol, "structs")
    return isinstance(structs.decode_server_event(sample_delta(protocol)).delta, bytes)


def sample_delta(protocol: str) -> bytes:
    """A minimal valid audio-delta frame of `protocol` (two samples of silence)."""
    return (
        b'{"type":"' + AUDIO_DELTA[protocol].encode() + b'","event_id":"event_1",'
        b'"response_id":"resp_1","item_id":"item_1","output_index":0,"content_index":0,'
        b'"delta":"AAAAAA=="}'
    )


def pcm_getter(decode: Callable[[bytes], Any], protocol: str) -> Callable[[Any], bytes]:
    """event -> the pcm16 bytes of its `delta`, for events from `decode` (any parse path)."""
    if isinstance(decode(sample_delta(protocol)).delta, bytes):
        return attrgetter("delta")
    b64decode = base64.b64decode
    return lambda event: b64decode(event.delta)


def append_builder(cls: type, protocol: str) -> Callable[[bytes], Any]:
    """pcm16 bytes -> an `input_audio_buffer.append` event of class `cls` (either backend), with
    the audio as the generated code types it."""
    if audio_as_bytes(protocol):
        return lambda pcm: cls(audio=pcm)
    b64encode = base64.b64encode
    return lambda pcm: cls(audio=b64encode(pcm).decode("ascii"))
