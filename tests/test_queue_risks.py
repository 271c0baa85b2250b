"""Queue rules YL211-YL218: what the RM accepts silently but operators regret."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import config_xml, run_cli

from yarnlint.core.findings import Finding
from yarnlint.model.cluster import ClusterSpec
from yarnlint.pipeline.linter import Linter
from yarnlint.pipeline.options import LintOptions

P = "yarn.scheduler.capacity."
TWO = ((P + "root.queues", "a,b"), (P + "root.a.capacity", "50"),
       (P + "root.b.capacity", "50"), (P + "user-limit-factor", "1"))
"""Two leaves; the explicit global user-limit-factor keeps YL212 quiet unless tested."""


def found(write_config, *props: tuple[str, str], rule: str, nodes: int | None = None,
          yarn_site: Path | None = None, am_mb: int | None = None) -> list[Finding]:
    path = write_config(*props)
    options = LintOptions(select=frozenset({rule}), yarn_site=yarn_site,
                          cluster=ClusterSpec(nodes=nodes, am_mb=am_mb))
    result = Linter().lint_file(path, options, path.name)
    assert result.error is None
    return [f for f in result.findings if f.rule_id == rule]


def site(tmp_path: Path, *props: tuple[str, str]) -> Path:
    path = tmp_path / "yarn-site.xml"
    path.write_text(config_xml(*props), encoding="utf-8")
    return path


def small_leaf(percent: str = "0.1") -> tuple[tuple[str, str], ...]:
    return (*TWO[:1], (P + "root.a.capacity", "98"), (P + "root.b.capacity", "2"),
            TWO[3], (P + "root.b.maximum-am-resource-percent", percent))


def test_am_limit_of_a_small_leaf(write_config) -> None:
    (finding,) = found(write_config, *small_leaf(), rule="YL211", nodes=40)
    assert finding.message.startswith("root.b can run 1 ApplicationMaster at a time")
    assert "guarantee 6553 MB of 327680 MB (40 nodes x 8192 MB)" in finding.message
    assert "AM limit 1024 MB" in finding.message
    assert finding.evidence == {"guaranteed_mb": 6553, "maximum_mb": 327680,
                                "am_limit_mb": 1024, "am_mb": 1024, "busy_ams": 1,
                                "idle_ams": 32}


def test_am_limit_enough_for_two(write_config) -> None:
    assert found(write_config, *small_leaf("0.4"), rule="YL211", nodes=40) == []


def test_am_limit_reads_node_memory_and_am_size(write_config, tmp_path: Path) -> None:
    bigger = site(tmp_path, ("yarn.nodemanager.resource.memory-mb", "65536"))
    assert found(write_config, *small_leaf(), rule="YL211", nodes=40, yarn_site=bigger) == []
    (finding,) = found(write_config, *small_leaf(), rule="YL211", nodes=40, yarn_site=bigger,
                       am_mb=8192)
    assert "AM containers of 8192 MB" in finding.message


def test_am_limit_needs_the_cluster(write_config) -> None:
    path = write_config(*small_leaf())
    result = Linter().lint_file(path, LintOptions(), path.name)
    (skipped,) = [f for f in result.findings if f.rule_id == "YL009"]
    assert "YL211" in skipped.message


def test_am_mb_flag(write_config) -> None:
    path = write_config(*small_leaf("0.4"))
    quiet = run_cli("check", path, "--nodes", "40", "--select", "YL211")
    assert quiet.exit_code == 0, quiet.output
    loud = run_cli("check", path, "--nodes", "40", "--select", "YL211", "--am-mb", "4096")
    assert loud.exit_code == 1 and "AM containers of 4096 MB" in loud.output


def test_default_user_limit_factor_caps_one_user(write_config) -> None:
    (finding,) = found(write_config, *TWO[:3], rule="YL212")[:1]
    assert "one user can take at most 50.0% of the cluster in root.a" in finding.message
    assert "may grow to 100.0%" in finding.message


@pytest.mark.parametrize("extra", [
    (P + "user-limit-factor", "2"), (P + "root.a.user-limit-factor", "1"),
])
def test_a_written_user_limit_factor_is_meant(write_config, extra: tuple[str, str]) -> None:
    reported = {f.message.split(" in ")[1].split(" ")[0]
                for f in found(write_config, *TWO[:3], extra, rule="YL212")}
    assert "root.a" not in reported


def test_no_user_cap_when_maximum_is_the_guarantee(write_config) -> None:
    props = (*TWO[:3], (P + "root.a.maximum-capacity", "50"), (P + "root.b.maximum-capacity", "50"))
    assert found(write_config, *props, rule="YL212") == []


def test_leaf_without_capacity_accepts_no_application(write_config) -> None:
    props = (*TWO[:1], (P + "root.a.capacity", "100"), (P + "root.b.capacity", "0"))
    (finding,) = found(write_config, *props, rule="YL213")
    assert "root.b accepts no application" in finding.message
    own = (*props, (P + "root.b.maximum-applications", "10"))
    assert found(write_config, *own, rule="YL213") == []
    stopped = (*props, (P + "root.b.state", "STOPPED"))
    assert found(write_config, *stopped, rule="YL213") == []


def test_no_application_per_user(write_config) -> None:
    props = (*TWO, (P + "root.a.maximum-applications", "1"),
             (P + "root.a.minimum-user-limit-percent", "50"))
    (finding,) = found(write_config, *props, rule="YL213")
    assert "root.a accepts no application from any user" in finding.message


def test_leaf_acl_under_the_open_root(write_config) -> None:
    props = (*TWO, (P + "root.a.acl_submit_applications", "etl"))
    (finding,) = found(write_config, *props, rule="YL214")
    assert "anyone may submit to root.a: root.acl_submit_applications is unset" in finding.message
    assert finding.key == P + "root.a.acl_submit_applications"
    closed = (*props, (P + "root.acl_submit_applications", " "),
              (P + "root.acl_administer_queue", "admin"))
    assert found(write_config, *closed, rule="YL214") == []


def test_open_leaf_under_a_closed_root_is_meant(write_config) -> None:
    props = (*TWO, (P + "root.acl_submit_applications", " "),
             (P + "root.acl_administer_queue", " "), (P + "root.a.acl_submit_applications", "*"))
    assert found(write_config, *props, rule="YL214") == []


@pytest.mark.parametrize(("value", "said"), [
    ("alice, bob", "bob is read as groups"), (" admins", "every name in it is read as a group"),
    ("*,alice", "'*' grants everyone only when it stands alone"),
])
def test_acl_spellings(write_config, value: str, said: str) -> None:
    props = (*TWO, (P + "root.acl_submit_applications", value),
             (P + "root.acl_administer_queue", " "))
    (finding,) = found(write_config, *props, rule="YL214")
    assert said in finding.message.replace("bob is read", "bob is read")


def test_empty_root_acl_means_everyone(write_config) -> None:
    props = (*TWO, (P + "root.acl_submit_applications", ""))
    (finding,) = found(write_config, *props, rule="YL214")
    assert "empty value is dropped" in finding.message


def test_acls_not_enforced_without_yarn_acl_enable(write_config, tmp_path: Path) -> None:
    props = (*TWO, (P + "root.acl_submit_applications", " "),
             (P + "root.acl_administer_queue", " "))
    off = site(tmp_path, ("yarn.resourcemanager.hostname", "rm"))
    (finding,) = found(write_config, *props, rule="YL214", yarn_site=off)
    assert str(finding.severity) == "info" and "not enforced" in finding.message
    on = site(tmp_path, ("yarn.acl.enable", " TRUE "))
    assert found(write_config, *props, rule="YL214", yarn_site=on) == []


def test_label_capacity_without_access(write_config) -> None:
    props = (*TWO, (P + "root.accessible-node-labels.gpu.capacity", "100"),
             (P + "root.a.accessible-node-labels", "ssd"),
             (P + "root.a.accessible-node-labels.gpu.capacity", "100"))
    (finding,) = found(write_config, *props, rule="YL215")
    assert "root.a has a capacity for label gpu but cannot use" in finding.message
    granted = (*props[:2], (P + "root.a.accessible-node-labels", "ssd,gpu"), props[3])
    assert found(write_config, *granted, rule="YL215") == []


def test_label_sums_hadoop_does_not_check(write_config) -> None:
    props = (*TWO, (P + "root.a.queues", "x,y"), (P + "root.a.x.capacity", "50"),
             (P + "root.a.y.capacity", "50"), (P + "root.a.accessible-node-labels", "*"),
             (P + "root.a.x.accessible-node-labels.gpu.capacity", "70"))
    (finding,) = found(write_config, *props, rule="YL215")
    assert "label gpu capacities adding up to 70" in finding.message
    both = (*props, (P + "root.a.y.accessible-node-labels.gpu.capacity", "30"))
    assert found(write_config, *both, rule="YL215") == []


def test_ambiguous_short_name(write_config) -> None:
    props = (*TWO, (P + "root.a.queues", "dev"), (P + "root.b.queues", "dev"),
             (P + "root.a.dev.capacity", "100"), (P + "root.b.dev.capacity", "100"))
    (finding,) = found(write_config, *props, rule="YL216")
    assert "root.a.dev, root.b.dev" in finding.message
    assert found(write_config, *TWO, rule="YL216") == []


@pytest.mark.parametrize(("maximum", "said"), [
    ("30", "is above its maximum-capacity 30"), ("150", "is above 100"), ("50", None),
    ("-1", None),
])
def test_capacity_bounds(write_config, maximum: str, said: str | None) -> None:
    reported = found(write_config, *TWO, (P + "root.a.maximum-capacity", maximum),
                     rule="YL217")
    assert [said in f.message for f in reported] == ([True] if said else [])


def test_scheduler_keys_from_yarn_site(write_config, tmp_path: Path) -> None:
    below = site(tmp_path, (P + "root.a.user-limit-factor", "3"), (P + "root.a.capacity", "10"))
    (finding,) = found(write_config, *TWO, rule="YL218", yarn_site=below)
    assert finding.key == P + "root.a.user-limit-factor"
    assert "comes from" in finding.message and "yarn-site.xml" in finding.message
    assert found(write_config, *TWO, rule="YL218") == []


def test_am_mb_from_the_config_file(write_config, tmp_path: Path) -> None:
    path = write_config(*small_leaf("0.4"))
    (tmp_path / ".yarnlint.toml").write_text("nodes = 40\nam-mb = 4096\n", encoding="utf-8")
    result = run_cli("check", path, "--select", "YL211")
    assert result.exit_code == 1 and "AM containers of 4096 MB" in result.output
