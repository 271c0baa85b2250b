"""Cluster descriptions: flags, TableMapping topology, include files, heartbeat."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS, require_shared

from yarnlint.core.findings import InputError
from yarnlint.model.cluster import ClusterSpec, cluster_from_spec, even_cluster


def test_even_split_in_consecutive_blocks() -> None:
    cluster = even_cluster(10, 3, 1000)
    assert cluster.rack_sizes == {"/rack1": 4, "/rack2": 3, "/rack3": 3}
    assert cluster.racks[:5] == ("/rack1",) * 4 + ("/rack2",)


def test_no_racks_means_one_default_rack() -> None:
    cluster = even_cluster(20, None, 1000)
    assert cluster.single_rack and cluster.racks[0] == "/default-rack"


@pytest.mark.parametrize(("nodes", "racks"), [(0, None), (-3, None), (4, 5), (4, 0)])
def test_absurd_sizes_are_input_errors(nodes: int, racks: int | None) -> None:
    with pytest.raises(InputError):
        even_cluster(nodes, racks, 1000)


def test_topology_and_include_file(tmp_path: Path) -> None:
    topology = tmp_path / "topology.data"
    topology.write_text("# comment\nh1 /r1\nh2\t/r1  \nh3 /r2\nbad line here\n",
                        encoding="utf-8")
    include = tmp_path / "include"
    include.write_text("h1 h2 # h9\nh3\nh4\nh1\n", encoding="utf-8")
    cluster = cluster_from_spec(ClusterSpec(topology=topology, nodes_file=include), 500)
    assert cluster is not None
    assert cluster.hosts == ("h1", "h2", "h3", "h4")
    assert cluster.racks == ("/r1", "/r1", "/r2", "/default-rack")
    assert cluster.heartbeat_ms == 500
    (issue,) = cluster.issues
    assert issue.location.line == 5 and "3 columns" in issue.message


def test_three_column_corpus_topology_maps_nothing() -> None:
    path = require_shared(CORPUS / "qf8505__docker-compose-hadoop__topology.data")
    with pytest.raises(InputError, match=r"no usable hosts \(5 lines ignored"):
        cluster_from_spec(ClusterSpec(topology=path), 1000)
