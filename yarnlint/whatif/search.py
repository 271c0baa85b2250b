"""The judgement: search a group of keys together, and say whether the best found matters.

A *group* is keys that act together: the locality delays (node-locality-delay,
rack-locality-additional-delay, rack-locality-full-reset) or the assignment settings (multiple
assignments per heartbeat, the container limit, the off-switch limit, and asynchronous
scheduling, under which the per-heartbeat limits do not apply). The search runs the
workload for every combination of a grid of values of the group (other keys as YARN will
use them from the user's file) and picks the *recommendation*:

1. the combinations whose locality (the mean of the workload's locality metrics) is less
   than a material step below the best;
2. of those, the ones less than a material step slower than the fastest;
3. of those, the one nearest Hadoop's defaults (fewest keys changed, then the smallest
   change): a difference that does not matter never moves a value;
4. while another combination beats it materially (the thresholds below) without being
   materially worse on any primary metric, that one instead.

The grid and the recommendation do not depend on the user's values of the group, so after
``fix`` writes the recommendation the same search recommends the same values. One exception:
asynchronous scheduling is tried on only where the file turns it on (the search then also
tries it off). The simulator does not model what it costs a real ResourceManager (scheduler
threads, lock contention, decisions on a stale view of the nodes), so yarnlint never proposes
turning it on; a recommendation to turn it off is a subset of the same grid, so fixes still
converge.

The verdict compares the user's settings with the recommendation on the workload's primary
metrics (:func:`primary_metrics`). It is *material*, and the rules warn, when one metric
improves by at least its threshold and none gets worse by its threshold: 10 points of a
locality share, or 20 % of the placement time and at least one heartbeat interval (options
``locality_points``, ``time_percent``, ``time_floor_s`` of each rule).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from enum import Enum, StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from yarnlint.core.options import Option
from yarnlint.model.releases import default_value, effective_value, text_value
from yarnlint.whatif import runs
from yarnlint.whatif.layout import Layout
from yarnlint.whatif.runs import MAPS, RACK, Run
from yarnlint.whatif.workloads import PROFILES, Workload

if TYPE_CHECKING:
    from yarnlint.model.cluster import Cluster
    from yarnlint.model.scheduler import SchedulerModel

NODE_DELAY = "node-locality-delay"
ADDITIONAL_DELAY = "rack-locality-additional-delay"
FULL_RESET = "rack-locality-full-reset"
MULTIPLE = "per-node-heartbeat.multiple-assignments-enabled"
CONTAINER_LIMIT = "per-node-heartbeat.maximum-container-assignments"
OFFSWITCH_LIMIT = "per-node-heartbeat.maximum-offswitch-assignments"
ASYNC = "schedule-asynchronously.enable"



class KeyGroup(Enum):
    """Keys that act together and are searched together."""

    LOCALITY = (NODE_DELAY, ADDITIONAL_DELAY, FULL_RESET)
    HEARTBEAT = (MULTIPLE, CONTAINER_LIMIT, OFFSWITCH_LIMIT, ASYNC)

    @property
    def keys(self) -> tuple[str, ...]:
        """The group's keys (short names), in search order."""
        keys: tuple[str, ...] = self.value
        return keys

    @classmethod
    def of(cls, key: str) -> KeyGroup:
        """The group ``key`` belongs to."""
        return next(group for group in cls if key in group.keys)


LOCALITY = KeyGroup.LOCALITY
HEARTBEAT = KeyGroup.HEARTBEAT
SIMULATED_KEYS = (*LOCALITY.keys, *HEARTBEAT.keys, "schedule-asynchronously.maximum-threads",
                  "schedule-asynchronously.scheduling-interval-ms")
"""The keys every run takes from the user's file (as YARN will use them)."""

ROUNDS_OF_STABILITY = 8
LARGEST_DELAY = 4096
"""The largest power of two the locality search tries below N (then N itself)."""
PLAN_PASSES = 4


LOCALITY_POINTS: Option[float] = Option(
    "locality_points", float, 10.0, "percentage points of a locality share that are material")
TIME_PERCENT: Option[float] = Option(
    "time_percent", float, 20.0, "percent of your time to place all that is material")
TIME_FLOOR_S: Option[float | None] = Option(
    "time_floor_s", float, None,
    "seconds of the time to place all that are material at least; unset: one heartbeat")
PROFILE: Option[str | None] = Option(
    "profile", str, None, "workload this rule simulates; unset: the run's (--workload)",
    choices=tuple(PROFILES))
