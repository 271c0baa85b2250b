"""The what-if layer: the cluster as described, workloads, the search, the disk cache, and
how findings read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import config_xml, run_cli

from yarnlint.model.cluster import ClusterSpec, cluster_from_spec, even_cluster
from yarnlint.pipeline.linter import build_model
from yarnlint.pipeline.options import LintOptions
from yarnlint.whatif import cache
from yarnlint.whatif.layout import Layout
from yarnlint.whatif.runs import parts, run, scenario
from yarnlint.whatif.search import HEARTBEAT, LOCALITY, Thresholds, grid, judge
from yarnlint.whatif.workloads import PROFILES

P = "yarn.scheduler.capacity."


def test_report_and_simulation_split_racks_alike() -> None:
    cluster = even_cluster(10, 4, 1000)
    assert [cluster.racks.count(f"/rack{r}") for r in range(1, 5)] == [3, 3, 2, 2]
    built = scenario(PROFILES["rack-burst"], Layout.of(cluster), (), 1)
    racks = [node["rack"] for node in sorted(built["cluster"]["nodes"],
                                             key=lambda n: int(n["host"][4:]))]
    assert racks == list(cluster.racks)


def test_requests_name_only_racks_and_hosts_of_the_cluster(tmp_path: Path) -> None:
    single = Layout.of(even_cluster(40, None, 1000))
    names = {request["resource"] for _, _, requests in parts(PROFILES["mixed"], single)
             for request in requests}
    assert names - {"*"} <= set(single.hosts) | {"/default-rack"}
    topology = tmp_path / "topology.data"
    topology.write_text("".join(f"h{i} /dc/r{i % 3}\n" for i in range(12)))
    mapped = Layout.of(cluster_from_spec(ClusterSpec(topology=topology), 1000))
    asked = {request["resource"] for _, _, requests in parts(PROFILES["mixed"], mapped)
             for request in requests} - {"*"}
    assert asked <= set(mapped.hosts) | set(mapped.racks) and "/dc/r0" in mapped.racks


def test_a_scaled_cluster_places_what_yarn_places(write_config) -> None:
    model = build_model(write_config((P + "node-locality-delay", "5000"),
                                     (P + "rack-locality-additional-delay", "0")), "x",
                        LintOptions())
    judged = judge(model, even_cluster(2000, 50, 1000), PROFILES["rack-burst"], LOCALITY,
                   Thresholds())
    assert judged.layout.scaled and judged.yours.complete
    assert judged.yours.scenario["cluster"]["num_cluster_nodes"] == 2000
    # the delay is capped at N = 2000: about one heartbeat interval per container
    assert 1.0 <= (judged.yours.last_container_s or 0) <= 6.0


def test_grid_and_recommendation_do_not_depend_on_the_users_values(write_config) -> None:
    cluster = even_cluster(60, 3, 1000)
    layout, work = Layout.of(cluster), PROFILES["mixed"]
    assert grid(LOCALITY, layout, work) == grid(LOCALITY, layout, work)
    picks = set()
    for delay in ("1", "40", "100000"):
        model = build_model(write_config((P + "node-locality-delay", delay),
                                         name=f"d{delay}.xml"), "x", LintOptions())
        picks.add(judge(model, cluster, work, LOCALITY, Thresholds()).recommended)
    assert len(picks) == 1


def test_recommendation_is_a_fixed_point(write_config) -> None:
    cluster = even_cluster(200, 5, 1000)
    model = build_model(write_config((P + "node-locality-delay", "40")), "x", LintOptions())
    first = judge(model, cluster, PROFILES["mixed"], LOCALITY, Thresholds())
    assert first.material and first.changes
    fixed = write_config(*((P + k, v) for k, v in first.recommended), name="fixed.xml")
    again = judge(build_model(fixed, "y", LintOptions()), cluster, PROFILES["mixed"], LOCALITY,
                  Thresholds())
    assert again.changes == () and not again.material


def test_heartbeat_limits_are_judged_with_the_locality_fix_held(write_config) -> None:
    model = build_model(write_config((P + "node-locality-delay", "40")), "x", LintOptions())
    judged = judge(model, even_cluster(400, 10, 1000), PROFILES["hdfs-batch"], HEARTBEAT,
                   Thresholds())
    locality = judge(model, even_cluster(400, 10, 1000), PROFILES["hdfs-batch"], LOCALITY,
                     Thresholds())
    assert locality.material and judged.held == locality.changes
    assert dict(judged.yours.settings)["rack-locality-additional-delay"] == \
        dict(locality.changes)["rack-locality-additional-delay"]


def test_disk_cache_is_used_survives_corruption_and_can_be_turned_off(tmp_path: Path) -> None:
    config = tmp_path / "capacity-scheduler.xml"
    config.write_text(config_xml((P + "node-locality-delay", "7")))
    folder = tmp_path / "cache"
    env = {**os.environ, "YARNLINT_CACHE_DIR": str(folder)}
    probe = ("import sys; from yarnlint.cli import main; sys.argv = ['yarnlint', 'check', "
             f"{str(config)!r}, '--nodes', '33', '--racks', '3'] + sys.argv[1:]\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print('ENGINE' if 'yarnlint.sim.engine' in sys.modules else 'CACHED')")

    def lint(*extra: str) -> str:
        done = subprocess.run([sys.executable, "-c", probe, *extra], capture_output=True,
                              text=True, env=env, cwd=tmp_path, timeout=300)
        return done.stdout.strip().splitlines()[-1]

    assert lint("--no-cache") == "ENGINE" and not folder.exists()
    assert lint() == "ENGINE"
    files = list(folder.glob("runs-*.json"))
    assert files and lint() == "CACHED"
    for file in files:
        file.write_text("{ not json")
    assert lint() == "ENGINE" and lint() == "CACHED"
    assert not (tmp_path / ".cache").exists() and sorted(p.name for p in tmp_path.iterdir()) == [
        "cache", "capacity-scheduler.xml"]


def test_cache_fingerprint_covers_the_scenario_building_modules(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A changed workload or scenario builder never reads results cached before it."""
    monkeypatch.setattr(cache, "_fingerprint", None)
    before = cache.shard_name("context")
    real_stat = Path.stat

    def touched(path: Path, **kwargs: Any) -> os.stat_result:
        info = real_stat(path, **kwargs)
        if path.name != "workloads.py":
            return info
        values = list(info)
        values[8] += 1  # st_mtime
        return os.stat_result(values, {"st_mtime_ns": info.st_mtime_ns + 1})

    monkeypatch.setattr(Path, "stat", touched)
    monkeypatch.setattr(cache, "_fingerprint", None)
    assert cache.shard_name("context") != before


