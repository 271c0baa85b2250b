"""Percentages, weights and absolute resources mixed where the ResourceManager forbids it.

Why it matters on YARN: in legacy queue mode (``legacy-queue-mode.enabled``, the default)
siblings must all use one way of giving capacity: percentages, weights (``2w``) or absolute
resources (``[memory=…,vcores=…]``) (``AbstractParentQueue.getCapacityConfigurationTypeForQueues``);
a parent with absolute resources needs children with absolute resources and the other way
round (``AbstractParentQueue.setChildQueues``); and one queue may not give a percentage for
one node label and absolute resources for another
(``AbstractCSQueue.validateAbsoluteVsPercentageCapacityConfig``). The ResourceManager does
not start with such a file and ``refreshQueues`` fails.

Example: ``root.a.capacity`` = ``60`` and ``root.b.capacity`` = ``[memory=4096,vcores=4]``.

Fix: pick one form for all children of a parent (and for the parent too when it is
absolute), or switch ``legacy-queue-mode.enabled`` to false (the mixed-capacity mode).
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.capacity import ABSOLUTE_FORM, CapacityForm
from yarnlint.model.queues import capacity_mode, judged_tree, listed_children, refused
from yarnlint.rules import RuleContext

ID = "YL202"
NAME = "queue.capacity-mix"
SEVERITY = "error"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """One finding per parent whose children mix forms, and per queue mixing across labels."""
    tree = judged_tree(ctx.model)
    if tree is None or not tree.legacy_mode:
        return
    for queue in tree.queues.values():
        if queue.is_root:
            continue
        forms = {label: bool(value.written and ABSOLUTE_FORM.match(value.written))
                 for label, value in queue.capacity.items()}
        if len(set(forms.values())) > 1:
            yield Problem(refused(
                f"{queue.path} gives absolute resources for some node labels and percentages "
                f"for others", "AbstractCSQueue.validateAbsoluteVsPercentageCapacityConfig"),
                tree.where(queue.path, "capacity"))
    for parent in tree.parents:
        children = listed_children(tree, parent)
        mode = capacity_mode(tree, children, parent.labels)
        where = tree.where(parent.path, "queues")
        if mode.mixed:
            yield Problem(refused(
                f"children of {parent.path} mix weight, percentage and absolute capacities "
                f"({'; '.join(mode.uses)})",
                "AbstractParentQueue.getCapacityConfigurationTypeForQueues"), where)
            continue
        own = capacity_mode(tree, [parent], parent.labels)
        if own.mixed and not parent.is_root:
            yield Problem(refused(
                f"{parent.path} itself mixes capacity forms across node labels "
                f"({'; '.join(own.uses)})",
                "AbstractParentQueue.getCapacityConfigurationTypeForQueues"),
                tree.where(parent.path, "capacity"))
        elif CapacityForm.ABSOLUTE in (mode.kind, own.kind) and mode.kind != own.kind \
                and not parent.is_root:
            yield Problem(refused(
                f"{parent.path} uses {own.kind} capacity but its children use {mode.kind}: "
                "with absolute resources, parent and children must all be absolute",
                "AbstractParentQueue.setChildQueues"), where)
