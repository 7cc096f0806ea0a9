# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""The conversation-state reducer: the small core that applies a protocol's effect table.

Each protocol's generated `conversation` module declares, per event type, a verb and which event
field plays which role in it (from `schema/conversation.json`, checked against the schema by
`codegen/conversation.py`). This module implements the verbs, once, for every protocol; it reads
events by `type` string and attribute name only, so it takes either backend's events (and the
unknown variants of open unions) alike. schema/conversation.md explains the design.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, ClassVar, Generic, TypeVar

from .audio import UNKNOWN, AudioFormat
from .conversation_state import (
    UNSET,
    Accumulator,
    Anomaly,
    ConversationError,
    InputAudio,
    ItemBase,
    PartBase,
    ResponseBase,
    Stream,
    bounded,
    field_of,
    plain,
    raw_of,
)

__all__ = ["Anomaly", "Conversation", "ConversationError", "Effect", "AudioSpec"]

Handler = Callable[["Conversation[Any, Any, Any]", Any], None]
ItemT = TypeVar("ItemT", bound=ItemBase)
PartT = TypeVar("PartT", bound=PartBase)
ResponseT = TypeVar("ResponseT", bound=ResponseBase)

ERRORS_KEPT = 100  # the latest error events
WAITING_LIMIT = 4096  # events held for an item that has not arrived yet
UNKNOWN_KEPT = 1000  # distinct unknown event types counted by name


