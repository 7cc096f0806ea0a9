"""Break a valid event in the ways the wire and hostile peers do.

Each mutation takes the event as JSON values and returns a new tree, which may hold `Pairs`
(repeated keys) and `Number` (literal numbers); `frame_mutations` work on the bytes.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from typing import Any

from tests.fuzz.frames import Number, Pairs
from tests.fuzz.instances import STRINGS, UNKNOWN_TAGS

Path = tuple[str | int, ...]
Tree = Any

# Strings that are not in any closed vocabulary, nor valid base64.
ODD_STRINGS = ("zz-not-in-any-enum", "AAA", "!!!", "Hello", " ", "\U0001f47e", "e\u0301")


def paths(tree: Tree, prefix: Path = ()) -> list[Path]:
    """Every path into `tree`, the root included."""
    found = [prefix]
    if isinstance(tree, dict):
        for key, value in tree.items():
            found += paths(value, prefix + (key,))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            found += paths(value, prefix + (index,))
    return found


def get(tree: Tree, path: Path) -> Any:
    for step in path:
        tree = tree[step]
    return tree


def put(tree: Tree, path: Path, value: Any) -> Tree:
    if not path:
        return value
    parent = get(tree, path[:-1])
    parent[path[-1]] = value
    return tree


def _pick(rng: random.Random, tree: Tree, want: Callable[[Any], bool]) -> Path | None:
    found = [p for p in paths(tree) if p and want(get(tree, p))]
    return rng.choice(found) if found else None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def drop_field(rng: random.Random, tree: Tree) -> Tree:
    path = _pick(rng, tree, lambda v: isinstance(v, dict) and bool(v)) if tree else None
    target = get(tree, path) if path else tree
    if isinstance(target, dict) and target:
        del target[rng.choice(sorted(target))]
    return tree


def retype(rng: random.Random, tree: Tree) -> Tree:
    """A value of another JSON kind: string, number, bool, null, object, array."""
    path = _pick(rng, tree, lambda v: True)
    if path is None:
        return tree
    current = get(tree, path)
    options: list[Any] = ["text", 7, 2.5, True, False, None, {}, {"a": 1}, [], [1, "x"]]
    options = [o for o in options if type(o) is not type(current)]
    return put(tree, path, rng.choice(options))


def number(rng: random.Random, tree: Tree) -> Tree:
    """Out-of-range, huge, signed-zero and integral-float numbers, where a number was."""
    path = _pick(rng, tree, lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))
    if path is None:
        path = _pick(rng, tree, lambda v: not isinstance(v, (dict, list)))
    if path is None:
        return tree
    current = get(tree, path)
    whole = int(current) if isinstance(current, (int, float)) and abs(current) < 1e300 else 3
    choices = [
        Number("1e400"),
        Number("-1e400"),
        Number(str(2**64 + rng.randrange(1000))),
        Number(str(-(2**70))),
        Number("1" + "0" * 400),
        Number("-0.0"),
        Number("-0"),
        Number(f"{whole}.0"),
        Number(f"{whole}e0"),
        Number(f"{whole}.5"),
        Number("1.5e300"),
        Number("5e-324"),
        Number("1e-400"),
    ]
    return put(tree, path, rng.choice(choices))


def non_json_number(rng: random.Random, tree: Tree) -> Tree:
    """NaN / Infinity, which JSON does not have, anywhere: in a field or an undeclared one."""
    literal = Number(rng.choice(("NaN", "Infinity", "-Infinity")))
    if rng.random() < 0.5:
        return unknown_field(rng, tree, literal)
    path = _pick(rng, tree, lambda v: not isinstance(v, (dict, list)))
    return put(tree, path, literal) if path else tree


def string(rng: random.Random, tree: Tree) -> Tree:
    """Another string: outside any enum, astral, combining, NUL, invalid base64."""
    path = _pick(rng, tree, lambda v: isinstance(v, str))
    if path is None or path == ("type",):
        return tree
    return put(tree, path, rng.choice(ODD_STRINGS + STRINGS))


def lone_surrogate(rng: random.Random, tree: Tree) -> Tree:
    path = _pick(rng, tree, lambda v: isinstance(v, str))
    if path is None:
        return unknown_field(rng, tree, "\ud800")
    return put(tree, path, "x\udc00y")


def unknown_field(rng: random.Random, tree: Tree, value: Any = None) -> Tree:
    """An undeclared field at any depth."""
    path = _pick(rng, tree, lambda v: isinstance(v, dict))
    target = get(tree, path) if path else tree
    if not isinstance(target, dict):
        return tree
    if value is None:
        value = rng.choice((None, 1, "x", [1, {"deep": [None]}], {"a": {"b": {"c": 1.5}}}, 2**80))
    target[f"x_new_{rng.randrange(1000)}"] = value
    return tree


def duplicate_key(rng: random.Random, tree: Tree) -> Tree:
    """Repeat a key with another value, before or after the first (`type` included)."""
    path = _pick(rng, tree, lambda v: isinstance(v, dict) and bool(v))
    target = get(tree, path) if path else tree
    if not isinstance(target, dict) or not target:
        return tree
    key = "type" if "type" in target and rng.random() < 0.4 else rng.choice(sorted(target))
    other = rng.choice(("session.created", "error", "text", None, 0, target[key]))
    items = list(target.items())
    at = rng.randrange(len(items) + 1)
    items.insert(at, (key, other))
    return put(tree, path, Pairs(tuple(items))) if path else Pairs(tuple(items))


def event_type(rng: random.Random, tree: Tree, types: tuple[str, ...] = ()) -> Tree:
    """Another `type`: unknown, legacy or of the other protocol, padded, not a string, absent."""
    if not isinstance(tree, dict):
        return tree
    choice = rng.randrange(6)
    if choice == 0:
        tree["type"] = rng.choice(types) if types else "session.created"
    elif choice == 1:
        tree["type"] = f"future.event_{rng.randrange(100)}"
    elif choice == 2:
        tree["type"] = f" {tree.get('type')}"
    elif choice == 3:
        tree["type"] = rng.choice((None, 1, ["x"], {"t": "x"}))
    elif choice == 4:
        tree.pop("type", None)
    else:
        tree["type"] = str(tree.get("type", "")).upper()
    return tree


def nested_tag(rng: random.Random, tree: Tree) -> Tree:
    """A nested object's `type` no union has: an unknown variant in a server event (at an open
    union; an error where the object is not a union's), an error in a client event."""
    path = _pick(rng, tree, lambda v: isinstance(v, dict) and "type" in v)
    if path is None:
        return tree
    target = get(tree, path)
    target["type"] = rng.choice(UNKNOWN_TAGS)
    if rng.random() < 0.3:  # and, maybe, something broken inside it, which an unknown carries
        target[f"x_inner_{rng.randrange(10)}"] = rng.choice((Number("1e400"), "\ud800", [None]))
    return tree


