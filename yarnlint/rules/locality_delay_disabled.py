"""node-locality-delay is 0 or negative: delay scheduling is off and node locality is lost.

Why it matters on YARN: rack-local is allowed once ``min(N, node-locality-delay)`` is below
the missed-opportunity count, which is at least 1 on the first attempt, so a value of 0 or
less lets every container go rack-local on the first node of its rack that heartbeats instead
of waiting for a node that holds its data. Before YARN-3018 (2.8.0, 3.0.0) the code default
was -1, so an unset key means no delay on those releases.

Example: ``node-locality-delay`` = -1 (or unset on Hadoop 2.7).

Fix: set it to about the nodes in one rack.

Simulated with the workload profile; the suggested value comes from the sweep of node-
locality-delay (never 0 or below).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yarnlint.findings import Problem
from yarnlint.rules import evidence as ev
from yarnlint.rules import sweep as sw

ID = "YL103"
NAME = "locality.node-delay-disabled"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {"tolerance": sw.DEFAULT_TOLERANCE}
NEEDS_CLUSTER = True
KEY = "node-locality-delay"
SWEEP = KEY


def check(model: Any, cluster: Any, options: dict[str, Any]) -> Iterator[Problem]:
    """One finding when the effective delay is 0 or less."""
    if ev.effective_value(model, KEY) > 0:
        return
    rack = ev.rack_sized_delay(cluster)
    yours, better = ev.user_and_changed(model, cluster, options, isolate=KEY,
                                       node_locality_delay=rack)
    change = f"{KEY} = {rack}"
    message = (f"{ev.shown(model, KEY)} turns delay scheduling off: containers go rack-local "
               f"on the first attempt; simulated: " + ev.comparison_text(yours, better, change))
    yield sw.swept_problem(model, cluster, options, KEY, message, (yours, better), change)
