"""Workloads: what the simulated applications ask, as data.

A workload is up to four parts, each its own application in the queue's FIFO order:
application masters (ANY-only, one container each, submitted first), *host* asks (maps
reading HDFS blocks that sit on the NodeManagers: each container asks its replica hosts,
their racks and ANY, as MapReduce's and Tez's ask tables add them up and re-send them, 0s
included, after each container), a small *rack* burst
(a few containers pinned to one rack and ANY) and ANY-only executors. Which parts a
workload has decides its primary metrics (see :mod:`yarnlint.whatif.search`).
"""

from __future__ import annotations

from yarnlint.core.records import Record

MAX_EXECUTORS = 200
"""ANY-only executors a workload asks at most, however large the cluster."""


class Workload(Record):
    """A representative burst of asks; ``*_per_node`` parts scale with the cluster."""

    __slots__ = ("am_containers", "any_per_node", "container_mb", "host_containers", "name",
                 "node_mb", "node_vcores", "rack_containers", "replicas", "summary")
    COMPARED = ("name", "summary", "host_containers", "replicas", "rack_containers", "any_per_node",
                "am_containers", "container_mb", "node_mb", "node_vcores")

    def __init__(self, name: str, summary: str, host_containers: int = 0, replicas: int = 3,
                 rack_containers: int = 0, any_per_node: float = 0.0, am_containers: int = 0,
                 container_mb: int = 4096, node_mb: int = 32768, node_vcores: int = 16) -> None:
        self.name = name
        self.summary = summary
        self.host_containers = host_containers
        self.replicas = replicas
        self.rack_containers = rack_containers
        self.any_per_node = any_per_node
        self.am_containers = am_containers
        self.container_mb = container_mb
        self.node_mb = node_mb
        self.node_vcores = node_vcores

    @property
    def asks_locality(self) -> bool:
        """Whether any part asks for hosts or racks (else only ANY: delays cannot matter)."""
        return bool(self.host_containers or self.rack_containers)

    @property
    def node_slots(self) -> int:
        """Containers of this size one node holds."""
        return max(1, self.node_mb // self.container_mb)

    def any_containers(self, nodes: int) -> int:
        """ANY-only executors on a cluster of ``nodes`` simulated nodes (at most
        :data:`MAX_EXECUTORS`)."""
        return min(MAX_EXECUTORS, round(self.any_per_node * nodes))


PROFILES: dict[str, Workload] = {
    "hdfs-batch": Workload(
        "hdfs-batch", "MapReduce/Tez/Hive jobs reading HDFS stored on the NodeManagers: 24 "
        "maps, each asking its 3 replica hosts, their racks and ANY", host_containers=24),
    "rack-burst": Workload(
        "rack-burst", "a small burst pinned to one rack (rack-aware services, tasks whose "
        "data sits in one rack): 3 containers asking one rack and ANY", rack_containers=3),
    "locality-free": Workload(
        "locality-free", "Spark, Tez or MapReduce on object storage or a remote HDFS: "
        "a burst of ANY-only executors (four per node, at most 200) after 2 application "
        "masters", any_per_node=4.0,
        am_containers=2),
    "mixed": Workload(
        "mixed", "a shared cluster: 2 application masters, the 24 hdfs-batch maps, the "
        "3-container rack burst and ANY-only executors (one per node, at most 200)",
        host_containers=24, rack_containers=3, any_per_node=1.0, am_containers=2),
}
"""The workloads ``--workload`` and the config file choose from."""

DEFAULT_PROFILE = "mixed"
"""The workload when neither ``--workload``, the config file nor core-site names one."""

OBJECT_STORE_SCHEMES = frozenset({
    "s3", "s3a", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs", "adl", "oss", "cosn", "cos",
    "obs", "ofs", "o3fs", "swift", "oci", "ks3"})
"""``fs.defaultFS`` schemes of stores that are not on the NodeManagers: no data locality."""


def profile(name: str | None) -> Workload:
    """The named profile, or the default one."""
    return PROFILES[name or DEFAULT_PROFILE]


def scheme_is_remote(default_fs: str) -> bool:
    """Whether an ``fs.defaultFS`` URI names an object store (``s3a://bucket``)."""
    scheme, sep, _ = default_fs.strip().partition("://")
    return bool(sep) and scheme.lower() in OBJECT_STORE_SCHEMES
