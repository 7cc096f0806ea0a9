"""What must hold before any number means anything: the paths being compared do the same work."""

from __future__ import annotations

import json
from collections.abc import Iterable

import msgspec
import msgspec.inspect as mi

from . import client_events, handwritten
from .adapters import backend
from .streams import Stream


class CheckFailed(AssertionError):
    pass


def _check(ok: bool, what: str) -> None:
    if not ok:
        raise CheckFailed(what)


def streams_decode(streams: Iterable[Stream]) -> None:
    """Every frame is a known, valid event in both backends (no fallback taken), the two give the
    same class, and the hand-written union decodes it to the same values as the generated one."""
    for stream in streams:
        structs, models = backend(stream.protocol, "structs"), backend(stream.protocol, "models")
        hand = handwritten.decoder(stream.protocol)
        for i, frame in enumerate(stream.frames):
            where = f"{stream.name} frame {i} ({stream.types[i]})"
            ours = structs._decode_server(frame)  # raises on anything the fast path rejects
            _check(type(ours) is structs.SERVER_EVENT_TYPES[stream.types[i]], f"{where}: class")
            pyd = models._decode_server(frame)
            _check(type(pyd).__name__ == type(ours).__name__, f"{where}: models class")
            _check(
                msgspec.to_builtins(hand(frame)) == msgspec.to_builtins(ours),
                f"{where}: hand-written and generated structs disagree",
            )


def session_updates_agree() -> None:
    """Every session.update path puts the same JSON value on the wire."""
    from . import openai_path  # a bench-only dependency

    for protocol in ("ga", "beta"):
        want = {"type": "session.update", "session": client_events.SESSION[protocol]()}
        for name in ("structs", "models"):
            mod = backend(protocol, name)
            got = json.loads(mod.encode(client_events.session_update(protocol, mod)()))
            _check(got == want, f"{protocol} {name} session.update differs from the dict")
        sent = openai_path.send_session_update(protocol, client_events.SESSION[protocol])()
        _check(json.loads(sent) == want, f"{protocol} openai session.update differs")


def _shape(t: mi.Type, seen: frozenset[int]) -> object:
    """A structural signature of a msgspec type: field names, required-ness, types, tags."""
    if isinstance(t, mi.UnionType):
        return ("union", frozenset(_shape(x, seen) for x in t.types))
    if isinstance(t, mi.StructType):
        if id(t.cls) in seen:  # recursive types
            return ("struct", t.tag)
        inner = seen | {id(t.cls)}
        fields = frozenset((f.name, f.required, _shape(f.type, inner)) for f in t.fields)
        return ("struct", t.tag_field, t.tag, fields)
    if isinstance(t, mi.ListType):
        return ("list", _shape(t.item_type, seen))
    if isinstance(t, mi.DictType):
        return ("dict", _shape(t.key_type, seen), _shape(t.value_type, seen))
    if isinstance(t, mi.LiteralType):
        return ("literal", frozenset(t.values))
    return type(t).__name__


def handwritten_matches_generated() -> None:
    """The hand-written classes declare exactly what the generated ones do (every field of every
    nested object, required-ness, types, tags), so timing them compares codegen with hand code.
    (`streams_decode` checks that both decode every frame to the same values.)"""
    for protocol in ("ga", "beta"):
        structs = backend(protocol, "structs")
        union = handwritten.union(protocol)
        for cls in union.__args__:
            tag = cls.__struct_config__.tag
            generated = structs.SERVER_EVENT_TYPES[tag]
            _check(
                _shape(mi.type_info(cls), frozenset())
                == _shape(mi.type_info(generated), frozenset()),
                f"{protocol} {tag}: hand-written shape differs from the generated one",
            )


def run_all(streams: Iterable[Stream]) -> None:
    handwritten_matches_generated()
    streams_decode(streams)
    session_updates_agree()
