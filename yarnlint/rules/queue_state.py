"""A queue state the ResourceManager refuses: not RUNNING/STOPPED, or RUNNING under STOPPED.

Why it matters on YARN: ``CapacitySchedulerConfiguration.getConfiguredState`` upper-cases the
value without trimming it and looks it up as a ``QueueState``, so ``running `` (with a space)
or ``ACTIVE`` throws; ``QueueStateHelper.setQueueState`` accepts only RUNNING and STOPPED
(``DRAINING`` is refused) and refuses a queue explicitly RUNNING below a STOPPED parent. The
ResourceManager does not start and ``refreshQueues`` fails. (A queue with no state inherits
its parent's, so a stopped parent stops its whole subtree silently.)

Example: ``root.a.state`` = ``STOPPED`` and ``root.a.b.state`` = ``RUNNING``.

Fix: write exactly ``RUNNING`` or ``STOPPED``; leave children of a stopped parent unset.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.queues import judged_tree, refused
from yarnlint.rules import RuleContext

ID = "YL205"
NAME = "queue.state"
SEVERITY = "error"
STATES = ("RUNNING", "STOPPED", "DRAINING")
"""Hadoop's ``QueueState`` names; only the first two may be configured."""


def check(ctx: RuleContext) -> Iterator[Problem]:
    """Unreadable states, DRAINING, and RUNNING children of STOPPED parents."""
    tree = judged_tree(ctx.model)
    if tree is None:
        return
    for path, queue in tree.queues.items():
        written = tree.raw(path, "state")
        if written is None:
            continue
        configured = written.upper()
        parent = queue.parent.path if queue.parent else None
        inherited = tree.states[parent] if parent else "RUNNING"
        prop = tree.prop(path, "state")
        where = tree.where(path, "state")
        value = prop.value if prop else written
        if configured not in STATES:
            yield Problem(refused(f"{path}.state = {written!r} is not a queue state (the "
                                  "value is upper-cased but not trimmed)",
                                  "CapacitySchedulerConfiguration.getConfiguredState"),
                          where, key=prop.name if prop else None, value=value)
        elif configured == "DRAINING":
            yield Problem(refused(f"{path}.state = DRAINING: only RUNNING or STOPPED may be "
                                  "configured", "QueueStateHelper.setQueueState"),
                          where, key=prop.name if prop else None, value=value)
        elif configured == "RUNNING" and inherited == "STOPPED":
            yield Problem(refused(f"{path} is RUNNING but its parent {parent} is "
                                  "STOPPED", "QueueStateHelper.setQueueState"),
                          where, key=prop.name if prop else None, value=value)