TREE_MUTATIONS: tuple[Callable[[random.Random, Tree], Tree], ...] = (
    nested_tag,
    drop_field,
    retype,
    number,
    non_json_number,
    string,
    lone_surrogate,
    unknown_field,
    duplicate_key,
)


def mutate(rng: random.Random, data: Tree, types: tuple[str, ...]) -> Tree:
    """One to three mutations of a copy of `data`."""
    tree = copy.deepcopy(data)
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        if isinstance(tree, Pairs):
            break  # a repeated key is the last word on that object
        if rng.random() < 0.12:
            tree = event_type(rng, tree, types)
        else:
            tree = rng.choice(TREE_MUTATIONS)(rng, tree)
    return tree


def mutate_frame(rng: random.Random, frame: bytes) -> bytes:
    """Byte-level damage: truncation, trailing garbage, invalid UTF-8, a BOM, whitespace."""
    choice = rng.randrange(6)
    cut = rng.randrange(len(frame) + 1)
    if choice == 0:
        return frame[:cut]
    if choice == 1:
        return frame + rng.choice((b"x", b"}", b",", b" {}", b"\x00"))
    if choice == 2:
        return (
            frame[:cut] + rng.choice((b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf8\x88")) + frame[cut:]
        )
    if choice == 3:
        return b"\xef\xbb\xbf" + frame
    if choice == 4:
        return b" \n\t" + frame + b"\r\n "
    quote = frame.find(b'"', cut)
    if quote < 0:
        return frame
    return frame[: quote + 1] + b"\xe9" + frame[quote + 1 :]  # Latin-1, not UTF-8, in a string
