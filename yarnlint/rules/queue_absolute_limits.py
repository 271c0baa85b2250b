"""Absolute resources above the maximum the ResourceManager allows for the queue.

Why it matters on YARN: with absolute capacities (``[memory=…,vcores=…]``)
``AbstractCSQueue.updateConfigurableResourceLimits`` refuses a ``maximum-capacity`` above the
parent's configured maximum, and a ``capacity`` above the queue's own maximum (a queue with
no maximum of its own takes its parent's when it has an absolute capacity). Resources
compare on memory alone, or on every type with ``DominantResourceCalculator``. The
ResourceManager does not start and ``refreshQueues`` fails. (Percentages are relative to the
parent, so they cannot exceed it this way.)

Example: ``root.a.maximum-capacity`` = ``[memory=8192,vcores=8]`` and
``root.a.b.capacity`` = ``[memory=16384,vcores=8]``.

Fix: lower the child's capacity or maximum, or raise the parent's maximum.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.capacity import Resources
from yarnlint.model.queues import judged_tree, label_name, refused
from yarnlint.rules import RuleContext

ID = "YL207"
NAME = "queue.absolute-limits"
SEVERITY = "error"
HADOOP = "AbstractCSQueue.updateConfigurableResourceLimits"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """Maximums above the parent's maximum; capacities above the queue's maximum."""
    tree = judged_tree(ctx.model)
    if tree is None:
        return
    for path, queue in tree.queues.items():
        for label in queue.labels:
            where = f"{path} for {label_name(label)}"
            own_high = queue.maximum[label].resources
            above = queue.parent.max_resources.get(label, Resources()) if queue.parent \
                else Resources()
            if not above.none and own_high.exceeds(above, tree.dominant):
                yield Problem(refused(f"maximum {own_high} of {where} is above the parent's "
                                      f"maximum {above}", HADOOP),
                              tree.where(path, "maximum-capacity"))
            low, high = queue.capacity[label].resources, queue.max_resources[label]
            if not high.none and low.exceeds(high, tree.dominant):
                yield Problem(refused(f"capacity {low} of {where} is above its maximum {high}",
                                      HADOOP), tree.where(path, "capacity"))
