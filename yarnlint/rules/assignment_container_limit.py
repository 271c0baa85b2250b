"""per-node-heartbeat.maximum-container-assignments, as set, costs placement time or locality.

Why it matters on YARN: while multiple assignments are on, one node heartbeat keeps
allocating until the node is full or this limit is reached (``canAllocateMore``). A low limit
spreads a burst over more heartbeats (slower); at -1, or above the containers a node holds,
the first node of a burst to heartbeat is filled at once. Hadoop changed the default from -1
to 100 in YARN-8896 (2.10.0, 3.1.2, 3.2.1, 3.3.0).

Example: ``per-node-heartbeat.maximum-container-assignments`` = 1 with a burst of executors.

Fix: the value the search of the per-heartbeat limits recommends (``yarnlint fix`` writes it).

Judged by simulation: a warning only when the best combination of the per-heartbeat keys
found for the workload beats yours materially and changes this key.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.releases import known_to
from yarnlint.rules import RuleContext
from yarnlint.whatif import verdicts

ID = "YL109"
NAME = "assignment.container-limit-unbounded"
SEVERITY = "warning"
OPTIONS = verdicts.JUDGING_OPTIONS
NEEDS_CLUSTER = True
GROUP = verdicts.HEARTBEAT
KEY = "per-node-heartbeat.maximum-container-assignments"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """A warning when the limit has a material simulated cost."""
    model = ctx.model
    if not known_to(model, KEY):
        return
    judged = verdicts.judgement(model, ctx.cluster, ctx.options, GROUP)
    if verdicts.warns(judged, KEY):
        yield verdicts.finding(model, judged, KEY)