@dataclass(frozen=True)
class Effect:
    """One event type's effect: a verb, which event field plays which role, and options."""

    verb: str
    roles: dict[str, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AudioSpec:
    """Where a protocol's session and response objects name their audio formats, and what each
    format is (from `schema/conversation.json`)."""

    formats: dict[str, AudioFormat]
    rate_fields: dict[str, str]  # format name -> the field holding its rate, where it has one
    default: str
    session_input: tuple[str, ...] = ()
    session_output: tuple[str, ...] = ()
    response_output: tuple[str, ...] = ()

    def resolve(self, obj: Any, path: tuple[str, ...]) -> AudioFormat | None:
        """The format at `path` in `obj`: None when absent, an `unknown` one for a name the table
        lacks (an open vocabulary: its durations are not checked)."""
        if not path:
            return None
        for step in path:
            obj = field_of(obj, step)
            if obj is None:
                return None
        name = obj if obj.__class__ is str else field_of(obj, "type")
        if name.__class__ is not str:
            return None
        known = self.formats.get(name)
        if known is None:
            return AudioFormat(name, UNKNOWN, 0)
        rate_field = self.rate_fields.get(known.name)
        rate = field_of(obj, rate_field) if rate_field and obj.__class__ is not str else None
        if rate.__class__ is int and rate > 0 and rate != known.rate:
            return AudioFormat(known.name, known.encoding, rate)
        return known


class Conversation(Generic[ItemT, PartT, ResponseT]):
    """Conversation state folded from a stream of events, in wire order.

    `apply(event)` takes client and server events of either backend (structs or models) and never
    raises for an event (outside strict mode): what breaks a protocol promise becomes an
    `Anomaly` in `anomalies`, an unknown event type is counted in `unknown_types`.

    State: `items` (in conversation order) and `get(item_id)`, `responses` (by id), `session`
    (the latest server-confirmed session object), `input_audio`, `errors` (the latest error
    objects), `rate_limits` (by name), and `streams` (protocols without items).

    Options: `strict=True` raises `ConversationError` at the first anomaly; `keep_audio=False`
    keeps audio sizes but not the audio (bounded memory on long sessions); `max_anomalies`
    bounds the list (the rest are counted in `anomalies_dropped`).
    """

    protocol: ClassVar[str] = ""
    EFFECTS: ClassVar[dict[str, Effect]] = {}
    AUDIO: ClassVar[AudioSpec]
    PLACEHOLDER: ClassVar[dict[str, str] | None] = None
    TERMINAL_STATUSES: ClassVar[frozenset[str]] = frozenset()
    ITEM_FIELDS: ClassVar[tuple[str, ...]] = ()
    PART_FIELDS: ClassVar[tuple[str, ...]] = ()
    RESPONSE_FIELDS: ClassVar[tuple[str, ...]] = ()
    STREAMS: ClassVar[dict[str, str]] = {}
    item_class: ClassVar[type[ItemBase]] = ItemBase
    part_class: ClassVar[type[PartBase]] = PartBase
    response_class: ClassVar[type[ResponseBase]] = ResponseBase
    _handlers: ClassVar[dict[str, Handler]] = {}
    _ignored: ClassVar[frozenset[str]] = frozenset()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._handlers = {t: _VERBS[e.verb](e) for t, e in cls.EFFECTS.items() if e.verb != "none"}
        cls._ignored = frozenset(t for t, e in cls.EFFECTS.items() if e.verb == "none")

    def __init__(
        self, *, strict: bool = False, keep_audio: bool = True, max_anomalies: int = 10_000
    ) -> None:
        self.strict = strict
        self.keep_audio = keep_audio
        self.max_anomalies = max_anomalies
        self.events = 0  # events applied
        self.unknown_types: Counter[str] = Counter()
        self.anomalies: list[Anomaly] = []
        self.anomalies_dropped = 0
        self.session: Any = None
        self.conversation: Any = None  # conversation.created's object
        self.closed = False  # the session said it closed
        self.responses: dict[str, ResponseT] = {}
        self.input_audio = InputAudio(keep_audio)
        self.errors: Any = bounded(ERRORS_KEPT)
        self.rate_limits: dict[str, Any] = {}
        self.streams: dict[str, Stream] = {}
        self.input_format = self.output_format = self.AUDIO.formats[self.AUDIO.default]
        self._items: dict[str, ItemT] = {}
        self._order: list[str] = []
        self._waiting: dict[str, list[tuple[Handler, Any, int]]] = {}
        self._waiting_count = 0
        self._event: Any = None  # the event being applied
        self._verbs = self._handlers  # an instance attribute reads faster than a class one
        self._held_index: int | None = None  # its index, when it waited for its item

    # -- the public API --------------------------------------------------------------------------

    def apply(self, event: Any) -> None:
        """Fold one event (client or server, either backend) into the state."""
        self.events += 1
        self._event = event
        try:
            handler = self._verbs[event.type]
        except (KeyError, AttributeError, TypeError):
            self._unhandled(getattr(event, "type", None))
            return
        try:
            handler(self, event)
        except ConversationError:
            raise
        except Exception as exc:  # noqa: BLE001 - never crash a receive loop; report it
            self.anomaly("internal_error", "$", "an event the reducer can fold", repr(exc)[:200])

    def _unhandled(self, event_type: Any) -> None:
        if event_type in self._ignored:
            return
        if event_type.__class__ is not str:
            event_type = "<no type>"
        elif event_type not in self.unknown_types and len(self.unknown_types) >= UNKNOWN_KEPT:
            event_type = "<other>"  # bounded: a hostile stream may invent endless types
        self.unknown_types[event_type] += 1

    def apply_all(self, events: Iterable[Any]) -> None:
        for event in events:
            self.apply(event)

    def finish(self) -> None:
        """The stream ended: events still waiting for an item that never came become
        `missing_item` anomalies (their own event indices)."""
        waiting, self._waiting, self._waiting_count = self._waiting, {}, 0
        try:
            for item_id, held in waiting.items():
                for _handler, event, index in held:
                    self._event, self._held_index = event, index
                    self.anomaly("missing_item", "$.item_id", "an item that exists", item_id)
        finally:
            self._held_index = None

    @property
    def items(self) -> list[ItemT]:
        """The conversation's items, in order (`previous_item_id` honoured)."""
        return [self._items[item_id] for item_id in self._order]

    def get(self, item_id: str) -> ItemT | None:
        """Any item the stream made known: in the conversation, or out of it (an out-of-band
        response's output, a transcription session's committed audio)."""
        return self._items.get(item_id)

    @property
    def all_items(self) -> list[ItemT]:
        """Every known item, in the order each became known."""
        return list(self._items.values())

    @property
    def last_error(self) -> Any:
        return self.errors[-1] if self.errors else None

    def snapshot(self, audio: bool = False) -> dict[str, Any]:
        """The whole state as plain JSON values (audio bytes only with `audio=True`), the same
        for both backends: what `realtime-schema replay --json` prints and the tests compare."""
        return {
            "protocol": self.protocol,
            "events": self.events,
            "unknown_types": dict(sorted(self.unknown_types.items())),
            "session": plain(self.session),
            "conversation": plain(self.conversation),
            "closed": self.closed,
            "audio_formats": {"input": self.input_format.name, "output": self.output_format.name},
            "items": [item.snapshot(audio) for item in self.items],
            "other_items": [
                i.snapshot(audio) for i in self._items.values() if not i.in_conversation
            ],
            "responses": [r.snapshot() for r in self.responses.values()],
            "input_audio": self.input_audio.snapshot(),
            "streams": {name: s.snapshot(audio) for name, s in self.streams.items()},
            "errors": plain(list(self.errors)),
            "rate_limits": plain(self.rate_limits),
            "waiting": self._waiting_count,
            "anomalies": [
                {k: plain(getattr(a, k)) for k in Anomaly.__slots__} for a in self.anomalies
            ],
            "anomalies_dropped": self.anomalies_dropped,
        }

    # -- what the verbs share --------------------------------------------------------------------

    def anomaly(self, kind: str, path: str, expected: Any, got: Any) -> None:
        """Record (or, strict, raise) a broken promise of the event being applied."""
        index = self.events - 1 if self._held_index is None else self._held_index
        event_type = getattr(self._event, "type", None)
        found = Anomaly(kind, index, str(event_type), path, _present(expected), _present(got))
        if self.strict:
            raise ConversationError(found)
        if len(self.anomalies) < self.max_anomalies:
            self.anomalies.append(found)
        else:
            self.anomalies_dropped += 1

    def _no_item(self, handler: Handler, event: Any, item_id: str, wait: bool) -> None:
        if wait and self._waiting_count < WAITING_LIMIT:
            index = self.events - 1 if self._held_index is None else self._held_index
            self._waiting.setdefault(item_id, []).append((handler, event, index))
            self._waiting_count += 1
        else:
            self.anomaly("missing_item", "$.item_id", "an item that exists", item_id)

    def _new_item(self, item_id: str, item_type: Any) -> ItemT:
        item: Any = self.item_class(item_id, item_type if item_type.__class__ is str else None)
        self._items[item_id] = item
        return item  # type: ignore[no-any-return]

    def _release(self, item_id: str) -> None:
        """Apply the events that came before their item, now that it is complete, each under
        its own index."""
        held = self._waiting.pop(item_id, None)
        if held:
            self._waiting_count -= len(held)
            current, held_before = self._event, self._held_index
            try:
                for handler, event, held_index in held:
                    self._event, self._held_index = event, held_index
                    handler(self, event)
            finally:
                self._event, self._held_index = current, held_before

    def _set_status(self, item: ItemBase, status: str, path: str) -> None:
        if item.status in self.TERMINAL_STATUSES and status not in self.TERMINAL_STATUSES:
            self.anomaly("status_regression", path, f"{item.status} (final)", status)
            return
        item.status = status

    def _merge_item(self, payload: Any, path: str) -> ItemT | None:
        """The item `payload` describes, registered or updated: what the payload carries wins,
        except that an empty or absent value never erases what deltas built, and a final
        status never goes back to in_progress. (Inlined reads: this runs for every item event.)"""
        plans = _PLANS.get(payload.__class__)
        plan = plans.get(self.ITEM_FIELDS) if plans is not None else None
        if plan is None:
            plan = _plan(payload, self.ITEM_FIELDS, self.item_class.TEXT_TARGETS, ())
        if plan is None:  # an unknown variant (or a dict): read by name from its JSON
            return self._merge_item_by_name(payload, path)
        item_id = getattr(payload, "id", None)
        if item_id.__class__ is not str:
            self.anomaly("missing_field", f"{path}.id", "an item id", _present(item_id))
            return None
        item_type = payload.type
        item = self._items.get(item_id)
        if item is None:
            item = self._new_item(item_id, item_type)
        elif item.type != item_type and item_type.__class__ is str:
            if item.type is not None:
                self.anomaly("field_mismatch", f"{path}.type", item.type, item_type)
            item.type = item_type
        status = getattr(payload, "status", None)
        if status.__class__ is str and status != item.status:
            terminal = self.TERMINAL_STATUSES
            if item.status in terminal and status not in terminal:
                self.anomaly(
                    "status_regression", f"{path}.status", f"{item.status} (final)", status
                )
            else:
                item.status = status
        role = getattr(payload, "role", None)
        if role.__class__ is str:
            item.role = role
        if plan.fields:
            fields = item.fields
            for name in plan.fields:
                value = getattr(payload, name)
                if value is not None and value is not UNSET:
                    fields[name] = value
        for target in plan.text:
            value = getattr(payload, target)
            if value.__class__ is str and value:
                _adopt(item.acc, target, value, "", True)
        content = getattr(payload, "content", None)
        if content.__class__ is list and content:
            parts = item.content
            for index, part_payload in enumerate(content):
                if index == len(parts):
                    parts.append(self.part_class(None))
                self._merge_part(parts[index], part_payload, item)
        if self._waiting:
            self._release(item_id)
        return item

    def _merge_item_by_name(self, payload: Any, path: str) -> ItemT | None:
        """`_merge_item` for an object known only by its JSON (an unknown item kind)."""
        item_id, item_type = field_of(payload, "id"), field_of(payload, "type")
        if item_id.__class__ is not str:
            self.anomaly("missing_field", f"{path}.id", "an item id", item_id)
            return None
        item = self._items.get(item_id)
        if item is None:
            item = self._new_item(item_id, item_type)
        elif item_type.__class__ is str:
            item.type = item_type
        item.raw = raw_of(payload)
        status, role = field_of(payload, "status"), field_of(payload, "role")
        if status.__class__ is str:
            self._set_status(item, status, f"{path}.status")
        if role.__class__ is str:
            item.role = role
        for name in self.ITEM_FIELDS:
            value = field_of(payload, name)
            if value is not None:
                item.fields[name] = value
        for target in item.TEXT_TARGETS:
            value = field_of(payload, target)
            if value.__class__ is str and value:
                _adopt(item.acc, target, value, "", True)
        content = field_of(payload, "content")
        if content.__class__ is list:
            parts = item.content
            for index, part_payload in enumerate(content):
                if index == len(parts):
                    parts.append(self.part_class(None))
                self._merge_part(parts[index], part_payload, item)
        if self._waiting:
            self._release(item_id)
        return item

    def _merge_part(self, part: PartBase, payload: Any, item: ItemBase) -> None:
        plans = _PLANS.get(payload.__class__)
        plan = plans.get(self.PART_FIELDS) if plans is not None else None
        if plan is None:
            cls = self.part_class
            plan = _plan(payload, self.PART_FIELDS, cls.TEXT_TARGETS, cls.BYTES_TARGETS)
        if plan is None:  # an unknown variant: its JSON, read by name
            part.raw = raw_of(payload)
            get: Any = _raw_get
            cls = self.part_class
            plan = _Plan(self.PART_FIELDS, cls.TEXT_TARGETS, cls.BYTES_TARGETS)
        else:
            get = getattr
        part_type = get(payload, "type", None)
        if part_type.__class__ is str:
            part.type = part_type
        for name in plan.fields:
            value = get(payload, name, None)
            if value is not None and value is not UNSET:
                part.fields[name] = value
        for target in plan.text:
            value = get(payload, target, None)
            if value.__class__ is str and value:
                _adopt(part.acc, target, value, "", True)
        for target in plan.bytes:
            value = get(payload, target, None)
            if value.__class__ is bytes and value:
                if target not in part.acc:
                    self._start(part, item, target, True)
                _adopt(part.acc, target, value, b"", self.keep_audio)

    def _start(self, part: Any, item: ItemBase, target: str, is_bytes: bool) -> Accumulator:
        """A new accumulator on a part (or, for text, an item); audio gets the format it is in."""
        acc = part.acc[target] = Accumulator(self.keep_audio if is_bytes else True)
        if is_bytes and part.audio_format is None:
            response = self.responses.get(item.response_id) if item.response_id else None
            if response is not None and response.audio_format is not None:
                part.audio_format = response.audio_format
            elif item.response_id is not None:
                part.audio_format = self.output_format
            else:
                part.audio_format = self.input_format
        return acc

    def _origin(self, item: ItemBase, rid: Any, oi: Any, rid_path: str, oi_path: str) -> None:
        """A delta's response_id and output_index against the item's (checked by the caller
        only when they differ)."""
        if rid.__class__ is str and rid != item.response_id:
            expected = item.response_id or "the response that added the item"
            self.anomaly("response_mismatch", rid_path, expected, rid)
        elif oi.__class__ is int and item.output_index is not None and oi != item.output_index:
            self.anomaly("index_mismatch", oi_path, item.output_index, oi)

    def _place(self, item: ItemBase, previous: Any, expect: str, paths: tuple[str, str]) -> None:
        """Put the item into the conversation after `previous` (None: first; absent: last)."""
        id_path, previous_path = paths
        order = self._order
        if item.in_conversation:
            if expect == "new":
                self.anomaly(
                    "duplicate_item", id_path, "an item not yet in the conversation", item.id
                )
            elif previous is not UNSET:
                at = len(order) - 1 if order[-1] == item.id else order.index(item.id)
                actual = order[at - 1] if at else None
                if previous != actual:
                    self.anomaly("order_mismatch", previous_path, actual, previous)
            return
        if expect == "known":
            self.anomaly("missing_item", id_path, "an item already in the conversation", item.id)
        item.in_conversation = True
        if previous is UNSET or (order and order[-1] == previous):
            order.append(item.id)
        elif previous is None:
            order.insert(0, item.id)
        else:
            try:
                order.insert(order.index(previous) + 1, item.id)
            except ValueError:
                order.append(item.id)  # first: strict mode raises with the state consistent
                self.anomaly(
                    "unknown_previous_item", previous_path, "an item in the conversation", previous
                )
        if previous.__class__ is str:
            item.previous_item_id = previous

    def _place_in_response(
        self, item: ItemBase, rid: Any, oi: Any, expect: str, paths: tuple[str, str, str]
    ) -> None:
        id_path, rid_path, oi_path = paths
        if rid.__class__ is not str:
            return
        response = self.responses.get(rid)
        if response is None:
            self.anomaly("missing_response", rid_path, "a response that was created", rid)
        if item.response_id is not None and item.response_id != rid:
            self.anomaly("response_mismatch", rid_path, item.response_id, rid)
        item.response_id = rid
        if oi.__class__ is int:
            item.output_index = oi
        if response is None:
            return
        ids = response.output_item_ids
        if expect == "new":
            if item.id in ids:
                self.anomaly(
                    "duplicate_item", id_path, "an item the response had not added", item.id
                )
                return
            if oi.__class__ is int and oi != len(ids):
                self.anomaly("index_mismatch", oi_path, len(ids), oi)
            ids.append(item.id)
        elif item.id not in ids:
            self.anomaly("missing_item", id_path, "an item the response added", item.id)
        elif oi.__class__ is int and ids.index(item.id) != oi:
            self.anomaly("index_mismatch", oi_path, ids.index(item.id), oi)

    def _part(self, item: ItemBase, index: Any, path: str) -> PartBase | None:
        if index.__class__ is not int:
            index = 0
        content = item.content
        if 0 <= index < len(content):
            return content[index]  # type: ignore[no-any-return]
        self.anomaly("missing_part", path, f"a content index below {len(content)}", index)
        return None

    def _merge_response(self, payload: Any, path: str, finishing: bool) -> ResponseBase | None:
        plan = _plan(payload, self.RESPONSE_FIELDS, (), ())
        get = getattr if plan is not None else _raw_get
        rid = _present(get(payload, "id", None))
        if rid.__class__ is not str:
            self.anomaly("missing_field", f"{path}.id", "a response id", rid)
            return None
        response = self.responses.get(rid)
        if response is None:
            if finishing:
                self.anomaly("missing_response", f"{path}.id", "a response that was created", rid)
            created: Any = self.response_class(rid)
            created.audio_format = self.AUDIO.resolve(payload, self.AUDIO.response_output)
            if created.audio_format is None:
                created.audio_format = self.output_format
            response = self.responses[rid] = created
        status = _present(get(payload, "status", None))
        if status.__class__ is str:
            response.status = status
        fields = response.fields
        for name in plan.fields if plan is not None else self.RESPONSE_FIELDS:
            value = get(payload, name, None)
            if value is not None and value is not UNSET:
                fields[name] = value
        return response

    def _session(self, payload: Any) -> None:
        self.session = payload
        found = self.AUDIO.resolve(payload, self.AUDIO.session_input)
        if found is not None:
            self.input_format = found
        found = self.AUDIO.resolve(payload, self.AUDIO.session_output)
        if found is not None:
            self.output_format = found


def _adopt(accs: dict[str, Accumulator], target: str, value: Any, empty: Any, keep: bool) -> None:
    """An item's or done event's full value: it replaces what deltas built when it differs."""
    acc = accs.get(target)
    if acc is None:
        acc = accs[target] = Accumulator(keep)
    if not acc.keep or acc.value(empty) != value:
        acc.set(value)


@dataclass(frozen=True, slots=True)
class _Plan:
    """Which of the wanted field names an object's class has: read only those."""

    fields: tuple[str, ...]
    text: tuple[str, ...]
    bytes: tuple[str, ...]


def _plan(
    obj: Any, fields: tuple[str, ...], text: tuple[str, ...], data: tuple[str, ...]
) -> _Plan | None:
    """The plan for `obj`'s class, or None for an object read by name from its JSON (an unknown
    variant, or a dict). Cached per class and wanted names (a protocol's tables are fixed)."""
    plans = _PLANS.get(obj.__class__)
    if plans is None:
        plans = _PLANS[obj.__class__] = {}
    plan = plans.get(fields)
    if plan is None:
        names = getattr(obj.__class__, "__struct_fields__", None)
        if names is None:
            names = getattr(obj.__class__, "__pydantic_fields__", None)
        if names is None:
            return None
        plan = plans[fields] = _Plan(
            tuple(n for n in fields if n in names),
            tuple(n for n in text if n in names),
            tuple(n for n in data if n in names),
        )
    return plan


# class -> wanted fields -> plan. The `fields` tuple (a class attribute of the protocol's
# Conversation, so always the same object) stands for the whole wanted set: each protocol's
# classes are its own, and the item, part and response field tuples of one protocol differ.
_PLANS: dict[type, dict[tuple[str, ...], _Plan]] = {}


def _raw_get(obj: Any, name: str, default: Any = None) -> Any:
    """`getattr` for an object known only by its JSON."""
    return field_of(obj, name)


def _present(value: Any) -> Any:
    return None if value is None or value is UNSET else value


# -- the verbs: each turns an Effect into a handler(conversation, event) ---------------------------


def _roles(effect: Effect) -> Callable[[str], str | None]:
    return effect.roles.get


def _verb_session(effect: Effect) -> Handler:
    name = effect.roles["session"]

    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        conv._session(getattr(event, name))

    return apply


def _verb_session_close(effect: Effect) -> Handler:
    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        conv.closed = True

    return apply


def _verb_conversation(effect: Effect) -> Handler:
    name = effect.roles["conversation"]

    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        conv.conversation = getattr(event, name)

    return apply


def _verb_item_put(effect: Effect) -> Handler:
    role = _roles(effect)
    f_item, f_prev, f_rid, f_oi = (
        role("item"), role("previous_item_id"), role("response_id"), role("output_index")
    )  # fmt: skip
    place, expect = effect.options["place"], effect.options["expect"]
    id_path = f"$.{f_item}.id"
    previous_path = f"$.{f_prev}"
    response_paths = (id_path, f"$.{f_rid}", f"$.{f_oi}")

    item_path = f"$.{f_item}"

    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        item = conv._merge_item(getattr(event, f_item), item_path)  # type: ignore[arg-type]
        if item is None:
            return
        if place == "conversation":
            previous = getattr(event, f_prev, UNSET) if f_prev else UNSET
            conv._place(item, previous, expect, (id_path, previous_path))
        elif place == "response" and f_rid:
            rid = getattr(event, f_rid, None)
            oi = getattr(event, f_oi, None) if f_oi else None
            conv._place_in_response(item, rid, oi, expect, response_paths)

    return apply


def _verb_item_delete(effect: Effect) -> Handler:
    f_item = effect.roles["item_id"]
    path = f"$.{f_item}"

    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        item_id = getattr(event, f_item)
        item = conv._items.pop(item_id, None)
        if item is None:
            conv.anomaly("missing_item", path, "an item that exists", item_id)
            return
        if item.in_conversation:
            conv._order.remove(item_id)

    return apply


def _verb_item_truncate(effect: Effect) -> Handler:
    f_item, f_index, f_end = (
        effect.roles["item_id"], effect.roles["content_index"], effect.roles["audio_end_ms"]
    )  # fmt: skip
    target = effect.options["target"]
    item_path, index_path, end_path = f"$.{f_item}", f"$.{f_index}", f"$.{f_end}"

    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        item_id = getattr(event, f_item)
        item = conv._items.get(item_id)
        if item is None:
            conv.anomaly("missing_item", item_path, "an item that exists", item_id)
            return
        part = conv._part(item, getattr(event, f_index), index_path)
        if part is None:
            return
        end_ms = getattr(event, f_end)
        acc = part.acc.get(target)
        size = acc.size if acc is not None else 0
        audio_format = part.audio_format or conv.output_format
        if not audio_format.holds(size, end_ms):
            received = audio_format.duration_ms(size)
            conv.anomaly("truncation_past_end", end_path, f"at most {received:g} ms", end_ms)
        keep = audio_format.bytes_for(end_ms, size)
        if acc is not None and keep < acc.size:
            if acc.keep:
                acc.set(acc.value(b"")[:keep])  # frees what it cuts
            else:
                acc.size = keep
        part.truncated_at_ms = end_ms

    return apply


def _text_verb(effect: Effect, on_item: bool, finish: bool) -> Handler:
    """part.append / part.finish / item.append / item.finish: a delta or a done value. The hot
    path (every audio and text delta): one attrgetter call reads every role."""
    role = _roles(effect)
    f_item, f_index, f_value, f_rid, f_oi = (
        effect.roles["item_id"], role("content_index"), role("value"), role("response_id"),
        role("output_index"),
    )  # fmt: skip
    # Absent roles read the item id in their place, and their flag says to ignore it.
    get = attrgetter(f_item, f_index or f_item, f_value or f_item, f_rid or f_item, f_oi or f_item)
    has_index, has_value, has_origin = f_index is not None, f_value is not None, f_rid is not None
    has_oi = f_oi is not None
    target = effect.options["target"]
    is_bytes = bool(effect.options.get("bytes"))
    value_class = bytes if is_bytes else str
    empty: Any = b"" if is_bytes else ""
    wait = effect.options.get("unknown_item") == "wait"
    match = tuple(effect.options.get("match", {}).items())
    value_path, index_path = f"$.{f_value}", f"$.{f_index}"
    rid_path, oi_path = f"$.{f_rid}", f"$.{f_oi}"

    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        item_id, index, value, rid, oi = get(event)
        item = conv._items.get(item_id)
        if item is None:
            conv._no_item(apply, event, item_id, wait)
            return
        if has_origin:
            if not has_oi:
                oi = item.output_index
            if rid != item.response_id or oi != item.output_index:
                conv._origin(item, rid, oi, rid_path, oi_path)
        if on_item:
            holder: Any = item
            for event_field, item_field in match:
                got, known = getattr(event, event_field, None), item.fields.get(item_field)
                if known is not None and got.__class__ is str and got != known:
                    conv.anomaly("field_mismatch", f"$.{event_field}", known, got)
        else:
            content = item.content
            if not has_index or index.__class__ is not int:
                index = 0
            if not 0 <= index < len(content):
                conv.anomaly(
                    "missing_part", index_path, f"a content index below {len(content)}", index
                )
                return
            holder = content[index]
        if not has_value:
            value = None
        acc = holder.acc.get(target)
        if acc is None:
            acc = conv._start(holder, item, target, is_bytes)
        elif acc.done:
            got = f"{len(value)} bytes" if is_bytes and value is not None else value
            conv.anomaly("after_done", value_path, f"no {target} delta after its done event", got)
            return
        if value.__class__ is not value_class:
            if finish:
                acc.done = True
            return
        if not finish:  # Accumulator.append, inlined
            acc.size += len(value)
            acc.deltas += 1
            if acc.keep:
                acc.chunks.append(value)
                acc._joined = None
            return
        if acc.deltas and acc.keep and acc.value(empty) != value:
            conv.anomaly("done_mismatch", value_path, acc.value(empty), value)
        acc.set(value)
        acc.done = True

    return apply


def _part_delta(effect: Effect) -> Handler:
    """part.append with every role declared (the output deltas: audio, text, transcript): the
    generic `_text_verb` with its flags resolved, since this runs for most events of a stream."""
    roles = effect.roles
    if not {"content_index", "value"} <= set(roles):
        return _text_verb(effect, on_item=False, finish=False)
    if not {"response_id", "output_index"} <= set(roles):
        return _part_delta_no_origin(effect)
    f_value, f_rid, f_oi = roles["value"], roles["response_id"], roles["output_index"]
    get = attrgetter(roles["item_id"], roles["content_index"], f_value, f_rid, f_oi)
    target = effect.options["target"]
    is_bytes = bool(effect.options.get("bytes"))
    value_class = bytes if is_bytes else str
    wait = effect.options.get("unknown_item") == "wait"
    value_path, index_path = f"$.{f_value}", f"$.{roles['content_index']}"
    rid_path, oi_path = f"$.{f_rid}", f"$.{f_oi}"

    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        item_id, index, value, rid, oi = get(event)
        item = conv._items.get(item_id)
        if item is None:
            conv._no_item(apply, event, item_id, wait)
            return
        if rid != item.response_id or oi != item.output_index:
            conv._origin(item, rid, oi, rid_path, oi_path)
        content = item.content
        if index.__class__ is not int:
            index = 0  # absent: the first part
        if not 0 <= index < len(content):
            conv.anomaly("missing_part", index_path, f"a content index below {len(content)}", index)
            return
        part = content[index]
        acc = part.acc.get(target)
        if acc is None:
            acc = conv._start(part, item, target, is_bytes)
        elif acc.done:
            got = f"{len(value)} bytes" if is_bytes else value
            conv.anomaly("after_done", value_path, f"no {target} delta after its done event", got)
            return
        if value.__class__ is value_class:  # Accumulator.append, inlined
            acc.size += len(value)
            acc.deltas += 1
            if acc.keep:
                acc.chunks.append(value)
                acc._joined = None

    return apply


def _part_delta_no_origin(effect: Effect) -> Handler:
    """`_part_delta` for deltas that name no response (input audio transcription)."""
    roles = effect.roles
    f_value = roles["value"]
    get = attrgetter(roles["item_id"], roles["content_index"], f_value)
    target = effect.options["target"]
    is_bytes = bool(effect.options.get("bytes"))
    value_class = bytes if is_bytes else str
    wait = effect.options.get("unknown_item") == "wait"
    value_path, index_path = f"$.{f_value}", f"$.{roles['content_index']}"

    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        item_id, index, value = get(event)
        item = conv._items.get(item_id)
        if item is None:
            conv._no_item(apply, event, item_id, wait)
            return
        content = item.content
        if index.__class__ is not int:
            index = 0  # absent: the first part
        if not 0 <= index < len(content):
            conv.anomaly("missing_part", index_path, f"a content index below {len(content)}", index)
            return
        part = content[index]
        acc = part.acc.get(target)
        if acc is None:
            acc = conv._start(part, item, target, is_bytes)
        elif acc.done:
            got = f"{len(value)} bytes" if is_bytes and value.__class__ is bytes else value
            conv.anomaly("after_done", value_path, f"no {target} delta after its done event", got)
            return
        if value.__class__ is value_class:  # Accumulator.append, inlined
            acc.size += len(value)
            acc.deltas += 1
            if acc.keep:
                acc.chunks.append(value)
                acc._joined = None

    return apply


def _verb_item_status(effect: Effect) -> Handler:
    f_item, f_oi = effect.roles["item_id"], effect.roles.get("output_index")
    status = effect.options["status"]
    oi_path = f"$.{f_oi}"

    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        item_id = getattr(event, f_item)
        item = conv._items.get(item_id)
        if item is None:
            conv.anomaly("missing_item", "$.item_id", "an item that exists", item_id)
            return
        if f_oi:
            oi = getattr(event, f_oi)
            if oi.__class__ is int and item.output_index is not None and oi != item.output_index:
                conv.anomaly("index_mismatch", oi_path, item.output_index, oi)
        conv._set_status(item, status, "$.type")

    return apply


def _part_verb(effect: Effect, done: bool) -> Handler:
    """part.add / part.done: a content part announced, or finished with its full values."""
    role = _roles(effect)
    f_item, f_index, f_part, f_rid, f_oi = (
        effect.roles["item_id"], effect.roles["content_index"], effect.roles["part"],
        role("response_id"), role("output_index"),
    )  # fmt: skip
    compare = tuple(effect.options.get("compare", ()))
    item_path, index_path, part_path = f"$.{f_item}", f"$.{f_index}", f"$.{f_part}"
    rid_path, oi_path = f"$.{f_rid}", f"$.{f_oi}"

    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        item_id = getattr(event, f_item)
        item = conv._items.get(item_id)
        if item is None:
            conv.anomaly("missing_item", item_path, "an item that exists", item_id)
            return
        if f_rid:
            rid = getattr(event, f_rid)
            oi = getattr(event, f_oi) if f_oi else None
            if rid != item.response_id or (oi != item.output_index and oi.__class__ is int):
                conv._origin(item, rid, oi, rid_path, oi_path)
        payload = getattr(event, f_part)
        index = getattr(event, f_index)
        if done:
            part = conv._part(item, index, index_path)
            if part is None:
                return
            for target in compare:
                value = field_of(payload, target)
                acc = part.acc.get(target)
                if value.__class__ is str and acc is not None and acc.deltas:
                    if acc.value("") != value:
                        conv.anomaly("done_mismatch", f"{part_path}.{target}", acc.value(""), value)
        else:
            parts = item.content
            if index != len(parts):
                conv.anomaly("index_mismatch", index_path, len(parts), index)
            if 0 <= index < len(parts):
                part = parts[index]
            else:
                part = conv.part_class(None)
                parts.append(part)
        conv._merge_part(part, payload, item)

    return apply


def _verb_part_fail(effect: Effect) -> Handler:
    f_item, f_index, f_error = (
        effect.roles["item_id"], effect.roles["content_index"], effect.roles["error"]
    )  # fmt: skip
    wait = effect.options.get("unknown_item") == "wait"
    index_path = f"$.{f_index}"

    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        item_id = getattr(event, f_item)
        item = conv._items.get(item_id)
        if item is None:
            conv._no_item(apply, event, item_id, wait)
            return
        part = conv._part(item, getattr(event, f_index), index_path)
        if part is not None:
            part.error = getattr(event, f_error)

    return apply


def _verb_part_segment(effect: Effect) -> Handler:
    f_item, f_index = effect.roles["item_id"], effect.roles["content_index"]
    names = tuple(effect.options["fields"])
    wait = effect.options.get("unknown_item") == "wait"
    index_path = f"$.{f_index}"

    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        item_id = getattr(event, f_item)
        item = conv._items.get(item_id)
        if item is None:
            conv._no_item(apply, event, item_id, wait)
            return
        part = conv._part(item, getattr(event, f_index), index_path)
        if part is not None:
            part.segments.append({n: _present(getattr(event, n, None)) for n in names})

    return apply


def _verb_response(effect: Effect, finishing: bool) -> Handler:
    f_response = effect.roles["response"]
    path = f"$.{f_response}"

    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        payload = getattr(event, f_response)
        response = conv._merge_response(payload, path, finishing)
        if response is None or not finishing:
            return
        response.done = True
        output = field_of(payload, "output")
        if output.__class__ is not list:
            return
        ids = [field_of(item, "id") for item in output]
        if ids != response.output_item_ids:
            conv.anomaly("output_mismatch", f"{path}.output", list(response.output_item_ids), ids)
        terminal, items = conv.TERMINAL_STATUSES, conv._items
        for at, (item_id, item_payload) in enumerate(zip(ids, output, strict=True)):
            known = items.get(item_id) if item_id.__class__ is str else None
            if known is not None and known.status in terminal:
                continue  # output_item.done gave it already: only what the stream lacks is read
            item = conv._merge_item(item_payload, f"{path}.output[{at}]")
            if item is not None and item.response_id is None:
                item.response_id, item.output_index = response.id, at

    return apply


def _verb_response_playback(effect: Effect) -> Handler:
    f_rid = effect.roles["response_id"]
    state = effect.options["state"]
    path = f"$.{f_rid}"

    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        rid = getattr(event, f_rid)
        response = conv.responses.get(rid)
        if response is None:
            conv.anomaly("missing_response", path, "a response that was created", rid)
            return
        response.playback = state

    return apply


def _verb_input_append(effect: Effect) -> Handler:
    f_audio = effect.roles["audio"]

    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        data = getattr(event, f_audio)
        if data.__class__ is bytes:
            conv.input_audio.append(data)

    return apply


def _verb_input_speech(effect: Effect, started: bool) -> Handler:
    f_ms = effect.roles["audio_start_ms" if started else "audio_end_ms"]
    f_item = effect.roles["item_id"]
    item_path = f"$.{f_item}"

    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        state, item_id = conv.input_audio, getattr(event, f_item)
        if started:
            state.speaking, state.speech_started_ms = True, getattr(event, f_ms)
            state.speech_stopped_ms, state.speech_item_id = None, item_id
            return
        if state.speech_item_id is not None and state.speech_item_id != item_id:
            conv.anomaly("field_mismatch", item_path, state.speech_item_id, item_id)
        state.speaking, state.speech_stopped_ms = False, getattr(event, f_ms)
        state.speech_item_id = item_id

    return apply


def _verb_input_timeout(effect: Effect) -> Handler:
    f_start, f_end, f_item = (
        effect.roles["audio_start_ms"], effect.roles["audio_end_ms"], effect.roles["item_id"]
    )  # fmt: skip

    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        state = conv.input_audio
        state.timeouts += 1
        state.speaking = False
        state.speech_started_ms, state.speech_stopped_ms = (
            getattr(event, f_start),
            getattr(event, f_end),
        )
        state.speech_item_id = getattr(event, f_item)

    return apply


def _verb_input_committed(effect: Effect) -> Handler:
    f_item, f_prev = effect.roles["item_id"], effect.roles.get("previous_item_id")
    target = effect.options["target"]
    item_path = f"$.{f_item}"

    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        state, item_id = conv.input_audio, getattr(event, f_item)
        if state.speech_item_id is not None and state.speech_item_id != item_id:
            conv.anomaly("field_mismatch", item_path, state.speech_item_id, item_id)
        state.speech_item_id = None
        state.committed.append(item_id)
        data, size = state.take()
        placeholder = conv.PLACEHOLDER or {}
        item = conv._items.get(item_id)
        if item is None:  # the committed user item, until the server announces it
            item = conv._new_item(item_id, placeholder.get("type"))
            item.role = placeholder.get("role")
            previous = getattr(event, f_prev, None) if f_prev else None
            if previous.__class__ is str:
                item.previous_item_id = previous
        part = next((p for p in item.content if p.type == placeholder.get("part")), None)
        if part is None:
            part = conv.part_class(placeholder.get("part"))
            item.content.append(part)
        acc = part.acc.get(target) or conv._start(part, item, target, True)
        part.audio_format = conv.input_format
        if acc.keep:
            acc.set(data)
        else:
            acc.size = size
        if conv._waiting:
            conv._release(item_id)

    return apply


def _verb_input_cleared(effect: Effect) -> Handler:
    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        conv.input_audio.take()
        conv.input_audio.clears += 1

    return apply


def _verb_error(effect: Effect) -> Handler:
    name = effect.roles["error"]

    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        conv.errors.append(getattr(event, name))

    return apply


def _verb_rate_limits(effect: Effect) -> Handler:
    name = effect.roles["rate_limits"]

    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        limits: dict[str, Any] = {}
        for limit in getattr(event, name):
            key = field_of(limit, "name")
            limits[key if key.__class__ is str else f"#{len(limits)}"] = limit
        conv.rate_limits = limits

    return apply


def _verb_stream_append(effect: Effect) -> Handler:
    role = _roles(effect)
    f_value, f_rate, f_channels, f_format = (
        effect.roles["value"], role("rate"), role("channels"), role("format")
    )  # fmt: skip
    target = effect.options["target"]
    is_bytes = bool(effect.options.get("bytes"))
    value_class = bytes if is_bytes else str

    def apply(conv: Conversation[Any, Any, Any], event: Any) -> None:
        stream = conv.streams.get(target)
        if stream is None:
            stream = conv.streams[target] = Stream(
                target, "bytes" if is_bytes else "text", conv.keep_audio
            )
        value = getattr(event, f_value)
        if value.__class__ is value_class:
            stream.acc.append(value)
        for name, attribute in ((f_rate, "rate"), (f_channels, "channels"), (f_format, "format")):
            if name:
                found = _present(getattr(event, name, None))
                if found is not None:
                    setattr(stream, attribute, found)

    return apply


_VERBS: dict[str, Callable[[Effect], Handler]] = {
    "session": _verb_session,
    "session.close": _verb_session_close,
    "conversation": _verb_conversation,
    "item.put": _verb_item_put,
    "item.delete": _verb_item_delete,
    "item.truncate": _verb_item_truncate,
    "item.append": lambda e: _text_verb(e, on_item=True, finish=False),
    "item.finish": lambda e: _text_verb(e, on_item=True, finish=True),
    "item.status": _verb_item_status,
    "part.add": lambda e: _part_verb(e, done=False),
    "part.done": lambda e: _part_verb(e, done=True),
    "part.append": _part_delta,
    "part.finish": lambda e: _text_verb(e, on_item=False, finish=True),
    "part.fail": _verb_part_fail,
    "part.segment": _verb_part_segment,
    "response.start": lambda e: _verb_response(e, finishing=False),
    "response.finish": lambda e: _verb_response(e, finishing=True),
    "response.playback": _verb_response_playback,
    "input.append": _verb_input_append,
    "input.speech_started": lambda e: _verb_input_speech(e, started=True),
    "input.speech_stopped": lambda e: _verb_input_speech(e, started=False),
    "input.timeout": _verb_input_timeout,
    "input.committed": _verb_input_committed,
    "input.cleared": _verb_input_cleared,
    "error": _verb_error,
    "rate_limits": _verb_rate_limits,
    "stream.append": _verb_stream_append,
}
VERBS = frozenset(_VERBS) | {"none"}  # what schema/conversation.json may name (codegen checks it)
