"""The jinja2 environment every template is rendered in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from codegen import naming, pytypes

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _comment(text: str) -> str:
    return "\n".join(f"# {line}" for line in _wrap(text, 94))


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line]


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
    env.filters.update(
        docstring=pytypes.docstring,
        comment=_comment,
        any_event_alias=naming.any_event_alias,
        table_name=naming.table_name,
        decode_name=naming.decode_name,
        decoder_name=naming.decoder_name,
        recover_name=naming.recover_name,
        unknown_name=naming.unknown_name,
        pyrepr=repr,
    )
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
