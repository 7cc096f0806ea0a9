"""The README's Python examples run as written, and pass `mypy --strict`."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from pathlib import Path

import pytest
from websockets.asyncio.client import connect
from websockets.asyncio.server import ServerConnection, serve

from realtime_schema.ga import structs
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


def test_readme_examples_pass_mypy_strict(tmp_path: Path) -> None:
    """What the README shows types as it says: a `match` on classes narrows a decode result."""
    files = []
    for index, source in enumerate(BLOCKS):
        path = tmp_path / f"readme_block{index}.py"
        path.write_text(source)
        files.append(str(path))
    command = [sys.executable, "-m", "mypy", "--strict", "--config-file", "pyproject.toml"]
    command += ["--cache-dir", str(tmp_path / "cache"), *files]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_readme_session_sends_text_frames_and_reads_events() -> None:
    """The README's `talk` against a local server: each append arrives as a text frame holding
    exactly `encode(event)`, and the events sent back land where the example puts them."""
    namespace: dict[str, object] = {}
    (source,) = [block for block in BLOCKS if "async def talk(" in block]
    exec(compile(source, "README.md", "exec"), namespace)
    talk = namespace["talk"]
    audio = [b"\x01\x02" * 240, b"\x03\x04" * 240]
    delta = structs.ResponseOutputAudioDeltaEvent(
        event_id="e", response_id="r", item_id="i", output_index=0, content_index=0, delta=b"\x05"
    )
    received: list[str | bytes] = []

    async def server(ws: ServerConnection) -> None:
        for _ in audio:
            received.append(await ws.recv())
        await ws.send(structs.encode(delta), text=True)
        await ws.send('{"type":"future.event"}')
        await ws.close()

    async def session() -> bytearray:
        speaker = bytearray()
        async with serve(server, "127.0.0.1", 0) as running:
            port = next(iter(running.sockets)).getsockname()[1]
            async with connect(f"ws://127.0.0.1:{port}") as ws:
                await talk(ws, audio, speaker)  # type: ignore[operator]
        return speaker

    speaker = asyncio.run(session())
    expected = [structs.encode(structs.InputAudioBufferAppendEvent(audio=pcm)) for pcm in audio]
    assert received == [frame.decode() for frame in expected]  # str: text frames
    assert speaker == b"\x05"
