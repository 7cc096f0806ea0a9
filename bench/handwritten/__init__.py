"""Hand-written msgspec tagged unions for the event types the bench streams contain.

Written by hand from schema/<protocol>/*.json, independently of codegen: plain `msgspec.Struct`
classes, required fields first, no shared base beyond the tag settings. Same contract as the
generated code (absent is `UNSET`, `null` is `None`, undeclared fields ignored, every schema field
of every nested object declared), so the two decode the same frames to the same values and the
bench can tell whether codegen adds any cost. Audio payloads follow the generated code's choice
(`str` or `bytes`, see `bench.adapters.audio_as_bytes`), so both do the same work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def decoder(protocol: str) -> Callable[[bytes | str], Any]:
    """The hand-written `msgspec.json.Decoder(...).decode` for `protocol`'s stream events."""
    if protocol == "ga":
        from . import ga

        return ga.decode
    if protocol == "beta":
        from . import beta

        return beta.decode
    raise KeyError(protocol)


def union(protocol: str) -> Any:
    """The hand-written event union type of `protocol`."""
    if protocol == "ga":
        from . import ga

        return ga.Event
    if protocol == "beta":
        from . import beta

        return beta.Event
    raise KeyError(protocol)
