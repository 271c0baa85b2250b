"""The same queue name under two parents: submitting by that short name fails.

Why it matters on YARN: queues may share a short name under different parents, but
``CSQueueStore`` then drops the short name from its lookup (``isAmbiguous``): applications
submitted with ``-queue <name>`` are rejected as ambiguous, and mappings naming it make the
ResourceManager refuse the file (YL208). Clients that always give full paths
(``root.a.x``) are unaffected.

Example: ``root.eng.queues`` = ``dev`` and ``root.ops.queues`` = ``dev``.

Fix: give the queues distinct names, or make sure every client submits by full path.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.queues import judged_tree
from yarnlint.rules import RuleContext

ID = "YL216"
NAME = "queue.ambiguous-name"
SEVERITY = "warning"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """One finding per short name carried by more than one queue."""
    tree = judged_tree(ctx.model)
    if tree is None:
        return
    for name, paths in tree.short_names.items():
        if len(paths) > 1:
            yield Problem(f"queue name {name!r} is used by {', '.join(paths)}: applications "
                          f"submitted to {name!r} by short name are rejected as ambiguous",
                          tree.where(paths[1], "queues"))
