"""Run the Go toolchain from the tests: build the verdict driver, go vet, go test.

Without Go the tests that need it skip, except under CI=true, where they fail (as the Node
checks do, tests/nodejs.py). Nothing here reaches the network: the module has no dependencies,
and GOPROXY=off makes sure of it.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from codegen.__main__ import GENERATED

MODULE_DIR = GENERATED / "go"
DRIVER = "./cmd/realtime-verdict"


def require_go() -> str:
    """The go executable; the test is skipped without it, except in CI."""
    go = shutil.which("go")
    if go:
        return go
    reason = "go is not on PATH (`make test` installs Debian's golang-go where apt is available)"
    if os.environ.get("CI"):
        pytest.fail(f"the Go checks cannot run in CI: {reason}")
    pytest.skip(f"Go check skipped: {reason}")


def go_env() -> dict[str, str]:
    env = dict(os.environ, GOPROXY="off", GOFLAGS="-mod=readonly", GOTOOLCHAIN="local")
    env.setdefault("GOWORK", "off")
    if not any(env.get(v) for v in ("GOCACHE", "XDG_CACHE_HOME", "HOME")):
        env["GOCACHE"] = str(Path(tempfile.gettempdir()) / "realtime-schema-gocache")
    return env


def go(
    *args: str, cwd: Path = MODULE_DIR, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    command = [require_go(), *args]
    return subprocess.run(
        command, cwd=cwd, env=go_env(), capture_output=True, text=True, timeout=timeout, check=False
    )


def gofmt(*args: str) -> subprocess.CompletedProcess[str]:
    """Go's own gofmt (GOROOT/bin), the one `go` on PATH comes with."""
    goroot = go("env", "GOROOT").stdout.strip()
    command = [str(Path(goroot) / "bin" / "gofmt"), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def source_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(MODULE_DIR.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(MODULE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def driver() -> Path:
    """The verdict driver, built once for these sources: pytest-xdist's workers share one build
    (a file lock), and a rebuilt tree gets a new binary."""
    require_go()
    folder = Path(tempfile.gettempdir()) / "realtime-schema-go"
    folder.mkdir(exist_ok=True)
    binary = folder / f"realtime-verdict-{source_digest()}"
    with open(folder / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not binary.exists():
            partial = binary.with_suffix(".partial")
            done = go("build", "-o", str(partial), DRIVER)
            assert done.returncode == 0, f"go build {DRIVER} failed:\n{done.stderr}"
            partial.rename(binary)
    return binary


def verdicts(protocol: str, direction: str, frames: Iterable[bytes]) -> list[dict[str, Any]]:
    """The Go decoder's verdict on each frame, in order (one driver run)."""
    frames = list(frames)
    lines = "".join(base64.b64encode(frame).decode() + "\n" for frame in frames)
    done = subprocess.run(
        [str(driver()), "-protocol", protocol, "-direction", direction],
        input=lines,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"realtime-verdict failed:\n{done.stderr}"
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(out) == len(frames), "realtime-verdict answered a different number of frames"
    return out
