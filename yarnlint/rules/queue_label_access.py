"""Node-label settings the ResourceManager refuses: a child reaching labels its parent cannot.

Why it matters on YARN: ``QueueNodeLabelsSettings.validateNodeLabels`` requires a queue's
``accessible-node-labels`` (its own, else its parent's) to be a subset of its parent's unless
the parent has ``*``; ``AbstractLeafQueue.setupQueueConfigs`` requires every label of a
leaf's ``default-node-label-expression`` to be accessible; and
``CapacitySchedulerConfiguration.getConfiguredNodeLabelsByQueue`` fails on a key that ends
right after ``accessible-node-labels.<label>`` with no property name. Each stops the
ResourceManager from starting and makes ``refreshQueues`` fail.

Example: ``root.a.accessible-node-labels`` = ``gpu`` and ``root.a.b.accessible-node-labels``
= ``gpu,ssd``; ``root.a.b.default-node-label-expression`` = ``ssd``.

Fix: give the parent the labels its children use (or ``*``); name only accessible labels in
``default-node-label-expression``; complete the key (``….<label>.capacity``).
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.queues import ANY_LABEL, LABELS_INFIX, judged_tree, refused
from yarnlint.rules import RuleContext

ID = "YL206"
NAME = "queue.label-access"
SEVERITY = "error"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """Truncated label keys, labels beyond the parent's, inaccessible default labels."""
    tree = judged_tree(ctx.model)
    if tree is None:
        return
    for name, prop in ctx.model.conf.effective.items():
        if prop.value is None or not name.startswith("yarn.scheduler.capacity.") \
                or LABELS_INFIX not in name:
            continue
        if "." not in name[name.index(LABELS_INFIX) + len(LABELS_INFIX):]:
            yield Problem(refused(f"{name} names a label but no property after it",
                                  "CapacitySchedulerConfiguration.getConfiguredNodeLabelsByQueue"),
                          prop.location, key=name, value=prop.value)
    labels = tree.accessible_labels
    for path, queue in tree.queues.items():
        if queue.parent is None:
            continue
        own, above = labels[path], labels[queue.parent.path]
        if ANY_LABEL not in above:
            extra = sorted(own - above)
            if extra:
                yield Problem(refused(
                    f"{path} may use labels {', '.join(extra)} that its parent "
                    f"{queue.parent.path} cannot ({', '.join(sorted(above)) or 'none'})",
                    "QueueNodeLabelsSettings.validateNodeLabels"),
                    tree.where(path, "accessible-node-labels"))
        expression = tree.default_label_expression(queue)
        if queue.is_leaf and expression:
            missing = [part.strip() for part in expression.split("&&") if part.strip()
                       and part.strip() not in own and ANY_LABEL not in own]
            if missing:
                yield Problem(refused(
                    f"{path} gets default-node-label-expression {expression!r} but may not "
                    f"use {', '.join(missing)} (accessible: {', '.join(sorted(own)) or 'none'})",
                    "AbstractLeafQueue.setupQueueConfigs"),
                    tree.where(path, "default-node-label-expression"))
