"""Locality, assignment, scheduling and version rules (YL101-YL114): each fires where the
simulation shows a material cost of its key, and is silent (or an info) where it shows none."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from yarnlint.core.findings import Finding, Severity
from yarnlint.model.cluster import ClusterSpec
from yarnlint.pipeline.linter import Linter
from yarnlint.pipeline.options import LintOptions

P = "yarn.scheduler.capacity."
HEARTBEAT = "per-node-heartbeat."
LINTER = Linter()


def lint(path: Path, rule: str, nodes: int | None = 400, racks: int | None = 10,
         heartbeat_ms: int | None = None, version: str = "3.4.1", workload: str | None = None,
         rule_options: dict[str, Any] | None = None) -> list[Finding]:
    """Findings of one rule on one file for an even cluster."""
    options = LintOptions(cluster=ClusterSpec(nodes, racks, heartbeat_ms=heartbeat_ms),
                          hadoop_version=version, select=frozenset({rule}),
                          workload=workload, rule_options={rule: rule_options or {}})
    result = LINTER.lint_file(path, options)
    assert result.error is None, result.error
    return result.findings


def gain(verdict: dict[str, Any]) -> float:
    """How much the suggestion beats the user's value in the verdict's metric."""
    yours, suggested = verdict["yours"], verdict["suggested"]
    if yours is None:
        return float("inf") if suggested is not None else 0.0
    return suggested - yours if verdict["better"] == "higher" else yours - suggested


def assert_material(finding: Finding) -> None:
    """A warning's own numbers back it: the suggestion beats yours by the threshold."""
    verdict = finding.evidence["verdict"]
    assert gain(verdict) >= verdict["threshold"], (finding.message, verdict)


TUNED = ((P + "node-locality-delay", "40"), (P + "rack-locality-additional-delay", "0"))

# (rule, properties that draw a warning, cluster and workload)
CASES: list[tuple[str, tuple[tuple[str, str], ...], dict[str, Any]]] = [
    ("YL101", ((P + "node-locality-delay", "100000"),), {"nodes": 60, "racks": 3}),
    ("YL102", ((P + "node-locality-delay", "1"), (P + "rack-locality-additional-delay", "0")),
     {"workload": "hdfs-batch"}),
    ("YL103", ((P + "node-locality-delay", "-1"),), {"workload": "hdfs-batch"}),
    ("YL105", ((P + "node-locality-delay", "40"),), {"workload": "hdfs-batch"}),
    ("YL106", ((P + "node-locality-delay", "40"), (P + "rack-locality-additional-delay", "1")),
     {"workload": "rack-burst"}),
    ("YL107", ((P + "node-locality-delay", "40"), (P + "rack-locality-additional-delay", "40"),
               (P + "rack-locality-full-reset", "false")), {"nodes": 20, "racks": 2}),
    ("YL108", ((P + HEARTBEAT + "multiple-assignments-enabled", "false"),),
     {"nodes": 20, "racks": None, "workload": "locality-free"}),
    ("YL109", ((P + HEARTBEAT + "maximum-container-assignments", "1"),),
     {"nodes": 20, "racks": None, "workload": "locality-free"}),
    ("YL110", ((P + "node-locality-delay", "40"),),
     {"nodes": 20, "racks": None, "workload": "locality-free"}),
    ("YL112", ((P + "schedule-asynchronously.enable", "true"),
               (P + "schedule-asynchronously.scheduling-interval-ms", "5000")),
     {"nodes": 20, "racks": None}),
]


@pytest.mark.parametrize(("rule", "risky", "cluster"), CASES, ids=[c[0] for c in CASES])
def test_rule_warns_on_a_material_cost_and_not_once_fixed(write_config, rule: str, risky,
                                                          cluster) -> None:
    found = lint(write_config(*risky, name="risky.xml"), rule, **cluster)
    assert [f.rule_id for f in found] == [rule], [f.message for f in found]
    assert found[0].severity == Severity.WARNING and found[0].fix is not None
    assert_material(found[0])
    assert len(found[0].message) <= 160
    suggested = found[0].evidence["settings"]["suggested"]
    assert suggested[found[0].fix.key.removeprefix(P)] == found[0].fix.value
    tuned = {**dict(risky), **{P + key: value for key, value in suggested.items()}}
    assert not [f for f in lint(write_config(*tuned.items(), name="tuned.xml"), rule, **cluster)
                if f.severity == Severity.WARNING]