def test_cache_directory_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("YARNLINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    assert cache.directory() == Path("/somewhere/yarnlint")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "/home/user")
    assert cache.directory() == Path("/home/user/.cache/yarnlint")


def test_runs_repeat_exactly() -> None:
    layout = Layout.of(even_cluster(60, 3, 1000))
    settings = (("node-locality-delay", "12"),)
    assert run(PROFILES["mixed"], layout, settings) == run(PROFILES["mixed"], layout, settings)


@pytest.mark.parametrize(("default_fs", "workload"), [
    ("s3a://bucket/warehouse", "locality-free"),
    ("abfss://c@acct.dfs.core.windows.net", "locality-free"),
    ("gs://bucket", "locality-free"), ("hdfs://namenode:8020", "mixed")])
def test_core_site_selects_the_workload_and_says_so(tmp_path: Path, default_fs: str,
                                                    workload: str) -> None:
    config = tmp_path / "capacity-scheduler.xml"
    config.write_text(config_xml((P + "node-locality-delay", "-1")))
    (tmp_path / "core-site.xml").write_text(config_xml(("fs.defaultFS", default_fs)))
    result = run_cli("check", config, "--nodes", "60", "--racks", "3", "--format", "json")
    found = json.loads(result.stdout)
    assert found["inputs"][0]["workload"]["name"] == workload
    reason = found["inputs"][0]["workload"]["reason"]
    assert (default_fs in reason) == (workload == "locality-free")
    text = run_cli("check", config, "--nodes", "60", "--racks", "3").stdout
    assert ("judged for the locality-free workload" in text) == (workload == "locality-free")
    assert ("YL103" in text) == (workload != "locality-free")
    flagged = run_cli("check", config, "--nodes", "60", "--racks", "3", "--workload",
                      "hdfs-batch", "--format", "json")
    assert json.loads(flagged.stdout)["inputs"][0]["workload"]["name"] == "hdfs-batch"


def test_missing_explicit_core_site_is_an_input_error(tmp_path: Path) -> None:
    config = tmp_path / "capacity-scheduler.xml"
    config.write_text(config_xml((P + "node-locality-delay", "-1")))
    result = run_cli("check", config, "--nodes", "6", "--core-site", tmp_path / "nope.xml")
    assert result.exit_code == 2 and "no such core-site file" in result.stderr


def test_text_evidence_is_a_table_a_context_a_fix_and_a_rerun(tmp_path: Path) -> None:
    first, second = tmp_path / "a.xml", tmp_path / "b.xml"
    for path in (first, second):
        path.write_text(config_xml((P + "node-locality-delay", "-1")))
    result = run_cli("check", first, second, "--nodes", "60", "--racks", "3", "--workload",
                     "hdfs-batch")
    lines = result.stdout.splitlines()
    headline = next(i for i, line in enumerate(lines) if "YL103" in line and "a.xml" in line)
    block = lines[headline + 1:headline + 7]
    assert block[0].split() == ["metric", "yours", "suggested"]
    assert block[1].split()[:2] == ["node-local", "maps"]
    assert "hdfs-batch workload on 60 nodes in 3 racks" in block[3]
    assert block[4].strip().startswith("fix: set node-locality-delay to ")
    rerun = block[5]
    assert rerun.strip().startswith("re-run: ") and str(first) in rerun
    assert str(second) not in rerun
    flagged = run_cli("check", first, "--nodes", "60", "--racks", "3", "--workload",
                      "hdfs-batch", "--no-cache").stdout
    command = next(line for line in flagged.splitlines() if "re-run: " in line)
    words = command.split("re-run: ")[1].split(" > ")[0].split()
    assert "--no-cache" in words and "True" not in words
    assert run_cli(*words[1:]).exit_code == 1


def test_rerun_index_is_the_findings_own_in_the_report_of_its_file(tmp_path: Path) -> None:
    """With several files, JSON names each finding's place in itself, and the text's re-run
    command checks the finding's own file and names its place in that report."""
    paths = [tmp_path / "a.xml", tmp_path / "b.xml"]
    for path in paths:
        path.write_text(config_xml((P + "node-locality-delay", "-1")))
    flags = ("--nodes", "60", "--racks", "3", "--workload", "hdfs-batch")
    both = json.loads(run_cli("check", *paths, *flags, "--format", "json").stdout)
    for number, found in enumerate(both["findings"], 1):
        if found["evidence"]:
            assert found["evidence"]["rerun"].endswith(f"REPORT.json:{number}")
    text = run_cli("check", *paths, *flags).stdout.splitlines()
    commands = [line.split("re-run: ")[1] for line in text if "re-run: " in line]
    assert any(str(paths[1]) in command for command in commands)
    for command in commands:
        check, _, simulate = command.partition(" --format json > report.json && ")
        alone = json.loads(run_cli(*check.split()[1:], "--format", "json").stdout)
        place = int(simulate.rpartition(":")[2])
        again = alone["findings"][place - 1]
        assert again["file"] == check.split()[2] and again["evidence"]
