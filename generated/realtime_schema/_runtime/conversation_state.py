# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""The conversation state's classes: items, content parts, responses, the input audio buffer,
anomalies. Each protocol's generated `conversation` module subclasses `ItemBase`, `PartBase` and
`ResponseBase` with a typed, documented property per schema field; the reducer itself
(`conversation.py`) only ever reads events by `type` string and attribute name.

Values that come from events (a session, a usage object, an MCP tool list) are kept as the
event's backend decoded them, so they are typed; `snapshot()` turns everything into plain JSON
values, the same for both backends.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any, ClassVar

import msgspec

from .audio import AudioFormat

UNSET = msgspec.UNSET


def absent(value: Any) -> bool:
    """Whether a field value stands for nothing: `null`, or left out (`UNSET`, in both
    backends)."""
    return value is None or value is UNSET


def field_of(obj: Any, name: str) -> Any:
    """`obj.name`, or None when the object has no such field or it is absent.

    Works on both backends' objects, on decoded JSON (`dict`), and on the unknown variants of an
    open union (upcoming: a plain object with `.type` and `.raw`, the object's JSON).
    """
    if obj.__class__ is dict:
        value = obj.get(name)
    else:
        value = getattr(obj, name, None)
        if value is None:
            raw = getattr(obj, "raw", None)
            if raw.__class__ is dict:
                value = raw.get(name)
    return None if value is UNSET else value


def raw_of(obj: Any) -> dict[str, Any] | None:
    """The JSON of an object no class of the protocol describes (an unknown variant), else None."""
    if obj.__class__ is dict:
        return obj
    if isinstance(obj, msgspec.Struct) or hasattr(obj.__class__, "__pydantic_fields__"):
        return None
    raw = getattr(obj, "raw", None)
    return raw if raw.__class__ is dict else None


class Accumulator:
    """Text or bytes built from deltas: the chunks (joined on first read), their total size, how
    many deltas came, and whether the done event came. Without `keep`, only the size is kept."""

    __slots__ = ("chunks", "size", "deltas", "done", "keep", "_joined")

    def __init__(self, keep: bool = True) -> None:
        self.chunks: list[Any] = []
        self.size = 0
        self.deltas = 0
        self.done = False
        self.keep = keep
        self._joined: Any = None

    def append(self, value: Any) -> None:
        self.size += len(value)
        self.deltas += 1
        if self.keep:
            self.chunks.append(value)
            self._joined = None

    def value(self, empty: Any) -> Any:
        """The chunks joined (`empty` is "" or b"")."""
        if self._joined is None:
            self._joined = empty.join(self.chunks)
            self.chunks = [self._joined] if self._joined else []
        return self._joined

    def set(self, value: Any) -> None:
        """Replace the content (a done event's final value, or an item's)."""
        self.size = len(value)
        self.chunks = [value] if self.keep and value else []
        self._joined = value if self.keep else None


class PartBase:
    """A content part of an item: its `type`, accumulated targets (text, transcript, audio), and
    the other fields the schema gives it (see the protocol's `Part`)."""

    __slots__ = (
        "type",
        "fields",
        "acc",
        "audio_format",
        "truncated_at_ms",
        "error",
        "segments",
        "raw",
    )
    TEXT_TARGETS: ClassVar[tuple[str, ...]] = ()
    BYTES_TARGETS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, type: str | None) -> None:
        self.type = type
        self.fields: dict[str, Any] = {}
        self.acc: dict[str, Accumulator] = {}
        self.audio_format: AudioFormat | None = None  # of the bytes targets, when known
        self.truncated_at_ms: int | None = None  # the truncation's audio_end_ms
        self.error: Any = None  # a transcription failure's error object
        self.segments: list[dict[str, Any]] = []  # diarized transcription segments
        self.raw: dict[str, Any] | None = None  # an unknown variant's JSON

    def _text(self, target: str) -> str | None:
        acc = self.acc.get(target)
        return None if acc is None else str(acc.value(""))

    def _bytes(self, target: str) -> bytes | None:
        acc = self.acc.get(target)
        return None if acc is None or not acc.keep else bytes(acc.value(b""))

    def received(self, target: str) -> int:
        """The bytes (or characters) a target holds; counted also when audio is not kept."""
        acc = self.acc.get(target)
        return 0 if acc is None else acc.size

    def duration_ms(self, target: str = "audio") -> float | None:
        """The audio's duration, when its format is known."""
        if self.audio_format is None or target not in self.acc:
            return None
        return self.audio_format.duration_ms(self.acc[target].size)

    def snapshot(self, audio: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type}
        for target in self.TEXT_TARGETS:
            text = self._text(target)
            if text is not None:
                out[target] = text
        for target in self.BYTES_TARGETS:
            if target in self.acc:
                out[f"{target}_bytes"] = self.acc[target].size
                if audio and self.acc[target].keep:
                    out[target] = self._bytes(target)
        if (
            self.audio_format is not None
            and self.BYTES_TARGETS
            and any(t in self.acc for t in self.BYTES_TARGETS)
        ):
            out["audio_format"] = self.audio_format.name
        out.update(plain(self.fields))
        if self.truncated_at_ms is not None:
            out["truncated_at_ms"] = self.truncated_at_ms
        if self.error is not None:
            out["error"] = plain(self.error)
        if self.segments:
            out["segments"] = plain(self.segments)
        if self.raw is not None:
            out["raw"] = plain(self.raw)
        return out


