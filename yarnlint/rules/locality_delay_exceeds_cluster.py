"""node-locality-delay is larger than the cluster's node count, so YARN caps it.

Why it matters on YARN: the rack-local threshold is ``min(N, node-locality-delay)``
(``RegularContainerAllocator.getActualNodeLocalityDelay``): a value above the node count N
means N. Each missed opportunity is one node heartbeat, so a container that cannot run
node-local waits a full sweep of the cluster's heartbeats, about one heartbeat interval; with
``rack-locality-full-reset`` on (the default) every later rack-local container of the request
waits that long again.

Example: ``node-locality-delay`` = 100 on a 40-node cluster: capped at 40, about 1 s per
rack-local container with 1 s heartbeats.

Fix: set it to about the nodes in one rack (the default 40 assumes 40-node racks), below N.

Simulated with the ``rack-burst`` shape (a request that cannot run node-local shows the
cap's cost per container); the suggested value comes from the sweep of node-locality-delay
for the workload profile.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yarnlint.findings import Problem
from yarnlint.rules import evidence as ev
from yarnlint.rules import sweep as sw

ID = "YL101"
NAME = "locality.node-delay-exceeds-cluster"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {"workload": "rack-burst", "tolerance": sw.DEFAULT_TOLERANCE}
NEEDS_CLUSTER = True
KEY = "node-locality-delay"
SWEEP = KEY


def check(model: Any, cluster: Any, options: dict[str, Any]) -> Iterator[Problem]:
    """One finding when the effective delay exceeds the node count."""
    delay = ev.effective_value(model, KEY)
    nodes = cluster.num_nodes
    if delay <= nodes:
        return
    work = ev.workload(options)
    yours = ev.simulate_with(model, cluster, work, isolate=KEY)
    suggested = ev.rack_sized_delay(cluster)
    better = None if suggested >= nodes else ev.simulate_with(
        model, cluster, work, isolate=KEY, node_locality_delay=suggested)
    numbers = ev.metrics(yours)
    message = (f"{ev.shown(model, KEY)} is above the cluster's {nodes} nodes: YARN caps it at "
               f"{nodes}, one missed opportunity per node ("
               f"{ev.delay_time_text(model, cluster, nodes)}) before a container may leave "
               f"node locality; simulated: {numbers['containers']['RACK_LOCAL']} rack-local of "
               f"{numbers['containers_asked']}, last container after "
               f"{ev.seconds_text(numbers['last_container_s'])}")
    if better is not None:
        message += "; " + ev.comparison_text(yours, better, f"{KEY} = {suggested}")
    yield sw.swept_problem(model, cluster, options, KEY, message, (yours, better),
                           f"{KEY} = {suggested}")
