"""node-locality-delay is far from the number of nodes in one rack.

Why it matters on YARN: a container may go rack-local once its key has missed more than
``min(N, node-locality-delay)`` scheduling opportunities, about one per node heartbeat.
Hadoop's documentation advises about the nodes in one rack (the default 40 assumes 40-node
racks): the nodes of the request's own rack then each get a chance. Much higher wastes
seconds waiting on small racks; much lower gives up node locality on big racks.

Example: ``node-locality-delay`` = 400 on 10-node racks, or 5 on 80-node racks.

Fix: set it to about the nodes per rack. Option ``far_ratio`` (default 2): how far from the
rack size (a factor either way) is "far".

Simulated with the workload profile. When the sweep of node-locality-delay finds no value
that does measurably better (on an idle simulated cluster the data hosts are free, so a
far-off delay may cost nothing), the finding is only an info and carries no fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from yarnlint.findings import Problem, Severity
from yarnlint.rules import evidence as ev
from yarnlint.rules import sweep as sw

ID = "YL102"
NAME = "locality.node-delay-vs-rack-size"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {"far_ratio": 2.0, "tolerance": sw.DEFAULT_TOLERANCE}
NEEDS_CLUSTER = True
KEY = "node-locality-delay"
SWEEP = KEY


def check(model: Any, cluster: Any, options: dict[str, Any]) -> Iterator[Problem]:
    """One finding when the delay is more than ``far_ratio`` times off the rack size."""
    delay = ev.effective_value(model, KEY)
    rack = ev.rack_sized_delay(cluster)
    far = float(options["far_ratio"])
    if cluster.single_rack or delay < 1 or delay > cluster.num_nodes or delay == rack:
        return
    ratio = delay / rack
    if 1 / far <= ratio <= far:
        return
    found = sw.sweep(model, cluster, options, SWEEP)
    if not found.changes:
        return
    yours, better = ev.user_and_changed(model, cluster, options, isolate=KEY,
                                       node_locality_delay=rack)
    side = "above" if ratio > 1 else "below"
    change = f"{KEY} = {rack}"
    message = (f"{ev.shown(model, KEY)} is {ratio:.2g}x the {rack} nodes of a rack "
               f"({side} the 1/{far:g}..{far:g}x band); simulated: "
               + ev.comparison_text(yours, better, change))
    problem = ev.problem(model, KEY, message, ev.evidence(yours, better, change))
    if not found.improves:
        problem = replace(problem, severity=Severity.INFO)
    yield sw.with_sweep(model, problem, found, only_if_better=True)
