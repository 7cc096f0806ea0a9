# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""Unknown nested variants in server events, found on the slow path only.

A server event's nested unions (items, content parts, tools, formats, ...) are open: an object
whose tag the protocol does not know decodes to the union's `Unknown*` class instead of failing the
event. Neither msgspec nor pydantic can hold a tag they do not know (msgspec's tagged unions have
no catch-all), so the fast decode stays closed and fails; then, on the slow path:

1. `find` walks the untyped frame along the event's shape (`Shapes`, generated per protocol from
   the schema) and collects every object at an open position whose tag is unknown;
2. `with_placeholders` puts, at each of those positions, a minimal valid object of the union in
   their place, so that the typed decode of the rest succeeds, or names the rest's first fault;
3. `substitute` puts the `Unknown*` objects, with their JSON, into the decoded event.

An unknown object is carried whole, so all of it must be JSON every backend reads: one with a
number beyond a double is not taken as unknown, and the frame's error stands.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from .unknown import UnknownVariant

# The shape of what leads to an open union, as the generator writes it (`<protocol>/_shapes.py`):
# ("model", name) | ("union", name) | ("list", node) | ("map", node) | ("any", (node, ...))
Node = tuple[Any, ...]
Path = tuple[str | int, ...]


class Union:
    """A union as the walk needs it: its tag property, its variants by tag, whether unknown tags
    are allowed (open: `unknown` is its class), and the placeholder that stands in for one."""

    __slots__ = ("tag_field", "variants", "unknown", "placeholder")

    def __init__(
        self,
        tag_field: str,
        variants: Mapping[str, str],
        unknown: type[UnknownVariant] | None,
        placeholder: Any,
    ) -> None:
        self.tag_field, self.variants = tag_field, variants
        self.unknown, self.placeholder = unknown, placeholder


class Shapes:
    """Per protocol: each event (by type) that reaches an open union, with the model fields and
    unions on the way. Fields that reach no open union are not listed. (Plain classes, not
    dataclasses: every structs import builds one, and dataclasses would cost it milliseconds.)"""

    __slots__ = ("events", "models", "unions")

    def __init__(
        self,
        events: Mapping[str, str],
        models: Mapping[str, Mapping[str, Node]],
        unions: Mapping[str, Union],
    ) -> None:
        self.events, self.models, self.unions = events, models, unions


class Found:
    """An unknown variant at `path`, and the placeholder that stands in for it."""

    __slots__ = ("path", "unknown", "placeholder")

    def __init__(self, path: Path, unknown: UnknownVariant, placeholder: Any) -> None:
        self.path, self.unknown, self.placeholder = path, unknown, placeholder


def find(shapes: Shapes, frame: dict[str, Any]) -> list[Found]:
    """Every unknown variant in `frame`, an event of a known type, in document order."""
    model = shapes.events.get(frame.get("type"))  # type: ignore[arg-type]
    found: list[Found] = []
    if model is not None:
        try:
            _walk(shapes, frame, ("model", model), (), found)
        except RecursionError:  # only a schema that nests itself lets data lead the walk so deep
            return []  # then the typed decode's error stands
    return found


def _walk(shapes: Shapes, value: Any, node: Node, path: Path, found: list[Found]) -> None:
    kind = node[0]
    if kind == "model":
        fields = shapes.models.get(node[1])  # absent: a variant that holds no open union
        if fields and isinstance(value, dict):
            for name, child in fields.items():
                if name in value:
                    _walk(shapes, value[name], child, (*path, name), found)
    elif kind == "union":
        if not isinstance(value, dict):
            return
        union = shapes.unions[node[1]]
        tag = value.get(union.tag_field)
        if not isinstance(tag, str):
            return  # a missing or wrong tag is the typed decode's to report
        if tag in union.variants:
            _walk(shapes, value, ("model", union.variants[tag]), path, found)
        elif union.unknown is not None and not _holds_raw(value):
            found.append(Found(path, union.unknown(tag, value), union.placeholder))
    elif kind == "list":
        if isinstance(value, list):
            for index, item in enumerate(value):
                _walk(shapes, item, node[1], (*path, index), found)
    elif kind == "map":
        if isinstance(value, dict):
            for key, item in value.items():
                _walk(shapes, item, node[1], (*path, key), found)
    elif kind == "any":
        for option in node[1]:  # at most one object option: msgspec allows no more
            _walk(shapes, value, option, path, found)


def _holds_raw(value: Any) -> bool:
    """Whether the read kept a number beyond a double as `msgspec.Raw` anywhere in `value`.
    A loop, not recursion: the object came off the wire, nested as deep as msgspec reads."""
    todo = [value]
    while todo:
        item = todo.pop()
        if isinstance(item, msgspec.Raw):
            return True
        if isinstance(item, dict):
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return False


def with_placeholders(frame: Any, found: list[Found]) -> Any:
    """`frame` (a canonical read of the same bytes, which this changes) with a placeholder at each
    found position."""
    for item in found:
        parent = frame
        for step in item.path[:-1]:
            parent = parent[step]
        parent[item.path[-1]] = item.placeholder
    return frame


def substitute(event: Any, found: list[Found]) -> Any:
    """`event`, decoded with placeholders, with the unknown variants in their places."""
    for item in found:
        parent = event
        for step in item.path[:-1]:
            parent = _child(parent, step)
        last = item.path[-1]
        if isinstance(last, str) and not isinstance(parent, dict):
            setattr(parent, last, item.unknown)  # a field of a Struct or model
        else:
            parent[last] = item.unknown  # a list item, or a map value
    return event


def _child(value: Any, step: str | int) -> Any:
    if isinstance(step, str) and not isinstance(value, dict):
        return getattr(value, step)
    return value[step]
