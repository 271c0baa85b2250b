"""A long NodeManager heartbeat interval makes the locality delays cost seconds.

Why it matters on YARN: in synchronous scheduling each node heartbeat is one scheduling
opportunity, so the cluster offers about N per heartbeat interval and a delay of d missed
opportunities costs about ``d * interval / N`` of wall clock per container (more when nodes
are full). ``yarn.resourcemanager.nodemanagers.heartbeat-interval-ms`` above the default
1000 ms stretches every such wait.

Example: 3000 ms heartbeats with node-locality-delay 40 on a 40-node cluster.

Fix: shorten the heartbeat, or let the locality rules (which judge the delays at this
heartbeat) recommend shorter delays. An info when the simulated time to place the workload
exceeds option ``max_wait_s`` (default 1.0).
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.cluster import DEFAULT_HEARTBEAT_MS
from yarnlint.model.releases import effective_value
from yarnlint.rules import Option, RuleContext
from yarnlint.whatif import verdicts

ID = "YL113"
NAME = "scheduling.slow-heartbeat-wait"
SEVERITY = "info"
MAX_WAIT_S = Option("max_wait_s", float, 1.0,
                    "simulated seconds to place the workload above which the info is given")
OPTIONS = (MAX_WAIT_S, *verdicts.JUDGING_OPTIONS)
NEEDS_CLUSTER = True
GROUP = verdicts.LOCALITY
KEY = "node-locality-delay"
ASYNC = "schedule-asynchronously.enable"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """One info when slow heartbeats make the simulated placement slow."""
    model = ctx.model
    cluster = ctx.cluster
    if cluster.heartbeat_ms <= DEFAULT_HEARTBEAT_MS or effective_value(model, ASYNC):
        return
    judged = verdicts.judgement(model, cluster, ctx.options, GROUP)
    if judged is None or verdicts.placement_seconds(judged.yours) <= ctx.option(MAX_WAIT_S):
        return
    yield verdicts.note(model, KEY, f"{cluster.heartbeat_ms} ms NodeManager heartbeats stretch "
                      f"the locality delays: {verdicts.yours_numbers(judged)}", judged)