class ItemBase:
    """A conversation item: `id`, `type` (the item's tag, also for kinds this library does not
    know), `status`, `role`, `content` (parts), accumulated targets (arguments), the other
    schema fields (see the protocol's `Item`), and where it came from."""

    __slots__ = (
        "id",
        "type",
        "status",
        "role",
        "content",
        "fields",
        "acc",
        "previous_item_id",
        "response_id",
        "output_index",
        "in_conversation",
        "raw",
    )
    TEXT_TARGETS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, id: str, type: str | None) -> None:
        self.id = id
        self.type = type
        self.status: str | None = None
        self.role: str | None = None
        self.content: list[Any] = []  # the protocol's Part objects
        self.fields: dict[str, Any] = {}
        self.acc: dict[str, Accumulator] = {}
        self.previous_item_id: str | None = None  # as the server last placed it
        self.response_id: str | None = None  # the response that produced it
        self.output_index: int | None = None  # its place in that response's output
        self.in_conversation = False  # False: out of band, or a committed transcription item
        self.raw: dict[str, Any] | None = None  # an unknown variant's JSON

    def _text(self, target: str) -> str | None:
        acc = self.acc.get(target)
        return None if acc is None else str(acc.value(""))

    def snapshot(self, audio: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "type": self.type}
        for name in ("status", "role", "previous_item_id", "response_id", "output_index"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        for target in self.TEXT_TARGETS:
            text = self._text(target)
            if text is not None:
                out[target] = text
        out.update(plain(self.fields))
        if self.content:
            out["content"] = [part.snapshot(audio) for part in self.content]
        if self.raw is not None:
            out["raw"] = plain(self.raw)
        return out


class ResponseBase:
    """A response: `id`, `status`, the ids of the items it added (`output_item_ids`, in
    output_index order), playback state (WebRTC/SIP), and its other schema fields (usage, ...)."""

    __slots__ = ("id", "status", "output_item_ids", "fields", "playback", "audio_format", "done")

    def __init__(self, id: str) -> None:
        self.id = id
        self.status: str | None = None
        self.output_item_ids: list[str] = []
        self.fields: dict[str, Any] = {}
        self.playback: str | None = None  # output_audio_buffer.started / stopped / cleared
        self.audio_format: AudioFormat | None = None  # its output audio's format
        self.done = False  # response.done came

    def snapshot(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "status": self.status}
        out["output_item_ids"] = list(self.output_item_ids)
        out.update(plain(self.fields))
        if self.playback is not None:
            out["playback"] = self.playback
        out["done"] = self.done
        return out


class InputAudio:
    """The input audio buffer: speech detection, commits, and the audio appended since the last
    commit or clear (which the commit hands to the committed user item)."""

    __slots__ = (
        "speaking",
        "speech_started_ms",
        "speech_stopped_ms",
        "speech_item_id",
        "committed",
        "buffered_bytes",
        "appended_bytes",
        "clears",
        "timeouts",
        "buffer",
        "keep",
    )

    def __init__(self, keep: bool) -> None:
        self.speaking = False
        self.speech_started_ms: int | None = None  # the last speech_started's audio_start_ms
        self.speech_stopped_ms: int | None = None  # the last speech_stopped's audio_end_ms
        self.speech_item_id: str | None = None  # the item the current speech will become
        self.committed: list[str] = []  # the committed user items' ids, in order
        self.buffered_bytes = 0  # appended since the last commit or clear
        self.appended_bytes = 0  # appended in the whole session
        self.clears = 0
        self.timeouts = 0
        self.buffer: list[bytes] = []
        self.keep = keep

    def append(self, data: bytes) -> None:
        self.buffered_bytes += len(data)
        self.appended_bytes += len(data)
        if self.keep:
            self.buffer.append(data)

    def take(self) -> tuple[bytes, int]:
        """The buffered audio (empty unless kept) and its size, emptying the buffer."""
        data, size = b"".join(self.buffer), self.buffered_bytes
        self.buffer, self.buffered_bytes = [], 0
        return data, size

    def snapshot(self) -> dict[str, Any]:
        return {
            name: getattr(self, name) for name in self.__slots__ if name not in ("buffer", "keep")
        }


class Stream:
    """A session-wide stream with no items (the translation protocol): text or bytes."""

    __slots__ = ("name", "kind", "acc", "rate", "channels", "format")

    def __init__(self, name: str, kind: str, keep: bool) -> None:
        self.name = name
        self.kind = kind  # "text" or "bytes"
        self.acc = Accumulator(keep or kind == "text")
        self.rate: int | None = None
        self.channels: int | None = None
        self.format: str | None = None

    @property
    def text(self) -> str | None:
        return str(self.acc.value("")) if self.kind == "text" else None

    @property
    def data(self) -> bytes | None:
        return bytes(self.acc.value(b"")) if self.kind == "bytes" and self.acc.keep else None

    def snapshot(self, audio: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "size": self.acc.size, "deltas": self.acc.deltas}
        if self.kind == "text":
            out["text"] = self.text
        elif audio and self.acc.keep:
            out["data"] = self.data
        for name in ("rate", "channels", "format"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        return out


# Every kind of anomaly the reducer reports, and the promise it stands for.
ANOMALY_TYPES: dict[str, str] = {
    "missing_item": "an event names an item the stream never made known (or deleted)",
    "missing_part": "a content index past the item's parts",
    "missing_response": "an event names a response that was never created",
    "missing_field": "an item or response without its id",
    "duplicate_item": "an item added twice (to the conversation, or to a response's output)",
    "unknown_previous_item": "previous_item_id names an item not in the conversation",
    "order_mismatch": "an item's done or echo names another predecessor than it has",
    "index_mismatch": "output_index or content_index disagree with where the item or part is",
    "response_mismatch": "a delta's response_id is not the response that added the item",
    "field_mismatch": "an event's call_id, name, item type or speech item disagrees with the state",
    "done_mismatch": "a done event's full value is not the concatenated deltas",
    "after_done": "a delta after its done event (ignored: the done value is final)",
    "output_mismatch": "response.done lists other items than the response added",
    "status_regression": "a final item status going back to in_progress (kept final)",
    "truncation_past_end": "a truncation's audio_end_ms past the audio received",
    "internal_error": "the reducer failed on an event (a bug: reported, never raised)",
}


@dataclass(frozen=True, slots=True)
class Anomaly:
    """A broken protocol promise: its kind (`type`), the index of the event in the stream (0 is
    the first event applied), the event's type, the JSON path in that event, what the protocol
    promises there and what came."""

    type: str
    index: int
    event_type: str
    path: str
    expected: Any
    got: Any

    def __str__(self) -> str:
        return (
            f"{self.type} in {self.event_type} at {self.path}: expected {_short(self.expected)},"
            f" got {_short(self.got)}"
        )


class ConversationError(ValueError):
    """Raised by `Conversation(strict=True)` at the first anomaly; `.anomaly` says which."""

    def __init__(self, anomaly: Anomaly) -> None:
        self.anomaly = anomaly
        super().__init__(f"event {anomaly.index}: {anomaly}")


def _short(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def bounded(limit: int) -> deque[Any]:
    return deque(maxlen=limit)


def plain(value: Any) -> Any:
    """`value` as plain JSON values (dict, list, str, int, float, bool, None, bytes), the same
    for both backends: absent fields left out, a variant's tag included. Iterative, so a deeply
    nested free-form value (which the decoders accept to about 1,000 levels) cannot overflow."""
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any]] = [(value, root, 0)]
    while stack:
        current, parent, key = stack.pop()
        if current.__class__ in _SCALARS:
            parent[key] = current
            continue
        pairs = _pairs(current)
        if pairs is None:  # a list
            out_list: list[Any] = [None] * len(current)
            parent[key] = out_list
            stack.extend((child, out_list, i) for i, child in enumerate(current))
            continue
        out: dict[str, Any] = {}
        parent[key] = out
        for name, child in pairs:
            if child is not UNSET:  # absent fields are left out
                out[name] = None  # (keeps the key order; the value comes off the stack)
                stack.append((child, out, name))
    return root[0]


_SCALARS = frozenset({str, int, float, bool, bytes, type(None)})


def _pairs(value: Any) -> list[tuple[str, Any]] | None:
    """The (name, value) pairs of an object, or None for a list or tuple."""
    if isinstance(value, (list, tuple)):
        return None
    if isinstance(value, dict):
        return list(value.items())
    if isinstance(value, msgspec.Struct):
        pairs = [(name, getattr(value, name)) for name in value.__struct_fields__]
        config = value.__struct_config__
        if config.tag is not None and config.tag_field is not None:
            pairs.insert(0, (config.tag_field, config.tag))
        return [(n, v) for n, v in pairs if v is not UNSET]
    fields = getattr(value.__class__, "__pydantic_fields__", None)
    if fields is not None:
        return [(n, getattr(value, n)) for n in fields if getattr(value, n) is not UNSET]
    raw = getattr(value, "raw", None)
    if raw.__class__ is dict:  # an unknown variant or event: its JSON
        return list(raw.items())
    if isinstance(value, AudioFormat):
        return [("name", value.name), ("encoding", value.encoding), ("rate", value.rate)]
    return [("repr", repr(value))]  # nothing an event holds; shown rather than dropped
