"""`realtime-schema replay`: the dialogue, responses and anomalies of a capture, --json, --wav."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from realtime_schema.cli import main
from tests.conversation_support import expected, session_lines, session_path
from tests.support import ROOT


def replay(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["replay", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_clean_session_prints_the_dialogue_and_exits_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = replay(capsys, str(session_path("ga", "function_call")), "--protocol", "ga")
    assert status == 0, out
    assert "  user: Where is my order ORD-48213?\n" in out
    assert '  tool call: lookup_order {"order_id":"ORD-48213"}  (call_' in out
    assert '  tool result: {"status":"shipped","eta":"Thursday"}  (call_' in out
    assert "  assistant: Your order shipped and arrives on Thursday.\n" in out
    for response in expected("ga", "function_call")["responses"]:
        usage = response["usage"]
        tokens = f"{usage['total_tokens']} tokens ({usage['input_tokens']} in,"
        assert f"  {response['id']}  completed  1 item  {tokens}" in out
    assert out.rstrip().endswith("0 anomalies")


def test_anomalies_are_listed_by_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    name = "broken_reordered_done"
    status, out, _ = replay(capsys, str(session_path("beta", name)), "--protocol", "beta")
    assert status == 1
    for anomaly in expected("beta", name)["anomalies"]:
        line = anomaly["index"] + 1  # no blank lines: event index + 1
        assert f"  line {line}: {anomaly['type']} in {anomaly['event_type']} at" in out
    assert out.rstrip().endswith("2 anomalies")


def test_line_numbers_count_blank_and_broken_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = list(session_lines("ga", "broken_delta_for_missing_item"))
    capture = tmp_path / "capture.jsonl"
    capture.write_bytes(b"\n".join([b"", b"{not json", *lines, b""]) + b"\n")
    status, out, _ = replay(capsys, str(capture), "--protocol", "ga")
    assert status == 1
    (anomaly,) = expected("ga", "broken_delta_for_missing_item")["anomalies"]
    assert f"  line {anomaly['index'] + 3}: missing_item in " in out  # 2 lines before the events
    assert "not events (1):\n  line 2: frame at $: not valid JSON" in out
    assert "(0 of unknown types), 1 line not decoded, 1 anomaly\n" in out


def test_json_is_the_final_state_with_lines(capsys: pytest.CaptureFixture[str]) -> None:
    name = "broken_truncation_past_end"
    status, out, _ = replay(capsys, str(session_path("ga", name)), "--protocol", "ga", "--json")
    assert status == 1
    state = json.loads(out)
    want = expected("ga", name)
    assert [i["id"] for i in state["items"]] == [i["id"] for i in want["items"]]
    (anomaly,) = state["anomalies"]
    assert anomaly["line"] == want["anomalies"][0]["index"] + 1
    assert anomaly["type"] == "truncation_past_end" and anomaly["got"] == 5000


def test_wav_writes_each_audio_item_in_its_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for protocol, name, rate in (("ga", "barge_in", 8000), ("beta", "voice_turn", 24000)):
        folder = tmp_path / f"{protocol}-{name}"
        status, _, err = replay(
            capsys, str(session_path(protocol, name)), "--protocol", protocol, "--wav", str(folder)
        )
        assert status == 0
        files = sorted(folder.glob("*.wav"))
        want = [i for i in expected(protocol, name)["items"] if i["content"][0].get("audio_bytes")]
        assert [f.name.split("-")[1] for f in files] == [i["role"] for i in want]
        assert f"wrote {len(files)} WAV files" in err
        for path, item in zip(files, want, strict=True):
            with wave.open(str(path)) as wav:
                assert (wav.getframerate(), wav.getsampwidth(), wav.getnchannels()) == (rate, 2, 1)
                # pcm16: 2 bytes a sample; G.711: 1 byte a sample, decoded to 16 bits
                per_sample = 1 if rate == 8000 else 2
                assert wav.getnframes() == item["content"][0]["audio_bytes"] // per_sample


def test_translation_shows_its_streams_and_writes_the_translated_audio(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(session_path("translation", "translation"))
    status, out, _ = replay(capsys, path, "--protocol", "translation", "--wav", str(tmp_path))
    assert status == 0
    assert "\ninput_transcript: Good morning, everyone.\n" in out
    assert "\noutput_transcript: Buenos días a todos.\n" in out
    names = sorted(p.name for p in tmp_path.glob("*.wav"))
    assert names == ["001-input_audio.wav", "002-output_audio.wav"]


def test_progress_on_a_big_capture_and_stdin_json_array_with_models(tmp_path: Path) -> None:
    lines = [json.loads(line) for line in session_lines("ga", "voice_turn")]
    limits = next(line for line in lines if line["type"] == "rate_limits.updated")
    frames = lines + [limits] * 6_000
    command = [sys.executable, "-m", "realtime_schema", "replay", "-", "--protocol", "ga",
               "--backend", "models"]  # fmt: skip
    done = subprocess.run(command, input=json.dumps(frames), capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "... 5,000 items, 0 anomalies" in done.stderr
    summary = f"{len(frames):,} events (0 of unknown types), 0 items not decoded, 0 anomalies"
    assert summary in done.stdout


def test_the_readme_shows_what_replay_really_prints(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text()
    (command, output), *_ = re.findall(
        r"```text\n\$ realtime-schema (replay [^\n]+)\n(.*?)```", readme, re.DOTALL
    )
    arguments = [str(ROOT / a) if a.startswith("tests/") else a for a in command.split()[1:]]
    _, out, _ = replay(capsys, *arguments)
    assert out == output
