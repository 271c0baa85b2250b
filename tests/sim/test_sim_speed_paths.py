"""The fast path (cached per-rack plans, counted runs) against the plain path.

Random scenarios in the regime the fast path is built for: many applications waiting at
once behind long delays, host asks on many nodes, several keys per application, rack asks
that may not relax, blacklists, resets and setting changes between rounds.
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from yarnlint.sim import run_scenario
from yarnlint.sim.engine import Engine
from yarnlint.sim.fastpath import FastEngine
from yarnlint.sim.recorder import TraceRecorder
from yarnlint.sim.result import build_result
from yarnlint.sim.scenario import parse_scenario
from yarnlint.sim.state import MAX_M

EXAMPLES = settings(max_examples=40, deadline=None)


def _waiting_scenario(rng: random.Random) -> dict[str, Any]:
    """A cluster of a few racks, up to 30 apps with mixed asks, long or short delays."""
    racks, per_rack = rng.randint(1, 5), rng.randint(3, 25)
    nodes = racks * per_rack
    apps = [f"app_{i}" for i in range(rng.randint(1, 30))]
    steps: list[dict[str, Any]] = []
    for app in apps:
        for priority in range(rng.randint(1, 3)):
            count = rng.randint(1, 12)
            requests = [{"resource": "*", "containers": count,
                         "relax_locality": rng.random() > 0.1}]
            for _ in range(rng.choice([0, 0, 1, 3, 8])):
                requests.append({"resource": f"node{rng.randint(1, nodes)}",
                                 "containers": rng.randint(0, 3)})
            for _ in range(rng.randint(0, 2)):
                requests.append({"resource": f"/rack{rng.randint(1, racks)}",
                                 "containers": rng.randint(0, count),
                                 "relax_locality": rng.random() > 0.2})
            steps.append({"asks": {"app": app, "priority": priority,
                                   "allocation_request_id": rng.choice([0, 0, 1]),
                                   "memory_mb": rng.choice([1024, 2048, 5000]),
                                   "requests": requests}})
    for _ in range(rng.randint(1, 4)):
        roll = rng.random()
        if roll < 0.15:
            steps.append({"set": {"node-locality-delay": rng.randint(0, 3 * nodes)}})
        elif roll < 0.25:
            steps.append({"reset_missed_opportunities": {"app": rng.choice(apps),
                                                         "priority": 0}})
        elif roll < 0.35:
            steps.append({"blacklist": {"app": rng.choice(apps),
                                        "add": [f"node{rng.randint(1, nodes)}"]}})
        elif roll < 0.45:
            steps.append({"asks": {"app": rng.choice(apps), "priority": 0, "requests": [
                {"resource": "*", "containers": rng.randint(0, 5)}]}})
        elif roll < 0.55:
            steps.append({"async_passes": {"count": rng.randint(1, 2)}})
        steps.append({"heartbeats": {"rounds": rng.randint(1, 6)}})
    delay = rng.choice([0, 5, 40, nodes // 2, nodes * 3, 200])
    scheduler: dict[str, Any] = {
        "node-locality-delay": delay,
        "rack-locality-additional-delay": rng.choice([-1, -1, 0, 7, 400]),
        "rack-locality-full-reset": rng.random() > 0.3,
        "per-node-heartbeat.maximum-offswitch-assignments": rng.choice([1, 1, 3]),
        "per-node-heartbeat.maximum-container-assignments": rng.choice([-1, 2, 100])}
    if rng.random() < 0.15:
        scheduler["schedule-asynchronously.enable"] = True
    return {"format": "yarnlint-scenario/1",
            "cluster": {"generate": {"racks": racks, "nodes_per_rack": per_rack,
                                     "memory_mb": rng.choice([4096, 8192, 16384])},
                        "num_cluster_nodes": rng.choice([nodes, nodes, nodes * 20, 0])},
            "scheduler": scheduler, "apps": [{"id": app} for app in apps], "steps": steps,
            "seed": rng.randint(0, 1000),
            "limits": {"max_attempts": rng.choice([10**6, 10**6, 700])}}


def _summary(scenario: dict[str, Any], fast: bool,
             m_start: int | None = None) -> dict[str, Any]:
    """The summary of a run; ``m_start`` sets every key's M after the first asks."""
    engine = Engine(parse_scenario(scenario), trace=False, fast=fast)
    if m_start is None:
        engine.run()
    else:
        first, *rest = engine.scenario.steps
        engine.run_step(0, first)
        for app in engine.apps:
            for key in app.keys.values():
                key.m = m_start
        engine.scenario = replace(engine.scenario, steps=tuple(rest))
        engine.run()
    return build_result(engine)["summary"]


