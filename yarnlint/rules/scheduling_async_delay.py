"""Asynchronous scheduling is on: the locality delays are spent in milliseconds, not seconds.

Why it matters on YARN: with ``schedule-asynchronously.enable`` heartbeats allocate nothing;
scheduler threads pass over all nodes, one attempt per node, sleeping
``scheduling-interval-ms`` (default 5 ms) between passes (``CapacityScheduler.schedule``).
Each attempt is a missed opportunity, so node-locality-delay and the off-switch threshold,
tuned in node heartbeats, run out after a pass or two.

Example: ``schedule-asynchronously.enable`` = true with node-locality-delay 40 on 400 nodes.

Fix: none by itself: the locality rules judge the delays under asynchronous scheduling and
warn when they cost. An info with the simulated numbers of your settings.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint import whatif
from yarnlint.findings import Problem
from yarnlint.model.releases import effective_value
from yarnlint.rules import RuleContext

ID = "YL112"
NAME = "scheduling.async-delay"
SEVERITY = "info"
OPTIONS = whatif.JUDGING_OPTIONS
NEEDS_CLUSTER = True
GROUP = whatif.LOCALITY
KEY = "schedule-asynchronously.enable"
INTERVAL = "schedule-asynchronously.scheduling-interval-ms"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """One info when asynchronous scheduling is on."""
    model = ctx.model
    if not effective_value(model, KEY):
        return
    judged = whatif.judgement(model, ctx.cluster, ctx.options, GROUP)
    interval = effective_value(model, INTERVAL)
    if judged is None:
        yield whatif.note(model, INTERVAL, f"{whatif.shown(model, KEY)} with "
                          f"{whatif.shown(model, INTERVAL)}: the simulation cannot run such a "
                          "scheduling interval, so no locality rule judges this file")
        return
    yield whatif.note(model, KEY, f"{whatif.shown(model, KEY)}: missed opportunities accrue "
                      f"per scheduling pass ({interval} ms), so the locality delays last "
                      f"milliseconds: {whatif.yours_numbers(judged)}", judged)
