"""Run the pinned Node tools (package.json) from the tests: ajv, tsc, the AsyncAPI parser."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.support import ROOT

SCRIPTS = ROOT / "tests" / "node"
NODE_MODULES = ROOT / "node_modules"


def require_node() -> str:
    """The node executable; without node or the npm packages the test is skipped, except in CI,
    where a skip would hide that the cross-language checks did not run."""
    node = shutil.which("node")
    if node and (NODE_MODULES / ".installed").exists():
        return node
    reason = (
        "node is not on PATH" if not node else "node_modules is not installed (`make test` does it)"
    )
    if os.environ.get("CI"):
        pytest.fail(f"cross-language checks cannot run in CI: {reason}")
    pytest.skip(f"cross-language check skipped: {reason}")


def run_script(script: str, *args: str, request: Any = None) -> Any:
    """Run tests/node/<script> once and return its JSON output."""
    node = require_node()
    done = subprocess.run(
        [node, str(SCRIPTS / script), *args],
        input=None if request is None else json.dumps(request),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"{script} failed:\n{done.stderr}"
    return json.loads(done.stdout)


def tsc(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    require_node()
    command = [str(NODE_MODULES / ".bin" / "tsc"), *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
