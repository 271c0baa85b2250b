"""Locality, assignment, scheduling and version rules (YL101-YL114): fire where they should."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from yarnlint.api import Linter, LintOptions
from yarnlint.findings import Finding, Severity
from yarnlint.model.cluster import ClusterSpec

P = "yarn.scheduler.capacity."
HEARTBEAT = "per-node-heartbeat."
LINTER = Linter()


def lint(path: Path, rule: str, nodes: int | None = 400, racks: int | None = 10,
         heartbeat_ms: int | None = None, version: str = "3.4.1",
         rule_options: dict[str, Any] | None = None) -> list[Finding]:
    """Findings of one rule on one file for an even cluster."""
    options = LintOptions(cluster=ClusterSpec(nodes, racks, heartbeat_ms=heartbeat_ms),
                          hadoop_version=version, select=frozenset({rule}),
                          rule_options={rule: rule_options or {}})
    result = LINTER.lint_file(path, options)
    assert result.error is None, result.error
    return result.findings


TUNED = ((P + "node-locality-delay", "40"), (P + "rack-locality-additional-delay", "40"))


# (rule, properties that draw it, cluster kwargs, properties that keep it silent)
CASES: list[tuple[str, tuple[tuple[str, str], ...], dict[str, Any],
                  tuple[tuple[str, str], ...]]] = [
    ("YL101", ((P + "node-locality-delay", "100"),), {"nodes": 40, "racks": 2}, TUNED),
    ("YL102", ((P + "node-locality-delay", "200"), TUNED[1]), {}, TUNED),
    ("YL103", ((P + "node-locality-delay", "0"), TUNED[1]), {}, TUNED),
    ("YL104", TUNED, {"nodes": 40, "racks": None}, TUNED),
    ("YL105", ((P + "node-locality-delay", "40"),), {}, TUNED),
    ("YL106", ((P + "node-locality-delay", "40"), (P + "rack-locality-additional-delay", "1000")),
     {}, TUNED),
    ("YL107", (*TUNED, (P + "rack-locality-full-reset", "false")), {}, TUNED),
    ("YL108", (*TUNED, (P + HEARTBEAT + "multiple-assignments-enabled", "false")), {}, TUNED),
    ("YL109", (*TUNED, (P + HEARTBEAT + "maximum-container-assignments", "-1")), {},
     (*TUNED, (P + HEARTBEAT + "maximum-container-assignments", "4"))),
    ("YL110", TUNED, {"nodes": 40, "racks": None},
     (*TUNED, (P + HEARTBEAT + "maximum-offswitch-assignments", "4"))),
    ("YL111", ((P + HEARTBEAT + "maximum-offswitch-assignments", "10"),
               (P + HEARTBEAT + "maximum-container-assignments", "4")), {},
     ((P + HEARTBEAT + "maximum-offswitch-assignments", "2"),
      (P + HEARTBEAT + "maximum-container-assignments", "4"))),
    ("YL112", (*TUNED, (P + "schedule-asynchronously.enable", "true")), {}, TUNED),
    ("YL113", ((P + "node-locality-delay", "40"), (P + "rack-locality-additional-delay", "0")),
     {"nodes": 40, "racks": 2, "heartbeat_ms": 3000},
     ((P + "node-locality-delay", "40"), (P + "rack-locality-additional-delay", "0"))),
    ("YL114", (*TUNED,), {"version": "2.8.5"}, TUNED),
]


QUIET_CLUSTER: dict[str, dict[str, Any]] = {
    "YL104": {"racks": 2}, "YL113": {"heartbeat_ms": 1000}, "YL114": {"version": "3.4.1"}}
"""Where a rule's negative case differs from its positive one in the cluster, not the file."""


@pytest.mark.parametrize(("rule", "risky", "cluster", "tuned"), CASES, ids=[c[0] for c in CASES])
def test_rule_fires_on_risky_and_not_on_tuned(write_config, rule: str, risky, cluster,
                                              tuned) -> None:
    found = lint(write_config(*risky, name="risky.xml"), rule, **cluster)
    assert [f.rule_id for f in found] == [rule], [f.message for f in found]
    assert found[0].message
    quiet_cluster = {**cluster, **QUIET_CLUSTER.get(rule, {})}
    assert lint(write_config(*tuned, name="tuned.xml"), rule, **quiet_cluster) == []


def test_unset_default_points_at_related_property_or_line_1(write_config) -> None:
    with_delay = lint(write_config((P + "node-locality-delay", "40")), "YL105")
    assert with_delay[0].key == P + "node-locality-delay"
    assert with_delay[0].location is not None and with_delay[0].location.line == 3
    assert "unset" in with_delay[0].message
    bare = lint(write_config((P + "root.queues", "default")), "YL105")
    assert bare[0].key is None and bare[0].location is not None and bare[0].location.line == 1


def test_delay_exceeding_cluster_quotes_cap_and_simulated_wait(write_config) -> None:
    found = lint(write_config((P + "node-locality-delay", "100"), TUNED[1]), "YL101",
                 nodes=40, racks=2)
    message = found[0].message
    assert "caps it at 40" in message and "about 1 s" in message
    metrics = found[0].evidence["metrics"]
    assert metrics["containers"]["RACK_LOCAL"] >= 1
    assert metrics["seconds_per_container"] >= 0.5  # about one heartbeat sweep per container


