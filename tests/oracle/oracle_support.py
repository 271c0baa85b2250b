"""Hadoop's own CapacityScheduler beside the simulator: run both, compare step by step.

``conformance/hadoop-oracle/run`` drives Hadoop 3.4.1 and prints ``yarnlint-simulation/1``
results; this module runs it (one JVM for many scenarios), replays what Hadoop decided
that a scenario leaves open (the node order of asynchronous passes), and lists every
difference between Hadoop's entries and the simulator's.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from yarnlint.sim import run_scenario

REPO = Path(__file__).resolve().parents[2]
ORACLE = REPO / "conformance" / "hadoop-oracle" / "run"
HADOOP_VERSION = "3.4.1"
REQUIRE = "YARNLINT_REQUIRE_ORACLE"
ORACLE_NAME = f"conformance/hadoop-oracle (Apache Hadoop {HADOOP_VERSION} CapacityScheduler)"


def missing_tools() -> str | None:
    """Why the oracle cannot run here, or None when java and mvn are on PATH."""
    absent = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if absent:
        return (f"Hadoop oracle needs a JDK (17+) and Maven on PATH; missing: {', '.join(absent)}"
                f" (set {REQUIRE}=1 to make this a failure)")
    return None


def require_oracle() -> None:
    """Skip (or, with YARNLINT_REQUIRE_ORACLE=1, fail) when the oracle cannot run."""
    reason = missing_tools()
    if reason is None:
        return
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def run_oracle(arguments: list[str], stdin: str | None = None) -> Any:
    """``run ARGUMENTS`` (building on first use); its decoded JSON output."""
    done = subprocess.run([str(ORACLE), *arguments], input=stdin, capture_output=True,
                          text=True, timeout=3600, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"hadoop oracle exited {done.returncode}: {done.stderr[-4000:]}")
    return json.loads(done.stdout)


def run_hadoop(scenarios: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Hadoop's results for ``scenarios``, in order, from one JVM."""
    if not scenarios:
        return []
    results = run_oracle(["-"], json.dumps(scenarios))
    return results if isinstance(results, list) else [results]


# ------------------------------------------------------------------ replay
def replayed(scenario: dict[str, Any], hadoop: dict[str, Any]
             ) -> tuple[dict[str, Any], list[int]]:
    """The scenario with each ``async_passes`` step replaced by Hadoop's node visits.

    Hadoop walks its node map in hash order from a start drawn from its own Random, which
    the simulator does not reproduce; replaying the visits as ``attempt`` steps compares
    everything else. Returns the new scenario and, per new step, its original index.
    """
    visits: dict[int, list[str]] = {}
    for entry in hadoop["steps"]:
        visits.setdefault(entry["index"], []).append(entry["node"])
    steps: list[dict[str, Any]] = []
    origin: list[int] = []
    for index, step in enumerate(scenario["steps"]):
        if "async_passes" in step:
            for node in visits.get(index, []):
                steps.append({"attempt": node})
                origin.append(index)
        else:
            steps.append(step)
            origin.append(index)
    result = copy.deepcopy(scenario)
    result["steps"] = steps
    return result, origin


def simulate_like(scenario: dict[str, Any], hadoop: dict[str, Any]) -> dict[str, Any]:
    """The simulator's result, with asynchronous visits in Hadoop's order."""
    if "error" in hadoop or not any("async_passes" in step for step in scenario["steps"]):
        return run_scenario(scenario)
    replay, origin = replayed(scenario, hadoop)
    result = run_scenario(replay)
    for entry in result["steps"]:
        entry["index"] = origin[entry["index"]]
    return result


# --------------------------------------------------------------- compare
def _containers(records: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(r["app"], r["priority"], r.get("allocation_request_id", 0), r["type"], r["node"],
             bool(r.get("from_reservation"))) for r in records]


def entry_view(entry: dict[str, Any]) -> dict[str, Any]:
    """What is compared of one output entry."""
    return {"index": entry["index"], "kind": entry["kind"], "node": entry["node"],
            "assigned": _containers(entry["assigned"]),
            "reserved": _containers(entry.get("reserved", [])),
            "missed_opportunities": entry["missed_opportunities"],
            "outstanding": entry["outstanding"]}


SUMMARY_FIELDS = ("containers", "containers_total", "reservations", "first_allocation_step",
                  "last_allocation_step", "attempts", "heartbeats")


def differences(hadoop: dict[str, Any], simulated: dict[str, Any], limit: int = 5) -> list[str]:
    """Step-by-step differences (at most ``limit`` entries) and summary differences."""
    if "error" in hadoop:
        return [f"hadoop could not run the scenario: {hadoop['error'][:2000]}"]
    found: list[str] = []
    ours, theirs = simulated["steps"], hadoop["steps"]
    if len(ours) != len(theirs):
        found.append(f"{len(theirs)} entries from Hadoop, {len(ours)} from the simulator")
    for position, (mine, real) in enumerate(zip(ours, theirs, strict=False)):
        mine_view, real_view = entry_view(mine), entry_view(real)
        fields = [field for field in real_view if mine_view[field] != real_view[field]]
        if fields:
            found.append(f"entry {position} (step {real['index']} {real['kind']} {real['node']}): "
                         + "; ".join(f"{field}: hadoop {real_view[field]} simulator "
                                     f"{mine_view[field]}" for field in fields))
            if len(found) >= limit:
                break
    for field in SUMMARY_FIELDS:
        if hadoop["summary"].get(field) != simulated["summary"].get(field):
            found.append(f"summary {field}: hadoop {hadoop['summary'].get(field)} "
                         f"simulator {simulated['summary'].get(field)}")
    return found


def expectation_mismatches(scenario: dict[str, Any], result: dict[str, Any]) -> list[str]:
    """Where ``result`` (Hadoop's) departs from the scenario's written ``expect``."""
    found = []
    for expected in scenario.get("expect", []):
        produced = [e for e in result["steps"] if e["index"] == expected["index"]]
        where = f"expect step {expected['index']}"
        if len(produced) <= expected.get("heartbeat", 0):
            found.append(f"{where}: no such output entry")
            continue
        entry = produced[expected.get("heartbeat", 0)]
        for field in ("assigned", "reserved"):
            if field in expected:
                want = [(r["app"], r["priority"], r["type"]) for r in expected[field]]
                got = [(r["app"], r["priority"], r["type"]) for r in entry[field]]
                if want != got:
                    found.append(f"{where}: {field} is {got}, expected {want}")
        for field in ("missed_opportunities", "outstanding"):
            for app, keys in expected.get(field, {}).items():
                for key, value in keys.items():
                    got_value = entry[field].get(app, {}).get(key)
                    if got_value != value:
                        found.append(f"{where}: {field} {app}/{key} is {got_value}, "
                                     f"expected {value}")
    return found
