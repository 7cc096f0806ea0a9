"""Folding the audio stream into conversation state (`realtime_schema.<p>.conversation`), against
decoding alone: the group, its targets and its views (report.py lists them with the others)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from .adapters import backend
from .contenders import pipecat_style
from .measure import BASELINE, Contender, Group
from .report import Target
from .streams import Stream


def _folding(
    decode: Callable[[bytes], Any], conversation: Callable[[], Any], first: bytes
) -> Callable[[bytes], Any]:
    """decode + `Conversation.apply`, a fresh conversation at the start of every pass (the
    stream is one session: folding it twice into one state would be another workload)."""
    state: list[Any] = [None]

    def fold(frame: bytes) -> Any:
        if frame is first:
            state[0] = conversation().apply  # bound once, as a receive loop would
        return state[0](decode(frame))

    return fold


def checked_fold(stream: Stream) -> None:
    """The stream folds without an anomaly: the reducer does all its work (no early exit)."""
    conversation = importlib.import_module(f"realtime_schema.{stream.protocol}.conversation")
    structs = backend(stream.protocol, "structs")
    state = conversation.Conversation()
    for frame in stream.frames:
        state.apply(structs.decode_server_event(frame))
    if state.anomalies or state.unknown_types:
        raise AssertionError(f"{stream.name}: {state.anomalies[:3]} {state.unknown_types}")


def fold_group(stream: Stream) -> Group:
    checked_fold(stream)
    p = stream.protocol
    structs, models = backend(p, "structs"), backend(p, "models")
    Conversation = importlib.import_module(f"realtime_schema.{p}.conversation").Conversation
    first = stream.frames[0]
    cs = [
        Contender("structs", "structs.decode_server_event (no state)", structs.decode_server_event),
        Contender(
            "structs_fold",
            "structs decode + Conversation(keep_audio=False).apply",
            _folding(structs.decode_server_event, lambda: Conversation(keep_audio=False), first),
        ),
        Contender(
            "structs_fold_audio",
            "structs decode + Conversation().apply (keeps every audio byte)",
            _folding(structs.decode_server_event, Conversation, first),
        ),
        Contender(
            "models_fold",
            "models decode + Conversation(keep_audio=False).apply",
            _folding(models.decode_server_event, lambda: Conversation(keep_audio=False), first),
        ),
        Contender(
            "pipecat",
            "pipecat-style on our models: json.loads + dict lookup + model_validate (no state)",
            pipecat_style(models),
            BASELINE,
        ),
    ]
    return Group(
        key=f"fold/{stream.name}",
        title=f"decode + conversation state, {stream.name} stream",
        items=stream.frames,
        nbytes=stream.nbytes,
        contenders=cs,
    )


def targets(protocol: str) -> list[Target]:
    """Issue 13's: decode + fold stays 4x pipecat-style decode alone; folding costs at most the
    structs decode (overhead of decode + fold over decode: at most 100%)."""
    g = f"fold/{protocol}/audio"
    return [
        Target(
            "decode + fold (structs, keep_audio=False) vs pipecat-style decode alone", g,
            "structs_fold", "pipecat", "speedup", 4.0,
        ),
        Target(
            "folding cost: decode + fold vs decode alone (structs, keep_audio=False)", g,
            "structs_fold", "structs", "overhead", 1.0,
        ),
    ]  # fmt: skip


def views(protocol: str) -> list[Target]:
    g = f"fold/{protocol}/audio"
    return [
        Target(
            "decode + fold keeping all audio vs pipecat-style decode alone", g,
            "structs_fold_audio", "pipecat", "speedup", None,
        ),
        Target(
            "decode + fold with models vs pipecat-style decode alone", g, "models_fold",
            "pipecat", "speedup", None,
        ),
    ]  # fmt: skip
