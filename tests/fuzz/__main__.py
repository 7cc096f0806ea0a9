"""`make fuzz`: a long campaign with a random seed; every disagreement becomes a regression
fixture (tests/fixtures/<protocol>/fuzz-regressions.json), which `make test` then checks."""

from __future__ import annotations

import argparse
import json
import random
import sys
import time

from tests.fuzz.campaign import as_fixture, describe, run
from tests.support import FIXTURES, PROTOCOLS


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    parser.add_argument("--cases", type=int, default=200_000, help="per protocol")
    parser.add_argument("--seed", type=int, default=None, help="default: random")
    parser.add_argument("--protocol", action="append", choices=PROTOCOLS)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    found = 0
    for protocol in args.protocol or PROTOCOLS:
        started = time.perf_counter()
        findings, tally = run(protocol, seed, args.cases)
        took = time.perf_counter() - started
        print(
            f"{protocol}: seed {seed}, {sum(tally.values())} cases in {took:.0f} s, "
            f"{len(findings)} disagreements; {dict(sorted(tally.items()))}"
        )
        for finding in findings:
            print("  " + describe(finding))
        if findings:
            _save(protocol, [as_fixture(f) for f in findings])
        found += len(findings)
    return 1 if found else 0


def _save(protocol: str, entries: list[dict[str, str]]) -> None:
    path = FIXTURES / protocol / "fuzz-regressions.json"
    known = json.loads(path.read_text()) if path.exists() else []
    frames = {entry["raw_base64"] for entry in known}
    known += [entry for entry in entries if entry["raw_base64"] not in frames]
    path.write_text(json.dumps(known, indent=2, ensure_ascii=False) + "\n")
    print(f"  saved to {path.relative_to(FIXTURES.parent.parent)}")


if __name__ == "__main__":
    sys.exit(main())
