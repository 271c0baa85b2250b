"""Scenarios for a workload on a layout, and their runs (the only place that runs the
simulator, imported lazily so a lint without cluster rules never loads it)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Any, NamedTuple

from yarnlint.whatif import cache
from yarnlint.whatif.layout import Layout
from yarnlint.whatif.workloads import Workload

SCENARIO_FORMAT = "yarnlint-scenario/1"
LEVELS = ("NODE_LOCAL", "RACK_LOCAL", "OFF_SWITCH")
MAPS, RACK, EXECUTORS = "maps", "rack-burst", "executors"
ASKED_BY_AN_AM = frozenset({MAPS, RACK, EXECUTORS})
"""Parts whose asks an ApplicationMaster's ask table sends (AMRMClient, MapReduce): after
each container it re-sends its totals, 0 included, so host and rack entries brought to 0
stay in the scheduler's map and keep counting in U (the application masters' own
containers are asked by the RM, ANY only)."""

Settings = tuple[tuple[str, str], ...]
"""Scheduler keys (short names) -> values as written, in a fixed order: hashable."""


def _host_asks(work: Workload, layout: Layout) -> list[dict[str, Any]]:
    """``host_containers`` containers with ``replicas`` replica hosts each.

    The input's blocks sit on ``replicas x containers`` hosts spread evenly over the
    heartbeat order (every node at most once); container i asks hosts ``i*r .. i*r+r-1`` of
    them, each of their racks once and ANY once, as MapReduce's ask table adds them up.
    """
    total, visit = work.host_containers, layout.visit
    spread = min(len(visit), total * work.replicas)
    holders = [visit[k * len(visit) // spread] for k in range(spread)]
    counts: dict[str, int] = {"*": total}
    for index in range(total):
        chosen = {holders[(index * work.replicas + j) % spread] for j in range(work.replicas)}
        for rack in sorted({layout.racks[node] for node in chosen}):
            counts[rack] = counts.get(rack, 0) + 1
        for node in sorted(chosen):
            counts[layout.hosts[node]] = counts.get(layout.hosts[node], 0) + 1
    return [{"resource": name, "containers": count} for name, count in counts.items()]


@lru_cache(maxsize=64)
def parts(work: Workload, layout: Layout) -> list[tuple[str, int, list[dict[str, Any]]]]:
    """The workload's applications in FIFO order: (app id, containers, requests); shared,
    so treat it as read-only."""
    apps: list[tuple[str, int, list[dict[str, Any]]]] = [
        (f"am_{k + 1}", 1, [{"resource": "*", "containers": 1}])
        for k in range(work.am_containers)]
    if work.host_containers:
        apps.append((MAPS, work.host_containers, _host_asks(work, layout)))
    if work.rack_containers:
        count = work.rack_containers
        apps.append((RACK, count, [{"resource": layout.target_rack, "containers": count},
                                   {"resource": "*", "containers": count}]))
    executors = work.any_containers(len(layout.visit))
    if executors:
        apps.append((EXECUTORS, executors, [{"resource": "*", "containers": executors}]))
    return apps


def scenario(work: Workload, layout: Layout, settings: Settings, rounds: int) -> dict[str, Any]:
    """The ``yarnlint-scenario/1`` dict of a run: visited nodes listed in heartbeat order."""
    scheduler = dict(settings)
    apps = parts(work, layout)
    steps: list[dict[str, Any]] = [
        {"asks": {"app": app, "priority": 1, "memory_mb": work.container_mb, "vcores": 1,
                  "requests": requests}} for app, _, requests in apps]
    if scheduler.get("schedule-asynchronously.enable") == "true":
        interval = max(1, int(scheduler.get("schedule-asynchronously.scheduling-interval-ms",
                                            "5")))
        passes = rounds * layout.heartbeat_ms // interval
        steps.append({"async_passes": {"count": max(1, min(passes, layout.max_rounds))}})
    else:
        steps.append({"heartbeats": {"rounds": rounds}})
    cluster: dict[str, Any] = {"nodes": [
        {"host": layout.hosts[i], "rack": layout.racks[i], "memory_mb": work.node_mb,
         "vcores": work.node_vcores} for i in layout.visit]}
    if layout.scaled:
        cluster["num_cluster_nodes"] = layout.nodes
    return {"format": SCENARIO_FORMAT,
            "name": f"{work.name} workload on {layout.describe()}",
            "cluster": cluster, "scheduler": {**scheduler,
                                              "heartbeat-interval-ms": str(layout.heartbeat_ms)},
            "apps": [{"id": app, "resends_asks": True} if app in ASKED_BY_AN_AM else {"id": app}
                     for app, _, _ in apps], "steps": steps}


class Run(NamedTuple):
    """One simulated run: what was asked and what the scheduler placed, per application."""

    work: Workload
    layout: Layout
    settings: Settings
    rounds: int
    asked: tuple[tuple[str, int], ...]
    placed: tuple[tuple[str, tuple[int, int, int]], ...]
    """Per application: NODE_LOCAL, RACK_LOCAL and OFF_SWITCH containers."""
    last_container_s: float | None
    first_container_s: float | None
    max_missed_opportunities: int
    containers_per_heartbeat_max: int
    containers_per_node_max: int
    async_passes: int

    @property
    def scenario(self) -> dict[str, Any]:
        return scenario(self.work, self.layout, self.settings, self.rounds)

    @property
    def complete(self) -> bool:
        return _complete(self.asked, self.placed)

    def by_level(self, app: str | None = None) -> Mapping[str, int]:
        """Containers placed per locality level (of one application, or of all)."""
        return _levels(self.placed, app)


@lru_cache(maxsize=4096)
def _complete(asked: tuple[tuple[str, int], ...],
              placed: tuple[tuple[str, tuple[int, int, int]], ...]) -> bool:
    """Whether every application got all it asked (a search reads it many times a run)."""
    by_app = dict(placed)
    return all(sum(by_app.get(app, (0, 0, 0))) >= count for app, count in asked)


@lru_cache(maxsize=4096)
def _levels(placed: tuple[tuple[str, tuple[int, int, int]], ...], app: str | None
            ) -> Mapping[str, int]:
    rows = [counts for name, counts in placed if app is None or name == app]
    return MappingProxyType({level: sum(row[k] for row in rows)
                             for k, level in enumerate(LEVELS)})


def run(work: Workload, layout: Layout, settings: Settings) -> Run:
    """Run ``work``: one heartbeat round first, then twice as many rounds while some of it
    is not placed, up to :attr:`Layout.max_rounds` (a whole-cluster heartbeat interval
    several times over)."""
    rounds = 1
    result = _run(work, layout, settings, rounds)
    while not result.complete and rounds < layout.max_rounds:
        rounds = min(layout.max_rounds, rounds * 2)
        result = _run(work, layout, settings, rounds)
    return result


@lru_cache(maxsize=4096)
def _run(work: Workload, layout: Layout, settings: Settings, rounds: int) -> Run:
    shard = _shard(work, layout)
    key = repr((settings, rounds))
    cached = cache.get(shard, key)
    if cached is not None:
        try:
            return _from_outcome(work, layout, settings, rounds, cached)
        except (KeyError, TypeError, ValueError, IndexError):
            pass  # a damaged entry: simulate again
    outcome = _simulate(work, layout, settings, rounds)
    cache.put(shard, key, outcome)
    return _from_outcome(work, layout, settings, rounds, outcome)


@lru_cache(maxsize=64)
def _shard(work: Workload, layout: Layout) -> str:
    """The cache file of a workload on a layout."""
    return cache.shard_name(f"{work!r}|{layout.key}")


def _from_outcome(work: Workload, layout: Layout, settings: Settings, rounds: int,
                  outcome: dict[str, Any]) -> Run:
    placed = tuple((str(app), (int(levels[0]), int(levels[1]), int(levels[2])))
                   for app, levels in outcome["placed"])
    return Run(work, layout, settings, rounds,
               asked=tuple((app, count) for app, count, _ in parts(work, layout)),
               placed=placed, **{name: outcome[name] for name in OUTCOME_FIELDS})


OUTCOME_FIELDS = ("last_container_s", "first_container_s", "max_missed_opportunities",
                  "containers_per_heartbeat_max", "containers_per_node_max", "async_passes")


class Unsimulable(Exception):
    """Settings the simulator refuses (a negative scheduling interval, say)."""


def _simulate(work: Workload, layout: Layout, settings: Settings, rounds: int
              ) -> dict[str, Any]:
    """What a run placed, as plain data (what the disk cache stores)."""
    from yarnlint.sim import ScenarioError, run_scenario

    try:
        result = run_scenario(scenario(work, layout, settings, rounds), trace=False)
    except ScenarioError as exc:
        raise Unsimulable(str(exc)) from None
    summary = result["summary"]
    scale = 1.0 if summary["async_passes"] else layout.time_scale
    outcome = {name: summary[name] for name in OUTCOME_FIELDS}
    for name in ("last_container_s", "first_container_s"):
        if outcome[name] is not None:
            outcome[name] = round(outcome[name] * scale, 4)
    outcome["placed"] = [[app, [counts[level] for level in LEVELS]]
                         for app, counts in summary["containers_by_app"].items()]
    return outcome
