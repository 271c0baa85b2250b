"""A queue capacity the ResourceManager cannot read: it refuses the whole file.

Why it matters on YARN: ``capacity`` and ``maximum-capacity`` (also per node label) take a
percentage, a weight ``<n>w`` or absolute resources ``[memory=…,vcores=…]``.
``CapacitySchedulerConfiguration.getNonLabeledQueueCapacity`` parses a percentage with
``Float.parseFloat`` and refuses values outside [0, 100]; ``getNonLabeledQueueMaximumCapacity``
parses the maximum the same way (``-1`` means 100) but has no range check;
``internalGetLabeledQueueCapacity`` refuses label values outside [0, 100];
``getNonLabeledQueueWeight`` refuses weights outside [0, 10000];
``internalGetLabeledResourceRequirementForQueue`` and ``QueueCapacityConfigParser.parse``
throw ``NumberFormatException`` on a resource amount that is not a number. Any of these stops
the ResourceManager from starting and makes ``yarn rmadmin -refreshQueues`` fail.

Example: ``root.a.capacity`` = ``50%`` or ``120``; ``root.a.maximum-capacity`` = ``2w``;
``root.a.capacity`` = ``[memory=4.5,vcores=2]``.

Fix: write a plain number (``50``), a weight (``2w``, capacity only) or whole resource
amounts (``[memory=4096,vcores=2]``).
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.queues import applies, capacity_key, label_name, refused
from yarnlint.rules import RuleContext

ID = "YL201"
NAME = "queue.capacity-value"
SEVERITY = "error"
HADOOP = "CapacitySchedulerConfiguration.getNonLabeledQueueCapacity and siblings"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """One finding per capacity or maximum-capacity value the RM fails on."""
    model = ctx.model
    if not applies(model):
        return
    tree = model.queue_tree
    for queue in tree.queues.values():
        for label in queue.labels:
            for suffix, value in (("capacity", queue.capacity[label]),
                                  ("maximum-capacity", queue.maximum[label])):
                if value.error is None:
                    continue
                key = capacity_key(queue.path, label, suffix)
                prop = model.conf.effective[key]
                yield Problem(refused(f"{suffix} of {queue.path} for {label_name(label)}: "
                                      f"{value.error}", HADOOP),
                              prop.location, key=key, value=prop.value)
