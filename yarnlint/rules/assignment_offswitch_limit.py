"""per-node-heartbeat.maximum-offswitch-assignments, as set, slows off-switch bursts.

Why it matters on YARN: a heartbeat's allocation loop stops after
``maximum-offswitch-assignments`` containers placed through ANY (values below 1 act as 1,
YARN-4963). ANY-only asks (application masters, Spark or Tez on object storage) are always
off-switch, so at 1, the default, a burst of them is placed one container per node
heartbeat: the cluster places at most N of them per heartbeat interval.

Example: the default of 1 on a 40-node cluster where 100 executors are asked at once.

Fix: the value the search of the per-heartbeat limits recommends (``yarnlint fix`` writes
it; it cannot usefully exceed ``maximum-container-assignments``).

Judged by simulation: a warning only when the best combination of the per-heartbeat keys
found for the workload beats yours materially and changes this key.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.releases import known_to
from yarnlint.rules import RuleContext
from yarnlint.whatif import verdicts

ID = "YL110"
NAME = "assignment.offswitch-limit-one"
SEVERITY = "warning"
OPTIONS = verdicts.JUDGING_OPTIONS
NEEDS_CLUSTER = True
GROUP = verdicts.HEARTBEAT
KEY = "per-node-heartbeat.maximum-offswitch-assignments"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """A warning when the limit has a material simulated cost."""
    model = ctx.model
    if not known_to(model, KEY):
        return
    judged = verdicts.judgement(model, ctx.cluster, ctx.options, GROUP)
    if verdicts.warns(judged, KEY):
        yield verdicts.finding(model, judged, KEY)
