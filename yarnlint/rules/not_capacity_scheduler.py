"""The file is not a CapacityScheduler configuration, or the CapacityScheduler is not run.

Why it matters on YARN: the CapacityScheduler reads only ``yarn.scheduler.capacity.*`` keys,
and only when ``yarn.resourcemanager.scheduler.class`` (yarn-site.xml) names it. Three kinds
of file look like its configuration and are not, so linting them as one says nothing true:

- a yarn-site.xml whose scheduler class is the FairScheduler (or the FifoScheduler): the
  ResourceManager runs that scheduler and no capacity-scheduler.xml is read at all;
- FairScheduler's allocation file (``fair-scheduler.xml``, root ``<allocations>``); Hadoop's
  ``fs2cs`` converter (``yarn fs2cs``) turns it into a capacity-scheduler.xml;
- a file of ``mapred.capacity-scheduler.*`` keys, the MRv1 (Hadoop 0.20/1.x)
  CapacityTaskScheduler's file: YARN runs every queue setting at its default.

One finding per file. Example: ``yarn.resourcemanager.scheduler.class`` set to
``org.apache.hadoop.yarn.server.resourcemanager.scheduler.fair.FairScheduler``.

Fix: lint the CapacityScheduler's own file; convert a FairScheduler setup with ``yarn fs2cs``;
write the YARN keys (``yarn.scheduler.capacity.root.queues`` and so on) for an MRv1 file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yarnlint.config.known_keys import PREFIX
from yarnlint.findings import Location, Problem
from yarnlint.model.anchors import top_of
from yarnlint.rules import RuleContext

ID = "YL006"
NAME = "structure.not-capacity-scheduler"
SEVERITY = "warning"

SCHEDULER_CLASS_KEY = "yarn.resourcemanager.scheduler.class"
OTHER_SCHEDULERS = frozenset({"FairScheduler", "FifoScheduler"})
"""Hadoop's other schedulers (class simple names); a custom class is not judged."""


def check(ctx: RuleContext) -> Iterator[Problem]:
    """One finding when the linted file, or the scheduler class, is not the
    CapacityScheduler's."""
    model = ctx.model
    main = model.main_file
    if main.root == "allocations":
        yield Problem("FairScheduler allocation file (root <allocations>), not a "
                      "CapacityScheduler configuration; see Hadoop's fs2cs converter "
                      "(yarn fs2cs) to turn it into a capacity-scheduler.xml", top_of(model))
        return
    other = _other_scheduler(model)
    if other is not None:
        scheduler, location = other
        yield Problem(f"{SCHEDULER_CLASS_KEY} is {scheduler}: the ResourceManager runs that "
                      "scheduler and reads no yarn.scheduler.capacity.* key; see Hadoop's fs2cs "
                      "converter to move a FairScheduler setup", location,
                      key=SCHEDULER_CLASS_KEY, value=scheduler)
        return
    names = [p.name for p in main.properties]
    if not main.parsed or not names or any(n.startswith(PREFIX) for n in names):
        return
    mrv1 = sum(n.startswith("mapred.capacity-scheduler.") for n in names)
    if not mrv1 and "capacity-scheduler" not in main.path.name:
        return
    what = (f"its {mrv1} mapred.capacity-scheduler.* keys are for the MRv1 "
            "CapacityTaskScheduler" if mrv1 else f"none of its {len(names)} keys")
    yield Problem(f"not a YARN CapacityScheduler file: {what}; YARN reads no "
                  "yarn.scheduler.capacity.* key from it", top_of(model))


def _other_scheduler(model: Any) -> tuple[str, Location] | None:
    """The scheduler class and where it is set, when it is not the CapacityScheduler."""
    prop = model.conf.effective.get(SCHEDULER_CLASS_KEY)
    scheduler = model.conf.get(SCHEDULER_CLASS_KEY)
    if prop is None or scheduler is None:
        return None
    scheduler = scheduler.strip()
    if scheduler.rsplit(".", 1)[-1] not in OTHER_SCHEDULERS:
        return None
    return scheduler, prop.location
