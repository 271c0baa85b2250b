"""per-node-heartbeat.multiple-assignments-enabled is false: one container per node heartbeat.

Why it matters on YARN: ``CapacityScheduler.canAllocateMore`` stops a heartbeat's allocation
loop after the first container when multiple assignments are off (YARN-4161), so a burst of
containers takes at least ``containers / N`` heartbeat intervals to place, even when a node
heartbeating has room and node-local work for many.

Example: ``per-node-heartbeat.multiple-assignments-enabled`` = false on a 20-node cluster
receiving a 24-task job whose data sits on 3 hosts.

Fix: remove the property (default true) and bound a heartbeat with
``per-node-heartbeat.maximum-container-assignments`` instead.

Simulated with the ``few-hosts`` shape (many containers want the same hosts); the suggestion
comes from the sweep of both values for the workload profile.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yarnlint.findings import Problem
from yarnlint.rules import evidence as ev
from yarnlint.rules import sweep as sw

ID = "YL108"
NAME = "assignment.multiple-assignments-disabled"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {"workload": "few-hosts", "tolerance": sw.DEFAULT_TOLERANCE}
NEEDS_CLUSTER = True
KEY = "per-node-heartbeat.multiple-assignments-enabled"
SWEEP = KEY


def check(model: Any, cluster: Any, options: dict[str, Any]) -> Iterator[Problem]:
    """One finding when multiple assignments per heartbeat are off."""
    if ev.effective_value(model, KEY):
        return
    yours, better = ev.user_and_changed(model, cluster, options, isolate=KEY,
                                       multiple_assignments_enabled=True)
    before, after = ev.metrics(yours), ev.metrics(better)
    if not ev.places_worse(yours, better) and not ev.places_later(yours, better):
        return
    change = f"{KEY} = true"
    message = (f"{ev.shown(model, KEY)}: each node heartbeat places at most one container "
               f"(simulated: {before['containers_per_heartbeat_max']} per heartbeat vs "
               f"{after['containers_per_heartbeat_max']} enabled); "
               + ev.comparison_text(yours, better, change))
    yield sw.swept_problem(model, cluster, options, KEY, message, (yours, better), change)
