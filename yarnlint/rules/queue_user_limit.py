"""A leaf where one user is capped below what the queue may use, apparently by default.

Why it matters on YARN: a single user may hold at most ``user-limit-factor`` times the
leaf's guaranteed capacity (``UsersManager``; default 1.0, -1 means no cap), even when the
cluster is idle and the queue may grow to its ``maximum-capacity``. With the default factor
one user's jobs stop at the guarantee on an empty cluster, a common surprise. When other
users are active each is also guaranteed ``minimum-user-limit-percent`` of the queue (default
100: the first user may take the whole user limit). Only leaves that leave
``user-limit-factor`` at the default (neither the leaf nor the global key is set) are
reported: a written factor is taken as meant.

Example: ``root.adhoc.capacity`` = 10, ``maximum-capacity`` = 100, no user-limit-factor: one
user gets 10% of the cluster at most, never the idle 90%.

Fix: set ``user-limit-factor`` on the leaf (e.g. ``maximum-capacity / capacity``, or -1 for
no per-user cap), or lower ``maximum-capacity`` to what one user should get.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.config.known_keys import PREFIX
from yarnlint.findings import Problem
from yarnlint.model.capacity import CapacityForm
from yarnlint.model.queues import NO_LABEL, judged_tree, leaf_limits
from yarnlint.rules import RuleContext

ID = "YL212"
NAME = "queue.user-limit"
SEVERITY = "warning"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """One finding per leaf whose default user-limit-factor caps a user below its maximum."""
    tree = judged_tree(ctx.model)
    if tree is None or PREFIX + "user-limit-factor" in ctx.model.conf.effective:
        return
    for queue in tree.running_leaves():
        if tree.prop(queue.path, "user-limit-factor") is not None \
                or queue.capacity[NO_LABEL].mode is CapacityForm.ABSOLUTE:
            continue
        limits = leaf_limits(tree, queue)
        guarantee, ceiling = queue.abs_capacity[NO_LABEL], queue.abs_maximum[NO_LABEL]
        one_user = min(ceiling, guarantee * limits.user_limit_factor)
        if guarantee <= 0 or one_user >= ceiling - 1e-6:
            continue
        yield Problem(
            f"one user can take at most {one_user:.1%} of the cluster in {queue.path} "
            f"(capacity {guarantee:.1%} x user-limit-factor {limits.user_limit_factor:g}, the "
            f"default), though the queue may grow to {ceiling:.1%}: on an idle cluster a "
            f"single user's applications stop at {one_user:.1%}; with others active each is "
            f"guaranteed {limits.user_limit_percent:g}% of the queue",
            tree.where(queue.path, "capacity"))
