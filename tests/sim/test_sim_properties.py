"""Invariants on random scenarios, and the fast path against the plain path."""

from __future__ import annotations

import json
import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from yarnlint.sim import run_scenario
from yarnlint.sim.engine import Engine
from yarnlint.sim.result import build_result
from yarnlint.sim.scenario import parse_scenario
from yarnlint.sim.state import MAX_M

EXAMPLES = settings(max_examples=60, deadline=None)


@st.composite
def scenarios(draw: Any, max_nodes: int = 8) -> dict[str, Any]:
    """Small clusters, a few apps, and a random mix of every step kind."""
    racks = [f"/rack{i}" for i in range(1, draw(st.integers(1, 3)) + 1)]
    nodes = [{"host": f"node{i}", "rack": draw(st.sampled_from(racks)),
              "memory_mb": draw(st.sampled_from([2048, 4096, 8192])), "vcores": 4}
             for i in range(1, draw(st.integers(1, max_nodes)) + 1)]
    hosts = [node["host"] for node in nodes]
    apps = [f"app_{i}" for i in range(1, draw(st.integers(1, 3)) + 1)]
    names = st.sampled_from([*hosts, *racks, "*", "*"])
    request = st.fixed_dictionaries({"resource": names, "containers": st.integers(0, 4),
                                     "relax_locality": st.booleans()})
    asks = st.fixed_dictionaries({
        "app": st.sampled_from(apps), "priority": st.integers(0, 2),
        "allocation_request_id": st.integers(0, 1),
        "memory_mb": st.sampled_from([512, 1024, 3072]), "vcores": st.integers(1, 2),
        "requests": st.lists(request, min_size=1, max_size=5)})
    setting = st.one_of(
        st.fixed_dictionaries({"node-locality-delay": st.integers(-1, 6)}),
        st.fixed_dictionaries({"rack-locality-additional-delay": st.integers(-2, 4)}),
        st.fixed_dictionaries({"rack-locality-full-reset": st.booleans()}),
        st.fixed_dictionaries({"per-node-heartbeat.maximum-container-assignments":
                               st.integers(-2, 3)}),
        st.fixed_dictionaries({"per-node-heartbeat.maximum-offswitch-assignments":
                               st.integers(-1, 3)}),
        st.fixed_dictionaries({"per-node-heartbeat.multiple-assignments-enabled":
                               st.booleans()}),
        st.fixed_dictionaries({"schedule-asynchronously.enable": st.booleans()}),
        st.fixed_dictionaries({"multi-node-placement-enabled": st.booleans()}),
        st.fixed_dictionaries({"resource-calculator": st.sampled_from(
            ["org.apache.hadoop.yarn.util.resource.DominantResourceCalculator",
             "org.apache.hadoop.yarn.util.resource.DefaultResourceCalculator"])}))
    step = st.one_of(
        st.builds(lambda body: {"asks": body}, asks),
        st.builds(lambda body: {"asks": body}, asks),
        st.builds(lambda host: {"attempt": host}, st.sampled_from(hosts)),
        st.builds(lambda host: {"heartbeat": host}, st.sampled_from(hosts)),
        st.builds(lambda rounds: {"heartbeats": {"rounds": rounds}}, st.integers(1, 3)),
        st.builds(lambda count: {"async_passes": {"count": count}}, st.integers(1, 2)),
        st.builds(lambda body: {"set": body}, setting),
        st.builds(lambda app, priority: {"reset_missed_opportunities":
                                         {"app": app, "priority": priority}},
                  st.sampled_from(apps), st.integers(0, 2)),
        st.builds(lambda app, add, remove: {"blacklist": {"app": app, "add": add,
                                                          "remove": remove}},
                  st.sampled_from(apps), st.lists(names.filter(lambda n: n != "*"), max_size=1),
                  st.lists(names.filter(lambda n: n != "*"), max_size=2)))
    return {"format": "yarnlint-scenario/1", "name": "random",
            "cluster": {"nodes": nodes,
                        "num_cluster_nodes": draw(st.sampled_from([len(nodes), 0, 3, 50]))},
            "scheduler": draw(setting), "apps": [{"id": app} for app in apps],
            "steps": draw(st.lists(step, min_size=1, max_size=25)),
            "seed": draw(st.integers(0, 2**31))}


def _key_label(asks: dict[str, Any]) -> str:
    request_id = asks.get("allocation_request_id", 0)
    return str(asks["priority"]) if request_id == 0 else f"{asks['priority']}/{request_id}"


@EXAMPLES
@given(scenarios())
def test_missed_opportunities_stay_in_range(scenario: dict[str, Any]) -> None:
    for entry in run_scenario(scenario)["steps"]:
        for keys in entry["missed_opportunities"].values():
            assert all(0 <= m <= MAX_M for m in keys.values())
        for decision in entry["decisions"]:
            if "m_after" in decision:
                assert 0 <= decision["m_after"] <= MAX_M


@EXAMPLES
@given(scenarios())
def test_nodes_never_overcommitted(scenario: dict[str, Any]) -> None:
    engine = Engine(parse_scenario(scenario), trace=False, fast=True)
    engine.run()
    for node in engine.nodes:
        assert node.free_mb >= 0
        assert node.containers >= 0
    if engine.settings.dominant_resource_calculator:
        assert all(node.free_vcores >= 0 for node in engine.nodes
                   if node.containers and node.total_vcores)


