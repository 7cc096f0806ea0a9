"""The schema's version: `schema/VERSION`, the one place it is written (semver, CHANGELOG.md)."""

from __future__ import annotations

import re
from pathlib import Path

from codegen.parser import SCHEMA_ROOT, SchemaError

_SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?")


def read(root: Path = SCHEMA_ROOT) -> str:
    text = (root / "VERSION").read_text().strip()
    if not _SEMVER.fullmatch(text):
        raise SchemaError(f"schema/VERSION must be a semantic version, not {text!r}")
    return text
