"""rack-locality-full-reset, as set, costs locality or time on this cluster.

Why it matters on YARN: after a new NODE_LOCAL container, or a RACK_LOCAL one while
``rack-locality-full-reset`` is true (the default, YARN-4287), the key's missed-opportunity
count goes back to 0 (``RegularContainerAllocator.doAllocation``). With false it stays above
node-locality-delay, so every later container of the request may go rack-local on the next
node of the rack and the nodes holding the data never get their turn; with true, every
rack-local container waits the whole delay again.

Example: ``rack-locality-full-reset`` = false with large MapReduce jobs.

Fix: the value the search recommends (``yarnlint fix`` writes it).

Judged by simulation: a warning only when the best combination of the locality keys found
for the workload beats yours materially and changes this key.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.releases import known_to
from yarnlint.rules import RuleContext
from yarnlint.whatif import verdicts

ID = "YL107"
NAME = "locality.no-full-reset"
SEVERITY = "warning"
OPTIONS = verdicts.JUDGING_OPTIONS
NEEDS_CLUSTER = True
GROUP = verdicts.LOCALITY
KEY = "rack-locality-full-reset"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """A warning when the reset behaviour has a material simulated cost."""
    model = ctx.model
    if not known_to(model, KEY):
        return
    judged = verdicts.judgement(model, ctx.cluster, ctx.options, GROUP)
    if verdicts.warns(judged, KEY):
        yield verdicts.finding(model, judged, KEY)