def test_capped_delay_costing_nothing_is_an_info_naming_what_yarn_uses(write_config) -> None:
    found = lint(write_config((P + "node-locality-delay", "40")), "YL101", nodes=20, racks=None)
    assert [f.severity for f in found] == [Severity.INFO]
    assert "YARN uses 20" in found[0].message and found[0].fix is None


def test_disabled_delay_costs_nothing_for_locality_free_work(write_config) -> None:
    path = write_config((P + "node-locality-delay", "-1"))
    assert lint(path, "YL103", workload="locality-free") == []
    assert lint(path, "YL103", workload="hdfs-batch") != []


def test_delay_disabled_by_old_release_default(write_config) -> None:
    path = write_config(TUNED[1])
    assert lint(path, "YL103", version="3.4.1", workload="hdfs-batch") == []
    found = lint(path, "YL103", version="2.7.3", workload="hdfs-batch")
    assert found and "-1 (default)" in found[0].message


def test_unset_key_points_at_related_property_or_the_configuration_element(
        write_config) -> None:
    with_delay = lint(write_config((P + "node-locality-delay", "40")), "YL105",
                      workload="hdfs-batch")
    assert with_delay[0].key == P + "node-locality-delay"
    assert with_delay[0].location is not None and with_delay[0].location.line == 3
    assert "(default)" in with_delay[0].message
    bare = lint(write_config((P + "root.queues", "default")), "YL105", workload="hdfs-batch")
    assert bare[0].key is None and bare[0].location is not None
    assert (bare[0].location.line, bare[0].location.column) == (2, 1)  # <configuration>


def test_threshold_options_decide_the_warning(write_config) -> None:
    path = write_config((P + "node-locality-delay", "40"))
    found = lint(path, "YL105", workload="hdfs-batch")
    assert found
    points = found[0].evidence["verdict"]["suggested"] - found[0].evidence["verdict"]["yours"]
    assert lint(path, "YL105", workload="hdfs-batch",
                rule_options={"locality_points": points + 1}) == []


def test_explicit_offswitch_at_node_count_is_an_info(write_config) -> None:
    path = write_config((P + "node-locality-delay", "20"), (P + "rack-locality-additional-delay",
                                                             "100"))
    found = lint(path, "YL106", nodes=20, racks=None, workload="hdfs-batch")
    assert [f.severity for f in found] == [Severity.INFO]
    assert "threshold of 20" in found[0].message


@pytest.mark.parametrize(("properties", "expected"), [
    (((P + HEARTBEAT + "multiple-assignments-enabled", "false"),
      (P + HEARTBEAT + "maximum-container-assignments", "10")), "does nothing"),
    (((P + HEARTBEAT + "maximum-offswitch-assignments", "0"),), "acts as 1"),
    (((P + HEARTBEAT + "maximum-container-assignments", "-5"),), "acts as 1"),
])
def test_ineffective_limits(write_config, properties, expected: str) -> None:
    found = lint(write_config(*properties), "YL111", nodes=None, racks=None)
    assert len(found) == 1 and expected in found[0].message


def test_async_costing_nothing_is_an_info_with_the_simulated_numbers(write_config) -> None:
    found = lint(write_config(*TUNED, (P + "schedule-asynchronously.enable", "true")), "YL112")
    assert [f.severity for f in found] == [Severity.INFO] and found[0].fix is None
    assert found[0].evidence["scenario"]["steps"][-1].get("async_passes")
    assert "schedule-asynchronously.enable" in found[0].evidence["searched"]["keys"]
    assert found[0].evidence["verdict"]["yours"] == found[0].evidence["verdict"]["suggested"]
    assert len(found[0].message) <= 160


