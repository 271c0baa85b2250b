"""Node-label capacities that do nothing, or that nobody checks.

Why it matters on YARN: ``<queue>.accessible-node-labels.<label>.capacity`` gives a queue a
share of the nodes carrying ``<label>``, but a queue only gets such nodes when the label is in
its ``accessible-node-labels`` (its own, else its parent's; ``*`` means all)
(``QueueNodeLabelsSettings``), so a capacity for a label the queue cannot use is dead
configuration. And ``AbstractParentQueue.setChildQueues`` checks the children's label
capacities only for labels the parent itself has keys for (root: any label of any queue):
under a parent with no key for a label, children's guarantees for it are never added up, and
may promise more (or less) than the parent has.

Example: ``root.a.accessible-node-labels`` = ``gpu`` and
``root.a.accessible-node-labels.ssd.capacity`` = 50.

Fix: add the label to ``accessible-node-labels`` or drop the capacity; give the parent its
own ``accessible-node-labels.<label>.capacity`` so the children's sum is checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.queues import ANY_LABEL, NO_LABEL, capacity_key, judged_tree, listed_children
from yarnlint.rules import RuleContext

ID = "YL215"
NAME = "queue.label-capacity"
SEVERITY = "warning"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """Capacities for labels a queue cannot access; label sums Hadoop does not check."""
    tree = judged_tree(ctx.model)
    if tree is None:
        return
    access = tree.accessible_labels
    for path, queue in tree.queues.items():
        for label, value in queue.capacity.items():
            key = capacity_key(path, label, "capacity")
            if label == NO_LABEL or value.written is None or ANY_LABEL in access[path] \
                    or label in access[path]:
                continue
            prop = ctx.model.conf.effective[key]
            yield Problem(f"{path} has a capacity for label {label} but cannot use nodes with "
                          f"it (accessible: {', '.join(sorted(access[path])) or 'none'}); the "
                          "capacity does nothing", prop.location, key=key, value=prop.value)
    for parent in tree.parents:
        if parent.is_root:
            continue
        children = listed_children(tree, parent)
        unchecked = {label for child in children for label in child.labels} \
            - set(parent.labels)
        for label in sorted(unchecked):
            total = sum(tree.capacity(child, label).percent for child in children)
            if abs(total - 100) > 0.05 and total > 0.05:
                yield Problem(f"children of {parent.path} have label {label} capacities adding "
                              f"up to {total:g}, which Hadoop does not check because "
                              f"{parent.path} has no key for {label}",
                              tree.where(parent.path, "queues"))
