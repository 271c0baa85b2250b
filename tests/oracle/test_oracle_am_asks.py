"""The rules' evidence workloads ask as ApplicationMasters do (``resends_asks``): entries an
allocation brings to 0 stay in U. Hadoop, given the AM's re-sends written out, agrees."""

from __future__ import annotations

from typing import Any

import pytest
from oracle_support import differences, require_oracle, run_hadoop, simulate_like, with_resends

from yarnlint.sim import run_scenario
from yarnlint.whatif import runs
from yarnlint.whatif.layout import Layout
from yarnlint.whatif.workloads import PROFILES

AUTOMATIC = (("node-locality-delay", "5"), ("rack-locality-additional-delay", "-1"))


class _Cluster:
    def __init__(self, nodes: int, racks: int) -> None:
        self.hosts = tuple(f"node{i + 1}" for i in range(nodes))
        self.racks = tuple(f"/rack{1 + i * racks // nodes}" for i in range(nodes))
        self.heartbeat_ms = 1000


def _workload_scenarios() -> list[dict[str, Any]]:
    scenarios = []
    for nodes, racks in ((20, 1), (60, 3), (200, 5)):
        layout = Layout.of(_Cluster(nodes, racks))
        for name in ("hdfs-batch", "mixed"):
            for settings in ((), AUTOMATIC):
                scenarios.append(runs.scenario(PROFILES[name], layout, settings, 2))
    return scenarios


def _entries(result: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(entry["index"], entry["node"], [(r["app"], r["type"]) for r in entry["assigned"]],
             entry["missed_opportunities"], entry["outstanding"]) for entry in result["steps"]]


def test_workloads_ask_through_their_application_masters() -> None:
    scenario = _workload_scenarios()[0]
    flags = {app["id"]: app.get("resends_asks", False) for app in scenario["apps"]}
    assert flags == {runs.MAPS: True}


@pytest.mark.parametrize("scenario", _workload_scenarios(), ids=lambda s: s["name"])
def test_resends_asks_is_the_written_out_resends(scenario: dict[str, Any]) -> None:
    """The flag means what the AM's re-sends, sent as asks steps, do in the simulator."""
    written, origin = with_resends(scenario)
    assert origin is not None
    explicit = run_scenario({**written, "apps": [{"id": app["id"]} for app in written["apps"]]})
    for entry in explicit["steps"]:
        entry["index"] = origin[entry["index"]]
    assert _entries(explicit) == _entries(run_scenario(scenario))


def test_workloads_with_am_resends_agree_with_hadoop() -> None:
    require_oracle()
    scenarios = _workload_scenarios()
    for scenario, hadoop in zip(scenarios, run_hadoop(scenarios), strict=True):
        assert differences(hadoop, simulate_like(scenario, hadoop)) == [], scenario["name"]
