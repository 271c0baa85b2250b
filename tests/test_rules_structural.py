"""The structural rules, positive and negative."""

from __future__ import annotations

from pathlib import Path

from yarnlint.core.findings import Severity
from yarnlint.model.cluster import ClusterSpec
from yarnlint.pipeline.linter import Linter
from yarnlint.pipeline.options import LintOptions
from yarnlint.rules import Rule

P = "yarn.scheduler.capacity."


def _ids(path: Path, **options) -> list[tuple[str, int]]:
    result = Linter().lint_file(path, LintOptions(**options), path.name)
    assert result.error is None
    return sorted((f.rule_id, f.location.line if f.location else 0) for f in result.findings
                  if f.rule_id != "YL009")


def test_clean_config_has_no_structural_findings(write_config) -> None:
    path = write_config((P + "root.queues", "default"), (P + "root.default.capacity", "100"),
                        (P + "node-locality-delay", "40"))
    assert _ids(path) == []


def test_duplicate_key_points_at_the_redefinition(write_config) -> None:
    path = write_config((P + "node-locality-delay", "40"), (P + "root.queues", "default"),
                        (P + "node-locality-delay", "20"), (P + "root.default.capacity", "100"))
    assert _ids(path) == [("YL001", 11)]


def test_final_override(write_config) -> None:
    path = write_config((P + "root.queues", "default"), (P + "root.default.capacity", "100"),
                        extra=(
        f"  <property><name>{P}node-locality-delay</name><value>40</value>"
        "<final>true</final></property>\n"
        f"  <property><name>{P}node-locality-delay</name><value>20</value></property>\n"))
    assert _ids(path) == [("YL002", 12)]


def test_yarn_site_key_shadowed_by_capacity_scheduler(write_config, tmp_path: Path) -> None:
    site = tmp_path / "yarn-site.xml"
    site.write_text(f"<configuration><property><name>{P}node-locality-delay</name>"
                    "<value>400</value></property></configuration>", encoding="utf-8")
    path = write_config((P + "node-locality-delay", "100000"))
    result = Linter().lint_file(path, LintOptions(yarn_site=site), path.name)
    (dup,) = [f for f in result.findings if f.rule_id == "YL001"]
    assert "yarn-site.xml:1" in dup.message and dup.location.file == path.name


def test_unknown_key_with_suggestion(write_config) -> None:
    path = write_config((P + "node-locality-delays", "10"), (P + "root.queues", "default"),
                        (P + "root.default.disable_preemption", "true"))
    result = Linter().lint_file(path, LintOptions(), path.name)
    (unknown,) = [f for f in result.findings if f.rule_id == "YL003"]
    assert unknown.location.line == 3
    assert "did you mean yarn.scheduler.capacity.node-locality-delay?" in unknown.message


def test_bad_values(write_config) -> None:
    path = write_config((P + "node-locality-delay", "forty"),
                        (P + "rack-locality-full-reset", "yes"),
                        (P + "root.queues", "default"),
                        (P + "root.default.maximum-applications", "5.5"),
                        (P + "root.default.capacity", "50"))
    result = Linter().lint_file(path, LintOptions(), path.name)
    bad = {f.key: (str(f.severity), f.message) for f in result.findings if f.rule_id == "YL004"}
    assert set(bad) == {P + "node-locality-delay", P + "rack-locality-full-reset",
                        P + "root.default.maximum-applications"}
    assert bad[P + "node-locality-delay"][0] == "error"
    assert "'forty'" in bad[P + "node-locality-delay"][1]
    assert "NumberFormatException" in bad[P + "node-locality-delay"][1]
    severity, message = bad[P + "rack-locality-full-reset"]
    assert severity == "warning" and "default true" in message


def test_unresolved_and_cyclic_substitution(write_config) -> None:
    path = write_config((P + "node-locality-delay", "${rack.size}"),
                        (P + "root.queues", "${" + P + "root.queues}"))
    result = Linter().lint_file(path, LintOptions(), path.name)
    messages = {f.key: f.message for f in result.findings if f.rule_id == "YL005"}
    assert "rack.size" in messages[P + "node-locality-delay"]
    assert "refers to itself" in messages[P + "root.queues"]
    assert any(f.rule_id == "YL004" for f in result.findings)


def test_orphan_queue_key(write_config) -> None:
    path = write_config((P + "root.queues", "a"), (P + "root.default.capacity", "10"),
                        (P + "root.a.capacity", "100"))
    assert _ids(path) == [("YL007", 7)]


def test_mrv1_file(write_config) -> None:
    path = write_config(("mapred.capacity-scheduler.queue.default.capacity", "100"))
    assert _ids(path) == [("YL006", 2)]  # the <configuration> element


def test_cluster_rules_skipped_with_one_info(write_config) -> None:
    path = write_config((P + "root.queues", "default"))
    rules = Linter().rules
    calls: list[object] = []
    sized = Rule(id="ZZ101", name="test.sized", severity=Severity.WARNING, summary="s",
                 explanation="", needs_cluster=True,
                 check=lambda ctx: calls.append(ctx.cluster) or iter(()))
    linter = Linter({**rules, sized.id: sized})
    result = linter.lint_file(path, LintOptions(), path.name)
    (info,) = [f for f in result.findings if f.rule_id == "YL009"]
    assert "ZZ101" in info.message and "--nodes" in info.message and calls == []
    sized_run = linter.lint_file(path, LintOptions(cluster=ClusterSpec(nodes=40, racks=2)))
    assert not [f for f in sized_run.findings if f.rule_id == "YL009"]
    assert len(calls) == 1 and calls[0].num_nodes == 40


