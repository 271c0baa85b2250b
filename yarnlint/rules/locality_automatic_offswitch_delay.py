"""rack-locality-additional-delay is -1: the automatic off-switch threshold costs locality.

Why it matters on YARN: with -1 (the default) the off-switch threshold is the automatic
``min(N, C * min((U - 1) / N, 1))`` (C: containers still wanted, U: distinct hosts, racks and
ANY asked; ``RegularContainerAllocator.canAssign``). For a small request on a big cluster it
is far below node-locality-delay: 3 containers on one rack of 400 nodes give 3 * 1 / 400, so
the first node of another rack that heartbeats gets an OFF_SWITCH container, while
rack-local would have waited for node-locality-delay missed opportunities. C shrinks as
containers are placed, so the threshold falls during a job.

Example: ``rack-locality-additional-delay`` unset on 400 nodes in 10 racks.

Fix: an explicit value (YARN-6344, 2.9.0/3.0.0), as the search recommends: the off-switch
threshold becomes ``min(N, node-locality-delay + value)``.

Judged by simulation: a warning only when the best combination of the locality keys found
for the workload beats yours materially and changes this key.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.releases import effective_value, known_to
from yarnlint.rules import RuleContext
from yarnlint.whatif import verdicts

ID = "YL105"
NAME = "locality.automatic-offswitch-delay"
SEVERITY = "warning"
OPTIONS = verdicts.JUDGING_OPTIONS
NEEDS_CLUSTER = True
GROUP = verdicts.LOCALITY
KEY = "rack-locality-additional-delay"
NODE_DELAY = "node-locality-delay"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """A warning when the automatic threshold has a material simulated cost."""
    model = ctx.model
    if not known_to(model, KEY) or effective_value(model, KEY) > -1:
        return
    judged = verdicts.judgement(model, ctx.cluster, ctx.options, GROUP)
    if verdicts.warns(judged, KEY):
        yield verdicts.finding(model, judged, KEY, ", the automatic off-switch threshold",
                             related=(NODE_DELAY,))
