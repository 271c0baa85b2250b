"""An ordering policy the ResourceManager cannot construct for the kind of queue it is on.

Why it matters on YARN: ``ordering-policy`` means two different things. On a parent (a queue
with children or auto-creation) it orders child queues:
``CapacitySchedulerConfiguration.getQueueOrderingPolicy`` knows ``utilization`` and
``priority-utilization`` and otherwise loads the value as a class name, so the leaf policies
``fifo`` or ``fair`` on a parent fail with ``ClassNotFoundException``. On a leaf it orders
applications: ``getAppOrderingPolicy`` knows ``fifo``, ``fair``, ``fifo-with-partitions`` and
``fifo-for-pending-apps`` (trimmed) and otherwise loads a class (untrimmed). Either failure
stops the ResourceManager from starting and makes ``refreshQueues`` fail. Values that look
like class names (with a dot) are not judged.

Example: ``root.ordering-policy`` = ``fair``; ``root.default.ordering-policy`` =
``utilization``.

Fix: ``utilization`` or ``priority-utilization`` on parents; ``fifo`` or ``fair`` (or the
partition variants) on leaves.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.config.text import java_trim
from yarnlint.findings import Problem
from yarnlint.model.queues import judged_tree, refused
from yarnlint.rules import RuleContext

ID = "YL209"
NAME = "queue.ordering-policy"
SEVERITY = "error"
PARENT_POLICIES = ("utilization", "priority-utilization")
LEAF_POLICIES = ("fifo", "fair", "fifo-with-partitions", "fifo-for-pending-apps")


def check(ctx: RuleContext) -> Iterator[Problem]:
    """One finding per ordering-policy that is neither a known name nor class-like."""
    tree = judged_tree(ctx.model)
    if tree is None:
        return
    for path, queue in tree.queues.items():
        prop = tree.prop(path, "ordering-policy")
        if prop is None:
            continue
        written = tree.raw(path, "ordering-policy") or ""
        trimmed = java_trim(written)
        known: tuple[str, ...]
        if queue.is_leaf:
            known, hadoop, what = LEAF_POLICIES, "getAppOrderingPolicy", "leaf"
            class_like = "." in written and written == trimmed
        else:
            known, hadoop, what = PARENT_POLICIES, "getQueueOrderingPolicy", "parent"
            class_like = "." in trimmed
        if trimmed in known or class_like:
            continue
        yield Problem(refused(
            f"ordering-policy {trimmed!r} of {what} queue {path} is neither a {what} policy "
            f"({', '.join(known)}) nor a class name",
            f"CapacitySchedulerConfiguration.{hadoop}"), prop.location, key=prop.name,
            value=prop.value)
