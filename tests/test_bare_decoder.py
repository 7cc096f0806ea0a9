"""The hot-loop API: `<direction>_decoder.decode(frame)`, and `recover_<direction>_event(frame,
error)` when it raises, give exactly what `decode_<direction>_event(frame)` gives, in both backends.

Every fixture case (own, derived, published, invalid, unknown types), the large frames of
tests/fixtures/large-frames.json, the fuzz regressions, and inputs that are not frames at all.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import pytest

from realtime_schema import DecodeError
from tests.cases import invalid_cases, own_cases, published_cases
from tests.support import BACKENDS, FIXTURES, PROTOCOLS, backend, load_json
from tests.test_payloads import FIXTURE as LARGE_FRAMES
from tests.test_payloads import frame_of, outcome

DIRECTIONS = ("client", "server")


def hot_loop(module: Any, direction: str) -> Callable[[Any], Any]:
    """One pass of the README's hot loop, for one frame."""
    decode = getattr(module, f"{direction}_decoder").decode
    recover = getattr(module, f"recover_{direction}_event")

    def step(frame: Any) -> Any:
        try:
            return decode(frame)
        except Exception as error:  # noqa: BLE001 - what the README's loop catches
            return recover(frame, error)

    return step


def frames(protocol: str) -> list[tuple[str, str, Any]]:
    """(id, direction, frame) for every frame the fixtures hold for this protocol."""
    out: list[tuple[str, str, Any]] = []
    for case in own_cases(protocol) + published_cases(protocol) + invalid_cases(protocol):
        out.append((case.id, case.direction, case.frame))
        if case.raw is None:  # also as a str frame, as a text WebSocket message arrives
            out.append((case.id + " (str)", case.direction, case.frame.decode("utf-8")))
    for index, case in enumerate(LARGE_FRAMES["cases"]):
        if case["protocol"] == protocol:
            frame = frame_of(case)
            out.append((f"large-frames[{index}]", case["direction"], frame))
            out.append(
                (f"large-frames[{index}] (memoryview)", case["direction"], memoryview(frame))
            )
    regressions = FIXTURES / protocol / "fuzz-regressions.json"
    if regressions.exists():
        for index, entry in enumerate(load_json(regressions)):
            frame = base64.b64decode(entry["raw_base64"])
            out.append((f"fuzz-regressions[{index}]", entry["direction"], frame))
    for direction in DIRECTIONS:  # types this protocol does not define (for this direction)
        other = "client" if direction == "server" else "server"
        some_other = next(
            iter(getattr(backend(protocol, "structs"), f"{other.upper()}_EVENT_TYPES"))
        )
        for event_type in ("future.event", some_other):
            frame = f'{{"type":"{event_type}","event_id":"e","x":[1.5,{{"y":null}}]}}'.encode()
            out.append((f"unknown {event_type}", direction, frame))
    for direction in DIRECTIONS:  # not frames at all
        out += [(f"not a frame: {value!r}", direction, value) for value in (None, 5, [b"{}"])]
    return out


@pytest.mark.parametrize("backend_name", BACKENDS)
@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_the_hot_loop_gives_what_decode_gives(protocol: str, backend_name: str) -> None:
    module = backend(protocol, backend_name)
    loops = {d: hot_loop(module, d) for d in DIRECTIONS}
    public = {d: getattr(module, f"decode_{d}_event") for d in DIRECTIONS}
    checked = {"event": 0, "unknown": 0, "error": 0}
    for case_id, direction, frame in frames(protocol):
        want = outcome(public[direction], frame)
        assert outcome(loops[direction], frame) == want, case_id
        checked[want[0]] += 1
    assert all(checked.values()), checked  # every kind of outcome was compared


@pytest.mark.parametrize("backend_name", BACKENDS)
@pytest.mark.parametrize(
    "error",
    [
        RuntimeError("a bug, not a frame"),  # not dressed up as a verdict, as decode does not
        DecodeError("the strict-JSON check's verdict"),  # what models' decoder raises: final
    ],
    ids=["bug", "verdict"],
)
def test_recover_raises_what_is_not_a_decode_failure_again(
    backend_name: str, error: Exception
) -> None:
    module = backend(PROTOCOLS[0], backend_name)
    with pytest.raises(type(error)) as raised:
        module.recover_server_event(b'{"type":"future.event"}', error)
    assert raised.value is error


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_the_structs_decoder_is_the_bare_c_call(backend_name: str) -> None:
    """structs hands out msgspec's own Decoder (nothing of ours runs per frame); models a
    decoder of the same shape."""
    import msgspec

    for protocol in PROTOCOLS:
        module = backend(protocol, backend_name)
        for direction in DIRECTIONS:
            decoder = getattr(module, f"{direction}_decoder")
            if backend_name == "structs":
                assert isinstance(decoder, msgspec.json.Decoder)
                assert decoder.decode == getattr(module, f"_decode_{direction}")
            assert callable(decoder.decode)
