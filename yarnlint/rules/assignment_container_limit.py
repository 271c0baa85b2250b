"""per-node-heartbeat.maximum-container-assignments is unlimited or above what a node holds.

Why it matters on YARN: while multiple assignments are on, one node heartbeat keeps
allocating until the node is full or this limit is reached (``canAllocateMore``). At -1, or at
a value larger than the containers a node holds, the limit never binds: the first node of a
burst to heartbeat is filled at once (a hot spot for its disks and network) while its
neighbours stay empty. Hadoop changed the default from -1 to 100 in YARN-8896 (2.10.0, 3.1.2,
3.2.1, 3.3.0); an explicit value is what this rule judges.

Example: ``per-node-heartbeat.maximum-container-assignments`` = -1 with 8 containers per node.

The limit trades burst speed for spread: the finding shows both runs, and reports only when
the simulated burst put more containers in one heartbeat than the bound.

Fix: a value below a node's container count (for example half of it) if hot spots hurt more
than placement time. The ``workload`` option sets the container and node sizes assumed.

Simulated with the ``few-hosts`` shape (node-local work piles onto the few data hosts); the
fix writes half a node's containers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yarnlint.findings import Problem
from yarnlint.rules import evidence as ev

ID = "YL109"
NAME = "assignment.container-limit-unbounded"
SEVERITY = "info"
OPTIONS: dict[str, Any] = {"workload": "few-hosts"}
NEEDS_CLUSTER = True
KEY = "per-node-heartbeat.maximum-container-assignments"
ENABLED = "per-node-heartbeat.multiple-assignments-enabled"


def check(model: Any, cluster: Any, options: dict[str, Any]) -> Iterator[Problem]:
    """One finding when an explicit limit cannot bind on a node of the workload's size."""
    work = ev.workload(options)
    limit = ev.effective_value(model, KEY)
    slots = work.node_slots
    if (not model.setting(KEY).is_set or not ev.known_to(model, KEY)
            or not ev.effective_value(model, ENABLED) or not (limit == -1 or limit > slots)):
        return
    suggested = max(1, slots // 2)
    yours = ev.simulate_with(model, cluster, work, isolate=KEY)
    better = ev.simulate_with(model, cluster, work, isolate=KEY,
                              maximum_container_assignments=suggested)
    before, after = ev.metrics(yours), ev.metrics(better)
    if before["containers_per_heartbeat_max"] <= suggested:
        return
    change = f"{KEY} = {suggested}"
    limit_text = "unlimited" if limit == -1 else f"above the {slots} containers a node holds"
    message = (f"{ev.shown(model, KEY)} is {limit_text} ({work.container_mb} MB containers on "
               f"{work.node_mb} MB nodes): one heartbeat can fill a node; simulated: up to "
               f"{before['containers_per_heartbeat_max']} containers in one heartbeat, "
               f"largest node {ev.share_text(before['largest_node_share'])} of the burst "
               f"(even spread {ev.share_text(before['even_node_share'])}); with {change}: "
               f"{after['containers_per_heartbeat_max']} per heartbeat, largest node "
               f"{ev.share_text(after['largest_node_share'])}, but last container "
               f"{ev.seconds_text(before['last_container_s'])} -> "
               f"{ev.seconds_text(after['last_container_s'])}")
    yield ev.problem(model, KEY, message, ev.evidence(yours, better, change),
                     fix=ev.value_fix(model, KEY, suggested))
