# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""The one exception a decode may raise."""

from __future__ import annotations


class DecodeError(ValueError):
    """A frame that is not a valid event: bad JSON, a wrong field type, a missing field, no `type`.

    `event_type` is the frame's `type` when it could be read, `path` the JSON path of the fault
    (`$` is the whole frame), `reason` the fault without the location.
    """

    def __init__(self, reason: str, *, path: str = "$", event_type: str | None = None) -> None:
        self.reason = reason
        self.path = path
        self.event_type = event_type
        where = f"{event_type} event" if event_type else "frame"
        super().__init__(f"invalid {where} at {path}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (self.reason, self.path, self.event_type))


def _rebuild(reason: str, path: str, event_type: str | None) -> DecodeError:
    return DecodeError(reason, path=path, event_type=event_type)
