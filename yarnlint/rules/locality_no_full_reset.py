"""rack-locality-full-reset is false: after one rack-local container the rest go at once.

Why it matters on YARN: after a new NODE_LOCAL container, or a RACK_LOCAL one while
``rack-locality-full-reset`` is true (the default, YARN-4287), the key's missed-opportunity
count goes back to 0 (``RegularContainerAllocator.doAllocation``). With false it stays above
node-locality-delay, so every later container of the request is allowed rack-local on the next
node of the rack, often several in one heartbeat, and the nodes holding the data never get
their turn; the count keeps growing and can pass the off-switch threshold too.

Example: ``rack-locality-full-reset`` = false with a large MapReduce job.

Fix: remove the property (default true), unless fast placement matters more than node
locality and you accept the node-local share shown. The rule reports only when the simulated
request loses node-local or gains off-switch containers.

Simulated with the ``few-hosts`` shape (a request larger than its data hosts hold at once);
the suggestion comes from the sweep of both values for the workload profile.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yarnlint.findings import Problem
from yarnlint.rules import evidence as ev
from yarnlint.rules import sweep as sw

ID = "YL107"
NAME = "locality.no-full-reset"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {"workload": "few-hosts", "tolerance": sw.DEFAULT_TOLERANCE}
NEEDS_CLUSTER = True
KEY = "rack-locality-full-reset"
SWEEP = KEY


def check(model: Any, cluster: Any, options: dict[str, Any]) -> Iterator[Problem]:
    """One finding when full reset is off on a release that reads the key."""
    if ev.effective_value(model, KEY):
        return
    yours, better = ev.user_and_changed(model, cluster, options, isolate=KEY,
                                       rack_locality_full_reset=True)
    if not ev.places_worse(yours, better):
        return
    change = f"{KEY} = true"
    message = (f"{ev.shown(model, KEY)}: after the first rack-local container the missed-"
               "opportunity count is not reset, so the rest of the request skips the delay; "
               "simulated: " + ev.comparison_text(yours, better, change))
    yield sw.swept_problem(model, cluster, options, KEY, message, (yours, better), change)
