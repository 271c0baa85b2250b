"""node-locality-delay is larger than the cluster's node count, so YARN caps it.

Why it matters on YARN: the rack-local threshold is ``min(N, node-locality-delay)``
(``RegularContainerAllocator.getActualNodeLocalityDelay``): a value above the node count N
means N. Each missed opportunity is one node heartbeat, so a container that cannot run
node-local waits about one heartbeat interval of the whole cluster; with
``rack-locality-full-reset`` on (the default) every later rack-local container of the request
waits that long again.

Example: ``node-locality-delay`` = 100000 on a 60-node cluster: YARN uses 60.

Fix: the value the search recommends (``yarnlint fix`` writes it), usually about the nodes of
one rack.

Judged by simulation (see ``docs/rules.md`` on verdicts): a warning when the best
combination of the locality keys found for the workload beats yours materially and changes
this key; otherwise an info saying which value YARN uses, without a fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.releases import effective_value
from yarnlint.rules import RuleContext
from yarnlint.whatif import verdicts

ID = "YL101"
NAME = "locality.node-delay-exceeds-cluster"
SEVERITY = "warning"
OPTIONS = verdicts.JUDGING_OPTIONS
NEEDS_CLUSTER = True
GROUP = verdicts.LOCALITY
KEY = "node-locality-delay"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """A warning or an info when the effective delay exceeds the node count."""
    model = ctx.model
    nodes = ctx.cluster.num_nodes
    if effective_value(model, KEY) <= nodes:
        return
    judged = verdicts.judgement(model, ctx.cluster, ctx.options, GROUP)
    if verdicts.warns(judged, KEY):
        yield verdicts.finding(model, judged, KEY, f", capped at the {nodes} nodes")
    else:
        yield verdicts.note(model, KEY, f"{verdicts.shown(model, KEY)} is above the cluster's "
                          f"{nodes} nodes: YARN uses {nodes} (no measurable cost here)")
