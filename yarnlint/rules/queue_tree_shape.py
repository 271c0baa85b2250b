"""A queue tree the ResourceManager cannot build: root without children, a reservable parent.

Why it matters on YARN: ``CapacitySchedulerQueueManager.parseQueue`` builds the tree from
``root.queues`` and each parent's ``<path>.queues``. Root must list at least one child
(``validateParent``): a file whose ``root.queues`` is missing or empty (and root has no
auto-creation) makes the ResourceManager fail at start and ``refreshQueues`` fail. Only leaf
queues can be reservation plan queues: ``reservable`` = true on a queue with children (or
with auto-creation) is refused the same way.

Only files that configure some queue (a ``yarn.scheduler.capacity.root…`` key) are judged
for a missing ``root.queues``: a file of global keys alone is taken for a fragment.

Example: a capacity-scheduler.xml with ``root.default.capacity`` but no ``root.queues``;
``root.a.reservable`` = true while ``root.a.queues`` = ``x,y``.

Fix: list root's children in ``yarn.scheduler.capacity.root.queues``; set ``reservable``
only on leaves.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.queues import judged_tree, refused
from yarnlint.rules import RuleContext

ID = "YL204"
NAME = "queue.tree-shape"
SEVERITY = "error"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """Root without children; reservable parents."""
    tree = judged_tree(ctx.model)
    if tree is None:
        return
    configures_queues = any(name.startswith("yarn.scheduler.capacity.root.")
                            for name in ctx.model.conf.effective)
    if tree.root.is_leaf and configures_queues:
        yield Problem(refused("root lists no child queues (yarn.scheduler.capacity.root.queues "
                              "is missing or empty)",
                              "CapacitySchedulerQueueManager.parseQueue, validateParent"),
                      tree.where("root", "queues"), key="yarn.scheduler.capacity.root.queues")
    for queue in tree.queues.values():
        if not queue.is_leaf and tree.flag(queue.path, "reservable"):
            yield Problem(refused(f"{queue.path} is reservable but has child queues (or "
                                  "auto-creation): only leaves can be reservable",
                                  "CapacitySchedulerQueueManager.parseQueue"),
                          tree.where(queue.path, "reservable"))
