"""A per-queue key for a queue that is not in the queue tree.

Why it matters on YARN: queues exist only through ``root.queues`` and each parent's
``<path>.queues``; settings of any other path are never read. A commented-out queue whose
settings were left behind, or a queue path written without ``root.``, is ignored.

Example: ``yarn.scheduler.capacity.root.default.capacity`` while ``root.queues`` is ``a,b``.

Fix: add the queue to its parent's ``queues`` list, or delete its settings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yarnlint.findings import Problem

ID = "YL007"
NAME = "structure.orphan-queue-key"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {}


def check(model: Any, cluster: Any, options: dict[str, Any]) -> Iterator[Problem]:
    """One finding per setting of a queue that the tree does not contain."""
    queues = ", ".join(sorted(model.queue_paths))
    for prop in model.conf.definitions:
        if prop.value is None:
            continue
        kind = model.classify(prop.name)
        if kind.kind == "orphan-queue":
            yield Problem(f"queue {kind.queue} is not in the queue tree ({queues}); "
                          f"{prop.name} is ignored", prop.location, key=prop.name,
                          value=prop.value)
