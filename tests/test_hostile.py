"""Hostile frames: a DecodeError in both backends (or the right decode, for large valid ones), in
bounded time and memory; never RecursionError, MemoryError, a crash or a hang.

Each backend runs the frames in a child interpreter (tests/hostile_child.py), so a segfault or a
hang fails the test instead of killing the suite; a big frame runs alone, so its peak memory is
its own.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.support import BACKENDS, ROOT

DECODE_ERROR = {
    "invalid utf-8 in a field",
    "truncated",
    "trailing garbage",
    "NaN",
    "Infinity",
    "lone surrogate escape",
    "lone surrogate in str",
    "empty",
    "array",
    "number",
    "null",
    "nesting 100000",
    "nesting 100000 top",
    "nesting 100000 unknown variant",
    "4301 digits declared",
    "4301 digits, then a lone surrogate escape a repeated key drops",
}
DECODES_AS = {
    "invalid utf-8 undeclared": "ResponseOutputTextDeltaEvent",  # skipped unread, as msgspec does
    "nesting 300 undeclared": "ResponseOutputTextDeltaEvent",
    "nesting 900 unknown variant": "ConversationItemAddedEvent",
    "4301 digits undeclared": "ResponseOutputTextDeltaEvent",
    "4301 digits undeclared, an integral float": "ResponseOutputTextDeltaEvent",
    "4301 digits undeclared, bytes not UTF-8 beside": "ResponseOutputTextDeltaEvent",
    "4301 digits undeclared, not UTF-8, an integral float": "ResponseOutputTextDeltaEvent",
    "50 MB string": "ResponseOutputTextDeltaEvent",
    "50 MB undeclared": "ResponseOutputTextDeltaEvent",
    "50 MB type": "UnknownServerEvent",
    "16 MB audio delta": "ResponseOutputAudioDeltaEvent",
}
SECONDS = 10  # per frame, generous for a 2-core CI machine; the real times are far lower


def run_child(backend: str, names: list[str]) -> dict[str, dict[str, float | str]]:
    command = [sys.executable, str(ROOT / "tests" / "hostile_child.py"), "ga", backend, *names]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=SECONDS * len(names) + 30, cwd=ROOT
    )
    assert done.returncode == 0, f"child died ({done.returncode}): {done.stderr[-2000:]}"
    results: dict[str, dict[str, float | str]] = json.loads(done.stdout)
    return results


@pytest.mark.parametrize("backend", BACKENDS)
def test_hostile_frames_raise_decode_error(backend: str) -> None:
    results = run_child(backend, sorted(DECODE_ERROR))
    for name, result in results.items():
        assert result["outcome"] == "DecodeError", (name, result)
        assert float(result["seconds"]) < SECONDS, (name, result)


@pytest.mark.parametrize("name", sorted(DECODES_AS))
@pytest.mark.parametrize("backend", BACKENDS)
def test_large_valid_frames_decode(backend: str, name: str) -> None:
    result = run_child(backend, [name])[name]
    assert result["outcome"] == DECODES_AS[name], result
    assert float(result["seconds"]) < SECONDS, result


@pytest.mark.parametrize("backend", BACKENDS)
def test_audio_delta_memory_is_bounded(backend: str) -> None:
    """A 16 MB audio delta decodes with peak memory growth under 3x its size."""
    result = run_child(backend, ["16 MB audio delta"])["16 MB audio delta"]
    assert float(result["peak_growth"]) < 3 * float(result["size"]), result
