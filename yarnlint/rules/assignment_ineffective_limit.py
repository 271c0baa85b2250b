"""A per-node-heartbeat limit that cannot take effect as written.

Why it matters on YARN: ``CapacityScheduler.canAllocateMore`` checks the off-switch limit and
then ``multiple-assignments-enabled && (maximum-container-assignments == -1 || assigned <
maximum-container-assignments)``. So with multiple assignments off both limits do nothing
(one container per heartbeat); an off-switch limit above the container limit is never reached;
an off-switch limit below 1 acts as 1 (Hadoop logs a warning); a container limit of 0 or below
-1 acts as 1.

Example: ``maximum-offswitch-assignments`` = 10 with ``maximum-container-assignments`` = 4.

Fix: write the value that is in force, or enable multiple assignments if more than one
container per heartbeat was meant.

The fix writes the value in force (not for limits that multiple assignments being off makes
moot).
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.anchors import problem, shown, value_fix
from yarnlint.model.releases import effective_value, known_to
from yarnlint.rules import RuleContext

ID = "YL111"
NAME = "assignment.ineffective-limit"
SEVERITY = "warning"
ENABLED = "per-node-heartbeat.multiple-assignments-enabled"
CONTAINERS = "per-node-heartbeat.maximum-container-assignments"
OFFSWITCH = "per-node-heartbeat.maximum-offswitch-assignments"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """One finding per limit that is set but not in force as written."""
    model = ctx.model
    set_limits = [key for key in (CONTAINERS, OFFSWITCH)
                  if model.setting(key).is_set and known_to(model, key)]
    if not effective_value(model, ENABLED):
        for key in set_limits:
            yield problem(model, key, f"{shown(model, key)} does nothing while "
                             f"{shown(model, ENABLED)}: every heartbeat places one container")
        return
    containers = effective_value(model, CONTAINERS)
    offswitch = effective_value(model, OFFSWITCH)
    if CONTAINERS in set_limits and (containers == 0 or containers < -1):
        yield problem(model, CONTAINERS, f"{shown(model, CONTAINERS)} acts as 1: one "
                         "container per heartbeat (-1 means unlimited)",
                         fix=value_fix(model, CONTAINERS, "1"))
    if OFFSWITCH not in set_limits:
        return
    if offswitch < 1:
        yield problem(model, OFFSWITCH, f"{shown(model, OFFSWITCH)} acts as 1 (Hadoop "
                         "logs a warning and uses 1)", fix=value_fix(model, OFFSWITCH, "1"))
    elif containers >= 1 and offswitch > containers:
        yield problem(model, OFFSWITCH, f"{shown(model, OFFSWITCH)} is never reached: "
                         f"{shown(model, CONTAINERS)} ends the heartbeat first",
                         related=(CONTAINERS,), fix=value_fix(model, OFFSWITCH, str(containers)))
