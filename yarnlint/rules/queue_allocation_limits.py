"""Container-size and lifetime limits the ResourceManager refuses.

Why it matters on YARN: ``CapacitySchedulerConfigValidator.validateMemoryAllocation`` and
``validateVCores`` need a positive ``yarn.scheduler.minimum-allocation-mb``/``-vcores`` no
larger than the maximum (and all four must be integers); ``QueueAllocationSettings.
setupMaximumAllocation`` refuses a queue ``maximum-allocation-mb``/``-vcores`` above the
cluster's ``yarn.scheduler.maximum-allocation-*``; ``QueueAppLifetimeAndLimitSettings``
refuses a ``default-application-lifetime`` above the queue's (inherited)
``maximum-application-lifetime``; ``getMaxParallelAppsForQueue`` reads ``max-parallel-apps``
with ``Integer.valueOf``, which does not trim. Each stops the ResourceManager from starting
and makes ``refreshQueues`` fail. The cluster-wide keys usually live in yarn-site.xml: pass
it with ``--yarn-site``.

Example: ``root.a.maximum-allocation-mb`` = ``16384`` with the default cluster maximum 8192;
``root.a.default-application-lifetime`` = ``7200`` and ``maximum-application-lifetime`` =
``3600``.

Fix: keep queue maximums within the cluster's; raise the maximum lifetime or lower the
default; write integers without spaces.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yarnlint.findings import Location, Problem
from yarnlint.model.queues import judged_tree, refused
from yarnlint.model.values import parse_integer
from yarnlint.rules import RuleContext

ID = "YL210"
NAME = "queue.allocation-limits"
SEVERITY = "error"
ALLOCATION = "yarn.scheduler.{}-allocation-{}"
DEFAULTS = {("minimum", "mb"): 1024, ("maximum", "mb"): 8192, ("minimum", "vcores"): 1,
            ("maximum", "vcores"): 4}
"""yarn-default.xml values of the four allocation keys."""


def _int(model: Any, key: str, default: int) -> tuple[int | None, Location | None]:
    """(value, location of the key); value None when it is not an integer."""
    prop = model.conf.effective.get(key)
    written = model.conf.get(key)
    if written is None:
        return default, None
    try:
        return parse_integer(written), prop.location
    except ValueError:
        return None, prop.location


def _cluster_allocation(model: Any, where: Location) -> Iterator[Problem]:
    for unit in ("mb", "vcores"):
        low_key, high_key = ALLOCATION.format("minimum", unit), ALLOCATION.format("maximum", unit)
        low, low_at = _int(model, low_key, DEFAULTS["minimum", unit])
        high, high_at = _int(model, high_key, DEFAULTS["maximum", unit])
        for value, at, key in ((low, low_at, low_key), (high, high_at, high_key)):
            if value is None:
                yield Problem(refused(f"{key} is not an integer", "Configuration.getInt"),
                              at or where, key=key)
        if low is not None and high is not None and (low <= 0 or low > high):
            yield Problem(refused(f"{low_key} = {low} must be positive and at most {high_key}"
                                  f" = {high}", "CapacitySchedulerConfigValidator.validate"
                                  + ("MemoryAllocation" if unit == "mb" else "VCores")),
                          low_at or high_at or where, key=low_key)


def check(ctx: RuleContext) -> Iterator[Problem]:
    """Cluster allocation bounds, queue maximum allocations, lifetimes, max-parallel-apps."""
    model = ctx.model
    tree = judged_tree(model)
    if tree is None:
        return
    yield from _cluster_allocation(model, tree.where("root", "queues"))
    ceilings = {unit: _int(model, ALLOCATION.format("maximum", unit),
                           DEFAULTS["maximum", unit])[0] for unit in ("mb", "vcores")}
    lifetimes: dict[str, int] = {}
    for path, queue in tree.queues.items():
        for unit, ceiling in ceilings.items():
            key = f"yarn.scheduler.capacity.{path}.maximum-allocation-{unit}"
            own, at = _int(model, key, -1)
            if own is not None and ceiling is not None and own > ceiling \
                    and tree.raw(path, "maximum-allocation") is None:
                yield Problem(refused(f"{path}.maximum-allocation-{unit} = {own} is above the "
                                      f"cluster maximum {ceiling}",
                                      "QueueAllocationSettings.setupMaximumAllocation"),
                              at, key=key)
        longest, _ = _int(model, f"yarn.scheduler.capacity.{path}.maximum-application-lifetime",
                          -1)
        if longest is not None and longest < 0 and queue.parent is not None:
            longest = lifetimes[queue.parent.path]
        lifetimes[path] = longest if longest is not None else -1
        default_key = f"yarn.scheduler.capacity.{path}.default-application-lifetime"
        default, at = _int(model, default_key, -1)
        if default is not None and at is not None and longest is not None and \
                queue.parent is not None and 0 < longest < default:
            yield Problem(refused(f"{path}.default-application-lifetime = {default} s is above "
                                  f"its maximum-application-lifetime {longest} s",
                                  "QueueAppLifetimeAndLimitSettings"), at, key=default_key)
        parallel = tree.prop(path, "max-parallel-apps")
        written = tree.raw(path, "max-parallel-apps")
        if parallel is not None and written is not None and written != written.strip():
            yield Problem(refused(f"{path}.max-parallel-apps = {written!r} has spaces, which "
                                  "Integer.valueOf does not accept",
                                  "CapacitySchedulerConfiguration.getMaxParallelAppsForQueue"),
                          parallel.location, key=parallel.name, value=parallel.value)
