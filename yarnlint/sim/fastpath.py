"""The untraced run's shortcuts: the same decisions as the plain path, fewer of them tried.

Each application caches, per rack, what it does on a node of that rack where it has no host
ask (a :data:`PlanEntry`). An attempt then only counts the applications that wait below
their thresholds, and tries for real just those that have a host ask on the node or may
place a container. A run of "plain" nodes (no host ask, no blacklist, no reservation, room
for a container) is counted in one step while every application only counts or skips.

The indexes this needs (which apps have a host ask on a node, which nodes are plain, the
plans) are kept here, by extending the state changes of :class:`~yarnlint.sim.state.
SchedulerState`; the property tests in ``tests/sim/`` compare whole summaries of both paths.
"""

from __future__ import annotations

from collections.abc import Iterable

from yarnlint.sim.allocator import ALLOCATED, NOTHING, RESERVED, Outcome
from yarnlint.sim.engine import Engine
from yarnlint.sim.scenario import ANY, AsksStep, Scenario, Settings
from yarnlint.sim.state import MAX_M, AppState, KeyState, NodeState

PlanEntry = tuple[KeyState | None, int, tuple[KeyState, ...]]
"""(key, first, skips): on a node of the rack without a host ask of the app, while no key
of ``skips`` is saturated and ``key.m + 1 < first``, the app counts one missed opportunity
on ``key`` (``key`` None: does nothing); otherwise it is tried for real."""

_NO_APPS: dict[AppState, int] = {}


