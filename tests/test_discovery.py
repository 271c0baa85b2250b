"""Repo-native discovery: directories searched, sibling yarn-site, empty input sets, flags
that contradict each other, host files naming one host several ways."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CORPUS, config_xml, require_shared, run_cli

from yarnlint.pipeline.discovery import find_configs

P = "yarn.scheduler.capacity."
GOOD = config_xml((P + "root.queues", "default"), (P + "root.default.capacity", "100"))
BAD = config_xml((P + "root.queues", "default"), (P + "root.default.capacity", "100"),
                 (P + "node-locality-delay", "5.5"))


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _files(report: str) -> list[str]:
    return sorted(Path(entry["file"]).as_posix()
                  for entry in json.loads(report)["inputs"])


def test_no_path_lints_every_cluster_below_the_current_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for cluster in ("prod", "dev"):
        _write(tmp_path / "clusters" / cluster / "capacity-scheduler.xml", GOOD)
    _write(tmp_path / "clusters" / "lab" / "capacity-scheduler-lab.xml", BAD)
    _write(tmp_path / ".git" / "capacity-scheduler.xml", BAD)
    _write(tmp_path / "clusters" / "prod" / "fair-scheduler.xml", "<allocations/>")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "--format", "json")
    assert _files(result.output) == ["clusters/dev/capacity-scheduler.xml",
                                     "clusters/lab/capacity-scheduler-lab.xml",
                                     "clusters/prod/capacity-scheduler.xml"]
    assert result.exit_code == 1
    assert run_cli("check", "clusters/prod").exit_code == 0


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_ignored_files_are_skipped(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    _write(tmp_path / ".gitignore", "build/\n")
    kept = _write(tmp_path / "conf" / "capacity-scheduler.xml", GOOD)
    _write(tmp_path / "build" / "capacity-scheduler.xml", BAD)
    assert find_configs([tmp_path]) == [kept]
    assert find_configs([tmp_path / "conf"]) == [kept]


def test_empty_input_set_is_exit_2_with_one_line(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "yarn-site.xml", config_xml())
    monkeypatch.chdir(tmp_path)
    for args in ((), (".",)):
        result = run_cli("check", *args)
        assert result.exit_code == 2
        assert result.output.strip().splitlines() == [
            "yarnlint: error: no capacity-scheduler*.xml file in . (searched recursively, "
            "skipping .git and git-ignored files)"]


def test_short_help_option() -> None:
    for args in (("-h",), ("check", "-h"), ("simulate", "-h")):
        result = run_cli(*args)
        assert result.exit_code == 0, result.output
        assert result.output.startswith("Usage: ") and "--help" in result.output


@pytest.mark.parametrize("host_flag", ["--topology", "--nodes-file"])
def test_nodes_with_a_host_file_is_a_usage_error(tmp_path: Path, host_flag: str) -> None:
    config = _write(tmp_path / "capacity-scheduler.xml", GOOD)
    hosts = _write(tmp_path / "hosts", "node1 /rack1\n")
    result = run_cli("check", config, "--nodes", "400", host_flag, hosts)
    assert result.exit_code == 2
    assert f"--nodes and {host_flag} both give the node count" in result.output


@pytest.mark.parametrize("host_key", ["topology", "nodes-file"])
def test_config_file_giving_nodes_and_a_host_file_is_a_usage_error(
        tmp_path: Path, host_key: str) -> None:
    config = _write(tmp_path / "prod" / "capacity-scheduler.xml", GOOD)
    _write(tmp_path / "hosts", "node1 /rack1\n")
    settings = _write(tmp_path / ".yarnlint.toml",
                      f'nodes = 40\n\n[[overrides]]\npaths = ["prod/**"]\nnodes = 400\n'
                      f'{host_key} = "hosts"\n')
    result = run_cli("check", config)
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"yarnlint: error: {settings}:5: nodes and {host_key} "
                                     "both give the node count: set one of them")
    # In different tables, the later one replaces the cluster description: no conflict.
    settings.write_text(f'nodes = 40\n\n[[overrides]]\npaths = ["prod/**"]\n'
                        f'{host_key} = "hosts"\n', encoding="utf-8")
    replaced = run_cli("check", config)
    assert replaced.exit_code in (0, 1) and "node count" not in replaced.output


def test_fix_without_paths_fixes_every_cluster_below_the_current_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for cluster in ("prod", "dev"):
        _write(tmp_path / cluster / "capacity-scheduler.xml",
               BAD.replace("5.5", "0").replace("default.capacity", "default.capcity"))
    monkeypatch.chdir(tmp_path)
    result = run_cli("fix", "--diff", "--nodes", "40", "--racks", "2")
    assert [line for line in result.stdout.splitlines() if line.startswith("+++")] == [
        "+++ b/dev/capacity-scheduler.xml", "+++ b/prod/capacity-scheduler.xml"]
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    nothing = run_cli("fix")
    assert nothing.exit_code == 2 and nothing.stderr.startswith(
        "yarnlint: error: no capacity-scheduler*.xml file in .")


def test_sibling_yarn_site_is_read_unless_one_is_given(tmp_path: Path) -> None:
    config = _write(tmp_path / "prod" / "capacity-scheduler.xml", GOOD)
    _write(tmp_path / "prod" / "yarn-site.xml",
           config_xml((P + "node-locality-delay", "forty")))
    other = _write(tmp_path / "other-yarn-site.xml", config_xml())
    paired = run_cli("check", config, "--format", "json")
    (bad,) = [f for f in json.loads(paired.output)["findings"] if f["rule_id"] == "YL004"]
    assert Path(bad["file"]).name == "yarn-site.xml"
    assert paired.exit_code == 1
    assert run_cli("check", config, "--yarn-site", other).exit_code == 0
    itself = run_cli("check", tmp_path / "prod" / "yarn-site.xml", "--format", "json")
    assert [f["rule_id"] for f in json.loads(itself.output)["findings"]].count("YL004") == 1


def _alias_findings(output: str) -> list[str]:
    return [line for line in output.splitlines() if "names hosts several ways" in line]


def test_host_file_naming_one_host_three_ways(tmp_path: Path) -> None:
    config = _write(tmp_path / "capacity-scheduler.xml", GOOD)
    hosts = _write(tmp_path / "include", "10.0.0.1\ndn1.example.com\ndn1\n"
                                         "10.0.0.2\ndn2.example.com\ndn2\n")
    (line,) = _alias_findings(run_cli("check", config, "--nodes-file", hosts).output)
    assert "YL000 warning" in line
    assert "2 short names also listed as full names (dn1 = dn1.example.com" in line
    assert "2 IP addresses among 4 host names" in line
    assert "the 6 entries may be as few as 2 machines" in line
    plain = _write(tmp_path / "plain", "dn1.example.com dn2.example.com dn3\n")
    assert _alias_findings(run_cli("check", config, "--nodes-file", plain).output) == []


def test_devansh_topology_counts_five_machines() -> None:
    topology = require_shared(CORPUS / "devansh2015__hadoop-2.4__conf_topology.data")
    config = require_shared(CORPUS / "kphan102__hadoop-conf__capacity-scheduler.xml")
    (line,) = _alias_findings(run_cli("check", config, "--topology", topology).output)
    assert "the 15 entries may be as few as 5 machines" in line


def test_yarn_site_from_the_config_file_is_shown_relative(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / ".yarnlint.toml", 'yarn-site = "site/yarn-site.xml"\n')
    _write(tmp_path / "site" / "yarn-site.xml", config_xml((P + "node-locality-delay", "30")))
    _write(tmp_path / "conf" / "capacity-scheduler.xml",
           config_xml((P + "root.queues", "default"), (P + "root.default.capacity", "100"),
                      (P + "node-locality-delay", "20")))
    monkeypatch.chdir(tmp_path)
    (line,) = [line for line in run_cli("check").output.splitlines() if " YL001 " in line]
    assert line.startswith("conf/capacity-scheduler.xml:")
    assert "replaces the one at site/yarn-site.xml:3:3" in line


def test_an_empty_directory_among_files_is_an_input_error(tmp_path: Path) -> None:
    config = _write(tmp_path / "capacity-scheduler.xml", GOOD)
    (tmp_path / "empty").mkdir()
    result = run_cli("check", config, tmp_path / "empty")
    assert result.exit_code == 2
    assert str(tmp_path / "empty") in result.stderr and "in 2 files" in result.stdout
