"""The cluster has one rack: rack-local and off-switch are the same placement.

Why it matters on YARN: with no topology every node is in ``/default-rack``, so every node is
in the requested rack. The rack-local and off-switch levels then place a container on the same
nodes; ``rack-locality-additional-delay`` (and its automatic formula) only adds a second
threshold for giving up node locality, and ``rack-locality-full-reset`` only decides whether
later containers wait again. node-locality-delay still costs time: a container not placed
node-local waits ``min(N, node-locality-delay)`` missed opportunities, about
``min(N, delay) / N`` heartbeat intervals.

Example: ``yarnlint check --nodes 40`` with no racks, or a topology file with one rack.

Fix: give the cluster a topology (``net.topology.*``) if it has racks; otherwise keep
node-locality-delay only if node-local reads are worth the wait shown.

Simulated with the ``few-hosts`` shape (data on a few hosts, so the delay's wait shows); the
suggested value comes from the sweep of node-locality-delay for the workload profile. The
finding describes the cluster, not a value out of range, so it carries the fix only when the
sweep's value does measurably better than yours (node-local share beyond the tolerance, or a
shorter wait per container).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yarnlint.findings import Problem
from yarnlint.rules import evidence as ev
from yarnlint.rules import sweep as sw

ID = "YL104"
NAME = "locality.single-rack"
SEVERITY = "info"
OPTIONS: dict[str, Any] = {"workload": "few-hosts", "tolerance": sw.DEFAULT_TOLERANCE}
NEEDS_CLUSTER = True
KEY = "node-locality-delay"
SWEEP = KEY


def check(model: Any, cluster: Any, options: dict[str, Any]) -> Iterator[Problem]:
    """One finding on a cluster of more than one node in a single rack."""
    if not cluster.single_rack or cluster.num_nodes < 2:
        return
    delay = min(cluster.num_nodes, max(0, ev.effective_value(model, KEY)))
    yours, without = ev.user_and_changed(model, cluster, options, node_locality_delay=0)
    change = f"{KEY} = 0"
    rack = next(iter(cluster.rack_sizes))
    message = (f"all {cluster.num_nodes} nodes are in one rack ({rack}): rack-local and "
               f"off-switch place containers on the same nodes, so "
               f"rack-locality-additional-delay only adds a second threshold for leaving node "
               f"locality; {ev.shown(model, KEY)} still makes a container wait {delay} missed "
               f"opportunities ({ev.delay_time_text(model, cluster, delay)}) before it may "
               "leave node locality; simulated: " + ev.comparison_text(yours, without, change))
    yield sw.swept_problem(model, cluster, options, KEY, message, (yours, without), change,
                           only_if_better=True)
