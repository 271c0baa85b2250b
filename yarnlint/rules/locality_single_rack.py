"""The cluster has one rack: rack-local and off-switch are the same placement.

Why it matters on YARN: with no topology every node is in ``/default-rack``, so every node is
in the requested rack. The rack-local and off-switch levels then place a container on the
same nodes; ``rack-locality-additional-delay`` (and its automatic formula) only adds a second
threshold for giving up node locality, and ``rack-locality-full-reset`` only decides whether
later containers wait again.

Example: ``yarnlint check --nodes 40`` with no racks, or a topology file with one rack.

Fix: give the cluster a topology (``net.topology.*``, ``--topology``) if it has racks. An
info: the locality rules judge the delays on the cluster as described.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.rules import RuleContext
from yarnlint.whatif import verdicts

ID = "YL104"
NAME = "locality.single-rack"
SEVERITY = "info"
NEEDS_CLUSTER = True
KEY = "node-locality-delay"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """One info on a cluster of more than one node in a single rack."""
    cluster = ctx.cluster
    if not cluster.single_rack or cluster.num_nodes < 2:
        return
    rack = next(iter(cluster.rack_sizes))
    yield verdicts.note(ctx.model, KEY, f"all {cluster.num_nodes} nodes are in one rack ({rack}): "
                      "rack-local and off-switch containers land on the same nodes")
