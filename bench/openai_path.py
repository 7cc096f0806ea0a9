"""The official `openai` package's realtime types, used the way its realtime connection uses them.

Receive (openai/resources/realtime/realtime.py, `RealtimeConnection.parse_event`; the beta
connection in openai/resources/beta/realtime/realtime.py is the same with the beta types):

    construct_type_unchecked(value=json.loads(data), type_=cast(Any, RealtimeServerEvent))

Send (`RealtimeConnection.send`, reached through e.g.
`connection.input_audio_buffer.append(audio=...)` and `connection.session.update(session=...)`):

    json.dumps(maybe_transform(strip_not_given({"type": ..., ..., "event_id": omit}), ParamUnion))

Imported only by the bench: `openai` is a bench-only dependency.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any, Union, cast

from openai import __version__ as VERSION
from openai._models import construct_type_unchecked
from openai._types import NOT_GIVEN, omit
from openai._utils import maybe_transform, strip_not_given

__all__ = ["VERSION", "parse_event", "send_append", "send_session_update", "TYPES_MODULE"]

# What "importing openai's realtime types" means for the import-time bench, per protocol.
TYPES_MODULE = {
    "ga": "openai.types.realtime.realtime_server_event",
    "beta": "openai.types.beta.realtime.realtime_server_event",
}


def _server_event(protocol: str) -> Any:
    if protocol == "ga":
        from openai.types.realtime.realtime_server_event import RealtimeServerEvent

        return RealtimeServerEvent
    from openai.types.beta.realtime.realtime_server_event import (
        RealtimeServerEvent as BetaRealtimeServerEvent,
    )

    return BetaRealtimeServerEvent


def _client_param(protocol: str) -> Any:
    if protocol == "ga":
        from openai.types.realtime.realtime_client_event_param import RealtimeClientEventParam
        from openai.types.realtime.response_create_event_with_references_param import (
            ResponseCreateEventWithReferencesParam,
        )

        return Union[RealtimeClientEventParam, ResponseCreateEventWithReferencesParam]  # noqa: UP007
    from openai.types.beta.realtime.realtime_client_event_param import (
        RealtimeClientEventParam as BetaRealtimeClientEventParam,
    )

    return BetaRealtimeClientEventParam


def parse_event(protocol: str) -> Callable[[bytes | str], Any]:
    """`RealtimeConnection.parse_event` of `protocol`'s connection."""
    event_type = cast(Any, _server_event(protocol))
    loads = json.loads

    def parse(data: bytes | str) -> Any:
        return construct_type_unchecked(value=loads(data), type_=event_type)

    return parse


def _unset(protocol: str) -> Any:
    # GA methods default `event_id` to `omit`, the beta ones to `NOT_GIVEN`.
    return omit if protocol == "ga" else NOT_GIVEN


def send_append(protocol: str) -> Callable[[bytes], str]:
    """pcm16 -> the text `connection.input_audio_buffer.append(audio=b64)` puts on the socket."""
    param, unset, dumps, b64encode = (
        _client_param(protocol),
        _unset(protocol),
        json.dumps,
        base64.b64encode,
    )

    def send(pcm: bytes) -> str:
        audio = b64encode(pcm).decode("utf-8")
        event = strip_not_given(
            {"type": "input_audio_buffer.append", "audio": audio, "event_id": unset}
        )
        return dumps(maybe_transform(event, param))

    return send


def send_session_update(protocol: str, session: Callable[[], dict[str, Any]]) -> Callable[[], str]:
    """The text `connection.session.update(session=session())` puts on the socket."""
    param, unset, dumps = _client_param(protocol), _unset(protocol), json.dumps

    def send() -> str:
        event = strip_not_given({"type": "session.update", "session": session(), "event_id": unset})
        return dumps(maybe_transform(event, param))

    return send
