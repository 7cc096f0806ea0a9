"""A built wheel installs and runs in a clean venv: plain (the structs backend, the CLI, `diff`,
without pydantic or simdjson) and with the `models` extra.

The wheel is built from a copy of what it is made of (so no build/ or egg-info lands in the
checkout, and nothing stale from an earlier build gets in); each venv installs it with the exact
pins of requirements-dev.lock, through pip's cache (the registry only when the cache lacks one).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest

from codegen.parser import protocol_names
from tests.support import ROOT

LOCK = ROOT / "requirements-dev.lock"
FRAME = (
    '{"type":"response.output_audio.delta","event_id":"e","response_id":"r","item_id":"i",'
    '"output_index":0,"content_index":0,"delta":"AAAA//8="}'
)
# Run inside the venv with -I (no PYTHONPATH, no current folder): what an installed user runs.
PROBE = """
import json, sys
from importlib.util import find_spec
import realtime_schema
from realtime_schema.ga import structs
event = structs.decode_server_event(sys.argv[1])
out = {
    "package": realtime_schema.__file__,
    "decoded": [type(event).__name__, event.delta.hex()],
    "versions": {p: realtime_schema.schema_bundle(p)["version"] for p in realtime_schema.PROTOCOLS},
    "events": len(realtime_schema.event_index("ga")["events"]),
    "absent": [m for m in ("pydantic", "simdjson") if find_spec(m) is None],
    "loaded": sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "simdjson")),
}
try:
    from realtime_schema.ga import models
    out["models"] = type(models.decode_server_event(sys.argv[1])).__name__
except ImportError as error:
    out["models"] = f"ImportError: {error}"
print(json.dumps(out))
"""


def run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, cwd=cwd)


def checked(*command: str | Path, cwd: Path | None = None) -> str:
    done = run(*command, cwd=cwd)
    assert done.returncode == 0, f"{command}: {done.stdout}{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for folder in ("realtime_schema", "schema"):
        shutil.copytree(ROOT / "generated" / folder, source / "generated" / folder, ignore=ignore)
    out = tmp_path_factory.mktemp("wheel")
    pip: list[str | Path] = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps"]
    pip.append("--no-build-isolation")
    checked(*pip, "-w", out, source)
    (built,) = out.glob("*.whl")
    return built


def venv_with(wheel: Path, where: Path, extra: str = "") -> Path:
    """A new venv (no pip of its own: the test's pip installs into it) holding the wheel."""
    checked(sys.executable, "-m", "venv", "--without-pip", where)
    python = where / "bin" / "python"
    pip: list[str | Path] = [sys.executable, "-m", "pip", "--python", python, "install", "-q"]
    checked(*pip, "--disable-pip-version-check", "--constraint", LOCK, f"{wheel}{extra}")
    return python


def probe(python: Path, cwd: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(checked(python, "-I", "-c", PROBE, FRAME, cwd=cwd))
    assert Path(result["package"]).is_relative_to(python.parent.parent), result["package"]
    assert result["decoded"] == ["ResponseOutputAudioDeltaEvent", "000000ffff"]
    versions = {p: (ROOT / "schema" / "VERSION").read_text().strip() for p in protocol_names()}
    assert result["versions"] == versions
    index = json.loads((ROOT / "generated" / "schema" / "ga.events.json").read_text())
    assert result["events"] == len(index["events"])
    return result


def cli(python: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run(python.parent / "realtime-schema", *args, cwd=cwd)


def validate(
    python: Path, cwd: Path, capture: Path, backend: str
) -> subprocess.CompletedProcess[str]:
    return cli(python, cwd, "validate", str(capture), "--protocol", "ga", "--backend", backend)


def test_the_wheel_holds_the_package_and_its_bundles_only(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (top_level,) = [n for n in names if n.endswith(".dist-info/top_level.txt")]
        assert archive.read(top_level).decode().split() == ["realtime_schema"]
        for protocol in protocol_names():
            for kind in ("schema", "events"):
                name = f"{protocol}.{kind}.json"
                shipped = archive.read(f"realtime_schema/_schema/{name}")
                assert shipped == (ROOT / "generated" / "schema" / name).read_bytes(), name
    assert all(n.startswith(("realtime_schema/", "realtime_schema-")) for n in names), names
    on_disk = {
        f"realtime_schema/{p.relative_to(ROOT / 'generated' / 'realtime_schema').as_posix()}"
        for p in (ROOT / "generated" / "realtime_schema").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert on_disk <= set(names), sorted(on_disk - set(names))


def test_the_listed_packages_are_the_packages_on_disk() -> None:
    """pyproject.toml lists the packages (see the comment there): a new one must be listed."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    package_root = ROOT / "generated" / "realtime_schema"
    found = {
        ".".join(("realtime_schema", *init.parent.relative_to(package_root).parts))
        for init in package_root.rglob("__init__.py")
    }
    assert set(setuptools["packages"]) == found | {"realtime_schema._schema"}


def test_plain_install_runs_structs_the_cli_and_diff_without_pydantic(
    wheel: Path, tmp_path: Path
) -> None:
    python = venv_with(wheel, tmp_path / "venv")
    result = probe(python, tmp_path)
    assert result["absent"] == ["pydantic", "simdjson"] and result["loaded"] == []
    models = result["models"]
    assert models.startswith("ImportError: ") and "realtime-schema[models]" in models, models
    capture = tmp_path / "capture.jsonl"
    capture.write_text(FRAME + "\n" + '{"type":"future.event"}\n')
    done = validate(python, tmp_path, capture, "structs")
    assert done.returncode == 0 and "2 events" in done.stdout, done.stdout + done.stderr
    done = validate(python, tmp_path, capture, "models")
    assert done.returncode == 2 and "realtime-schema[models]" in done.stderr, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert cli(python, tmp_path, "diff", "ga@installed", "ga@installed").returncode == 0
    changed = cli(python, tmp_path, "diff", "beta@installed", "ga@installed")
    assert changed.returncode == 1 and "breaking" in changed.stdout, changed.stderr


def test_models_extra_installs_the_pydantic_backend(wheel: Path, tmp_path: Path) -> None:
    python = venv_with(wheel, tmp_path / "venv", "[models]")
    result = probe(python, tmp_path)
    assert result["absent"] == [] and result["loaded"] == []  # structs still loads neither
    assert result["models"] == "ResponseOutputAudioDeltaEvent"
    capture = tmp_path / "capture.jsonl"
    capture.write_text(FRAME + "\n")
    done = validate(python, tmp_path, capture, "models")
    assert done.returncode == 0 and "1 decoded" in done.stdout, done.stdout + done.stderr
