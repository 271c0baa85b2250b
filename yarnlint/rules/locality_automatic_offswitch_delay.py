"""rack-locality-additional-delay is -1: requests go off-switch before they may go rack-local.

Why it matters on YARN: with -1 (the default) the off-switch threshold is the automatic
``min(N, C * min((U - 1) / N, 1))`` (C: containers still wanted, U: distinct hosts, racks and
ANY asked; ``RegularContainerAllocator.canAssign``). For a typical request this is far below
node-locality-delay: 3 containers on one rack of 400 nodes give 3 * 1 / 400 = 0.0075, so the
very first node of another rack that heartbeats gets an OFF_SWITCH container, while rack-local
would have waited for more than node-locality-delay missed opportunities. C shrinks as
containers are placed, so the threshold falls during a job.

Example: ``rack-locality-additional-delay`` unset on a cluster with racks.

Fix: set an explicit value (YARN-6344, 2.9.0/3.0.0): the off-switch threshold becomes
``min(N, node-locality-delay + value)``; about one rack's worth keeps it above the rack-local
threshold and below N.

Simulated with the ``rack-burst`` shape (the small request the automatic formula sends off-
switch); the suggested value comes from the sweep of rack-locality-additional-delay for the
workload profile.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yarnlint.findings import Problem
from yarnlint.rules import evidence as ev
from yarnlint.rules import sweep as sw

ID = "YL105"
NAME = "locality.automatic-offswitch-delay"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {"workload": "rack-burst", "tolerance": sw.DEFAULT_TOLERANCE}
NEEDS_CLUSTER = True
KEY = "rack-locality-additional-delay"
NODE_DELAY = "node-locality-delay"
SWEEP = KEY


def check(model: Any, cluster: Any, options: dict[str, Any]) -> Iterator[Problem]:
    """One finding when the automatic threshold sends the simulated request off-switch early."""
    if cluster.single_rack or not ev.known_to(model, KEY) or ev.effective_value(model, KEY) > -1:
        return
    node_delay = ev.effective_value(model, NODE_DELAY)
    suggested = ev.explicit_additional_delay(cluster, node_delay)
    yours, better = ev.user_and_changed(model, cluster, options,
                                       rack_locality_additional_delay=suggested)
    offswitch = ev.metrics(yours)["containers"]["OFF_SWITCH"]
    if offswitch <= ev.metrics(better)["containers"]["OFF_SWITCH"]:
        return
    count, unique, threshold = ev.automatic_threshold(yours)
    change = f"{KEY} = {suggested}"
    below = f", below {NODE_DELAY} = {node_delay}" if threshold < node_delay else ""
    message = (f"{ev.shown(model, KEY)} uses the automatic off-switch threshold "
               f"min(N, C x (U-1)/N): for {count} containers asked at {unique} locations it "
               f"starts at {threshold:.2g}{below}, so {offswitch} of {count} went off-switch "
               "to the first nodes of other racks that heartbeat; simulated: "
               + ev.comparison_text(yours, better, change))
    yield sw.swept_problem(model, cluster, options, KEY, message, (yours, better), change,
                           related=(NODE_DELAY,))
