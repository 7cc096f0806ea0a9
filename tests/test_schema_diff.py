"""`realtime-schema diff`: data cases (tests/fixtures/schema_diff.json) and the real beta → GA
change, through the command the package installs (`realtime-schema diff`)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from typing import Any

import pytest

from realtime_schema._runtime import schema_diff
from tests.support import FIXTURES, ROOT, load_json

DIFF_CASES = load_json(FIXTURES / "schema_diff.json")["cases"]
BUNDLES = ROOT / "generated" / "schema"


def one_file(defs: dict[str, Any]) -> schema_diff.Schema:
    resource = {"$id": "https://example.test/schema/p/client_events.json", "$defs": defs}
    return schema_diff.from_document("case", resource)


@pytest.mark.parametrize("case", DIFF_CASES, ids=[c["description"] for c in DIFF_CASES])
def test_diff_case(case: dict[str, Any]) -> None:
    changes = schema_diff.compare(one_file(case["old"]), one_file(case["new"]))
    found = sorted([c.classification, c.kind, c.where] for c in changes)
    assert found == sorted(case["changes"])


@pytest.fixture(scope="module")
def beta_to_ga() -> list[schema_diff.Change]:
    old = schema_diff.load(BUNDLES / "beta.schema.json")
    new = schema_diff.load(BUNDLES / "ga.schema.json")
    return schema_diff.compare(old, new)


def found(changes: list[schema_diff.Change], kind: str, where: str) -> str:
    matches = {c.classification for c in changes if (c.kind, c.where) == (kind, where)}
    assert len(matches) == 1, f"{kind} at {where}: {matches or 'not reported'}"
    return matches.pop()


@pytest.mark.parametrize(
    ("kind", "where", "classification"),
    [
        # The renamed server events (schema/beta-to-ga.json) are gone from GA ...
        ("removed event", "server response.audio.delta", "breaking"),
        ("removed event", "server response.text.done", "breaking"),
        ("removed event", "client transcription_session.update", "breaking"),
        # ... and their GA names are new.
        ("added event", "server response.output_audio.delta", "compatible"),
        ("added event", "server conversation.item.added", "compatible"),
        # GA's session is a union of realtime and transcription configs, without `modalities`.
        ("object became a union", "SessionProperties→SessionConfig", "breaking"),
        ("removed field", "SessionProperties→RealtimeSessionConfig.modalities", "breaking"),
        ("new required field", "SessionProperties→RealtimeSessionConfig.type", "breaking"),
        ("added optional field", "SessionProperties→RealtimeSessionConfig.audio", "compatible"),
        ("removed field", "ResponseProperties→ResponseCreateParams.temperature", "breaking"),
        # `response.function_call_arguments.done` gains a required `name`.
        (
            "field became required",
            "ResponseFunctionCallArgumentsDone→ResponseFunctionCallArgumentsDoneEvent.name",
            "breaking",
        ),
        # The beta class names of server events are gone (GA adds the `Event` suffix).
        ("removed definition", "RateLimitsUpdated", "breaking"),
    ],
)
def test_beta_to_ga(
    beta_to_ga: list[schema_diff.Change], kind: str, where: str, classification: str
) -> None:
    assert found(beta_to_ga, kind, where) == classification


def test_a_version_against_itself_has_no_change() -> None:
    bundle = schema_diff.load(BUNDLES / "ga.schema.json")
    assert schema_diff.compare(bundle, schema_diff.load(ROOT / "schema" / "ga")) == []


def test_a_bundle_and_its_schema_folder_give_the_same_report() -> None:
    from_bundles = schema_diff.compare(
        schema_diff.load(BUNDLES / "beta.schema.json"), schema_diff.load(BUNDLES / "ga.schema.json")
    )
    from_folders = schema_diff.compare(
        schema_diff.load(ROOT / "schema" / "beta"), schema_diff.load(ROOT / "schema" / "ga")
    )
    assert from_bundles == from_folders


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "realtime_schema", "diff", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_cli_exits_1_on_breaking_changes_and_reports_json() -> None:
    done = run_cli(str(BUNDLES / "beta.schema.json"), str(BUNDLES / "ga.schema.json"), "--json")
    assert done.returncode == 1, done.stderr
    result = json.loads(done.stdout)
    assert result["required_bump"] == "major"
    assert result["counts"]["breaking"] == sum(
        1 for c in result["changes"] if c["classification"] == "breaking"
    )
    assert result["old"]["version"] == result["new"]["version"]


def test_cli_exits_0_without_breaking_changes_and_2_on_bad_input() -> None:
    same = run_cli("schema/ga", str(BUNDLES / "ga.schema.json"))
    assert same.returncode == 0 and same.stdout.strip().endswith("needs no new version")
    missing = run_cli("schema/no-such-protocol", "schema/ga")
    assert missing.returncode == 2 and "realtime-schema diff:" in missing.stderr


def test_diff_registers_as_a_subcommand() -> None:
    """The `realtime-schema` command line adds `diff` through add_parser()."""
    parser = argparse.ArgumentParser(prog="realtime-schema")
    schema_diff.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["diff", "schema/ga", "schema/ga", "--json"])
    assert args.func is schema_diff.run and args.json is True
    assert args.func(args) == 0