def test_rack_size_rule_respects_far_ratio_option(write_config) -> None:
    path = write_config((P + "node-locality-delay", "100"), TUNED[1])
    assert lint(path, "YL102") != []
    assert lint(path, "YL102", rule_options={"far_ratio": 3.0}) == []


def test_delay_disabled_by_old_release_default(write_config) -> None:
    path = write_config(TUNED[1])
    assert lint(path, "YL103", version="3.4.1") == []
    found = lint(path, "YL103", version="2.7.3")
    assert found and "-1" in found[0].message and "unset" in found[0].message


def test_automatic_offswitch_sends_small_request_off_switch(write_config) -> None:
    found = lint(write_config((P + "node-locality-delay", "40")), "YL105")
    comparison = found[0].evidence["comparison"]
    assert comparison["yours"]["metrics"]["containers"]["OFF_SWITCH"] == 3
    assert comparison["suggested"]["metrics"]["containers"]["OFF_SWITCH"] == 0
    assert comparison["suggested"]["settings"]["rack-locality-additional-delay"] == "40"


def test_automatic_offswitch_is_quiet_on_single_rack_and_old_release(write_config) -> None:
    path = write_config((P + "node-locality-delay", "40"))
    assert lint(path, "YL105", nodes=40, racks=None) == []
    assert lint(path, "YL105", version="2.8.5") == []


def test_no_full_reset_loses_node_locality(write_config) -> None:
    found = lint(write_config(*TUNED, (P + "rack-locality-full-reset", "false")), "YL107")
    comparison = found[0].evidence["comparison"]
    yours = comparison["yours"]["metrics"]["node_local_share"]
    assert yours < comparison["suggested"]["metrics"]["node_local_share"]


def test_masking_settings_are_held_and_said(write_config) -> None:
    found = lint(write_config((P + "rack-locality-full-reset", "false")), "YL107")
    evidence = found[0].evidence
    assert evidence["scenario"]["scheduler"]["rack-locality-additional-delay"] == "40"
    assert "holding rack-locality-additional-delay = 40" in evidence["summary"]


def test_multiple_assignments_disabled_is_slower(write_config) -> None:
    found = lint(write_config(*TUNED, (P + HEARTBEAT + "multiple-assignments-enabled", "false")),
                 "YL108")
    comparison = found[0].evidence["comparison"]
    assert comparison["yours"]["metrics"]["containers_per_heartbeat_max"] == 1
    assert (comparison["yours"]["metrics"]["last_container_s"]
            > comparison["suggested"]["metrics"]["last_container_s"])


def test_container_limit_unset_default_is_left_alone(write_config) -> None:
    assert lint(write_config(*TUNED), "YL109") == []


def test_offswitch_limit_option_for_racked_clusters(write_config) -> None:
    path = write_config(*TUNED)
    assert lint(path, "YL110") == []
    found = lint(path, "YL110", rule_options={"all_clusters": True})
    assert found and "ANY-only" in found[0].message


@pytest.mark.parametrize(("properties", "expected"), [
    (((P + HEARTBEAT + "multiple-assignments-enabled", "false"),
      (P + HEARTBEAT + "maximum-container-assignments", "10")), "does nothing"),
    (((P + HEARTBEAT + "maximum-offswitch-assignments", "0"),), "acts as 1"),
    (((P + HEARTBEAT + "maximum-container-assignments", "-5"),), "acts as 1"),
])
def test_ineffective_limits(write_config, properties, expected: str) -> None:
    found = lint(write_config(*properties), "YL111", nodes=None, racks=None)
    assert len(found) == 1 and expected in found[0].message


def test_async_shows_both_clocks(write_config) -> None:
    found = lint(write_config(*TUNED, (P + "schedule-asynchronously.enable", "true")), "YL112")
    comparison = found[0].evidence["comparison"]
    assert (comparison["yours"]["metrics"]["first_container_s"]
            < comparison["suggested"]["metrics"]["first_container_s"])
    assert found[0].evidence["scenario"]["steps"][-1].get("async_passes")


def test_slow_heartbeat_threshold_option(write_config) -> None:
    path = write_config((P + "node-locality-delay", "40"), (P + "rack-locality-additional-delay",
                                                             "0"))
    assert lint(path, "YL113", nodes=40, racks=2, heartbeat_ms=3000) != []
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
    ("2.7.3", True), ("2.7.2", False), ("2.9.2", True), ("3.0.0", True), ("2.6.5", False)])
def test_full_reset_release_lines(write_config, version: str, known: bool) -> None:
    path = write_config((P + "rack-locality-full-reset", "false"))
    warned = [f for f in lint(path, "YL114", version=version)
              if f.key == P + "rack-locality-full-reset"]
    assert bool(warned) != known


def test_evidence_is_json_serialisable(write_config) -> None:
    found = lint(write_config((P + "node-locality-delay", "0")), "YL103")
    evidence = found[0].evidence
    assert set(evidence) >= {"scenario", "metrics", "summary", "rerun", "comparison"}
    assert json.loads(json.dumps(evidence)) == evidence
    assert evidence["summary"].startswith("simulated: ")
