"""The bench's own preconditions (no timing is asserted anywhere): its streams are deterministic
and valid, and its hand-written union declares exactly what the generated code does."""

from __future__ import annotations

import pytest

from bench import checks, measure, report, streams


def test_streams_are_deterministic() -> None:
    first = streams.build("ga", "audio", 2)
    again = streams.build("ga", "audio", 2)
    assert first.frames == again.frames
    assert streams.build("beta", "small", 2).frames == streams.build("beta", "small", 2).frames


def test_audio_deltas_carry_100ms_of_pcm16() -> None:
    stream = streams.build("ga", "audio", 1)
    assert stream.pcm and all(len(pcm) == streams.CHUNK_BYTES == 4800 for pcm in stream.pcm)
    assert len(stream.audio_frames()) == len(stream.pcm)


def test_every_frame_is_a_valid_known_event_in_both_backends() -> None:
    checks.streams_decode(streams.build_all(smoke=True).values())


def test_handwritten_union_matches_the_generated_one() -> None:
    checks.handwritten_matches_generated()


# (description, overhead of a over b, A/A difference of b's copy, holds) for a "within noise"
# target: at most the larger of the floor (report.WITHIN_NOISE) and the run's own A/A.
WITHIN_NOISE_CASES = [
    ("no difference", 0.0, 0.0, True),
    ("under the floor, quiet run", 0.015, 0.001, True),
    ("over the floor, quiet run", 0.025, 0.001, False),
    ("over the floor, within a noisy run's A/A", 0.025, -0.03, True),
    ("over even a noisy run's A/A", 0.05, 0.03, False),
    ("faster", -0.01, 0.002, True),
]


@pytest.mark.parametrize(
    ("overhead", "a_a", "holds"),
    [case[1:] for case in WITHIN_NOISE_CASES],
    ids=[case[0] for case in WITHIN_NOISE_CASES],
)
def test_a_within_noise_target_holds_within_the_runs_a_a(
    overhead: float, a_a: float, holds: bool
) -> None:
    target = report.Target("t", "g", "a", "b", "overhead", report.WITHIN_NOISE, noise="copy")
    result = measure.Result("g", "g", 1, 1)
    result.labels = {"a": "a", "b": "b", "copy": "copy"}
    result.samples = {"a": [1.0], "b": [1.0], "copy": [1.0]}
    # head to head: time(b) / time(a), and time(b) / time(copy)
    result.paired = {("a", "b"): [1 / (1 + overhead)], ("copy", "b"): [1 / (1 + a_a)]}
    row = report._evaluate(target, result)
    assert row["measured"] == pytest.approx(overhead)
    assert row["a_a"] == pytest.approx(a_a)
    assert row["pass"] is holds


def test_the_import_ratio_is_cpu_time_against_the_floor() -> None:
    ms = 1_000_000
    times = measure.ImportTimes(
        wall={measure.BARE: [10 * ms], "realtime_schema.ga.structs": [50 * ms],
              report.IMPORT_FLOOR: [40 * ms]},
        cpu={measure.BARE: [9 * ms], "realtime_schema.ga.structs": [39 * ms],
             report.IMPORT_FLOOR: [30 * ms]},
    )  # fmt: skip
    rows = {row["form"]: row for row in report.import_rows(times)}
    assert rows["ms"]["measured"] == pytest.approx(40.0) and rows["ms"]["pass"]
    assert rows["ratio"]["measured"] == pytest.approx(1.3) and rows["ratio"]["pass"]
    times.cpu["realtime_schema.ga.structs"] = [40 * ms]
    assert not {row["form"]: row for row in report.import_rows(times)}["ratio"]["pass"]
