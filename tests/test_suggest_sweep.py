"""Suggested values by a simulated sweep: profiles, the pick, caching, explain, re-run index."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

from yarnlint.api import Linter, LintOptions
from yarnlint.model.cluster import ClusterSpec, even_cluster
from yarnlint.rules import evidence as ev
from yarnlint.rules import sweep as sw

P = "yarn.scheduler.capacity."
LINTER = Linter()


def _lint(path: Path, nodes: int = 400, racks: int | None = 10, workload: str | None = None,
          select: str | None = None) -> list[Any]:
    options = LintOptions(cluster=ClusterSpec(nodes, racks), workload=workload,
                          select=frozenset({select}) if select else None)
    return LINTER.lint_file(path, options).findings


def _report(path: Path, *args: str) -> dict[str, Any]:
    result = run_cli("check", path, "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.output)
    return report


def test_profiles_are_data_with_a_documented_default() -> None:
    assert set(ev.PROFILES) == {"hdfs-batch", "locality-free", "mixed"}
    assert ev.DEFAULT_PROFILE == "hdfs-batch"
    batch, free, mixed = (ev.WORKLOADS[name] for name in ev.PROFILES)
    assert batch.replicas == 3 and batch.locality == "host"
    assert free.locality == "any" and free.am_containers > 0
    assert mixed.replicas == 3 and mixed.any_per_node > 0
    assert ev.profile({}) is batch and ev.profile({"profile": "mixed"}) is mixed
    assert ev.workload({"workload": "rack-burst", "profile": "mixed"}).name == "rack-burst"


def test_replica_asks_count_each_container_once_per_rack_and_any() -> None:
    layout = ev.Layout.of(even_cluster(40, 4, 1000))
    asks = {a["resource"]: a["containers"] for a in ev.replica_asks(ev.WORKLOADS["hdfs-batch"],
                                                                     layout)}
    containers = ev.WORKLOADS["hdfs-batch"].burst(len(layout.visit))
    assert asks["*"] == containers
    hosts = {k: v for k, v in asks.items() if k.startswith("node")}
    racks = {k: v for k, v in asks.items() if k.startswith("/rack")}
    assert sum(hosts.values()) == 3 * containers
    assert all(v <= containers for v in racks.values()) and sum(racks.values()) >= containers


def test_pick_keeps_node_local_within_tolerance_and_waits_least(write_config) -> None:
    model_path = write_config((P + "node-locality-delay", "1"), name="low.xml")
    found = _lint(model_path, nodes=120, racks=3, select="YL102")
    assert found, "a delay of 1 on 40-node racks loses node locality"
    suggestion = found[0].evidence["suggestion"]
    table = suggestion["table"]
    best = max(row["node_local_share"] for row in table)
    picked = suggestion["picked"]
    assert picked["node_local_share"] >= best - suggestion["tolerance"] - 1e-9
    acceptable = [r for r in table if r["node_local_share"] >= best - suggestion["tolerance"]
                  and r["off_switch_share"] <= min(t["off_switch_share"] for t in table)
                  + suggestion["tolerance"]]
    fastest = min(r["seconds_per_container"] for r in acceptable)
    assert picked["seconds_per_container"] <= fastest * (1 + sw.SAME_WAIT) + 0.001
    assert found[0].fix is not None and found[0].fix.value == suggestion["value"]
    assert f"use node-locality-delay = {suggestion['value']}" in found[0].message
    assert "node-local" in found[0].message and "wait per container" in found[0].message


def test_sweep_is_bounded_and_cached() -> None:
    cluster = even_cluster(400, 10, 1000)
    work = ev.WORKLOADS["hdfs-batch"]
    settings = {"node-locality-delay": "40", "heartbeat-interval-ms": "1000"}
    assert ev.simulate(cluster, work, settings) is ev.simulate(cluster, work, dict(settings))
    values, reference = sw.grid(None, cluster, ev.NODE_DELAY)
    assert reference == "40" and len(values) <= 12 and values[-1] == "400"


def test_applied_suggestion_is_a_fixed_point(write_config) -> None:
    path = write_config((P + "node-locality-delay", "0"))
    [finding] = _lint(path, select="YL103")
    value = finding.evidence["suggestion"]["value"]
    fixed = write_config((P + "node-locality-delay", value), name="fixed.xml")
    assert _lint(fixed, select="YL103") == []
    assert _lint(fixed, select="YL102") == []


def test_workload_flag_and_config_key_select_the_profile(write_config, tmp_path: Path) -> None:
    path = write_config((P + "node-locality-delay", "0"))
    default = _report(path, "--nodes", "400", "--racks", "10")["findings"]
    assert {f["evidence"]["suggestion"]["workload"] for f in default if f["evidence"]
            and "suggestion" in f["evidence"]} == {"hdfs-batch"}
    assert "(hdfs-batch workload)" in next(f for f in default if f["rule_id"] == "YL103")[
        "evidence"]["summary"]
    free = _report(path, "--nodes", "400", "--racks", "10", "--workload", "locality-free")
    yl103 = next(f for f in free["findings"] if f["rule_id"] == "YL103")
    assert yl103["evidence"]["suggestion"]["workload"] == "locality-free"
    (tmp_path / ".yarnlint.toml").write_text('workload = "mixed"\nnodes = 400\nracks = 10\n',
                                            encoding="utf-8")
    configured = _report(path)
    yl103 = next(f for f in configured["findings"] if f["rule_id"] == "YL103")
    assert yl103["evidence"]["suggestion"]["workload"] == "mixed"
    (tmp_path / ".yarnlint.toml").write_text('workload = "spark"\n', encoding="utf-8")
    bad = run_cli("check", path)
    assert bad.exit_code == 2 and "workload" in bad.output


@pytest.mark.parametrize("rule", ["YL102", "YL105"])
def test_explain_shows_the_sweep_table(rule: str) -> None:
    result = run_cli("explain", rule, "--nodes", "400", "--racks", "10")
    assert result.exit_code == 0, result.output
    assert "value  node-local  rack-local  off-switch" in result.output
    assert "<- pick" in result.output and "(yours)" in result.output
    other = run_cli("explain", rule, "--nodes", "24", "--racks", "2", "--workload", "mixed")
    assert "mixed workload" in other.output and other.output != result.output
    assert run_cli("explain", rule, "--racks", "2").exit_code == 2


def test_rerun_names_the_findings_index(write_config) -> None:
    path = write_config((P + "node-locality-delay", "40"))
    report = _report(path, "--nodes", "40", "--racks", "2")
    reruns = [(n, f["evidence"]["rerun"]) for n, f in enumerate(report["findings"], 1)
              if f["evidence"] and "--from-finding" in f["evidence"]["rerun"]]
    assert reruns
    for index, rerun in reruns:
        assert rerun == f"yarnlint simulate --from-finding REPORT.json:{index}"
    text = run_cli("check", path, "--nodes", "40", "--racks", "2").output
    assert (f"--nodes 40 --racks 2 --format json > report.json && yarnlint simulate "
            f"--from-finding report.json:{reruns[0][0]}") in text
    assert ev.rerun_command.__doc__ and ev.FROM_FINDING.endswith("REPORT.json:N")


def test_far_delay_without_simulated_cost_is_info_without_fix(write_config) -> None:
    model_path = write_config((P + "node-locality-delay", "5"), name="low.xml")
    (finding,) = _lint(model_path, nodes=120, racks=3, select="YL102")
    assert str(finding.severity) == "info" and finding.fix is None
    assert "found no value that does better than 5" in finding.message