def test_asynchronous_scheduling_is_never_proposed(write_config) -> None:
    """Where the file leaves it off, the search of the assignment settings never tries it."""
    found = lint(write_config((P + HEARTBEAT + "multiple-assignments-enabled", "false")),
                 "YL108", nodes=20, racks=None, workload="locality-free")
    assert found and "schedule-asynchronously.enable" not in found[0].evidence["searched"]["keys"]
    assert "schedule-asynchronously.enable" not in found[0].evidence["settings"]["suggested"]


def test_slow_heartbeat_threshold_option(write_config) -> None:
    path = write_config(*TUNED)
    assert lint(path, "YL113", nodes=40, racks=2, heartbeat_ms=3000) != []
    assert lint(path, "YL113", nodes=40, racks=2, heartbeat_ms=1000) == []
    assert lint(path, "YL113", nodes=40, racks=2, heartbeat_ms=3000,
                rule_options={"max_wait_s": 60.0}) == []


def test_version_rule_names_jira_and_old_defaults(write_config) -> None:
    found = lint(write_config(*TUNED), "YL114", version="2.8.5")
    ignored = [f for f in found if f.severity == Severity.WARNING]
    assert len(ignored) == 1 and "YARN-6344" in ignored[0].message
    defaults = lint(write_config(*TUNED), "YL114", version="3.2.0")
    assert [f.severity for f in defaults] == [Severity.INFO]
    assert "YARN-8896" in defaults[0].message


@pytest.mark.parametrize(("version", "known"), [
    ("2.7.3", True), ("2.7.2", False), ("2.9.2", True), ("3.0.0", True), ("2.6.5", False),
    ("3", True), ("3.0", True), ("2.9", True), ("2.7", True), ("2.6", False)])
def test_full_reset_release_lines(write_config, version: str, known: bool) -> None:
    path = write_config((P + "rack-locality-full-reset", "false"))
    warned = [f for f in lint(path, "YL114", version=version)
              if f.key == P + "rack-locality-full-reset"]
    assert bool(warned) != known


@pytest.mark.parametrize(("version", "additional_delay_known"), [
    ("3", True), ("3.0", True), ("3.0.0", True), ("2.9", True), ("2.9.0", True),
    ("2.8", False), ("2.10", True), ("3.3", True), ("3.3.6", True), ("2", True)])
def test_versions_as_operators_write_them(write_config, version: str,
                                          additional_delay_known: bool) -> None:
    path = write_config((P + "rack-locality-additional-delay", "10"))
    warned = [f for f in lint(path, "YL114", version=version)
              if f.key == P + "rack-locality-additional-delay"]
    assert bool(warned) != additional_delay_known


def test_a_line_means_its_newest_release(write_config) -> None:
    # YARN-8896 changed the container limit's default in 3.1.2 and 3.2.1: 3.1 and 3.2 mean
    # their newest releases (3.1.4, 3.2.4), which have the new default.
    path = write_config(*TUNED)
    for version in ("3.1", "3.2", "3.3"):
        assert lint(path, "YL114", version=version) == [], version
    assert lint(path, "YL114", version="3.2.0") != []


def test_evidence_is_json_serialisable(write_config) -> None:
    found = lint(write_config((P + "node-locality-delay", "0")), "YL103", workload="hdfs-batch")
    evidence = found[0].evidence
    assert set(evidence) >= {"scenario", "verdict", "table", "held", "workload", "rerun",
                             "comparison"}
    assert json.loads(json.dumps(evidence)) == evidence


def test_settings_the_simulator_cannot_run_give_an_info_not_a_crash(write_config) -> None:
    path = write_config((P + "schedule-asynchronously.enable", "true"),
                        (P + "schedule-asynchronously.scheduling-interval-ms", "-1"))
    found = lint(path, "YL112", nodes=20, racks=None)
    assert [f.severity for f in found] == [Severity.INFO]
    assert "cannot run" in found[0].message
    assert lint(path, "YL105", nodes=20, racks=2) == []
