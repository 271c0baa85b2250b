"""The file holds no CapacityScheduler settings at all.

Why it matters on YARN: a file named capacity-scheduler.xml that carries only
``mapred.capacity-scheduler.*`` keys is the MRv1 (Hadoop 0.20/1.x) CapacityTaskScheduler's
file; YARN reads none of it and runs every queue setting at its default.

Example: ``mapred.capacity-scheduler.queue.default.capacity`` and no
``yarn.scheduler.capacity.*`` key.

Fix: write the YARN keys (``yarn.scheduler.capacity.root.queues`` and so on).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yarnlint.config.known_keys import PREFIX
from yarnlint.findings import Location, Problem

ID = "YL006"
NAME = "structure.not-capacity-scheduler"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {}


def check(model: Any, cluster: Any, options: dict[str, Any]) -> Iterator[Problem]:
    """One finding when the linted file has properties but none for the CapacityScheduler."""
    main = model.main_file
    names = [p.name for p in main.properties]
    if not main.parsed or not names or any(n.startswith(PREFIX) for n in names):
        return
    mrv1 = sum(n.startswith("mapred.capacity-scheduler.") for n in names)
    if not mrv1 and "capacity-scheduler" not in main.path.name:
        return
    what = (f"its {mrv1} mapred.capacity-scheduler.* keys are for the MRv1 "
            "CapacityTaskScheduler" if mrv1 else f"none of its {len(names)} keys")
    yield Problem(f"not a YARN CapacityScheduler file: {what}; YARN reads no "
                  "yarn.scheduler.capacity.* key from it", Location(main.display, 1, 1))