JUDGING_OPTIONS: tuple[Option[Any], ...] = (LOCALITY_POINTS, TIME_PERCENT, TIME_FLOOR_S,
                                            PROFILE)
"""The options every judging rule declares (see :class:`Thresholds`)."""


class Thresholds(NamedTuple):
    """How much better the recommendation must do for a warning (rule options)."""

    locality_points: float = LOCALITY_POINTS.default
    time_percent: float = TIME_PERCENT.default
    time_floor_s: float | None = TIME_FLOOR_S.default
    """None: one heartbeat interval."""

    @classmethod
    def of(cls, options: Mapping[str, Any]) -> Thresholds:
        """The thresholds among a rule's option values (the defaults for those missing)."""
        floor = options.get(TIME_FLOOR_S.name)
        defaults = cls()
        return cls(float(options.get(LOCALITY_POINTS.name, defaults.locality_points)),
                   float(options.get(TIME_PERCENT.name, defaults.time_percent)),
                   None if floor is None else float(floor))


class MetricName(StrEnum):
    """The primary metrics (as reports name them)."""

    NODE_LOCAL_SHARE = "node_local_share"
    RACK_LOCAL_SHARE = "rack_local_share"
    PLACEMENT_S = "placement_s"


class Better(StrEnum):
    """Which way a metric improves."""

    HIGHER = "higher"
    LOWER = "lower"


class Metric(NamedTuple):
    """A primary metric of a workload."""

    name: MetricName
    label: str
    unit: str
    better: Better

    def value(self, run: Run) -> float:
        """The run's value (placement time: infinite when something was not placed)."""
        if self.name is MetricName.PLACEMENT_S:
            if not run.complete or run.last_container_s is None:
                return math.inf
            return run.last_container_s
        app, asked = ((MAPS, run.work.host_containers)
                      if self.name is MetricName.NODE_LOCAL_SHARE
                      else (RACK, run.work.rack_containers))
        levels = run.by_level(app)
        local = levels["NODE_LOCAL"] + (levels["RACK_LOCAL"] if app == RACK else 0)
        return round(100.0 * local / asked, 1)

    def text(self, value: float) -> str:
        """``25%``, ``0.3 s``, ``not placed``."""
        if self.unit == "%":
            return f"{value:.0f}%"
        if math.isinf(value):
            return "not all placed"
        return "< 1 ms" if value < 0.001 else f"{value:.3g} s"


    def gain(self, before: float, after: float) -> float:
        """How much ``after`` improves on ``before`` (negative: worse)."""
        return after - before if self.better is Better.HIGHER else before - after


NODE_LOCAL_MAPS = Metric(MetricName.NODE_LOCAL_SHARE, "node-local maps", "%", Better.HIGHER)
RACK_LOCAL_BURST = Metric(MetricName.RACK_LOCAL_SHARE, "rack-local burst", "%", Better.HIGHER)
PLACEMENT = Metric(MetricName.PLACEMENT_S, "time to place all", "s", Better.LOWER)


def primary_metrics(work: Workload, layout: Layout) -> tuple[Metric, ...]:
    """What the workload cares about: the locality its parts ask for (rack locality only
    where there are racks to tell apart), and the time until all of it is placed."""
    metrics = []
    if work.host_containers:
        metrics.append(NODE_LOCAL_MAPS)
    if work.rack_containers and not layout.single_rack:
        metrics.append(RACK_LOCAL_BURST)
    return (*metrics, PLACEMENT)


def threshold(metric: Metric, yours: float, limits: Thresholds, layout: Layout) -> float:
    """The change of ``metric`` that is material, in the metric's unit."""
    if metric.unit == "%":
        return limits.locality_points
    floor = layout.heartbeat_ms / 1000 if limits.time_floor_s is None else limits.time_floor_s
    if math.isinf(yours):
        return floor
    return round(max(floor, yours * limits.time_percent / 100), 3)


# ------------------------------------------------------------------ candidates
Combination = tuple[tuple[str, str], ...]


def _powers(top: int) -> list[int]:
    values, power = [], 1
    while power < top:
        values.append(power)
        power *= 2
    return values