@EXAMPLES
@given(scenarios())
def test_outstanding_follows_asks_and_containers(scenario: dict[str, Any]) -> None:
    """Outstanding = the last ANY asked minus the containers placed since; never below 0."""
    result = run_scenario(scenario)
    by_index: dict[int, list[dict[str, Any]]] = {}
    for entry in result["steps"]:
        by_index.setdefault(entry["index"], []).append(entry)
        for keys in entry["outstanding"].values():
            assert all(count >= 0 for count in keys.values())
    expected: dict[tuple[str, str], int] = {}
    for index, step in enumerate(scenario["steps"]):
        if "asks" in step:
            asks = step["asks"]
            for request in asks["requests"]:
                if request["resource"] == "*":
                    expected[(asks["app"], _key_label(asks))] = request["containers"]
        for entry in by_index.get(index, []):
            for container in entry["assigned"]:
                label = str(container["priority"])
                if container.get("allocation_request_id"):
                    label += f"/{container['allocation_request_id']}"
                expected[(container["app"], label)] -= 1
                assert expected[(container["app"], label)] >= 0
    summary = result["summary"]
    if summary["converged"]:
        for (app, label), count in expected.items():
            assert summary["outstanding"][app][label] == count
    placed = sum(len(entry["assigned"]) for entry in result["steps"])
    assert placed == summary["containers_total"] == sum(summary["containers"].values())


@EXAMPLES
@given(scenarios())
def test_identical_input_identical_output(scenario: dict[str, Any]) -> None:
    first = json.dumps(run_scenario(scenario), sort_keys=True)
    assert json.dumps(run_scenario(json.loads(json.dumps(scenario))), sort_keys=True) == first


def _summary(scenario: dict[str, Any], fast: bool) -> dict[str, Any]:
    engine = Engine(parse_scenario(scenario), trace=False, fast=fast)
    engine.run()
    return build_result(engine)["summary"]


@EXAMPLES
@given(scenarios(max_nodes=30))
def test_fast_path_matches_plain_path(scenario: dict[str, Any]) -> None:
    assert _summary(scenario, fast=True) == _summary(scenario, fast=False)


def test_fast_path_matches_plain_path_on_larger_seeded_clusters() -> None:
    """Long runs of plain nodes, many apps waiting: where the fast path does most."""
    rng = random.Random(20240601)
    for _ in range(25):
        racks, per_rack = rng.randint(1, 6), rng.randint(5, 40)
        nodes = racks * per_rack
        steps: list[dict[str, Any]] = []
        apps = [f"app_{i}" for i in range(rng.randint(1, 12))]
        for app in apps:
            for priority in range(rng.randint(1, 2)):
                count = rng.randint(1, 30)
                requests = [{"resource": "*", "containers": count,
                             "relax_locality": rng.random() > 0.1}]
                for _host in range(rng.randint(0, 3)):
                    requests.append({"resource": f"node{rng.randint(1, nodes)}",
                                     "containers": rng.randint(0, 3)})
                for _rack in range(rng.randint(0, 2)):
                    requests.append({"resource": f"/rack{rng.randint(1, racks)}",
                                     "containers": rng.randint(0, count),
                                     "relax_locality": rng.random() > 0.2})
                steps.append({"asks": {"app": app, "priority": priority, "requests": requests}})
        steps.append({"heartbeats": {"rounds": rng.randint(1, 4)}})
        if rng.random() < 0.3:
            steps.append({"blacklist": {"app": apps[0], "add": [f"node{rng.randint(1, nodes)}"]}})
            steps.append({"heartbeats": {"rounds": 1}})
        scenario = {"format": "yarnlint-scenario/1",
                    "cluster": {"generate": {"racks": racks, "nodes_per_rack": per_rack,
                                             "memory_mb": rng.choice([4096, 8192])},
                                "num_cluster_nodes": rng.choice([nodes, nodes * 10])},
                    "scheduler": {"node-locality-delay": rng.randint(0, 60),
                                  "rack-locality-additional-delay": rng.choice([-1, 0, 5, 30])},
                    "apps": [{"id": app, "resends_asks": rng.random() < 0.5} for app in apps],
                    "steps": steps, "limits": {"max_attempts": rng.choice([10**6, 500])}}
        assert _summary(scenario, fast=True) == _summary(scenario, fast=False)


def test_saturation_and_uncount_at_the_top() -> None:
    """Guava's add() at Integer.MAX_VALUE fails silently; removeExactly then takes one off."""
    scenario = {"format": "yarnlint-scenario/1",
                "cluster": {"generate": {"racks": 1, "nodes_per_rack": 2}},
                "apps": [{"id": "a"}],
                "steps": [{"asks": {"app": "a", "priority": 1, "requests": [
                    {"resource": "*", "containers": 1, "relax_locality": False}]}}]}
    engine = Engine(parse_scenario(scenario), trace=True, fast=False)
    engine.run()
    key = engine.app_by_id["a"].keys[(1, 0)]
    key.m = MAX_M
    engine.attempt(engine.nodes[0])  # ANY not relaxable: priority skipped, un-counted
    assert key.m == MAX_M - 1


def test_cap_stops_the_run() -> None:
    scenario = {"format": "yarnlint-scenario/1",
                "cluster": {"generate": {"racks": 1, "nodes_per_rack": 10}},
                "apps": [{"id": "a"}], "limits": {"max_attempts": 25},
                "steps": [{"asks": {"app": "a", "priority": 1, "requests": [
                    {"resource": "/rack2", "containers": 1}, {"resource": "*", "containers": 1}]}},
                    {"heartbeats": {"rounds": 100}}]}
    for trace in (True, False):
        summary = run_scenario(scenario, trace=trace)["summary"]
        assert summary["converged"] is False
        assert summary["attempts"] == 25
        assert summary["stopped_after_heartbeats"] == 25
