"""The bench's own preconditions (no timing is asserted anywhere): its streams are deterministic
and valid, and its hand-written union declares exactly what the generated code does."""

from __future__ import annotations

from bench import checks, streams


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
