"""per-node-heartbeat.multiple-assignments-enabled, as set, costs placement time or locality.

Why it matters on YARN: ``CapacityScheduler.canAllocateMore`` stops a heartbeat's allocation
loop after the first container when multiple assignments are off (YARN-4161), so a burst of
containers takes at least ``containers / N`` heartbeat intervals to place, even when a node
heartbeating has room and node-local work for many.

Example: ``per-node-heartbeat.multiple-assignments-enabled`` = false on a 20-node cluster
receiving a burst of executors.

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

ID = "YL108"
NAME = "assignment.multiple-assignments-disabled"
SEVERITY = "warning"
OPTIONS = verdicts.JUDGING_OPTIONS
NEEDS_CLUSTER = True
GROUP = verdicts.HEARTBEAT
KEY = "per-node-heartbeat.multiple-assignments-enabled"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """A warning when the setting has a material simulated cost."""
    model = ctx.model
    if not known_to(model, KEY):
        return
    judged = verdicts.judgement(model, ctx.cluster, ctx.options, GROUP)
    if verdicts.warns(judged, KEY):
        yield verdicts.finding(model, judged, KEY)
