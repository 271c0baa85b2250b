"""node-locality-delay + rack-locality-additional-delay reaches the node count, so YARN caps it.

Why it matters on YARN: with an explicit additional delay A, off-switch is allowed once the
missed-opportunity count exceeds ``min(N, node-locality-delay + A)``. At or above N the sum
means N: one full sweep of the cluster's heartbeats (about one heartbeat interval), and the
additional delay actually in force is ``N - min(N, node-locality-delay)``, not A. A request
whose rack has no free node waits that long for every off-switch container.

Example: node-locality-delay 40 and rack-locality-additional-delay 1000 on 400 nodes:
off-switch after 400, an additional delay of 360.

Fix: choose the sum below N on purpose (about one rack's worth above node-locality-delay), or
accept a wait of one heartbeat interval per off-switch container.

Simulated with the ``busy-rack`` shape (a rack with no free node waits out the whole delay);
the suggested value comes from the sweep of rack-locality-additional-delay for the workload
profile.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yarnlint.findings import Problem
from yarnlint.rules import evidence as ev
from yarnlint.rules import sweep as sw

ID = "YL106"
NAME = "locality.offswitch-delay-exceeds-cluster"
SEVERITY = "info"
OPTIONS: dict[str, Any] = {"workload": "busy-rack", "tolerance": sw.DEFAULT_TOLERANCE}
NEEDS_CLUSTER = True
KEY = "rack-locality-additional-delay"
NODE_DELAY = "node-locality-delay"
SWEEP = KEY


def check(model: Any, cluster: Any, options: dict[str, Any]) -> Iterator[Problem]:
    """One finding when an explicit additional delay puts the sum at or above N."""
    additional = ev.effective_value(model, KEY)
    node_delay = ev.effective_value(model, NODE_DELAY)
    nodes = cluster.num_nodes
    if additional <= -1 or node_delay + additional < nodes:
        return
    suggested = ev.explicit_additional_delay(cluster, node_delay)
    yours, better = ev.user_and_changed(model, cluster, options,
                                       rack_locality_additional_delay=suggested)
    in_force = nodes - min(nodes, max(node_delay, 0))
    change = f"{KEY} = {suggested}"
    numbers = ev.metrics(yours)
    message = (f"{NODE_DELAY} + {KEY} = {node_delay} + {additional} = "
               f"{node_delay + additional} is at or above the {nodes} nodes: off-switch comes "
               f"after {nodes} missed opportunities ("
               f"{ev.delay_time_text(model, cluster, nodes)}), an additional delay of "
               f"{in_force}, not {additional}; simulated with a busy rack: first off-switch "
               f"container after {ev.seconds_text(numbers['first_container_s'])}")
    if suggested != additional:
        message += "; " + ev.comparison_text(yours, better, change)
    yield sw.swept_problem(model, cluster, options, KEY, message, (yours, better), change,
                           related=(NODE_DELAY,))