def test_cluster_rules_skip_files_yarn_cannot_use(write_config, tmp_path: Path) -> None:
    broken = tmp_path / "capacity-scheduler.xml"
    broken.write_text("<configuration><property>", encoding="utf-8")
    mrv1 = write_config(("mapred.capacity-scheduler.queue.default.capacity", "100"),
                        name="mrv1-capacity-scheduler.xml")
    sized = LintOptions(cluster=ClusterSpec(nodes=5))
    linter = Linter()
    for path, expected in ((broken, {"YL000"}), (mrv1, {"YL006"})):
        result = linter.lint_file(path, sized, path.name)
        assert {f.rule_id for f in result.findings} == expected


def test_unresolved_substitution_ignores_keys_the_scheduler_never_reads(
        write_config, tmp_path: Path) -> None:
    site = tmp_path / "yarn-site.xml"
    site.write_text("<configuration>"
                    "<property><name>yarn.application.classpath</name>"
                    "<value>${HADOOP_CONF_DIR}/x</value></property>"
                    "<property><name>yarn.resourcemanager.nodemanagers.heartbeat-interval-ms"
                    "</name><value>${hb}</value></property></configuration>", encoding="utf-8")
    path = write_config((P + "root.queues", "default"))
    result = Linter().lint_file(path, LintOptions(yarn_site=site), path.name)
    keys = [f.key for f in result.findings if f.rule_id == "YL005"]
    assert keys == ["yarn.resourcemanager.nodemanagers.heartbeat-interval-ms"]


FAIR = "org.apache.hadoop.yarn.server.resourcemanager.scheduler.fair.FairScheduler"


def _lint_all(path: Path, **options) -> list[tuple[str, int, int, str]]:
    result = Linter().lint_file(path, LintOptions(**options), path.name)
    assert result.error is None
    return [(f.rule_id, f.location.line, f.location.column, f.message)
            for f in result.findings if f.rule_id != "YL009"]


def test_fair_scheduler_yarn_site_says_so(write_config) -> None:
    site = write_config(("yarn.resourcemanager.hostname", "rm"),
                        ("yarn.resourcemanager.scheduler.class", FAIR), name="yarn-site.xml")
    ((rule, line, column, message),) = _lint_all(site)
    assert (rule, line, column) == ("YL006", 7, 3)
    assert message.startswith(f"yarn.resourcemanager.scheduler.class is {FAIR}: the "
                              "ResourceManager runs that scheduler")


def test_capacity_file_under_a_fair_scheduler_yarn_site(write_config) -> None:
    site = write_config(("yarn.resourcemanager.scheduler.class", FAIR), name="yarn-site.xml")
    config = write_config((P + "root.queues", "default"), (P + "root.default.capacity", "100"))
    assert [(r, line) for r, line, _, _ in _lint_all(config, yarn_site=site)] == [("YL006", 3)]
    capacity = write_config(("yarn.resourcemanager.scheduler.class", "org.apache.hadoop.yarn."
                             "server.resourcemanager.scheduler.capacity.CapacityScheduler"),
                            name="capacity-yarn-site.xml")
    assert _lint_all(config, yarn_site=capacity) == []


def test_fair_scheduler_allocation_file_is_one_finding(tmp_path: Path) -> None:
    path = tmp_path / "fair-scheduler.xml"
    path.write_text('<?xml version="1.0"?>\n<allocations>\n  <queue name="a">\n'
                    "    <weight>1.0</weight>\n  </queue>\n</allocations>\n", encoding="utf-8")
    ((rule, line, column, message),) = _lint_all(path)
    assert (rule, line, column) == ("YL006", 2, 1)
    assert message.startswith("FairScheduler allocation file (root <allocations>)")
    assert "see Hadoop's fs2cs converter" in message


def test_unset_key_findings_point_at_the_configuration_element(tmp_path: Path) -> None:
    path = tmp_path / "capacity-scheduler.xml"
    path.write_text('<?xml version="1.0"?>\n<!-- queues -->\n  <configuration>\n'
                    f"  <property><name>{P}root.queues</name><value>default</value></property>\n"
                    f"  <property><name>{P}root.default.capacity</name><value>100</value>"
                    "</property>\n</configuration>\n", encoding="utf-8")
    locations = {(rule, line, column) for rule, line, column, _ in
                 _lint_all(path, cluster=ClusterSpec(nodes=3, racks=1))}
    # node-locality-delay is unset: its default 40 exceeds the 3 nodes (YL101/YL106 family)
    assert locations and all((line, column) == (3, 3) for _, line, column in locations), locations


def test_orphan_queue_is_one_finding_naming_its_settings(write_config) -> None:
    path = write_config((P + "root.queues", "a"), (P + "root.a.capacity", "100"),
                        (P + "root.default.capacity", "10"),
                        (P + "root.default.maximum-capacity", "20"),
                        (P + "root.default.state", "RUNNING"), (P + "root.b.capacity", "5"))
    found = [(rule, line, message) for rule, line, _, message in _lint_all(path)
             if rule == "YL007"]
    assert [(rule, line) for rule, line, _ in found] == [("YL007", 11), ("YL007", 23)]
    assert found[0][2] == (f"queue root.default is not in the queue tree (root, root.a); its 3 "
                           f"settings are ignored ({P}root.default.capacity, "
                           f"{P}root.default.maximum-capacity, {P}root.default.state)")
    assert found[1][2].endswith(f"; {P}root.b.capacity is ignored")
