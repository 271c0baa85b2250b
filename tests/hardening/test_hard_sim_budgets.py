"""Simulation budgets: nodes, rounds, passes, threads and trace size are capped, idle rounds
count, and a scenario past a cap is a clear exit 2 naming it, before any work is done."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hardening_support import refused, yarnlint

from yarnlint.sim import ScenarioError, run_scenario
from yarnlint.sim.scenario import MAX_NODES, MAX_THREADS, MAX_TRACE_ENTRIES, MAX_WORK


def _scenario(steps: list[dict[str, Any]], scheduler: dict[str, Any] | None = None,
              nodes: int = 4) -> dict[str, Any]:
    return {"format": "yarnlint-scenario/1",
            "cluster": {"generate": {"racks": 1, "nodes_per_rack": nodes}},
            "scheduler": scheduler or {}, "apps": [{"id": "a"}],
            "steps": [{"asks": {"app": "a", "priority": 1,
                                "requests": [{"resource": "*", "containers": 1}]}}, *steps]}


def _write(tmp_path: Path, scenario: dict[str, Any]) -> Path:
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(scenario))
    return path


def test_too_many_generated_nodes(tmp_path: Path) -> None:
    refused(yarnlint("simulate", "--nodes", 100_000_000, "--request", "any", cwd=tmp_path),
            str(MAX_NODES))


def test_too_many_scenario_nodes(tmp_path: Path) -> None:
    scenario = _scenario([])
    scenario["cluster"]["generate"] = {"racks": 10_000, "nodes_per_rack": 10_000}
    refused(yarnlint("simulate", _write(tmp_path, scenario), cwd=tmp_path),
            f"cap of {MAX_NODES} nodes")


@pytest.mark.parametrize("step", [
    {"heartbeats": {"rounds": 10 ** 12}},
    {"heartbeats": {"rounds": 10 ** 12, "nodes": []}},
    {"async_passes": {"count": 10 ** 12}},
])
def test_rounds_and_passes_are_capped_idle_or_not(tmp_path: Path, step: dict[str, Any]) -> None:
    refused(yarnlint("simulate", _write(tmp_path, _scenario([step])), cwd=tmp_path),
            f"cap of {MAX_WORK} node visits")


def test_idle_heartbeats_under_asynchronous_scheduling_count(tmp_path: Path) -> None:
    scenario = _scenario([{"heartbeats": {"rounds": 10 ** 9}}],
                         {"schedule-asynchronously.enable": True})
    refused(yarnlint("simulate", _write(tmp_path, scenario), cwd=tmp_path), "idle rounds count")


def test_threads_are_capped(tmp_path: Path) -> None:
    scenario = _scenario([{"async_passes": {"count": 1}}],
                         {"schedule-asynchronously.enable": True,
                          "schedule-asynchronously.maximum-threads": 10 ** 9})
    refused(yarnlint("simulate", _write(tmp_path, scenario), cwd=tmp_path),
            f"cap of {MAX_THREADS}")


def test_the_trace_is_capped(tmp_path: Path) -> None:
    """A traced run of 5 M attempts once took 2.5 GB."""
    done = yarnlint("simulate", "--nodes", 10, "--request", "any", "--heartbeats", 500_000,
                    cwd=tmp_path)
    refused(done, f"cap of {MAX_TRACE_ENTRIES}")


def test_a_trace_under_the_cap_runs(tmp_path: Path) -> None:
    rounds = MAX_TRACE_ENTRIES // 10
    done = yarnlint("simulate", "--nodes", 10, "--request", "any", "--heartbeats", rounds,
                    "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"]["heartbeats"] == rounds * 10


def test_the_api_refuses_before_running() -> None:
    with pytest.raises(ScenarioError, match="node visits"):
        run_scenario(_scenario([{"heartbeats": {"rounds": 10 ** 15, "nodes": []}}]),
                     trace=False)