def _rack_size(layout: Layout) -> int:
    sizes = sorted(Counter(layout.racks).values())
    return sizes[len(sizes) // 2]


def grid(group: KeyGroup, layout: Layout, work: Workload, async_on: bool = False
         ) -> list[Combination]:
    """Every combination the search tries, one per distinct behaviour.

    Locality: node-locality-delay D at 0, the powers of two below N (up to
    :data:`LARGEST_DELAY`), the rack size and N;
    for each, the additional delay -1 (automatic), 0, D, 3 D and N - D (off-switch after D,
    2 D, 4 D or N missed opportunities); full reset on and off. Heartbeat limits: one
    container per heartbeat, or multiple with container limits of 1, 2, 4 ... below the
    containers a node holds or none, and off-switch limits up to it; where the file turns
    asynchronous scheduling on (``async_on``), each of those with it off, and it on.
    """
    nodes = layout.nodes
    combos: dict[tuple[Any, ...], Combination] = {}
    if group is LOCALITY:
        powers = _powers(min(nodes, LARGEST_DELAY + 1))
        for delay in sorted({0, nodes, min(nodes, _rack_size(layout)), *powers}):
            for extra in sorted({-1, 0, delay, 3 * delay, nodes - delay}):
                for reset in ("true", "false"):
                    combo = ((NODE_DELAY, str(delay)), (ADDITIONAL_DELAY, str(extra)),
                             (FULL_RESET, reset))
                    combos.setdefault(behaviour(group, dict(combo), layout, work), combo)
        return list(combos.values())
    slots = work.node_slots
    mode: Combination = ((ASYNC, "false"),) if async_on else ()
    combos[behaviour(group, {MULTIPLE: "false"}, layout, work)] = ((MULTIPLE, "false"), *mode)
    for containers in (-1, *_powers(slots)):
        for offswitch in (*_powers(slots), slots):
            limits: Combination = ((MULTIPLE, "true"), (CONTAINER_LIMIT, str(containers)),
                                   (OFFSWITCH_LIMIT, str(offswitch)), *mode)
            combos.setdefault(behaviour(group, dict(limits), layout, work), limits)
    if async_on:
        combos[behaviour(group, {ASYNC: "true"}, layout, work)] = ((ASYNC, "true"),)
    return list(combos.values())


def behaviour(group: KeyGroup, values: dict[str, str], layout: Layout,
              work: Workload) -> tuple[Any, ...]:
    """What YARN does with the group's values (values that act alike compare equal)."""
    nodes = layout.nodes
    if group is LOCALITY:
        delay = min(nodes, max(0, int(values[NODE_DELAY])))
        extra = int(values[ADDITIONAL_DELAY])
        offswitch: Any = "auto" if extra <= -1 else min(nodes, delay + extra)
        return delay, offswitch, values[FULL_RESET] == "true"
    if values.get(ASYNC) == "true":
        return ("asynchronous",)
    if values[MULTIPLE] != "true":
        return (False,)
    slots = work.node_slots
    containers = int(values[CONTAINER_LIMIT])
    containers = 1 if containers == 0 or containers < -1 else containers
    in_force = slots if containers == -1 or containers > slots else containers
    return True, in_force, min(in_force, max(1, int(values[OFFSWITCH_LIMIT])))


# ------------------------------------------------------------------ the judgement
class Judgement(NamedTuple):
    """The user's run, the recommended combination and its run, and the verdict."""

    group: KeyGroup
    work: Workload
    layout: Layout
    metrics: tuple[Metric, ...]
    limits: Thresholds
    yours: Run
    suggested: Run
    recommended: Combination
    changes: tuple[tuple[str, str], ...]
    """Keys whose recommended value behaves differently from the user's, and that value."""
    tried: tuple[tuple[Combination, Run], ...]
    held: tuple[tuple[str, str], ...] = ()
    """Keys of another group held at their recommendation in both runs."""

    @property
    def candidates(self) -> int:
        return len(self.tried)

    @property
    def searched_keys(self) -> tuple[str, ...]:
        """The group's keys the search varied (asynchronous scheduling only where it is on)."""
        varied = {key for combo, _ in self.tried for key, _ in combo}
        return tuple(key for key in self.group.keys if key in varied)

    def improvement(self, metric: Metric) -> float:
        """How much the recommendation improves ``metric`` (negative: worse)."""
        yours, suggested = metric.value(self.yours), metric.value(self.suggested)
        return 0.0 if yours == suggested else metric.gain(yours, suggested)

    def threshold(self, metric: Metric) -> float:
        return threshold(metric, metric.value(self.yours), self.limits, self.layout)

    @property
    def carrier(self) -> Metric:
        """The metric that improves most, relative to its threshold."""
        return max(self.metrics, key=lambda m: self.improvement(m) / self.threshold(m))

    @property
    def material(self) -> bool:
        """A warning: one metric better by its threshold, none worse by its threshold."""
        return _material(self.metrics, self.yours, self.suggested, self.limits, self.layout)

    def verdict(self) -> dict[str, Any]:
        """``{metric, better, yours, suggested, threshold}`` of the carrying metric."""
        metric = self.carrier
        return {"metric": metric.name, "better": metric.better,
                "yours": _number(metric.value(self.yours)),
                "suggested": _number(metric.value(self.suggested)),
                "threshold": self.threshold(metric)}


def _number(value: float) -> float | None:
    return None if math.isinf(value) else value


def _material(metrics: tuple[Metric, ...], base: Run, other: Run, limits: Thresholds,
              layout: Layout) -> bool:
    """Whether ``other`` beats ``base`` by a threshold without being worse by one."""
    better = False
    for metric in metrics:
        a, b = metric.value(base), metric.value(other)
        if a == b:
            continue
        gain = metric.gain(a, b)
        limit = threshold(metric, a, limits, layout)
        if gain <= -limit:
            return False
        better = better or gain >= limit
    return better


def user_settings(model: SchedulerModel) -> dict[str, str]:
    """The simulated keys as YARN will use them (the release's defaults where unset)."""
    return {short: text_value(effective_value(model, short)) for short in SIMULATED_KEYS}


def judge(model: SchedulerModel, cluster: Cluster, work: Workload, group: KeyGroup,
          limits: Thresholds) -> Judgement:
    """Judge ``group`` for ``work`` on ``cluster`` against the user's file."""
    defaults = {short: text_value(default_value(model, short))
                for short in (*LOCALITY.keys, *HEARTBEAT.keys)}
    return _judge(_layout(cluster), work, group, limits, tuple(user_settings(model).items()),
                  tuple(defaults.items()))


@lru_cache(maxsize=8)
def _layout(cluster: Cluster) -> Layout:
    """The layout of a cluster, built once however many rules judge it."""
    return Layout.of(cluster)


@lru_cache(maxsize=256)
def _judge(layout: Layout, work: Workload, group: KeyGroup, limits: Thresholds,
           settings: runs.Settings, defaults: Combination) -> Judgement:
    """The judgement of one group (see :func:`plan` for how the groups agree).

    The locality group is judged on the user's settings. The heartbeat limits are judged
    with the locality keys held at their recommendation when that is a warning (it will be
    fixed first), so a limit is not blamed for what the delays do.
    """
    base = dict(settings)
    held: tuple[tuple[str, str], ...] = ()
    if group is HEARTBEAT:
        locality = _judge(layout, work, LOCALITY, limits, settings, defaults)
        if locality.material:
            held = locality.changes
            base.update(held)
    planned = plan(layout, work, limits, settings, defaults)
    async_on = _async_on(settings)
    pick = tuple((key, planned[key]) for key in group.keys
                 if _applies(key, planned) and (key != ASYNC or async_on))
    _, tried = _search(layout, work, group, limits, _without(planned, group), defaults,
                       async_on)
    mine = {key: base[key] for key in group.keys}
    chosen = {**mine, **dict(pick)}
    changes = tuple((key, value) for key, value in pick
                    if value != mine[key] and _differs(key, mine, chosen, layout, work))
    base_settings = tuple(base.items())
    return Judgement(group, work, layout, primary_metrics(work, layout), limits,
                     runs.run(work, layout, base_settings),
                     runs.run(work, layout, _with(base_settings, pick)), pick, changes,
                     tried, held)


@lru_cache(maxsize=256)
def plan(layout: Layout, work: Workload, limits: Thresholds, settings: runs.Settings,
         defaults: Combination) -> dict[str, str]:
    """The settings after taking, group by group, every recommendation that is material.

    Starting from the user's settings, each group in turn takes the recommendation of a
    search with the other group's current values when it beats the current values
    materially, until neither changes. A file that holds the result gets no change: fixes
    converge in one round.
    """
    metrics = primary_metrics(work, layout)
    current = dict(settings)
    async_on = _async_on(settings)
    for _ in range(PLAN_PASSES):
        before = dict(current)
        for group in (LOCALITY, HEARTBEAT):
            pick, _ = _search(layout, work, group, limits, _without(current, group), defaults,
                              async_on)
            now = tuple(current.items())
            if _material(metrics, runs.run(work, layout, now),
                         runs.run(work, layout, _with(now, pick)), limits, layout):
                current.update(pick)
        if current == before:
            break
    return current


def _async_on(settings: runs.Settings) -> bool:
    """Whether the user's file turns asynchronous scheduling on."""
    return dict(settings).get(ASYNC) == "true"


def _applies(key: str, values: dict[str, str]) -> bool:
    """Whether YARN reads ``key`` with these values: not the per-heartbeat limits under
    asynchronous scheduling, nor the two limits without multiple assignments."""
    if key not in HEARTBEAT.keys or key == ASYNC:
        return key in values
    if values.get(ASYNC) == "true":
        return False
    return key == MULTIPLE or values.get(MULTIPLE) != "false"


@lru_cache(maxsize=512)
def _search(layout: Layout, work: Workload, group: KeyGroup, limits: Thresholds,
            others: runs.Settings, defaults: Combination, async_on: bool = False
            ) -> tuple[Combination, tuple[tuple[Combination, Run], ...]]:
    """Run every combination of ``group`` with the ``others`` settings; the pick and all
    runs. A workload that asks no host or rack has nothing to gain from the delays: its
    locality search tries Hadoop's defaults only."""
    combos = grid(group, layout, work, async_on and group is HEARTBEAT)
    if group is LOCALITY and not work.asks_locality:
        combos = [tuple((key, value) for key, value in defaults if key in LOCALITY.keys)]
    tried = {combo: runs.run(work, layout, _with(others, combo)) for combo in combos}
    pick = _recommend(tried, primary_metrics(work, layout), limits, layout, work, defaults)
    return pick, tuple(tried.items())


def _without(settings: dict[str, str], group: KeyGroup) -> runs.Settings:
    """The settings other than ``group``'s (which every combination sets), for cache keys.

    Heartbeat combinations that switch multiple assignments off leave the two limits out, so
    those keep their current values; asynchronous scheduling keeps the file's value unless
    the grid tries it."""
    kept = {key: value for key, value in settings.items()
            if key not in group.keys or (group is HEARTBEAT and key != MULTIPLE)}
    return tuple(kept.items())


def _with(settings: runs.Settings, combo: Combination) -> runs.Settings:
    values = dict(settings)
    values.update(combo)
    return tuple(values.items())


def _differs(key: str, mine: dict[str, str], chosen: dict[str, str], layout: Layout,
             work: Workload) -> bool:
    """Whether ``key`` at the user's value would change what the chosen values do."""
    group = KeyGroup.of(key)
    reverted = {**chosen, key: mine[key]}
    return behaviour(group, reverted, layout, work) != behaviour(group, chosen, layout, work)


def _recommend(tried: dict[Combination, Run], metrics: tuple[Metric, ...], limits: Thresholds,
               layout: Layout, work: Workload, defaults: Combination) -> Combination:
    """Steps 1-4 of the module docstring."""
    def locality(combo: Combination) -> float:
        shares = [m.value(tried[combo]) for m in metrics if m.unit == "%"]
        return sum(shares) / len(shares) if shares else 0.0

    def best(pool: list[Combination]) -> Combination:
        top = max(locality(c) for c in pool)
        local = [c for c in pool if locality(c) > top - limits.locality_points]
        fastest = min(PLACEMENT.value(tried[c]) for c in local)
        step = threshold(PLACEMENT, fastest, limits, layout)
        quick = [c for c in local if PLACEMENT.value(tried[c]) < fastest + step] or local
        return min(quick, key=lambda c: _distance(c, defaults, layout, work))

    pick = best(list(tried))
    for _ in range(ROUNDS_OF_STABILITY):
        beaters = [c for c in tried
                   if _material(metrics, tried[pick], tried[c], limits, layout)]
        if not beaters:
            break
        pick = best(beaters)
    return pick


def _distance(combo: Combination, defaults: Combination, layout: Layout, work: Workload
              ) -> tuple[int, float]:
    """How far a combination behaves from Hadoop's defaults: values changed, then by how
    much (on a log scale)."""
    group = KeyGroup.of(combo[0][0])
    mine = behaviour(group, {**dict(defaults), **dict(combo)}, layout, work)
    default = behaviour(group, dict(defaults), layout, work)
    changed, size = 0, 0.0
    for value, usual in zip(mine, default, strict=False):
        if value == usual:
            continue
        changed += 1
        numeric = all(isinstance(v, int) and not isinstance(v, bool) for v in (value, usual))
        size += abs(math.log2(2 + value) - math.log2(2 + usual)) if numeric else 1.0
    return changed + abs(len(mine) - len(default)), size
