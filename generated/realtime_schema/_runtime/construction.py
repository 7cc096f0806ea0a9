# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""What both backends do with the keywords a user passes to build or replace an object.

Decoding ignores undeclared fields (the server adds fields no spec declares); building an object
never does: a misspelt keyword raises. A union tag (`type`) may be passed, but only with the
class's own value. Both backends raise the same `TypeError`, with the same message: msgspec
raises its own for most of these, and the models raise msgspec's (`check_keywords`), as they
raise its `AttributeError` for an undeclared attribute.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any


def unexpected_keyword(name: str) -> TypeError:
    """msgspec's own message for a keyword a Struct does not declare."""
    return TypeError(f"Unexpected keyword argument {name!r}")


def wrong_tag(class_name: str, field: str, tag: str, given: Any) -> TypeError:
    return TypeError(f"{class_name}.{field} is always {tag!r}, not {given!r}")


def missing_argument(name: str) -> TypeError:
    """msgspec's own message for a required field left out of a constructor."""
    return TypeError(f"Missing required argument {name!r}")


def no_attribute(class_name: str, name: str) -> AttributeError:
    """msgspec's own message (a Struct has slots) for an attribute it does not declare."""
    return AttributeError(f"{class_name!r} object has no attribute {name!r}")


def read_only(class_name: str, name: str) -> AttributeError:
    """msgspec's own message for assigning a class constant, such as the tag."""
    return AttributeError(f"{class_name!r} object attribute {name!r} is read-only")


def check_keywords(
    class_name: str,
    fields: Collection[str],
    tag: tuple[str, str] | None,
    keywords: Mapping[str, Any],
    required: Sequence[str] = (),
) -> bool:
    """Raise for a keyword that is neither a field nor the tag, a tag of another class, or a
    `required` field left out.

    Returns whether `keywords` holds the tag (with the right value), which the caller may drop.
    """
    has_tag = False
    for name in keywords:
        if tag is not None and name == tag[0]:
            if keywords[name] != tag[1]:
                raise wrong_tag(class_name, name, tag[1], keywords[name])
            has_tag = True
        elif name not in fields:
            raise unexpected_keyword(name)
    for name in required:
        if name not in keywords:
            raise missing_argument(name)
    return has_tag
