"""node-locality-delay, within the cluster's size, costs locality or time on this cluster.

Why it matters on YARN: a container may go rack-local once its scheduler key has missed
more than ``min(N, node-locality-delay)`` scheduling opportunities, about one per node
heartbeat. Hadoop's documentation advises about the nodes of one rack. Much higher wastes
heartbeats waiting on small racks; much lower gives up node locality before the nodes
holding the data get their turn.

Example: ``node-locality-delay`` = 1 with MapReduce reading HDFS on 400 nodes.

Fix: the value the search recommends (``yarnlint fix`` writes it).

Judged by simulation: a warning only when the best combination of the locality keys found
for the workload beats yours materially and changes this key; a value that is unusual but
costs nothing measurable gets no finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.releases import effective_value
from yarnlint.rules import RuleContext
from yarnlint.whatif import verdicts

ID = "YL102"
NAME = "locality.node-delay-vs-rack-size"
SEVERITY = "warning"
OPTIONS = verdicts.JUDGING_OPTIONS
NEEDS_CLUSTER = True
GROUP = verdicts.LOCALITY
KEY = "node-locality-delay"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """A warning when a delay between 1 and N has a material simulated cost."""
    model = ctx.model
    if not 1 <= effective_value(model, KEY) <= ctx.cluster.num_nodes:
        return
    judged = verdicts.judgement(model, ctx.cluster, ctx.options, GROUP)
    if verdicts.warns(judged, KEY):
        yield verdicts.finding(model, judged, KEY)
