"""Collect every fixture case of every protocol (own, derived, published, invalid)."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

from tests.support import FIXTURES, PROTOCOLS, Case, direction_of, load_json
from tests.variants import derive, direction_cases


@cache
def own_cases(protocol: str) -> list[Case]:
    """tests/fixtures/<protocol>/events/<type>.json: a list of {description, data, valid} cases.

    The first case of each file is the full event; its derived variants are added here.
    """
    cases = []
    for path in sorted((FIXTURES / protocol / "events").glob("*.json")):
        entries = load_json(path)
        for index, entry in enumerate(entries):
            cases.append(_case(protocol, f"{path.stem}[{index}]", entry))
        full = entries[0]["data"]
        for name, data in derive(protocol, full).items():
            entry = {"description": f"{entries[0]['description']} ({name})", "data": data}
            cases.append(_case(protocol, f"{path.stem}[{name}]", {**entry, "valid": True}))
        for index, entry in enumerate(entries):
            if entry["valid"]:
                cases += _direction_cases(protocol, f"{path.stem}[{index}]", entry)
    return cases


def _direction_cases(protocol: str, case_id: str, source: dict[str, Any]) -> list[Case]:
    """The direction rules' cases derived from one valid case (`tests/variants.py`)."""
    data = source["data"]
    direction = direction_of(protocol, data["type"])
    assert direction is not None, case_id
    cases = []
    for derived in direction_cases(protocol, data, direction):
        entry = {
            "description": f"{source['description']} ({derived.name})",
            "data": derived.data,
            "valid": derived.valid,
            "error_path": derived.error_path,
            "error_event_type": None if derived.valid else data["type"],
        }
        case = _case(protocol, f"{case_id}[{derived.name}]", entry)
        if derived.unknown:
            case = replace(case, unknown_variant=(derived.position.steps, derived.unknown))
        cases.append(case)
    return cases


@cache
def published_cases(protocol: str) -> list[Case]:
    """OpenAI's published examples, copied verbatim; `published.json` marks documentation errors."""
    folder = FIXTURES / protocol / "published"
    index_path = FIXTURES / protocol / "published.json"
    errors = load_json(index_path)["documentation_errors"] if index_path.exists() else {}
    cases = []
    for path in sorted(folder.glob("*.json")):
        data = load_json(path)
        marked = errors.get(path.name)
        entry: dict[str, Any] = {
            "description": f"OpenAI's published example {path.name}",
            "data": data,
            "valid": marked is None or "decodes_as" in marked,
        }
        if marked:
            entry["description"] += f" (documentation error: {marked['reason']})"
            entry["expect_type"] = marked.get("decodes_as")
            entry["direction"] = marked.get("direction")
            entry["error_path"] = marked.get("error_path")
            entry["error_event_type"] = marked.get("error_event_type")
            entry["unknown"] = marked.get("unknown", False)
        cases.append(_case(protocol, f"published/{path.stem}", entry))
    return cases


@cache
def invalid_cases(protocol: str) -> list[Case]:
    """tests/fixtures/<protocol>/invalid.json: malformed frames, each with the fault's path."""
    path = FIXTURES / protocol / "invalid.json"
    if not path.exists():
        return []
    return [
        _case(protocol, f"invalid[{i}]", {**entry, "valid": False})
        for i, entry in enumerate(load_json(path))
    ]


def all_cases() -> list[Case]:
    return [
        case
        for protocol in PROTOCOLS
        for case in own_cases(protocol) + published_cases(protocol) + invalid_cases(protocol)
    ]


def _case(protocol: str, case_id: str, entry: dict[str, Any]) -> Case:
    data = entry.get("data")
    raw = entry.get("raw")
    if ("data" in entry) == (raw is not None):
        raise ValueError(f"{protocol} {case_id}: give exactly one of 'data' and 'raw'")
    event_type = entry.get("expect_type") or (data.get("type") if isinstance(data, dict) else None)
    direction = entry.get("direction") or (
        direction_of(protocol, event_type) if isinstance(event_type, str) else None
    )
    if direction is None:
        raise ValueError(f"{protocol} {case_id}: cannot tell the direction; add 'direction'")
    return Case(
        protocol=protocol,
        id=f"{protocol}/{case_id}",
        description=entry["description"],
        data=data,
        raw=raw,
        valid=bool(entry["valid"]),
        direction=direction,
        expect_type=entry.get("expect_type"),
        error_path=entry.get("error_path"),
        error_event_type=entry.get("error_event_type"),
        unknown=bool(entry.get("unknown", False)),
    )
