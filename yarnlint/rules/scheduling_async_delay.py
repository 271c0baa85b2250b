"""Asynchronous scheduling is on: the locality delays are spent in milliseconds, not seconds.

Why it matters on YARN: with ``schedule-asynchronously.enable`` heartbeats allocate nothing;
scheduler threads pass over all nodes, one attempt per node, sleeping
``scheduling-interval-ms`` (default 5 ms) between passes (``CapacityScheduler.schedule``).
Each attempt is a missed opportunity, so node-locality-delay and the off-switch threshold,
tuned in node heartbeats, run out after a pass or two: about N missed opportunities every few
milliseconds instead of N per heartbeat interval.

Example: ``schedule-asynchronously.enable`` = true with node-locality-delay 40 on 400 nodes.

Fix: keep it if placement speed matters most, but judge node locality by the simulated share
(raise node-locality-delay towards N if node-local reads matter), or turn it off.

Simulated with the workload profile; the suggestion is the sweep of node-locality-delay
under asynchronous scheduling. The finding describes the scheduling mode, not a value out of
range, so it carries the fix only when the sweep's value does measurably better than yours
(node-local share beyond the tolerance, or a shorter wait per container).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yarnlint.findings import Problem
from yarnlint.rules import evidence as ev
from yarnlint.rules import sweep as sw

ID = "YL112"
NAME = "scheduling.async-delay"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {"tolerance": sw.DEFAULT_TOLERANCE}
NEEDS_CLUSTER = True
KEY = "schedule-asynchronously.enable"
NODE_DELAY = "node-locality-delay"
SWEEP = NODE_DELAY


def check(model: Any, cluster: Any, options: dict[str, Any]) -> Iterator[Problem]:
    """One finding when asynchronous scheduling is on; both clocks side by side."""
    if not ev.effective_value(model, KEY):
        return
    yours, heartbeats = ev.user_and_changed(model, cluster, options, isolate=KEY,
                                           schedule_asynchronously=False)
    before, after = ev.metrics(yours), ev.metrics(heartbeats)
    change = f"{KEY} = false"
    message = (f"{ev.shown(model, KEY)}: missed opportunities accrue per scheduling pass, so "
               f"{ev.shown(model, NODE_DELAY)} lasts about "
               f"{ev.seconds_text(before['first_container_s'])} instead of "
               f"{ev.seconds_text(after['first_container_s'])} with heartbeats; simulated: "
               + ev.comparison_text(yours, heartbeats, change))
    yield sw.swept_problem(model, cluster, options, KEY, message, (yours, heartbeats), change,
                           sweep_key=SWEEP, only_if_better=True)
