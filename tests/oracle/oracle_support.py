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
    """Hadoop's results for ``scenarios``, in order, from one JVM.

    An app with ``resends_asks`` has its ApplicationMaster's re-sends written out as asks
    steps first (:func:`with_resends`); its results carry the original step indexes."""
    if not scenarios:
        return []
    converted = [with_resends(scenario) for scenario in scenarios]
    results = run_oracle(["-"], json.dumps([scenario for scenario, _ in converted]))
    results = results if isinstance(results, list) else [results]
    for result, (_, origin) in zip(results, converted, strict=True):
        for entry in result.get("steps", []) if origin else []:
            entry["index"] = origin[entry["index"]]
    return results


# ------------------------------------------------------ AM re-sends, written out
def _key_name(body: dict[str, Any]) -> tuple[str, int, int]:
    return body["app"], body["priority"], body.get("allocation_request_id", 0)


def with_resends(scenario: dict[str, Any]) -> tuple[dict[str, Any], list[int] | None]:
    """``scenario`` with the re-sends of its ``resends_asks`` apps as explicit asks steps.

    The simulator keeps an entry that an allocation brings to 0 in the key's map, as the
    app's AM puts it back by re-sending its totals; Hadoop's harness sends only what is
    written. So every scheduling step is split into its output entries (one ``attempt`` or
    ``heartbeat`` step each, as the simulator ran them) and after each entry that gave such
    an app containers an asks step re-sends, at 0, the host and rack entries brought to 0
    (all of them with ANY at 0 once ANY reached 0, which drops the key's map). Returns the
    scenario unchanged and None when no app re-sends; else the new scenario and, per new
    step, its original index.
    """
    resending = {app["id"] for app in scenario["apps"] if app.get("resends_asks")}
    if not resending:
        return scenario, None
    if any("async_passes" in step for step in scenario["steps"]):
        raise ValueError("resends_asks with async_passes: Hadoop's visits are replayed instead")
    entries: dict[int, list[dict[str, Any]]] = {}
    for entry in run_scenario(scenario)["steps"]:
        entries.setdefault(entry["index"], []).append(entry)
    tables: dict[tuple[str, int, int], dict[str, list[Any]]] = {}
    bodies: dict[tuple[str, int, int], dict[str, Any]] = {}
    rack_of = _racks(scenario)
    steps: list[dict[str, Any]] = []
    origin: list[int] = []
    for index, step in enumerate(scenario["steps"]):
        kind = next(iter(step))
        if kind == "asks":
            key = _key_name(step["asks"])
            bodies[key] = step["asks"]
            table = tables.setdefault(key, {})
            for request in step["asks"]["requests"]:
                table[request["resource"]] = [request["containers"],
                                              request.get("relax_locality", True)]
            if table.get("*", [1])[0] <= 0:
                table.clear()
        if kind not in ("attempt", "heartbeat", "heartbeats"):
            steps.append(step)
            origin.append(index)
            continue
        for entry in entries.get(index, []):
            steps.append({entry["kind"]: entry["node"]})
            origin.append(index)
            for record in entry["assigned"]:
                key = (record["app"], record["priority"], record.get("allocation_request_id", 0))
                if record["app"] not in resending:
                    continue
                resend = _allocated(tables[key], record, rack_of)
                if resend:
                    body = {**bodies[key], "requests": resend}
                    steps.append({"asks": body})
                    origin.append(index)
    converted = copy.deepcopy(scenario)
    converted["steps"] = steps
    return converted, origin


def _racks(scenario: dict[str, Any]) -> dict[str, str]:
    cluster = scenario["cluster"]
    if "generate" in cluster:
        racks, per_rack = cluster["generate"]["racks"], cluster["generate"]["nodes_per_rack"]
        return {f"node{r * per_rack + i + 1}": f"/rack{r + 1}"
                for r in range(racks) for i in range(per_rack)}
    return {node["host"]: node.get("rack", "/default-rack") for node in cluster["nodes"]}


def _allocated(table: dict[str, list[Any]], record: dict[str, Any], rack_of: dict[str, str]
               ) -> list[dict[str, Any]]:
    """Lower ``table`` for one container as the scheduler does; the AM's re-send of it."""
    names = {"NODE_LOCAL": [record["node"], rack_of[record["node"]]],
             "RACK_LOCAL": [rack_of[record["node"]]]}.get(record["type"], [])
    emptied = []
    for name in [*names, "*"]:
        if name in table:
            table[name][0] -= 1
            if table[name][0] == 0:
                emptied.append(name)
    if "*" in emptied:
        resend = [{"resource": name, "containers": 0, "relax_locality": relax}
                  for name, (_, relax) in table.items()]
        table.clear()
        return resend
    return [{"resource": name, "containers": 0, "relax_locality": table[name][1]}
            for name in emptied if name != "*"]


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
