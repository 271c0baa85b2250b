"""Asynchronous scheduling is on: the locality delays are spent in milliseconds, not seconds.

Why it matters on YARN: with ``schedule-asynchronously.enable`` heartbeats allocate nothing;
scheduler threads pass over all nodes, one attempt per node, sleeping
``scheduling-interval-ms`` (default 5 ms) between passes (``CapacityScheduler.schedule``).
Each attempt is a missed opportunity, so node-locality-delay and the off-switch threshold,
tuned in node heartbeats, run out after a pass or two.

Example: ``schedule-asynchronously.enable`` = true with node-locality-delay 40 on 400 nodes.

Fix: turn it off when the search of the assignment settings finds heartbeat scheduling
materially better for the workload (``yarnlint fix`` writes it); otherwise an info with the
simulated numbers of your settings.

Judged by simulation: a warning only when asynchronous scheduling off, with the best
per-heartbeat limits found, beats your settings materially (for instance node-local maps)
without being materially slower. yarnlint never proposes turning it on: the simulator does
not model what it costs a real ResourceManager.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.releases import effective_value
from yarnlint.rules import RuleContext
from yarnlint.whatif import verdicts

ID = "YL112"
NAME = "scheduling.async-delay"
SEVERITY = "warning"
OPTIONS = verdicts.JUDGING_OPTIONS
NEEDS_CLUSTER = True
GROUP = verdicts.HEARTBEAT
KEY = "schedule-asynchronously.enable"
INTERVAL = "schedule-asynchronously.scheduling-interval-ms"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """A warning when turning asynchronous scheduling off is materially better, else an
    info."""
    model = ctx.model
    if not effective_value(model, KEY):
        return
    judged = verdicts.judgement(model, ctx.cluster, ctx.options, GROUP)
    interval = effective_value(model, INTERVAL)
    if judged is None:
        yield verdicts.note(model, INTERVAL, f"{verdicts.shown(model, KEY)} with "
                          f"{verdicts.shown(model, INTERVAL)}: the simulation cannot run such a "
                          "scheduling interval, so no locality rule judges this file")
        return
    if verdicts.warns(judged, KEY):
        yield verdicts.finding(model, judged, KEY, what="asynchronous scheduling")
        return
    yield verdicts.note(model, KEY, f"{verdicts.shown(model, KEY)}: missed opportunities count "
                      f"{interval} ms scheduling passes, not heartbeats; turning it off gains "
                      "nothing material here", judged)