def test_the_flags_pick_the_path_the_comparisons_need() -> None:
    """``fast=True`` without a trace is the fast path; anything else is the plain one."""
    parsed = parse_scenario(_waiting_scenario(random.Random(1)))
    assert isinstance(Engine(parsed, trace=False, fast=True), FastEngine)
    assert not isinstance(Engine(parsed, trace=False, fast=False), FastEngine)
    assert not isinstance(Engine(parsed, trace=True, fast=True), FastEngine)


@EXAMPLES
@given(st.integers(0, 2**32))
def test_fast_path_matches_plain_path_when_many_apps_wait(seed: int) -> None:
    scenario = _waiting_scenario(random.Random(seed))
    assert _summary(scenario, fast=True) == _summary(scenario, fast=False)


def test_fast_path_matches_plain_path_on_seeded_long_waits() -> None:
    """Delays of hundreds of opportunities on larger clusters: most apps wait at once."""
    rng = random.Random(7)
    for _ in range(12):
        scenario = _waiting_scenario(rng)
        scenario["scheduler"].update({"node-locality-delay": rng.choice([100, 200, 300]),
                                      "rack-locality-additional-delay": rng.choice([-1, 400])})
        assert _summary(scenario, fast=True) == _summary(scenario, fast=False)


def test_fast_path_matches_plain_path_near_saturation() -> None:
    """Keys starting just below Integer.MAX_VALUE: counting, un-counting and the cap."""
    rng = random.Random(11)
    for _ in range(12):
        scenario = _waiting_scenario(rng)
        m_start = MAX_M - rng.randint(0, 40)
        assert (_summary(scenario, fast=True, m_start=m_start)
                == _summary(scenario, fast=False, m_start=m_start))


def test_saturated_key_that_skips_loses_one_on_both_paths() -> None:
    """A key at Integer.MAX_VALUE whose rack ask does not relax: the un-count still counts."""
    scenario = {"format": "yarnlint-scenario/1",
                "cluster": {"generate": {"racks": 2, "nodes_per_rack": 4},
                            "num_cluster_nodes": 0},  # off-switch never allowed
                "apps": [{"id": "a"}, {"id": "b"}],
                "steps": [{"asks": {"app": "a", "priority": 1, "requests": [
                    {"resource": "/rack2", "containers": 1, "relax_locality": False},
                    {"resource": "*", "containers": 1}]}},
                    {"asks": {"app": "b", "priority": 1, "requests": [
                        {"resource": "/rack1", "containers": 1},
                        {"resource": "*", "containers": 1}]}},
                    {"heartbeats": {"rounds": 1}}]}
    fast, plain = (_summary(scenario, fast=f, m_start=MAX_M) for f in (True, False))
    assert fast == plain
    assert plain["missed_opportunities"]["a"]["1"] == MAX_M - 1


def test_traced_summary_matches_untraced() -> None:
    """The traced run (plain path, snapshots) and the untraced one agree on every number."""
    rng = random.Random(3)
    for _ in range(8):
        scenario = _waiting_scenario(rng)
        traced = run_scenario(scenario, trace=True)
        assert traced["summary"] == run_scenario(scenario, trace=False)["summary"]
        assert json.loads(json.dumps(traced)) == traced


class _FreshSnapshotRecorder(TraceRecorder):
    """A trace that builds each entry's snapshots anew instead of sharing them."""

    def _record(self, entry: dict[str, Any]) -> None:
        self.snapshot = None
        super()._record(entry)


class _FreshSnapshots(Engine):
    TRACE_RECORDER = _FreshSnapshotRecorder


def test_shared_snapshots_match_fresh_ones() -> None:
    """Entries share the previous snapshot only when nothing could have changed it."""
    rng = random.Random(5)
    for _ in range(15):
        scenario = _waiting_scenario(rng)
        if rng.random() < 0.2:
            scenario["scheduler"]["multi-node-placement-enabled"] = True
        parsed = parse_scenario(scenario)
        outputs = []
        for engine_class in (Engine, _FreshSnapshots):
            engine = engine_class(parsed, trace=True, fast=False)
            assert type(engine.recorder) is engine_class.TRACE_RECORDER
            engine.run()
            outputs.append(json.dumps(build_result(engine)))
        assert outputs[0] == outputs[1]