class FastEngine(Engine):
    """:class:`Engine` with plans, the host-ask index and counted runs of plain nodes."""

    def __init__(self, scenario: Scenario, *, trace: bool, fast: bool,
                 max_attempts: int | None = None) -> None:
        super().__init__(scenario, trace=trace, fast=fast, max_attempts=max_attempts)
        # host -> app -> entries of its scheduled keys under that name with a count > 0
        self.host_apps: dict[str, dict[AppState, int]] = {}
        self.plain_flags = bytearray(len(self.nodes))  # 1: the node is plain (see _plain)
        self.rack_run_end = self._rack_run_ends()
        self.tried = False  # the last planned attempt tried an app: a run is unlikely next
        self._refresh_all_plain()

    # -------------------------------------------------------------- plain nodes
    def _rack_run_ends(self) -> list[int]:
        """For each position, the end of the block of consecutive nodes in its rack."""
        ends = [0] * len(self.nodes)
        end = len(self.nodes)
        for position in range(len(self.nodes) - 1, -1, -1):
            if position + 1 < len(self.nodes) and \
                    self.nodes[position + 1].rack != self.nodes[position].rack:
                end = position + 1
            ends[position] = end
        return ends

    def _plain(self, node: NodeState) -> bool:
        """No host ask, blacklist or reservation here, and room for a container."""
        return (node.reservation is None and node.host not in self.host_apps
                and node.host not in self.blacklisted and node.rack not in self.blacklisted
                and self.has_room(node))

    def _refresh_plain(self, node: NodeState) -> None:
        self.plain_flags[node.position] = self._plain(node)

    def _refresh_all_plain(self) -> None:
        for node in self.nodes:
            self._refresh_plain(node)

    # ------------------------------------------------------------ host-ask index
    def _track_demand(self, key: KeyState, name: str, delta: int) -> None:
        """Host entries of scheduled keys, for the host-ask tests."""
        if not key.scheduled:
            return
        node = self.node_by_host.get(name)
        if node is not None:
            apps = self.host_apps.setdefault(name, {})
            count = apps.get(key.app, 0) + delta
            if count:
                apps[key.app] = count
                self.plain_flags[node.position] = 0
            else:
                del apps[key.app]
                if not apps:
                    del self.host_apps[name]
                    self._refresh_plain(node)

    def _track_key_demand(self, key: KeyState, delta: int) -> None:
        for name, ask in key.asks.items():
            if ask.count > 0:
                self._track_demand(key, name, delta)

    # ------------------------------------------- the state changes, with upkeep
    def _schedule(self, key: KeyState) -> bool:
        if not super()._schedule(key):
            return False
        self._track_key_demand(key, 1)
        return True

    def _unschedule(self, key: KeyState) -> None:
        self._track_key_demand(key, -1)
        super()._unschedule(key)

    def update_asks(self, step: AsksStep) -> KeyState:
        """The index follows each request that opens or closes an entry of a scheduled key
        (a key that starts or stops being scheduled is followed by ``_schedule`` and
        ``_unschedule``); the app's plans are dropped."""
        app = self.app_by_id[step.app]
        app.plan.clear()
        key = app.key(step.priority, step.allocation_request_id)
        if key.scheduled:  # entries of unscheduled keys are not tracked
            counts: dict[str, int] = {}
            for name, containers, _relax in step.requests:
                old = counts[name] if name in counts else (
                    ask.count if (ask := key.asks.get(name)) is not None else 0)
                if (old > 0) != (containers > 0):
                    self._track_demand(key, name, 1 if containers > 0 else -1)
                counts[name] = containers
        return super().update_asks(step)

    def _dec_resource_request(self, key: KeyState, name: str) -> None:
        super()._dec_resource_request(key, name)
        if name not in key.asks:
            self._track_demand(key, name, -1)

    def place(self, key: KeyState, node: NodeState) -> None:
        super().place(key, node)
        if self.plain_flags[node.position] and not self.has_room(node):
            self.plain_flags[node.position] = 0  # less room is the only change here
        key.app.plan.clear()

    def reserve(self, key: KeyState, node: NodeState) -> None:
        super().reserve(key, node)
        self._refresh_plain(node)

    def unreserve(self, node: NodeState) -> None:
        super().unreserve(node)
        self._refresh_plain(node)

    def apply_settings(self, settings: Settings, ignored: Iterable[str]) -> None:
        super().apply_settings(settings, ignored)
        for app in self.apps:
            app.plan.clear()
        self._refresh_all_plain()

    def set_blacklist(self, app: AppState, add: Iterable[str], remove: Iterable[str]) -> None:
        super().set_blacklist(app, add, remove)
        self._refresh_all_plain()

    # ------------------------------------------------------------------ plans
    def _plan_entry(self, app: AppState, rack: str) -> PlanEntry:
        """What ``app`` does on a node of ``rack`` without its host ask; mirrors
        ``_assign_containers_on_node``.

        Keys that priority-skip whatever M is pass on (M counted and un-counted); the first
        other key counts until the first M at which a level opens. Cached in ``app.plan``.
        """
        skips: list[KeyState] = []
        entry: PlanEntry = (None, MAX_M, ())
        for key in app.scheduled:
            rack_ask = key.asks.get(rack)
            rack_open = rack_ask is not None and rack_ask.count > 0
            if rack_ask is not None and rack_open and not rack_ask.relax:
                skips.append(key)
                continue
            if not key.asks[ANY].relax:
                if rack_open:
                    entry = (key, 0, ())  # skips until rack-local opens: always try
                    break
                skips.append(key)
                continue
            first = self.first_offswitch_m(key)
            if rack_open:
                first = min(first, self.rack_delay + 1)
            entry = (key, first, ())
            break
        if skips:
            entry = (entry[0], entry[1], tuple(skips))
        app.plan[rack] = entry
        return entry

    def _allocate_or_reserve_new(self, node: NodeState) -> Outcome:
        """``_queue_attempt`` by plan: counting apps are counted, the rest tried."""
        if node.host in self.blacklisted or node.rack in self.blacklisted:
            return super()._allocate_or_reserve_new(node)
        rack = node.rack
        here = self.host_apps.get(node.host, _NO_APPS)
        self.tried = False
        for app in self.active_apps:
            key, first, skips = app.plan.get(rack) or self._plan_entry(app, rack)
            if app not in here and not (skips and any(k.m == MAX_M for k in skips)):
                if key is None:
                    continue
                if key.m + 1 < first:
                    key.m += 1
                    continue
            self.tried = True
            state, level = self._app_on_node(app, node)
            if state in (ALLOCATED, RESERVED):
                return state, level
        return NOTHING, None

    # ------------------------------------------------------------ counted runs
    def _counting_budget(self, rack: str) -> tuple[int, list[KeyState]]:
        """Plain nodes of ``rack`` that can only count M (0: none), and the keys that count."""
        budget = MAX_M
        counting: list[KeyState] = []
        for app in self.active_apps:
            key, first, skips = app.plan.get(rack) or self._plan_entry(app, rack)
            if skips and any(k.m == MAX_M for k in skips):
                return 0, []
            if key is not None:
                room = first - key.m - 1
                if room <= 0:
                    return 0, []
                budget = min(budget, room)
                counting.append(key)
        return budget, counting

    def _run_from(self, index: int, start: int, end: int, heartbeats: bool,
                  step_ms: float) -> int:
        """Count plain nodes from position ``start`` (before ``end``) in one step.

        Returns the run's length: 0 when some app could allocate on the first node.
        """
        if not self.plain_flags[start] or self.tried:
            return 0
        budget, counting = self._counting_budget(self.nodes[start].rack)
        if budget == 0 or self.attempts >= self.max_attempts:
            return 0
        limit = min(end, self.rack_run_end[start], start + budget,
                    start + (self.max_attempts - self.attempts))
        stop = self.plain_flags.find(0, start, limit)
        run = (limit if stop == -1 else stop) - start
        for key in counting:
            key.m += run
        self.attempts += run
        self.recorder.counted_run(run, step_ms, heartbeats)
        return run
