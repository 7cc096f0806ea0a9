"""One API in fact: the same user code gives the same outcome in both backends.

`tests/parity_snippets.py` holds the snippets (absent marker, keywords, tags, `match`, equality,
copy/replace, repr, validate) and the documented differences; this runs them in both backends.
Beyond the snippets, every object of every full fixture event is rebuilt from its own fields (with
its tag, with a misspelt keyword, with another tag), and its repr and its encoded bytes compared,
in both backends.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

import pytest

from realtime_schema import DecodeError
from tests.cases import own_cases
from tests.parity_snippets import DIFFERENCES, SAME, SNIPPETS, Difference, Raises, Snippet
from tests.support import BACKENDS, PROTOCOLS, ROOT, Case, backend, decode

# README examples that say they run unchanged on the other backend (test_readme runs them as is).
EITHER_BACKEND = [
    block
    for block in re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.DOTALL)
    if "# or .models" in block
]


def outcome(protocol: str, backend_name: str, code: str) -> Any:
    """What `code` leaves in `result`, or the exception it raises, with `rs` as the backend."""
    namespace: dict[str, Any] = {"rs": backend(protocol, backend_name)}
    try:
        exec(code, namespace)  # noqa: S102 - the snippets are this suite's own data
    except DecodeError as error:
        return Raises(DecodeError, error.path, error.event_type)
    except Exception as error:  # noqa: BLE001 - the exception's type is the outcome
        return Raises(type(error))
    return namespace.get("result")


def _id(item: Snippet | Difference) -> str:
    return f"{item.protocol}: {item.description}"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=_id)
def test_snippet_behaves_the_same(snippet: Snippet) -> None:
    if snippet.protocol not in PROTOCOLS:
        pytest.skip(f"{snippet.protocol} is not selected")
    structs, models = (outcome(snippet.protocol, name, snippet.code) for name in BACKENDS)
    assert structs == models, snippet.description
    if snippet.expect is not SAME:
        assert structs == snippet.expect, snippet.description


@pytest.mark.parametrize("backend_name", BACKENDS)
@pytest.mark.parametrize("difference", DIFFERENCES, ids=_id)
def test_documented_difference(difference: Difference, backend_name: str) -> None:
    if difference.protocol not in PROTOCOLS:
        pytest.skip(f"{difference.protocol} is not selected")
    expected = getattr(difference, backend_name)
    assert outcome(difference.protocol, backend_name, difference.code) == expected


FULL_EVENTS = [
    case for protocol in PROTOCOLS for case in own_cases(protocol) if case.id.endswith("[0]")
]


def declared(obj: Any) -> tuple[str, ...]:
    """The fields of a Struct or a model, in order, the tag left out."""
    tag = tag_of(obj)
    names = getattr(obj, "__struct_fields__", None) or tuple(type(obj).model_fields)
    return tuple(name for name in names if not tag or name != tag[0])


def tag_of(obj: Any) -> tuple[str, str] | None:
    tag: tuple[str, str] | None = getattr(type(obj), "__wire_tag__", None)
    return tag


def is_object(value: Any) -> bool:
    return hasattr(value, "__struct_fields__") or hasattr(type(value), "model_fields")


def objects(value: Any, path: str = "$") -> Iterator[tuple[str, Any]]:
    """Every Struct or model inside `value`, with its path, in document order."""
    if is_object(value):
        yield path, value
        for name in declared(value):
            yield from objects(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from objects(item, f"{path}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from objects(item, f"{path}.{key}")


def rebuilt(obj: Any, **extra: Any) -> Any:
    """`obj`'s class called with `obj`'s own fields (absent ones as UNSET) and `extra`."""
    return type(obj)(**{name: getattr(obj, name) for name in declared(obj)}, **extra)


def construction_outcomes(protocol: str, backend_name: str, obj: Any) -> dict[str, Any]:
    """What building `obj` again gives, in the ways a user may: a tuple per check."""
    rs = backend(protocol, backend_name)
    tag = tag_of(obj)
    results: dict[str, Any] = {
        "rebuilt equals": rebuilt(obj) == obj,
        "copy equals": copy.copy(obj) == obj,
        "replace equals": rs.replace(obj) == obj,
    }
    for check, extra in [("misspelt keyword", {"not_a_field_at_all": 1})] + (
        [("own tag", {tag[0]: tag[1]}), ("another tag", {tag[0]: tag[1] + "-other"})] if tag else []
    ):
        try:
            results[check] = rebuilt(obj, **extra) == obj
        except Exception as error:  # noqa: BLE001 - the exception's type is the outcome
            results[check] = type(error)
    return results


@pytest.mark.parametrize("case", FULL_EVENTS, ids=lambda c: c.id)
def test_every_object_builds_and_prints_alike(case: Case) -> None:
    structs_event, models_event = (
        decode(case.protocol, name, case.direction, case.frame) for name in BACKENDS
    )
    pairs = list(zip(objects(structs_event), objects(models_event), strict=True))
    assert pairs, case.id
    for (path, structs_obj), (models_path, models_obj) in pairs:
        assert path == models_path
        assert repr(structs_obj) == repr(models_obj), path
        encoded = [
            backend(case.protocol, name).encode(obj)
            for name, obj in zip(BACKENDS, (structs_obj, models_obj), strict=True)
        ]
        assert encoded[0] == encoded[1], path  # the same bytes, not only the same JSON
        outcomes = [
            construction_outcomes(case.protocol, name, obj)
            for name, obj in zip(BACKENDS, (structs_obj, models_obj), strict=True)
        ]
        assert outcomes[0] == outcomes[1], path
        expected: dict[str, Any] = {"rebuilt equals": True, "copy equals": True}
        expected.update({"replace equals": True, "misspelt keyword": TypeError})
        if tag_of(structs_obj):
            expected.update({"own tag": True, "another tag": TypeError})
        assert outcomes[0] == expected, path


@pytest.mark.parametrize("source", EITHER_BACKEND, ids=lambda s: s.splitlines()[0][:40])
def test_readme_example_runs_on_the_models_too(source: str) -> None:
    assert ".structs import" in source
    exec(compile(source.replace(".structs import", ".models import"), "README.md", "exec"), {})


def test_readme_has_an_example_for_both_backends() -> None:
    assert EITHER_BACKEND
