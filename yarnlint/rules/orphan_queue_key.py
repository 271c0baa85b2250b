"""A per-queue key for a queue that is not in the queue tree.

Why it matters on YARN: queues exist only through ``root.queues`` and each parent's
``<path>.queues``; settings of any other path are never read. A commented-out queue whose
settings were left behind, or a queue path written without ``root.``, is ignored.

Example: ``yarn.scheduler.capacity.root.default.capacity`` while ``root.queues`` is ``a,b``.

One finding per such queue, at its first setting, naming all of them.

Fix: add the queue to its parent's ``queues`` list, or delete its settings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yarnlint.findings import Problem
from yarnlint.model.scheduler import KeyRole
from yarnlint.rules import RuleContext

ID = "YL007"
NAME = "structure.orphan-queue-key"
SEVERITY = "warning"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """One finding per queue that the tree does not contain, at its first setting."""
    model = ctx.model
    queues = ", ".join(sorted(model.queue_paths))
    orphans: dict[str, list[Any]] = {}
    for prop in model.conf.definitions:
        if prop.value is None:
            continue
        kind = model.classify(prop.name)
        if kind.kind is KeyRole.ORPHAN_QUEUE and kind.queue is not None:
            orphans.setdefault(kind.queue, []).append(prop)
    for queue, props in orphans.items():
        first = props[0]
        names = list(dict.fromkeys(prop.name for prop in props))
        ignored = (f"{first.name} is ignored" if len(names) == 1 else
                   f"its {len(names)} settings are ignored ({', '.join(names)})")
        yield Problem(f"queue {queue} is not in the queue tree ({queues}); {ignored}",
                      first.location, key=first.name, value=first.value)
