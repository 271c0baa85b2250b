"""A leaf that accepts no application at all, or none from any single user.

Why it matters on YARN: a leaf without its own ``maximum-applications`` gets
``maximum-applications`` (default 10000, or ``global-queue-max-application`` when set) times
its absolute capacity, rounded down (``AbstractLeafQueue.updateMaximumApplications``); a user
gets that times ``minimum-user-limit-percent``/100 times ``user-limit-factor``, rounded down.
A leaf with capacity 0 (or tiny) therefore rejects every submission ("Queue ... already has 0
applications, cannot accept submission"), which the RM loads without a word.

Example: ``root.spare.capacity`` = 0 with the default ``maximum-applications``.

Fix: give the leaf a capacity, or its own ``maximum-applications``.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.capacity import CapacityForm
from yarnlint.model.queues import judged_tree, leaf_limits
from yarnlint.rules import RuleContext

ID = "YL213"
NAME = "queue.no-applications"
SEVERITY = "warning"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """Leaves whose derived application limits are 0 (running leaves only)."""
    tree = judged_tree(ctx.model)
    if tree is None:
        return
    for queue in tree.running_leaves():
        if any(value.mode is CapacityForm.ABSOLUTE for value in queue.capacity.values()):
            continue  # the share of absolute resources depends on the cluster
        limits = leaf_limits(tree, queue)
        if limits.max_applications_per_user > 0:
            continue
        where = tree.where(queue.path, "maximum-applications")
        if limits.max_applications <= 0:
            yield Problem(f"{queue.path} accepts no application: its maximum-applications "
                          f"works out to {limits.max_applications} (absolute capacity "
                          f"{queue.abs_capacity.get('', 0.0):.3%} of the cluster-wide limit); "
                          "every submission is rejected", where)
        elif limits.max_applications_per_user <= 0:
            yield Problem(f"{queue.path} accepts no application from any user: "
                          f"{limits.max_applications} applications x minimum-user-limit-percent "
                          f"{limits.user_limit_percent:g}% x user-limit-factor "
                          f"{limits.user_limit_factor:g} rounds down to 0 per user", where)
