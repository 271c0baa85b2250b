"""Absurd cluster descriptions: a one-line error (exit 2) or a bounded-time result."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import Result
from conftest import run_cli
from hardening_support import assert_located, json_findings

from yarnlint.model.cluster import (
    MAX_NODES,
    MAX_TOPOLOGY_ISSUES,
    ClusterSpec,
    cluster_from_spec,
)

CONFIG = """<configuration>
<property><name>yarn.scheduler.capacity.root.queues</name><value>default</value></property>
<property><name>yarn.scheduler.capacity.root.default.capacity</name><value>100</value>
</property>
</configuration>
"""


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "capacity-scheduler.xml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def _timed(*args: object) -> Result:
    start = time.perf_counter()
    result = run_cli("check", *args)
    print(f"check {' '.join(map(str, args[1:]))}: exit {result.exit_code} "
          f"in {time.perf_counter() - start:.3f}s")
    return result


def _assert_one_line_error(result: Result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    assert all(w in lines[0] for w in words), lines[0]


@pytest.mark.parametrize(("flags", "words"), [
    (("--nodes", "0"), ("--nodes", "0")),
    (("--nodes", "-3"), ("--nodes", "-3")),
    (("--nodes", "4", "--racks", "5"), ("--racks", "5")),
    (("--nodes", "4", "--racks", "0"), ("--racks",)),
    (("--nodes", "4", "--racks", "-1"), ("--racks",)),
    (("--nodes", str(MAX_NODES + 1)), (str(MAX_NODES + 1),)),
    (("--nodes", str(10**30)), ("--nodes",)),
    (("--racks", "3"), ("--racks",)),
])
def test_absurd_flags_are_one_line_errors(config: Path, flags: tuple[str, ...],
                                          words: tuple[str, ...]) -> None:
    _assert_one_line_error(_timed(config, *flags), *words)


def test_non_numeric_nodes_is_a_usage_error(config: Path) -> None:
    result = _timed(config, "--nodes", "ten")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "'--nodes': 'ten' is not a valid integer" in result.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("racks", ["1", "100", "1000", str(MAX_NODES)])
def test_largest_cluster_is_linted(config: Path, racks: str) -> None:
    """100,000 nodes: a result, in bounded time (printed, not asserted)."""
    result = _timed(config, "--nodes", str(MAX_NODES), "--racks", racks, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    assert_located(json_findings(result))


def test_topology_with_duplicate_hosts(tmp_path: Path, config: Path) -> None:
    topology = tmp_path / "topology.data"
    topology.write_text("h1 /r1\nh2 /r1\nh1 /r1\nh2 /r2\nh3 /r2\n", encoding="utf-8")
    result = _timed(config, "--topology", topology, "--format", "json")
    assert result.exit_code == 1
    findings = json_findings(result)
    assert_located(findings)
    (dup,) = [f for f in findings if f["rule_id"] == "YL000"]
    assert dup["file"] == str(topology) and dup["line"] == 4 and "h2" in dup["message"]


def test_topology_hosts_outside_the_include_file(tmp_path: Path) -> None:
    topology = tmp_path / "topology.data"
    topology.write_text("h1 /r1\nh2 /r1\nh3 /r2\nh4 /r2\n", encoding="utf-8")
    include = tmp_path / "include"
    include.write_text("h1\nh3\n", encoding="utf-8")
    cluster = cluster_from_spec(ClusterSpec(topology=topology, nodes_file=include), 1000)
    assert cluster is not None and cluster.hosts == ("h1", "h3")
    assert cluster.rack_sizes == {"/r1": 1, "/r2": 1}
    (issue,) = cluster.issues
    assert issue.kind == "topology-extra" and "2 hosts" in issue.message


def test_topology_issues_are_capped(tmp_path: Path) -> None:
    topology = tmp_path / "topology.data"
    topology.write_text("".join(f"h{i % 7} /r{i % 2}\nbad line {i}\n" for i in range(50_000)),
                        encoding="utf-8")
    cluster = cluster_from_spec(ClusterSpec(topology=topology), 1000)
    assert cluster is not None and cluster.num_nodes == 7
    assert len(cluster.issues) == MAX_TOPOLOGY_ISSUES + 1
    assert "more topology problems" in cluster.issues[-1].message


def test_java_whitespace_only_splits_topology_columns(tmp_path: Path) -> None:
    """``TableMapping`` splits on ``\\s+`` (ASCII); a no-break space is part of a column."""
    topology = tmp_path / "topology.data"
    topology.write_text("h1\u00a0/r1\nh2\t/r2\n", encoding="utf-8")
    cluster = cluster_from_spec(ClusterSpec(topology=topology), 1000)
    assert cluster is not None and cluster.hosts == ("h2",)


def test_too_many_hosts_in_the_nodes_file(tmp_path: Path, config: Path) -> None:
    include = tmp_path / "include"
    include.write_text("".join(f"host{i}\n" for i in range(MAX_NODES + 1)), encoding="utf-8")
    _assert_one_line_error(_timed(config, "--nodes-file", include), str(include),
                           str(MAX_NODES))


@pytest.mark.parametrize("content", [b"", b"# only a comment\n", b"\xff\xfe\x00garbage"])
def test_nodes_file_without_hosts_or_with_garbage(tmp_path: Path, config: Path,
                                                  content: bytes) -> None:
    topology = tmp_path / "topology.data"
    topology.write_bytes(content)
    result = _timed(config, "--topology", topology)
    assert result.exit_code == 2 and str(topology) in result.stderr


def test_missing_topology_file(tmp_path: Path, config: Path) -> None:
    _assert_one_line_error(_timed(config, "--topology", tmp_path / "absent"), "absent",
                           "cannot read")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_as_nodes_file_does_not_hang(tmp_path: Path, config: Path) -> None:
    fifo = tmp_path / "include"
    os.mkfifo(fifo)
    _assert_one_line_error(_timed(config, "--nodes-file", fifo), str(fifo), "regular file")
