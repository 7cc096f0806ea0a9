"""Audio payloads as the generated code types them: base64 `str` today, `bytes` once decoded in the
parser (contentEncoding: base64). Each adapter looks at the type once, so the timed paths carry
no per-call check and the bench runs unchanged before and after the switch."""

from __future__ import annotations

import base64
import importlib
import typing
from collections.abc import Callable
from functools import cache
from operator import attrgetter
from types import ModuleType
from typing import Any

import msgspec

AUDIO_DELTA = {"ga": "response.output_audio.delta", "beta": "response.audio.delta"}


def backend(protocol: str, name: str) -> ModuleType:
    """`realtime_schema.<protocol>.<name>` (name: structs or models)."""
    return importlib.import_module(f"realtime_schema.{protocol}.{name}")


def field_type(cls: type, name: str) -> Any:
    """The declared type of field `name` of a Struct or a pydantic model."""
    if issubclass(cls, msgspec.Struct):
        for info in msgspec.structs.fields(cls):
            if info.name == name:
                return info.type
        raise KeyError(name)
    fields: dict[str, Any] = cls.model_fields  # type: ignore[attr-defined]
    return fields[name].annotation


def is_bytes(tp: Any) -> bool:
    """Whether `tp` is `bytes`, or a union with `bytes` in it (`bytes | None | UnsetType`)."""
    if tp is bytes:
        return True
    return any(arg is bytes for arg in typing.get_args(tp))


@cache
def audio_as_bytes(protocol: str) -> bool:
    """Whether the generated structs hand audio deltas over as `bytes` (else a base64 `str`)."""
    structs = backend(protocol, "structs")
    return is_bytes(field_type(structs.SERVER_EVENT_TYPES[AUDIO_DELTA[protocol]], "delta"))


def pcm_getter(cls: type) -> Callable[[Any], bytes]:
    """event -> the pcm16 bytes of its `delta`, for an audio-delta class of either backend."""
    if is_bytes(field_type(cls, "delta")):
        return attrgetter("delta")
    b64decode = base64.b64decode
    return lambda event: b64decode(event.delta)


def append_builder(cls: type) -> Callable[[bytes], Any]:
    """pcm16 bytes -> an `input_audio_buffer.append` event of class `cls`."""
    if is_bytes(field_type(cls, "audio")):
        return lambda pcm: cls(audio=pcm)
    b64encode = base64.b64encode
    return lambda pcm: cls(audio=b64encode(pcm).decode("ascii"))
