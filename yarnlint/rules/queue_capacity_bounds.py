"""A capacity above the queue's maximum, or a maximum above 100: the RM loads it silently.

Why it matters on YARN: Hadoop 3.4.1 no longer checks at load time that ``capacity`` stays
within ``maximum-capacity`` (``CSQueueUtils.checkAbsoluteCapacity`` is only called for
auto-created queues), and ``getNonLabeledQueueMaximumCapacity`` has no upper bound. A
guarantee above the maximum can never be met (the queue is capped first, and preemption
keeps reclaiming for a guarantee it cannot hold); a maximum above 100 lets a queue's
absolute maximum exceed its parent's. Both are usually typos.

Example: ``root.a.capacity`` = 50 and ``root.a.maximum-capacity`` = 30;
``root.a.maximum-capacity`` = 150.

Fix: keep ``capacity`` <= ``maximum-capacity`` <= 100 (or -1 for 100).
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.capacity import CapacityForm
from yarnlint.model.queues import capacity_key, judged_tree, label_name
from yarnlint.rules import RuleContext

ID = "YL217"
NAME = "queue.capacity-bounds"
SEVERITY = "warning"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """Percent capacities above their maximum; maximums above 100."""
    tree = judged_tree(ctx.model)
    if tree is None:
        return
    for path, queue in tree.queues.items():
        if queue.is_root:
            continue
        for label in queue.labels:
            low, high = queue.capacity[label], queue.maximum[label]
            if high.mode is not CapacityForm.PERCENT or high.error or low.error:
                continue
            key = capacity_key(path, label, "maximum-capacity")
            prop = ctx.model.conf.effective.get(key)
            where = prop.location if prop else tree.where(path, "capacity")
            if high.percent > 100:
                yield Problem(f"maximum-capacity {high.percent:g} of {path} for "
                              f"{label_name(label)} is above 100: Hadoop accepts it without a "
                              "check", where, key=key, value=high.written)
            elif low.mode is CapacityForm.PERCENT and low.percent > high.percent:
                yield Problem(f"capacity {low.percent:g} of {path} for {label_name(label)} is "
                              f"above its maximum-capacity {high.percent:g}: the guarantee can "
                              "never be met, and Hadoop loads it without a word", where,
                              key=key, value=high.written)
