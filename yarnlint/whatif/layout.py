"""The simulated cluster: the user's own hosts and racks, in a neutral heartbeat order.

The nodes are the cluster's (the same rack split the report shows); their heartbeats visit
the racks in turn (one node of each rack, then the next), the order of a cluster whose
heartbeats arrive unsynchronised. Requests for a rack go to the rack of the last node of
that order, so they meet other racks' nodes first, as on a real cluster.

Clusters above :data:`MAX_VISITED` nodes are scaled down: only the first nodes of that order
heartbeat (each rack keeps its share), the scheduler still counts every node
(``num_cluster_nodes``), and the rounds run long enough for missed opportunities to reach
the node count, so a request is placed when YARN would place it. Times are rescaled to the
whole cluster's heartbeat rate.
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from yarnlint.model.cluster import Cluster

MAX_VISITED = 400
"""Nodes whose heartbeats a simulation plays at most."""
ATTEMPT_BUDGET = 8_000
"""Node attempts one run may make at most (a few milliseconds): on 2,000 nodes four heartbeat
intervals of the whole cluster, enough for any threshold to pass."""
CLUSTER_ROUNDS = 6
"""Heartbeat intervals of the whole cluster a run may last: enough for any threshold (at
most the node count) to pass a few times over."""


class Layout:
    """The hosts and racks of the cluster, the visit order and the rounds a run may last.

    Layouts compare and hash by :attr:`key`, a digest of all of that: a 100,000-node layout
    is a cache key as cheap as a small one."""

    def __init__(self, hosts: tuple[str, ...], racks: tuple[str, ...], visit: tuple[int, ...],
                 heartbeat_ms: int) -> None:
        self.hosts = hosts
        self.racks = racks
        self.visit = visit
        self.heartbeat_ms = heartbeat_ms
        text = repr((hosts, racks, visit, heartbeat_ms))
        self.key = hashlib.sha256(text.encode()).hexdigest()

    def __repr__(self) -> str:
        return f"Layout({self.nodes} nodes, {len(self.rack_names)} racks, key {self.key[:12]})"

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Layout) and other.key == self.key

    @classmethod
    def of(cls, cluster: Cluster) -> Layout:
        """The layout of a :class:`yarnlint.model.cluster.Cluster`."""
        by_rack: dict[str, list[int]] = {}
        for index, rack in enumerate(cluster.racks):
            by_rack.setdefault(rack, []).append(index)
        columns = list(by_rack.values())
        order = [column[i] for i in range(max(map(len, columns))) for column in columns
                 if i < len(column)]
        return cls(tuple(cluster.hosts), tuple(cluster.racks), tuple(order[:MAX_VISITED]),
                   cluster.heartbeat_ms)

    @property
    def nodes(self) -> int:
        return len(self.hosts)

    @cached_property
    def rack_names(self) -> tuple[str, ...]:
        """The racks, each once, in host order (computed once: a layout may have 100,000)."""
        return tuple(dict.fromkeys(self.racks))

    @property
    def single_rack(self) -> bool:
        return len(self.rack_names) <= 1

    @property
    def scaled(self) -> bool:
        return len(self.visit) < self.nodes

    @property
    def max_rounds(self) -> int:
        """Rounds over the visited nodes a run may last."""
        per_cluster_round = -(-self.nodes // len(self.visit))
        return max(1, min(CLUSTER_ROUNDS * per_cluster_round, ATTEMPT_BUDGET // len(self.visit)))

    @property
    def time_scale(self) -> float:
        """Simulated heartbeat time -> time on the whole cluster."""
        return len(self.visit) / self.nodes

    @property
    def target_rack(self) -> str:
        """The rack rack asks go to: the rack of the last visited node."""
        return self.racks[self.visit[-1]]

    def describe(self) -> str:
        """``400 nodes in 10 racks, 1000 ms heartbeats``."""
        racks = len(self.rack_names)
        where = "one rack" if racks == 1 else f"{racks} racks"
        return f"{self.nodes} nodes in {where}, {self.heartbeat_ms} ms heartbeats"
