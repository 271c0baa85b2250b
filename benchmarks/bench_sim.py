"""Simulator speed: node attempts per second on a large cluster, and small evidence runs.

Prints medians; asserts nothing. Run: python benchmarks/bench_sim.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from yarnlint.sim import build_scenario, run_scenario
from yarnlint.sim.engine import Engine
from yarnlint.sim.scenario import parse_scenario


def big_cluster(settings: dict[str, Any], seed: int = 1) -> dict[str, Any]:
    """5,000 nodes in 50 racks, 200 apps of mixed host/rack/ANY asks, 20 heartbeat rounds."""
    rng = random.Random(seed)
    racks, per_rack = 50, 100
    nodes = racks * per_rack
    steps: list[dict[str, Any]] = []
    for app in range(200):
        count = rng.randint(5, 60)
        kind = app % 3
        requests: list[dict[str, Any]] = [{"resource": "*", "containers": count}]
        if kind == 0:  # MapReduce-like: three replica hosts per container, their racks
            wanted: dict[str, int] = {}
            for _ in range(count):
                for host in rng.sample(range(1, nodes + 1), 3):
                    rack = f"/rack{(host - 1) // per_rack + 1}"
                    wanted[f"node{host}"] = wanted.get(f"node{host}", 0) + 1
                    wanted[rack] = wanted.get(rack, 0) + 1
            requests += [{"resource": name, "containers": n} for name, n in wanted.items()]
        elif kind == 1:  # rack-bound
            requests.append({"resource": f"/rack{rng.randint(1, racks)}", "containers": count})
        steps.append({"asks": {"app": f"app_{app}", "priority": 1, "memory_mb": 2048,
                               "vcores": 1, "requests": requests}})
    steps.append({"heartbeats": {"rounds": 20}})
    return {"format": "yarnlint-scenario/1", "name": "benchmark",
            "cluster": {"generate": {"racks": racks, "nodes_per_rack": per_rack,
                                     "memory_mb": 65536, "vcores": 32}},
            "scheduler": settings, "apps": [{"id": f"app_{i}"} for i in range(200)],
            "steps": steps, "limits": {"max_attempts": 10**8}}


def evidence_runs() -> list[tuple[str, dict[str, Any]]]:
    """Scenarios of the size rules build for a finding's evidence (<= 2,000 attempts)."""
    return [
        ("400 nodes, rack ask, D=5, 2 rounds", build_scenario(
            nodes=400, racks=10, requests=["rack:/rack1 x3"],
            settings={"node-locality-delay": "5"}, heartbeats=2)),
        ("40 nodes, rack ask, A=0, 1 round", build_scenario(
            nodes=40, racks=2, requests=["rack:/rack1 x3"],
            settings={"node-locality-delay": "5", "rack-locality-additional-delay": "0"})),
        ("1000 nodes, host asks, D=40 A=0, 2 rounds", build_scenario(
            nodes=1000, racks=20, requests=["host:node5 x2", "host:node300 x2", "any x10"],
            settings={"rack-locality-additional-delay": "0"}, heartbeats=2)),
    ]


def _run_engine(parsed: Any) -> None:
    Engine(parsed, trace=False, fast=True).run()


def median_seconds(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    print(f"machine: {platform.platform()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}")
    print("(a) 5,000 nodes / 50 racks / 200 apps / 20 heartbeat rounds, trace=False")
    for label, settings in [("default delays (D=40, A=-1)", {}),
                            ("D=40, A=0 (delays bite)", {"rack-locality-additional-delay": 0}),
                            ("D=200, A=400 (long waits)", {"node-locality-delay": 200,
                                                           "rack-locality-additional-delay": 400})]:
        scenario = big_cluster(settings)
        seconds, result = median_seconds(lambda s=scenario: run_scenario(s, trace=False), repeat)
        parsed = parse_scenario(scenario)
        engine_seconds, _ = median_seconds(lambda p=parsed: _run_engine(p), repeat)
        summary = result["summary"]
        attempts = summary["attempts"]
        print(f"  {label}: {attempts:,} attempts, {summary['containers_total']:,} containers;"
              f" run_scenario {seconds * 1000:.0f} ms -> {attempts / seconds:,.0f} attempts/s;"
              f" engine alone {engine_seconds * 1000:.0f} ms"
              f" -> {attempts / engine_seconds:,.0f} attempts/s")
    print("(b) evidence-sized runs, median wall time")
    for label, scenario in evidence_runs():
        for trace in (False, True):
            seconds, result = median_seconds(
                lambda s=scenario, t=trace: run_scenario(s, trace=t), max(repeat, 21))
            print(f"  {label}, trace={trace}: {result['summary']['attempts']} attempts,"
                  f" {seconds * 1000:.2f} ms")


if __name__ == "__main__":
    main()
