"""An explicit rack-locality-additional-delay costs locality or time, or is capped at N.

Why it matters on YARN: with an explicit value the off-switch threshold is
``min(N, node-locality-delay + rack-locality-additional-delay)``
(``RegularContainerAllocator.canAssign``): a sum at or above the node count means N, about one
heartbeat interval of the whole cluster before a container may leave its rack; a sum barely
above node-locality-delay lets containers go off-switch soon after they may go rack-local.

Example: ``node-locality-delay`` = 40 and ``rack-locality-additional-delay`` = 400 on 60
nodes: YARN uses an off-switch threshold of 60.

Fix: the value the search recommends (``yarnlint fix`` writes it).

Judged by simulation: a warning when the best combination of the locality keys found for the
workload beats yours materially and changes this key; otherwise, when the sum reaches N, an
info saying which threshold YARN uses, without a fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.releases import effective_value, known_to
from yarnlint.rules import RuleContext
from yarnlint.whatif import verdicts

ID = "YL106"
NAME = "locality.offswitch-delay-exceeds-cluster"
SEVERITY = "warning"
OPTIONS = verdicts.JUDGING_OPTIONS
NEEDS_CLUSTER = True
GROUP = verdicts.LOCALITY
KEY = "rack-locality-additional-delay"
NODE_DELAY = "node-locality-delay"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """A warning on a material cost, else an info when the threshold is capped at N."""
    model = ctx.model
    additional = effective_value(model, KEY)
    if not known_to(model, KEY) or additional <= -1:
        return
    judged = verdicts.judgement(model, ctx.cluster, ctx.options, GROUP)
    if verdicts.warns(judged, KEY):
        yield verdicts.finding(model, judged, KEY, related=(NODE_DELAY,))
        return
    node_delay, nodes = effective_value(model, NODE_DELAY), ctx.cluster.num_nodes
    if node_delay + additional >= nodes:
        yield verdicts.note(model, KEY, f"{NODE_DELAY} + {KEY} = {node_delay} + {additional} "
                          f"reaches the {nodes} nodes: YARN uses an off-switch threshold of "
                          f"{nodes} (no measurable cost here)", related=(NODE_DELAY,))
