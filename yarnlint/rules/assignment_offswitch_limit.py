"""per-node-heartbeat.maximum-offswitch-assignments is 1 on a cluster where most work is off-switch.

Why it matters on YARN: a heartbeat's allocation loop stops after
``maximum-offswitch-assignments`` containers placed through ANY (values below 1 act as 1,
YARN-4963). ANY-only asks (AM containers, Spark or Tez on object storage) are always
off-switch, so at 1, the default, a burst of them is placed one container per node
heartbeat: on a single-rack or cloud cluster, where nothing is rack-local, that caps the
cluster at N containers per heartbeat interval.

Example: the default of 1 on a 40-node cluster with no topology, 80 executors asked at once.

Fix: raise it (a few containers per heartbeat; it cannot exceed
``maximum-container-assignments``). Option ``all_clusters`` (default false): also judge
clusters with racks.

Simulated with the ``locality-free`` shape (ANY-only asks are the subject); the fix writes
the value shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yarnlint.findings import Problem
from yarnlint.rules import evidence as ev

ID = "YL110"
NAME = "assignment.offswitch-limit-one"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {"all_clusters": False, "workload": "locality-free"}
NEEDS_CLUSTER = True
KEY = "per-node-heartbeat.maximum-offswitch-assignments"
ENABLED = "per-node-heartbeat.multiple-assignments-enabled"
CONTAINER_LIMIT = "per-node-heartbeat.maximum-container-assignments"


def check(model: Any, cluster: Any, options: dict[str, Any]) -> Iterator[Problem]:
    """One finding when one off-switch container per heartbeat limits an off-switch burst."""
    if not (cluster.single_rack or options["all_clusters"]):
        return
    if ev.effective_value(model, KEY) > 1 or not ev.effective_value(model, ENABLED):
        return
    work = ev.workload(options)
    container_limit = ev.effective_value(model, CONTAINER_LIMIT)
    suggested = max(2, work.node_slots // 2)
    if container_limit != -1:
        suggested = min(suggested, max(1, container_limit))
    if suggested <= 1:
        return
    yours = ev.simulate_with(model, cluster, work)
    better = ev.simulate_with(model, cluster, work, maximum_offswitch_assignments=suggested)
    if not ev.places_later(yours, better):
        return
    before, after = ev.metrics(yours), ev.metrics(better)
    change = f"{KEY} = {suggested}"
    message = (f"{ev.shown(model, KEY)}: ANY-only containers are placed one per node heartbeat; "
               f"simulated: {before['containers_asked']} ANY-only containers on "
               f"{'a single-rack' if cluster.single_rack else 'this'} cluster took "
               f"{ev.seconds_text(before['last_container_s'])} to place, "
               f"{ev.seconds_text(after['last_container_s'])} with {change}")
    yield ev.problem(model, KEY, message, ev.evidence(yours, better, change),
                     fix=ev.value_fix(model, KEY, suggested))
