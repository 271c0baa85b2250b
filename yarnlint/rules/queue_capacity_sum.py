"""Children's capacities that do not add up the way the ResourceManager requires.

Why it matters on YARN: in legacy queue mode, when children give percentages, their
capacities for each node label of the parent must add up to 100 (within 0.05) or to 0; a
sum of 0 needs a parent with capacity 0 for that label or ``allow-zero-capacity-sum`` = true
on the parent, and a parent with capacity 0 may only have children summing to 100 when
``allow-zero-capacity-sum`` is true. With absolute resources the children's resources may
not exceed the parent's. Otherwise ``AbstractParentQueue.setChildQueues`` throws: the
ResourceManager does not start and ``refreshQueues`` fails. A label counts for a parent when
any ``<parent>.accessible-node-labels.<label>.*`` key exists (for root: any such key of any
queue), and a child without keys for that label has capacity 0 in it.

Example: ``root.queues`` = ``a,b`` with capacities 60 and 30 (sum 90).

Fix: make the children add up to 100 (or give their parent absolute resources that cover
theirs); set ``allow-zero-capacity-sum`` on the parent when zero is meant.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yarnlint.findings import Problem
from yarnlint.model.capacity import CapacityForm, Resources
from yarnlint.model.queues import capacity_mode, judged_tree, label_name, listed_children, refused
from yarnlint.rules import RuleContext

ID = "YL203"
NAME = "queue.capacity-sum"
SEVERITY = "error"
PRECISION = 0.0005
HADOOP = "AbstractParentQueue.setChildQueues"


def _percent_problem(parent: Any, label: str, total: float, parent_percent: float,
                     parent_kind: CapacityForm, allow_zero: bool) -> str | None:
    """Why a sum of children's fractions is refused, or None."""
    names = f"children of {parent.path} for {label_name(label)}"
    if abs(1 - total) > PRECISION:
        if abs(total) > PRECISION:
            return f"capacities of the {names} add up to {total * 100:g}, not 100 (or 0)"
        if parent_kind is CapacityForm.PERCENT and parent_percent > PRECISION and not allow_zero:
            return (f"capacities of the {names} add up to 0 while {parent.path} has "
                    f"{parent_percent * 100:g}% and allow-zero-capacity-sum is not true")
        return None
    if parent_kind is CapacityForm.PERCENT and parent_percent <= 0 and not allow_zero:
        return (f"{parent.path} has capacity 0 for {label_name(label)} but its children add "
                "up to 100 and allow-zero-capacity-sum is not true")
    return None


def check(ctx: RuleContext) -> Iterator[Problem]:
    """One finding per parent and label whose children's capacities Hadoop refuses."""
    tree = judged_tree(ctx.model)
    if tree is None or not tree.legacy_mode:
        return
    for parent in tree.parents:
        children = listed_children(tree, parent)
        kind = capacity_mode(tree, children, parent.labels)
        own = capacity_mode(tree, [parent], parent.labels)
        if kind.mixed:
            continue  # YL202
        where = tree.where(parent.path, "queues")
        allow_zero = tree.flag(parent.path, "allow-zero-capacity-sum")
        for label in parent.labels:
            if CapacityForm.ABSOLUTE in (kind.kind, own.kind):
                total = sum((tree.capacity(c, label).resources for c in children), Resources())
                limit = tree.capacity(parent, label).resources
                if not limit.none and total.exceeds(limit, tree.dominant):
                    yield Problem(refused(
                        f"absolute capacities of the children of {parent.path} for "
                        f"{label_name(label)} add up to {total}, more than the parent's "
                        f"{limit}", HADOOP), where)
            if kind.kind is not CapacityForm.PERCENT:
                continue
            share = sum(tree.capacity(c, label).percent / 100 for c in children)
            reason = _percent_problem(parent, label, share,
                                      tree.capacity(parent, label).percent / 100, own.kind,
                                      allow_zero)
            if reason is not None:
                yield Problem(refused(reason, HADOOP), where)
