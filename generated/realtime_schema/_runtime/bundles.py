# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""The published schema of each protocol, shipped inside the package.

    realtime_schema.schema_bundle("ga")   # generated/schema/ga.schema.json, parsed
    realtime_schema.event_index("ga")     # generated/schema/ga.events.json, parsed

An installed wheel carries them as `realtime_schema/_schema/` (pyproject.toml maps that folder to
`generated/schema/`); a source checkout, installed editable or not, reads `generated/schema/`
beside the package. `realtime-schema diff ga@installed NEW` compares against the shipped bundle.

Standard library only, imported when first used: the package root exports these functions, and
importing it must stay cheap (a decode needs none of this).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

_BUNDLE = "{}.schema.json"
_EVENTS = "{}.events.json"


def schema_bundle(protocol: str) -> dict[str, Any]:
    """The protocol's JSON Schema 2020-12 bundle, parsed (a new object on each call)."""
    return _read(_BUNDLE.format(_known(protocol)))


def event_index(protocol: str) -> dict[str, Any]:
    """The protocol's event index (every type string, direction, class and `$ref`), parsed."""
    return _read(_EVENTS.format(_known(protocol)))


def bundle_path(protocol: str) -> Path:
    """Where the protocol's bundle is on disk."""
    return _folder() / _BUNDLE.format(_known(protocol))


def shipped_protocols() -> tuple[str, ...]:
    """The protocols whose bundle this installation has."""
    suffix = _BUNDLE.format("")
    return tuple(sorted(p.name[: -len(suffix)] for p in _folder().glob(f"*{suffix}")))


def _known(protocol: str) -> str:
    known = shipped_protocols()
    if protocol not in known:  # also keeps a name like "../x" out of the path
        raise ValueError(f"no published schema for {protocol!r}; this package has {known}")
    return protocol


def _folder() -> Path:
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent
    shipped = package / "_schema"  # in a wheel
    return shipped if shipped.is_dir() else package.parent / "schema"  # in the source tree


def _read(name: str) -> dict[str, Any]:
    import json

    document: dict[str, Any] = json.loads((_folder() / name).read_text(encoding="utf-8"))
    return document
