"""Evidence of the locality rules: numbers from the simulator, small runs, examples, corpus."""

from __future__ import annotations

import json
import shlex
import statistics
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, REPO, corpus_files, run_cli

from yarnlint.model.cluster import even_cluster
from yarnlint.rules import discover
from yarnlint.rules import evidence as ev
from yarnlint.sim import build_scenario, run_scenario

P = "yarn.scheduler.capacity."
EXAMPLES = REPO / "examples"
SIMULATING = {rule.id for rule in discover().values()
              if rule.needs_cluster and rule.origin.startswith("yarnlint.rules.")}
EVIDENCE_KEYS = {"scenario", "metrics", "summary", "rerun"}


def findings(path: Path, *args: str) -> list[dict[str, Any]]:
    """The JSON report's findings of ``yarnlint check path args``."""
    result = run_cli("check", path, "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    found: list[dict[str, Any]] = json.loads(result.output)["findings"]
    return found


def only(found: list[dict[str, Any]], rule: str) -> dict[str, Any]:
    [finding] = [f for f in found if f["rule_id"] == rule]
    return finding


def direct_metrics(scenario: dict[str, Any], nodes: int) -> dict[str, Any]:
    """Run a finding's scenario with the simulator itself."""
    summary = run_scenario(scenario, trace=False)["summary"]
    scale = summary["nodes"] / nodes if summary["nodes"] < nodes else 1.0
    last = summary["last_container_s"]
    return {"containers": summary["containers"],
            "max_missed_opportunities": summary["max_missed_opportunities"],
            "last_container_s": None if last is None else round(last * scale, 3)}


@pytest.mark.parametrize(("nodes", "racks"), [(40, 2), (400, 10), (90, 3)])
def test_evidence_numbers_are_the_simulators(write_config, nodes: int, racks: int) -> None:
    path = write_config((P + "node-locality-delay", "40"))
    finding = only(findings(path, "--nodes", str(nodes), "--racks", str(racks)), "YL105")
    evidence = finding["evidence"]
    for run in (evidence, evidence["comparison"]["suggested"]):
        metrics = run.get("metrics") or evidence["comparison"]["yours"]["metrics"]
        direct = direct_metrics(run["scenario"], nodes)
        assert {k: metrics[k] for k in direct} == direct
    assert f"{nodes}-node, {racks}-rack" in evidence["summary"]


def test_changing_the_cluster_changes_the_numbers(write_config) -> None:
    path = write_config((P + "node-locality-delay", "10"), (P + "rack-locality-full-reset",
                                                             "false"))
    small = only(findings(path, "--nodes", "100", "--racks", "4"), "YL107")["evidence"]
    large = only(findings(path, "--nodes", "400", "--racks", "10"), "YL107")["evidence"]
    assert small["metrics"] != large["metrics"]
    for found, nodes in ((small, 100), (large, 400)):
        direct = direct_metrics(found["scenario"], nodes)
        assert found["metrics"]["containers"] == direct["containers"]
        assert found["metrics"]["last_container_s"] == direct["last_container_s"]


def test_generator_rerun_rebuilds_the_same_scenario(write_config) -> None:
    finding = only(findings(write_config((P + "node-locality-delay", "40")), "--nodes", "20"),
                   "YL104")
    words = shlex.split(finding["evidence"]["rerun"])
    assert words[:2] == ["yarnlint", "simulate"]
    options: dict[str, list[str]] = {}
    for flag, value in zip(words[2::2], words[3::2], strict=True):
        options.setdefault(flag, []).append(value)
    rebuilt = build_scenario(
        nodes=int(options["--nodes"][0]), racks=int(options["--racks"][0]),
        requests=options["--request"],
        settings=dict(item.split("=", 1) for item in options["--set"]),
        heartbeats=int(options["--heartbeats"][0]), memory_mb=int(options["--memory-mb"][0]),
        vcores=int(options["--vcores"][0]), container_mb=int(options["--container-mb"][0]))
    assert rebuilt == finding["evidence"]["scenario"]


def test_interleaved_runs_rerun_from_the_report(write_config) -> None:
    finding = only(findings(write_config((P + "node-locality-delay", "40")), "--nodes", "40",
                            "--racks", "2"), "YL105")
    assert finding["evidence"]["rerun"].startswith("yarnlint simulate --from-finding ")
    order = finding["evidence"]["scenario"]["steps"][-1]["heartbeats"]["nodes"]
    assert order[:3] == ["node1", "node21", "node2"]


def test_big_clusters_are_scaled_down(write_config) -> None:
    path = write_config((P + "node-locality-delay", "40"))
    evidence = only(findings(path, "--nodes", "5000", "--racks", "50"), "YL105")["evidence"]
    assert evidence["metrics"]["attempts"] <= ev.ATTEMPT_BUDGET
    assert evidence["scenario"]["cluster"]["num_cluster_nodes"] == 5000
    assert "of 5000 nodes simulated" in evidence["summary"]


def test_every_simulation_is_small() -> None:
    """Print the time per evidence run (``-s``); assert only the attempt budget."""
    timings: list[float] = []
    for nodes, racks in ((20, 1), (40, 2), (400, 10), (2000, 40), (5000, 50)):
        cluster = even_cluster(nodes, racks, 1000)
        for work in ev.WORKLOADS.values():
            settings = {"node-locality-delay": "40", "rack-locality-additional-delay": "40"}
            start = time.perf_counter()
            run = ev.simulate(cluster, work, settings)
            timings.append(time.perf_counter() - start)
            assert run.summary["attempts"] <= ev.ATTEMPT_BUDGET + nodes // 10
    print(f"\nevidence simulations: median {statistics.median(timings) * 1000:.2f} ms, "
          f"max {max(timings) * 1000:.2f} ms over {len(timings)} runs")


def test_well_tuned_example_is_silent() -> None:
    result = run_cli("check", EXAMPLES / "capacity-scheduler.xml", "--nodes", "400",
                     "--racks", "10")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("0 findings"), result.output


def test_risky_example_draws_many_rules() -> None:
    found = findings(EXAMPLES / "risky-capacity-scheduler.xml", "--nodes", "400", "--racks",
                     "10", "--heartbeat-ms", "3000")
    drawn = {f["rule_id"] for f in found}
    assert len(drawn & SIMULATING) >= 4 and "YL111" in drawn, drawn
    assert all(set(f["evidence"]) >= EVIDENCE_KEYS for f in found if f["rule_id"] in SIMULATING)


def test_locality_rules_without_cluster_are_skipped(write_config) -> None:
    found = findings(write_config((P + "node-locality-delay", "0")))
    assert not {f["rule_id"] for f in found} & SIMULATING
    assert "YL009" in {f["rule_id"] for f in found}


def test_rule_documentation_has_the_sections() -> None:
    for rule in discover().values():
        if rule.id in SIMULATING or rule.id in {"YL111", "YL114"}:
            assert "Why it matters on YARN:" in rule.explanation, rule.id
            assert "Example:" in rule.explanation and "Fix:" in rule.explanation, rule.id


# A realistic cluster for each corpus file (from its notes in SOURCES.md): a small research
# or test cluster without topology, an HDP/CDP production cluster with racks, Hadoop's own
# default sized for the 40-node racks its node-locality-delay assumes.
CORPUS_CLUSTERS: dict[str, tuple[str, ...]] = {
    "alayton123__fs2cs_enhancements__uers2_output_capacity-scheduler.xml": (
        "--nodes", "120", "--racks", "4", "--hadoop-version", "3.1.1", "--yarn-site",
        str(CORPUS / "alayton123__fs2cs_enhancements__uers2_output_yarn-site.xml")),
    "apache__ambari__ambari-server_src_main_resources_common-services_YARN_2.1.0.2.0_"
    "configuration_capacity-scheduler.xml": ("--nodes", "200", "--racks", "5",
                                             "--hadoop-version", "2.7.3"),
    "apache__ambari__ambari-server_src_main_resources_stacks_HDP_2.5_services_YARN_"
    "configuration_capacity-scheduler.xml": ("--nodes", "200", "--racks", "5",
                                             "--hadoop-version", "2.7.3"),
    "apache__hadoop__hadoop-yarn-server-resourcemanager_conf_capacity-scheduler.xml": (
        "--nodes", "400", "--racks", "10"),
    "apache__hadoop__hadoop-yarn-server-resourcemanager_src_test_resources_cs-validation-"
    "fail_capacity-scheduler.xml": ("--nodes", "40", "--racks", "2"),
    "ddimatos__blog-manage-queue-acls__conf_capacity-scheduler.xml": (
        "--nodes", "100", "--racks", "4", "--hadoop-version", "2.7.3"),
    "hzyfox__scripts__capacity-scheduler.xml": (
        "--nodes-file", str(CORPUS / "hzyfox__scripts__slaves"), "--hadoop-version", "2.9.2"),
    "jirakst__Yarn__capacity-scheduler.xml": ("--nodes", "60", "--racks", "3",
                                              "--hadoop-version", "3.3.0"),
    "kphan102__hadoop-conf__capacity-scheduler.xml": ("--nodes", "50", "--racks", "2",
                                                      "--hadoop-version", "3.2.0"),
    "kris37__qyer-test-cluster__capacity-scheduler.xml": ("--nodes", "5",
                                                          "--hadoop-version", "2.7.3"),
    "oxhead__hadoop_experiment__conf_capacity-scheduler.xml": (
        "--nodes", "16", "--yarn-site",
        str(CORPUS / "oxhead__hadoop_experiment__conf_yarn-site.xml")),
    "raswaminathan__yarnapplicationstatistics__capacity-scheduler.xml": ("--nodes", "40",
                                                                         "--racks", "2"),
    "rmgpinto__hdp_conf__conf_capacity-scheduler.xml": ("--nodes", "60", "--racks", "3",
                                                        "--hadoop-version", "2.7.3"),
    "rvs__hdeploy__conf_capacity-scheduler.xml": ("--nodes", "10"),
    "skmathew__hdp22-Pentaho-shim-files__capacity-scheduler.xml": (
        "--nodes", "10", "--hadoop-version", "2.6.0"),
    "sunternet__hadoop_basic__capacity-scheduler.xml": ("--nodes", "3"),
    "teralex79__hadoop__etc_hadoop_capacity-scheduler.xml": ("--nodes", "24", "--racks", "2",
                                                             "--hadoop-version", "3.1.2"),
    "vicentebolea__hadoop-etc__capacity-scheduler.xml": ("--nodes", "32",
                                                         "--hadoop-version", "2.9.1"),
    "vicentebolea__hadoop-etc__capacity-scheduler__at-acb03d9.xml": (
        "--nodes", "32", "--hadoop-version", "2.9.1", "--yarn-site",
        str(CORPUS / "vicentebolea__hadoop-etc__yarn-site__at-acb03d9.xml")),
    "zhengxle__hadoop-scheduler-config__capacity-scheduler.xml": ("--nodes", "30",
                                                                  "--hadoop-version", "2.8.5"),
    "zhm-bigdata__ourCluster__etc_hadoop_capacity-scheduler.xml": (
        "--nodes", "8", "--hadoop-version", "3.2.0"),
}
CORPUS_FILES = corpus_files()


@pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpus not available")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name[:60])
def test_corpus_with_realistic_cluster(path: Path) -> None:
    cluster = CORPUS_CLUSTERS.get(path.name, ("--nodes", "40", "--racks", "2"))
    start = time.perf_counter()
    found = findings(path, *cluster)
    elapsed = time.perf_counter() - start
    drawn = sorted({f["rule_id"] for f in found if f["rule_id"][2] == "1"})
    print(f"\n{path.name[:70]}: {' '.join(cluster[:4])}: {', '.join(drawn) or '-'} "
          f"({elapsed * 1000:.0f} ms)")
    for finding in found:
        if finding["rule_id"] in SIMULATING:
            assert set(finding["evidence"]) >= EVIDENCE_KEYS, finding
            assert finding["evidence"]["summary"].startswith("simulated: ")

