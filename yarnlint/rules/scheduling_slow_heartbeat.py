"""A long NodeManager heartbeat interval makes the locality delays cost seconds per container.

Why it matters on YARN: in synchronous scheduling each node heartbeat is one scheduling
opportunity, so the cluster offers about N per heartbeat interval and a delay of d missed
opportunities costs about ``d * interval / N`` of wall clock per container (more when nodes
are full). ``yarn.resourcemanager.nodemanagers.heartbeat-interval-ms`` above the default
1000 ms stretches every such wait.

Example: 3000 ms heartbeats with node-locality-delay 40 on a 40-node cluster: about 3 s before
each rack-local container.

Fix: lower node-locality-delay (and the additional delay) in proportion, or shorten the
heartbeat. Option ``max_wait_s`` (default 1.0): the simulated wait per container that is
too long.

Simulated with the ``rack-burst`` shape (a request that must wait out the delay); the
suggestion is the sweep of node-locality-delay for the workload profile. The finding
describes the heartbeat, not a value out of range, so it carries the fix only when the
sweep's value does measurably better than yours (node-local share beyond the tolerance, or a
shorter wait per container).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yarnlint.findings import Problem
from yarnlint.model.cluster import DEFAULT_HEARTBEAT_MS
from yarnlint.rules import evidence as ev
from yarnlint.rules import sweep as sw

ID = "YL113"
NAME = "scheduling.slow-heartbeat-wait"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {"max_wait_s": 1.0, "workload": "rack-burst",
                           "tolerance": sw.DEFAULT_TOLERANCE}
NEEDS_CLUSTER = True
KEY = "node-locality-delay"
SWEEP = KEY
ASYNC = "schedule-asynchronously.enable"


def check(model: Any, cluster: Any, options: dict[str, Any]) -> Iterator[Problem]:
    """One finding when a slow heartbeat makes the simulated wait per container too long."""
    if cluster.heartbeat_ms <= DEFAULT_HEARTBEAT_MS or ev.effective_value(model, ASYNC):
        return
    work = ev.workload(options)
    yours = ev.simulate_with(model, cluster, work, isolate=KEY)
    wait = ev.metrics(yours)["seconds_per_container"]
    if wait is None or wait <= float(options["max_wait_s"]):
        return
    usual = ev.simulate_with(model, cluster, work, isolate=KEY,
                             heartbeat_interval_ms=DEFAULT_HEARTBEAT_MS)
    change = f"{DEFAULT_HEARTBEAT_MS} ms heartbeats"
    usual_wait = ev.seconds_text(ev.metrics(usual)["seconds_per_container"])
    message = (f"{cluster.heartbeat_ms} ms NodeManager heartbeats with "
               f"{ev.shown(model, KEY)}: simulated wait {wait:g} s per container (above "
               f"{float(options['max_wait_s']):g} s), {usual_wait} with {change}; "
               + ev.comparison_text(yours, usual, change))
    yield sw.swept_problem(model, cluster, options, KEY, message, (yours, usual), change,
                           only_if_better=True)
