"""node-locality-delay is 0 or negative: delay scheduling is off.

Why it matters on YARN: rack-local is allowed once ``min(N, node-locality-delay)`` is below
the missed-opportunity count, which is at least 1 on the first attempt, so a value of 0 or
less lets every container go rack-local on the first node of its rack that heartbeats
instead of waiting for a node that holds its data. Before YARN-3018 (2.8.0, 3.0.0) the code
default was -1, so an unset key means no delay on those releases. Hadoop's documentation
recommends -1 when the data is not on the compute nodes (object storage, a remote HDFS):
there it costs nothing.

Example: ``node-locality-delay`` = -1 with MapReduce reading an HDFS on the NodeManagers.

Fix: the value the search recommends (``yarnlint fix`` writes it).

Judged by simulation: a warning only when the best combination of the locality keys found
for the workload beats yours materially and changes this key (never with the
``locality-free`` workload, whose asks do not wait).
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.releases import effective_value
from yarnlint.rules import RuleContext
from yarnlint.whatif import verdicts

ID = "YL103"
NAME = "locality.node-delay-disabled"
SEVERITY = "warning"
OPTIONS = verdicts.JUDGING_OPTIONS
NEEDS_CLUSTER = True
GROUP = verdicts.LOCALITY
KEY = "node-locality-delay"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """A warning when no delay has a material simulated cost."""
    model = ctx.model
    if effective_value(model, KEY) > 0:
        return
    judged = verdicts.judgement(model, ctx.cluster, ctx.options, GROUP)
    if verdicts.warns(judged, KEY):
        yield verdicts.finding(model, judged, KEY, ", delay scheduling off")
