"""Differential testing: seeded random scenarios through Hadoop and the simulator.

A mismatch is shrunk (steps, requests, settings and apps dropped while Hadoop and the
simulator still disagree) and can be saved under ``tests/sim/scenarios/`` with Hadoop's
result as its ``expect``, so it keeps guarding the simulator where no JDK exists.

    python tests/oracle/differential.py --seed 1 --count 1000 [--save]
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from oracle_support import HADOOP_VERSION, ORACLE_NAME, REPO, differences, run_hadoop, simulate_like
from random_scenarios import random_scenario

SAVE_DIR = REPO / "tests" / "sim" / "scenarios"
BATCH = 100


def mismatches(scenarios: list[dict[str, Any]]) -> list[list[str]]:
    """The differences of each scenario (empty lists where Hadoop and the simulator agree)."""
    results: list[list[str]] = []
    for start in range(0, len(scenarios), BATCH):
        chunk = scenarios[start:start + BATCH]
        for scenario, hadoop in zip(chunk, run_hadoop(chunk), strict=True):
            results.append(differences(hadoop, simulate_like(scenario, hadoop)))
    return results


def _without_unused_apps(scenario: dict[str, Any]) -> dict[str, Any]:
    used = {body.get("app") for step in scenario["steps"] for body in step.values()
            if isinstance(body, dict)}
    scenario["apps"] = [app for app in scenario["apps"] if app["id"] in used] or \
        scenario["apps"][:1]
    return scenario


def _candidates(scenario: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Smaller variants of ``scenario``: one step, one request or one setting fewer."""
    for position in range(len(scenario["steps"])):
        smaller = copy.deepcopy(scenario)
        del smaller["steps"][position]
        yield _without_unused_apps(smaller)
    for position, step in enumerate(scenario["steps"]):
        for request in range(len(step.get("asks", {}).get("requests", [])) if "asks" in step
                             else 0):
            if len(step["asks"]["requests"]) > 1:
                smaller = copy.deepcopy(scenario)
                del smaller["steps"][position]["asks"]["requests"][request]
                yield smaller
    for key in scenario.get("scheduler", {}):
        smaller = copy.deepcopy(scenario)
        del smaller["scheduler"][key]
        yield smaller


def shrink(scenario: dict[str, Any]) -> dict[str, Any]:
    """A smallest-found scenario on which Hadoop and the simulator still disagree."""
    current = scenario
    while True:
        candidates = list(_candidates(current))
        found = mismatches(candidates)
        smaller = next((c for c, diff in zip(candidates, found, strict=True) if diff), None)
        if smaller is None:
            return current
        current = smaller


def with_hadoop_expectations(scenario: dict[str, Any], seed: int | None, note: str
                             ) -> dict[str, Any]:
    """``scenario`` with Hadoop's result of every entry as ``expect`` and a ``source``."""
    hadoop = run_hadoop([scenario])[0]
    expect: list[dict[str, Any]] = []
    seen: dict[int, int] = {}
    for entry in hadoop["steps"]:
        ordinal = seen.get(entry["index"], 0)
        seen[entry["index"]] = ordinal + 1
        item: dict[str, Any] = {"index": entry["index"]}
        if ordinal:
            item["heartbeat"] = ordinal
        item.update({field: entry[field] for field in
                     ("assigned", "reserved", "missed_opportunities", "outstanding")})
        expect.append(item)
    saved = {key: value for key, value in scenario.items() if key != "expect"}
    saved["source"] = {"oracle": ORACLE_NAME, "hadoop": HADOOP_VERSION,
                       "generator": "tests/oracle/random_scenarios.py", "seed": seed,
                       "note": note}
    saved["expect"] = expect
    return saved


def save(scenario: dict[str, Any], name: str) -> Path:
    path = SAVE_DIR / f"oracle-{name}.json"
    path.write_text(json.dumps(scenario, indent=1) + "\n", encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--save", action="store_true",
                        help="save shrunk mismatches under tests/sim/scenarios/")
    args = parser.parse_args()
    seeds = range(args.seed, args.seed + args.count)
    started = time.monotonic()
    found = mismatches([random_scenario(seed) for seed in seeds])
    elapsed = time.monotonic() - started
    failed = [(seed, diff) for seed, diff in zip(seeds, found, strict=True) if diff]
    print(f"{args.count} random scenarios (seeds {args.seed}..{args.seed + args.count - 1}): "
          f"{args.count - len(failed)} agree, {len(failed)} disagree, {elapsed:.1f} s; "
          f"disagreeing seeds: {[seed for seed, _ in failed]}", flush=True)
    for seed, diff in failed:
        small = shrink(random_scenario(seed))
        print(f"seed {seed}: {diff[0][:300]}\n  shrunk to {len(small['steps'])} steps: "
              f"{mismatches([small])[0][0][:600]}")
        if args.save:
            note = "shrunk from a random scenario on which the simulator disagreed with Hadoop"
            print("  saved", save(with_hadoop_expectations(small, seed, note), f"seed-{seed}"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
