"""The README's Python examples run as written."""

from __future__ import annotations

import re

import pytest

from tests.support import PROTOCOLS, ROOT

README = (ROOT / "README.md").read_text()
BLOCKS = re.findall(r"```python\n(.*?)```", README, re.DOTALL)


@pytest.mark.parametrize("source", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_example_runs(source: str) -> None:
    exec(compile(source, "README.md", "exec"), {})


def test_readme_lists_every_unknown_variant() -> None:
    """The table of unions that keep unknown variants in server events is the schema's."""
    from tests.variants import protocol_model

    rows = set(re.findall(r"^  \| (\w+) \| .*? \| `(Unknown\w+)` \|$", README, re.MULTILINE))
    schema = {
        (protocol, name) for protocol in PROTOCOLS for name in protocol_model(protocol).unknowns
    }
    assert rows == schema
