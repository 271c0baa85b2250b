"""The simulation engine: CapacityScheduler's delay scheduling, one decision at a time.

Names follow Hadoop 3.4.1 (paths relative to the ResourceManager's ``scheduler`` package):
``_app_on_node`` is ``RegularContainerAllocator.assignContainers`` for one node,
``_levels`` is ``assignContainersOnNode``, ``_assign`` is ``assignContainer``,
``_queue_attempt`` is ``AbstractLeafQueue.assignContainers`` and ``_heartbeat`` is
``CapacityScheduler.allocateContainersToNode`` with its ``canAllocateMore`` loop.

The fast path (``fast=True``, used when no trace is wanted) caches, per application and
rack, what the application does on a node of that rack where it has no host ask (a
:data:`PlanEntry`). An attempt then only counts the applications that wait below their
thresholds, and tries for real just those that have a host ask on the node or may place a
container. A run of "plain" nodes (no host ask, no blacklist, no reservation, room for a
container) is counted in one step while every application only counts or skips.
"""

from __future__ import annotations

import bisect
import math
import operator
import random
import struct
from collections.abc import Callable, Sequence
from typing import Any

from yarnlint.sim.scenario import (
    ANY,
    AsksStep,
    AsyncPassesStep,
    AttemptStep,
    BlacklistStep,
    HeartbeatsStep,
    HeartbeatStep,
    ResetStep,
    Scenario,
    SetStep,
    Settings,
    Step,
)

NODE_LOCAL, RACK_LOCAL, OFF_SWITCH = "NODE_LOCAL", "RACK_LOCAL", "OFF_SWITCH"
LEVELS = (NODE_LOCAL, RACK_LOCAL, OFF_SWITCH)
MAX_M = 2**31 - 1  # Guava's multiset count saturates at Integer.MAX_VALUE
_FLOAT_EXACT = 2**24  # integers below this convert to Java float exactly

# outcomes of one app/key on one node (RegularContainerAllocator's AllocationState)
ALLOCATED, RESERVED, LOCALITY_SKIPPED, PRIORITY_SKIPPED, APP_SKIPPED, NOTHING = range(6)
_OUTCOME_NAMES = {ALLOCATED: "allocated", RESERVED: "reserved", APP_SKIPPED: "skipped",
                  PRIORITY_SKIPPED: "priority-skipped"}
_FULFIL_NAMES = {ALLOCATED: "fulfilled", RESERVED: "re-reserved"}
_NO_APPS: dict[AppState, int] = {}
_RANK = operator.attrgetter("rank")


_FLOAT = struct.Struct("f")


def java_float(value: float) -> float:
    """Round to a Java ``float`` (IEEE single precision)."""
    result: float = _FLOAT.unpack(_FLOAT.pack(value))[0]
    return result


def java_int(value: int) -> int:
    """Wrap to a Java ``int`` (two's complement overflow)."""
    return (value + 2**31) % 2**32 - 2**31


class CapReached(Exception):
    """The scenario's attempt cap was hit."""


class Ask:
    """One resource name's ask: container count and relaxLocality."""

    __slots__ = ("count", "relax")

    def __init__(self, count: int, relax: bool) -> None:
        self.count = count
        self.relax = relax


class KeyState:
    """A scheduler key of one app: its request map, capability, M and reservations."""

    __slots__ = (
        "app",
        "asks",
        "label",
        "m",
        "memory_mb",
        "priority",
        "re_reservations",
        "request_id",
        "reserved_nodes",
        "scheduled",
        "threshold_cache",
        "vcores",
    )

    def __init__(self, app: AppState, priority: int, request_id: int) -> None:
        self.app = app
        self.priority = priority
        self.request_id = request_id
        self.label = str(priority) if request_id == 0 else f"{priority}/{request_id}"
        self.asks: dict[str, Ask] = {}
        self.memory_mb = 0
        self.vcores = 0
        self.m = 0
        self.reserved_nodes: list[NodeState] = []
        self.re_reservations = 0
        self.scheduled = False  # in its app's scheduled keys
        self.threshold_cache: tuple[int, int, int, float] | None = None

    @property
    def outstanding(self) -> int:
        """The ANY count C (0 when the key is not being scheduled)."""
        ask = self.asks.get(ANY)
        return ask.count if ask is not None else 0


class AppState:
    """An application attempt: keys in scheduling order and its blacklist."""

    __slots__ = ("app_id", "blacklist", "keys", "plan", "rank", "resends_asks", "scheduled")

    def __init__(self, app_id: str, rank: int, resends_asks: bool = False) -> None:
        self.app_id = app_id
        self.rank = rank  # position in FIFO order
        self.resends_asks = resends_asks  # entries brought to 0 come back at 0 (AM re-send)
        self.plan: dict[str, PlanEntry] = {}  # fast path: rack -> entry, cleared on changes
        self.keys: dict[tuple[int, int], KeyState] = {}
        self.scheduled: list[KeyState] = []  # keys with ANY > 0: priority, then request id
        self.blacklist: set[str] = set()

    def key(self, priority: int, request_id: int) -> KeyState:
        state = self.keys.get((priority, request_id))
        if state is None:
            state = self.keys[(priority, request_id)] = KeyState(self, priority, request_id)
        return state

    def schedule(self, key: KeyState) -> bool:
        """Start scheduling ``key``; False if it already was."""
        if key.scheduled:
            return False
        key.scheduled = True
        self.scheduled.append(key)
        self.scheduled.sort(key=lambda k: (k.priority, k.request_id))
        return True

    def unschedule(self, key: KeyState) -> bool:
        """Stop scheduling ``key``; False if it was not."""
        if not key.scheduled:
            return False
        key.scheduled = False
        self.scheduled.remove(key)
        return True


PlanEntry = tuple[KeyState | None, int, tuple[KeyState, ...]]
"""(key, first, skips): on a node of the rack without a host ask of the app, while no key
of ``skips`` is saturated and ``key.m + 1 < first``, the app counts one missed opportunity
on ``key`` (``key`` None: does nothing); otherwise it is tried for real."""


class NodeState:
    """A NodeManager: rack, total and free resource, containers placed, reservation."""

    __slots__ = (
        "containers",
        "free_mb",
        "free_vcores",
        "host",
        "position",
        "rack",
        "reservation",
        "total_mb",
        "total_vcores",
    )

    def __init__(self, position: int, host: str, rack: str, memory_mb: int, vcores: int) -> None:
        self.position = position
        self.host = host
        self.rack = rack
        self.total_mb = self.free_mb = memory_mb
        self.total_vcores = self.free_vcores = vcores
        self.containers = 0
        self.reservation: KeyState | None = None


class Engine:
    """Runs a parsed scenario; the recorded metrics and entries feed the result."""

    def __init__(self, scenario: Scenario, *, trace: bool, fast: bool,
                 max_attempts: int | None = None) -> None:
        self.scenario = scenario
        self.trace = trace
        self.fast = fast and not trace  # the fast path records no decisions
        self.max_attempts = max_attempts if max_attempts is not None else scenario.max_attempts
        self.nodes = [NodeState(i, n.host, n.rack, n.memory_mb, n.vcores)
                      for i, n in enumerate(scenario.nodes)]
        self.node_by_host = {node.host: node for node in self.nodes}
        # ClusterNodeTracker.getMaxAllowedAllocation: the largest node, per resource
        self.largest_node = (max(n.memory_mb for n in scenario.nodes),
                             max(n.vcores for n in scenario.nodes))
        self.rack_run_end = self._rack_run_ends()
        self.n = scenario.num_cluster_nodes
        ordered = sorted(enumerate(scenario.apps), key=lambda pair: (-pair[1].priority, pair[0]))
        self.apps = [AppState(app.app_id, rank, app.resends_asks)
                     for rank, (_, app) in enumerate(ordered)]
        self.app_by_id = {app.app_id: app for app in self.apps}
        self.active_apps: list[AppState] = []  # apps with a scheduled key, in FIFO order
        self.rng = random.Random(scenario.seed)
        self.settings = scenario.settings
        self.settings_version = 0
        self.ignored_settings = list(scenario.ignored_settings)
        # host -> app -> entries of its scheduled keys under that name with a count > 0
        self.host_apps: dict[str, dict[AppState, int]] = {}
        self.blacklisted: set[str] = set()  # union of all apps' blacklists
        self.plain_flags = bytearray(len(self.nodes))  # 1: the node is plain (see _plain)
        self.tried = False  # the last planned attempt tried an app: a run is unlikely next
        self._refresh_all_plain()
        # metrics
        self.attempts = 0
        self.heartbeats = 0
        self.async_passes = 0
        self.clock_ms = 0.0
        self.containers = dict.fromkeys(LEVELS, 0)
        self.app_containers: dict[str, dict[str, Any]] = {}  # app -> levels, last time
        self.reservations = 0
        self.first_container_ms: float | None = None
        self.last_container_ms: float | None = None
        self.first_allocation_entry: int | None = None
        self.last_allocation_entry: int | None = None
        self.containers_per_heartbeat_max = 0
        self.m_peak = 0  # the largest M a key held before it went down
        self.converged = True
        self.stopped_at_step: int | None = None
        # output entries
        self.entries: list[dict[str, Any]] = []
        self.entry_count = 0
        self.entry: dict[str, Any] | None = None
        # the last entry's (missed_opportunities, outstanding); None after anything that may
        # change them: a decision, an asks or reset step
        self.snapshot: tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]] | None = None
        self.heartbeat_containers = 0

    # ---------------------------------------------------------------- settings
    @property
    def rack_delay(self) -> int:
        """``getActualNodeLocalityDelay``: min(N, D)."""
        return min(self.n, self.settings.node_locality_delay)

    def _set(self, settings: Settings, ignored: Sequence[str]) -> None:
        self.settings = settings
        self.settings_version += 1
        self.ignored_settings.extend(name for name in ignored if name not in self.ignored_settings)
        for app in self.apps:
            app.plan.clear()
        self._refresh_all_plain()

    def _normalized(self, memory_mb: int, vcores: int) -> tuple[int, int]:
        """``SchedulerUtils.normalizeRequest``: round up to the minimum allocation, then cap.

        The cap is the maximum allocation as the running RM allows it: the configured one,
        lowered to the largest node's resource (``ClusterNodeTracker``, once the start-up
        wait is over).
        """
        settings = self.settings
        step_mb = settings.minimum_allocation_mb
        memory = min(max(step_mb, math.ceil(memory_mb / step_mb) * step_mb),
                     settings.maximum_allocation_mb, self.largest_node[0])
        step_vc = settings.minimum_allocation_vcores
        if not settings.dominant_resource_calculator:
            vcores = 1 if memory > 0 else 0  # DefaultResourceCalculator: createResource(memory)
        elif step_vc > 0:
            vcores = min(max(step_vc, math.ceil(vcores / step_vc) * step_vc),
                         settings.maximum_allocation_vcores, self.largest_node[1])
        return memory, vcores

    def _fits(self, memory_mb: int, vcores: int, free_mb: int, free_vcores: int) -> bool:
        """``computeAvailableContainers > 0`` (memory only unless the dominant calculator)."""
        return free_mb >= memory_mb and (
            not self.settings.dominant_resource_calculator or free_vcores >= vcores)

    def _has_room(self, node: NodeState) -> bool:
        """Room for the minimum allocation: otherwise nothing is tried on the node."""
        return self._fits(self.settings.minimum_allocation_mb,
                          self.settings.minimum_allocation_vcores, node.free_mb, node.free_vcores)

    # -------------------------------------------------------------- thresholds
    def offswitch_threshold(self, key: KeyState) -> float:
        """The automatic off-switch threshold min(N, C * min(max(U-1, 0)/N, 1)) in Java floats."""
        count, unique = key.outstanding, len(key.asks)
        cached = key.threshold_cache
        if cached is not None and cached[:3] == (count, unique, self.settings_version):
            return cached[3]
        nodes = java_float(self.n)
        factor = min(java_float(java_float(max(unique - 1, 0)) / nodes), 1.0)
        threshold = min(nodes, java_float(java_float(count) * factor))
        key.threshold_cache = (count, unique, self.settings_version, threshold)
        return threshold

    def _offswitch_allowed(self, key: KeyState) -> bool:
        """``canAssign`` for OFF_SWITCH (not from a reservation), with M already counted."""
        if self.n == 0:
            return False
        if len(key.asks) == 1:
            return True
        additional = self.settings.rack_locality_additional_delay
        if additional > -1:
            return key.m > min(self.n, java_int(self.settings.node_locality_delay + additional))
        m = key.m if key.m < _FLOAT_EXACT else java_float(key.m)
        return self.offswitch_threshold(key) < m

    def _first_offswitch_m(self, key: KeyState) -> int:
        """The smallest M at which off-switch is allowed (MAX_M: never below saturation)."""
        if self.n == 0:
            return MAX_M
        if len(key.asks) == 1:
            return 0
        additional = self.settings.rack_locality_additional_delay
        if additional > -1:
            threshold = min(self.n, java_int(self.settings.node_locality_delay + additional))
            return min(threshold + 1, MAX_M)
        auto = self.offswitch_threshold(key)
        if auto >= _FLOAT_EXACT - 1:
            return 0  # beyond exact float range: let the plain path decide
        return math.floor(auto) + 1

    # ---------------------------------------------------------------- requests
    def _track_demand(self, key: KeyState, name: str, delta: int) -> None:
        """Host entries of scheduled keys, for the fast path's host-ask tests."""
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

    def _schedule(self, key: KeyState) -> None:
        if key.app.schedule(key):
            self._track_key_demand(key, 1)
            if len(key.app.scheduled) == 1:  # a new list: walks over the old one go on
                active = self.active_apps.copy()
                bisect.insort(active, key.app, key=_RANK)
                self.active_apps = active

    def _unschedule(self, key: KeyState) -> None:
        self._track_key_demand(key, -1)
        if key.app.unschedule(key) and not key.app.scheduled:
            self.active_apps = [app for app in self.active_apps if app is not key.app]

    def update_asks(self, step: AsksStep) -> None:
        """``AppSchedulingInfo.updateResourceRequests``: each request replaces its entry."""
        app = self.app_by_id[step.app]
        app.plan.clear()
        key = app.key(step.priority, step.allocation_request_id)
        key.memory_mb, key.vcores = self._normalized(step.memory_mb, step.vcores)
        any_update: Ask | None = None
        asks, tracked = key.asks, key.scheduled  # entries of unscheduled keys are not tracked
        for name, containers, relax in step.requests:
            if tracked:
                old = asks.get(name)
                if old is not None and old.count > 0:
                    self._track_demand(key, name, -1)
                if containers > 0:
                    self._track_demand(key, name, 1)
            ask = asks[name] = Ask(containers, relax)
            if name == ANY:
                any_update = ask
        if any_update is None:
            return
        if any_update.count <= 0:  # updatePendingResources drops the key and its whole map
            self._unschedule(key)
            key.asks.clear()
        else:
            self._schedule(key)

    def _decrement(self, key: KeyState, name: str) -> None:
        """``decResourceRequest``: a host or rack entry at 0 leaves the map (and comes back
        at 0 when the app's AM re-sends its totals)."""
        ask = key.asks[name]
        ask.count -= 1
        if ask.count == 0:
            self._track_demand(key, name, -1)
            if not key.app.resends_asks:
                del key.asks[name]

    def _decrement_any(self, key: KeyState) -> None:
        """``decrementOutstanding``: ANY at 0 leaves the map and the key stops being scheduled
        (an AM's re-send of ANY at 0 then drops the whole map)."""
        ask = key.asks[ANY]
        ask.count -= 1
        if ask.count == 0:
            del key.asks[ANY]
            self._unschedule(key)
            if key.app.resends_asks:
                key.asks.clear()

    # ------------------------------------------------------------ one decision
    def _count_attempt(self) -> None:
        if self.attempts >= self.max_attempts:
            raise CapReached
        self.attempts += 1

    def _lower_m(self, key: KeyState, m: int) -> None:
        """Set M below its current value, keeping the peak."""
        if key.m > self.m_peak:
            self.m_peak = key.m
        key.m = m

    def max_missed_opportunities(self) -> int:
        """The largest M any key held."""
        return max([self.m_peak, *(key.m for app in self.apps for key in app.keys.values())])

    def _levels(self, key: KeyState, node: NodeState, reserved: bool,
                reserve: bool = True) -> tuple[int, str | None]:
        """``assignContainersOnNode``: node-local, rack-local, off-switch, in this order.

        ``reserve`` False: a RESERVED result only reports (see ``_assign``).
        """
        asks = key.asks
        rack_ask = asks.get(node.rack)
        rack_open = rack_ask is not None and rack_ask.count > 0
        host_ask = asks.get(node.host)
        if rack_open and host_ask is not None and host_ask.count > 0:
            state = self._assign(key, node, NODE_LOCAL, reserved, reserve)
            if state != LOCALITY_SKIPPED:
                return state, NODE_LOCAL
        if rack_ask is not None and rack_open:
            if not rack_ask.relax:
                return PRIORITY_SKIPPED, RACK_LOCAL
            if self.rack_delay < key.m:
                state = self._assign(key, node, RACK_LOCAL, reserved, reserve)
                if state != LOCALITY_SKIPPED:
                    return state, RACK_LOCAL
        any_ask = asks.get(ANY)
        if any_ask is None or any_ask.count <= 0:
            return PRIORITY_SKIPPED, None
        if not any_ask.relax:
            return PRIORITY_SKIPPED, OFF_SWITCH
        if reserved or self._offswitch_allowed(key):
            state = self._assign(key, node, OFF_SWITCH, reserved, reserve)
            if state != LOCALITY_SKIPPED:
                return state, OFF_SWITCH
        return APP_SKIPPED, OFF_SWITCH

    def _assign(self, key: KeyState, node: NodeState, level: str, reserved: bool,
                reserve: bool = True) -> int:
        """``assignContainer``: allocate if the node has room, else reserve it.

        ``reserve`` False (a multi-node walk before its last node): a new reservation is only
        reported as RESERVED; ``doAllocation`` does not run, so nothing is reserved and M is
        not reset.
        """
        memory, vcores = key.memory_mb, key.vcores
        if not self._fits(memory, vcores, node.total_mb, node.total_vcores):
            return LOCALITY_SKIPPED
        if self._fits(memory, vcores, node.free_mb, node.free_vcores):
            if reserved:
                self._unreserve(node)
            elif not self._should_alloc_or_reserve(key):
                # enough reservations already: continue-looking swaps one for this node
                other = next((n for n in key.reserved_nodes if n is not node), None)
                if other is None:
                    return LOCALITY_SKIPPED
                self._unreserve(other)
            self._allocate(key, node, level, reserved)
            return ALLOCATED
        if reserved:
            key.re_reservations += 1
            return RESERVED
        if self._should_alloc_or_reserve(key):
            if not reserve:
                return RESERVED
            if node.reservation is not None:
                # a multi-node walk ending on a reserved node: doAllocation has reset M, but
                # FiCaSchedulerApp.accept rejects reserving a node that is already reserved
                self._reset_after_new(key, level)
                return RESERVED
            node.reservation = key
            key.reserved_nodes.append(node)
            key.re_reservations = 0
            self._refresh_plain(node)
            self.reservations += 1
            self._reset_after_new(key, level)
            if self.entry is not None:
                self.entry["reserved"].append(self._container_record(key, node, level))
            return RESERVED
        return LOCALITY_SKIPPED

    def _ratio(self, memory_mb: int, vcores: int, of_mb: int, of_vcores: int) -> float:
        """``Resources.ratio``: the memory share, or the larger share (dominant calculator)."""
        share = java_float(memory_mb / of_mb)
        if self.settings.dominant_resource_calculator and of_vcores > 0:
            share = max(share, java_float(vcores / of_vcores))
        return share

    def _should_alloc_or_reserve(self, key: KeyState) -> bool:
        """``shouldAllocOrReserveNewContainer``: re-reservations let a key reserve more."""
        reserved = len(key.reserved_nodes)
        starvation = 0
        if reserved:
            settings = self.settings
            max_mb, max_vcores = settings.maximum_allocation_mb, settings.maximum_allocation_vcores
            node_factor = self._ratio(key.memory_mb, key.vcores, max_mb, max_vcores)
            minimum_factor = self._ratio(max_mb - settings.minimum_allocation_mb,
                                         max_vcores - settings.minimum_allocation_vcores,
                                         max_mb, max_vcores)
            share = java_float(key.re_reservations / reserved)
            starvation = int(java_float(share * java_float(1.0 - min(node_factor,
                                                                      minimum_factor))))
        return starvation + key.outstanding - reserved > 0

    def _reset_after_new(self, key: KeyState, level: str) -> None:
        """``doAllocation``: a new NODE_LOCAL (or RACK_LOCAL with full reset) container resets M."""
        if level == NODE_LOCAL or (level == RACK_LOCAL and self.settings.rack_locality_full_reset):
            self._lower_m(key, 0)

    def _unreserve(self, node: NodeState) -> None:
        key = node.reservation
        if key is not None:
            key.reserved_nodes.remove(node)
            key.re_reservations = 0
            node.reservation = None
            self._refresh_plain(node)

    def _allocate(self, key: KeyState, node: NodeState, level: str, reserved: bool) -> None:
        """Place a container: node resource, ask bookkeeping (``allocateNodeLocal`` etc.), M."""
        node.free_mb -= key.memory_mb
        node.free_vcores -= key.vcores
        node.containers += 1
        if self.plain_flags[node.position] and not self._has_room(node):
            self.plain_flags[node.position] = 0  # less room is the only change here
        key.app.plan.clear()
        if level == NODE_LOCAL:
            self._decrement(key, node.host)
        if level != OFF_SWITCH:
            self._decrement(key, node.rack)
        self._decrement_any(key)
        if not reserved:
            self._reset_after_new(key, level)
        self.containers[level] += 1
        per_app = self.app_containers.get(key.app.app_id)
        if per_app is None:
            per_app = self.app_containers[key.app.app_id] = dict.fromkeys(LEVELS, 0)
        per_app[level] += 1
        per_app["last_container_ms"] = self.clock_ms
        self.heartbeat_containers += 1
        if self.first_container_ms is None:
            self.first_container_ms = self.clock_ms
            self.first_allocation_entry = self.entry_count
        self.last_container_ms = self.clock_ms
        self.last_allocation_entry = self.entry_count
        if self.entry is not None:
            record = self._container_record(key, node, level)
            if reserved:
                record["from_reservation"] = True
            self.entry["assigned"].append(record)

    @staticmethod
    def _container_record(key: KeyState, node: NodeState, level: str) -> dict[str, Any]:
        record: dict[str, Any] = {"app": key.app.app_id, "priority": key.priority, "type": level,
                                  "node": node.host}
        if key.request_id:
            record["allocation_request_id"] = key.request_id
        return record

    def _decide(self, node: NodeState, key: KeyState | None, level: str | None, outcome: str,
                m_seen: int | None) -> None:
        """Add one line to the current entry's decisions (tracing only)."""
        if self.entry is None:
            return
        self.snapshot = None
        decision: dict[str, Any] = {"node": node.host, "rack": node.rack, "level": level,
                                    "outcome": outcome}
        if key is not None:
            decision.update(app=key.app.app_id, priority=key.priority, m_seen=m_seen,
                            m_after=key.m)
            if key.request_id:
                decision["allocation_request_id"] = key.request_id
        self.entry["decisions"].append(decision)

    def _count_m(self, key: KeyState) -> int:
        """``addSchedulingOpportunity`` (saturating); returns the M the levels will see."""
        if key.m < MAX_M:
            key.m += 1
        return key.m

    def _try_key(self, key: KeyState, node: NodeState,
                 reserve: bool = True) -> tuple[int, str | None]:
        """``tryAllocateOnNode`` for a new container: count M, try the levels, un-count.

        ``reserve`` False: a RESERVED result reserves nothing (see ``_assign``).
        """
        prior = key.m
        seen = self._count_m(key)
        state, level = self._levels(key, node, False, reserve)
        if state == PRIORITY_SKIPPED:
            # "Don't count 'skipped nodes' as a scheduling opportunity"; at saturation the
            # add failed but the remove still takes one off
            if prior < MAX_M:
                key.m = prior
            else:
                self._lower_m(key, MAX_M - 1)
        if self.entry is not None:
            outcome = _OUTCOME_NAMES[state] if reserve or state != RESERVED else "passed-over"
            self._decide(node, key, level, outcome, seen)
        return state, level

    def _blocked(self, app: AppState, node: NodeState) -> bool:
        return bool(app.blacklist) and (node.host in app.blacklist or node.rack in app.blacklist)

    def _app_on_node(self, app: AppState, node: NodeState) -> tuple[int, str | None]:
        """``RegularContainerAllocator.assignContainers`` on one node, keys in order."""
        blocked = self._blocked(app, node)
        for key in app.scheduled:
            if blocked:
                self._decide(node, key, None, "blacklisted", key.m)
                return APP_SKIPPED, None
            state, level = self._try_key(key, node)
            if state != PRIORITY_SKIPPED:
                return state, level
        return PRIORITY_SKIPPED, None

    def _app_walk(self, app: AppState, order: list[NodeState]) -> tuple[int, str | None]:
        """Multi-node placement: each key walks the sorted nodes until one allocates.

        ``RegularContainerAllocator.allocate`` (YARN-10259): a RESERVED result before the
        last node reserves nothing and the walk goes on; only the last node reserves.
        """
        last = order[-1] if order else None
        for key in app.scheduled:
            state, level = PRIORITY_SKIPPED, None
            for node in order:
                if self._blocked(app, node):
                    state, level = APP_SKIPPED, None
                    self._decide(node, key, None, "blacklisted", key.m)
                    continue
                state, level = self._try_key(key, node, node is last)
                if state == ALLOCATED:
                    break
            if state != PRIORITY_SKIPPED:
                return state, level
        return PRIORITY_SKIPPED, None

    def _fulfil(self, node: NodeState) -> None:
        """``allocateFromReservedContainer``: the reserved app/key tries this node first."""
        key = node.reservation
        assert key is not None
        if key.outstanding == 0:
            self._unreserve(node)
            self._decide(node, key, None, "unreserved", key.m)
            return
        if self._blocked(key.app, node):
            self._decide(node, key, None, "blacklisted", key.m)
            return
        seen = self._count_m(key)
        state, level = self._levels(key, node, True)
        outcome = _FULFIL_NAMES.get(state, _OUTCOME_NAMES[state])
        self._decide(node, key, level, outcome, seen)

    def _queue_attempt(self, attempt_on: Callable[[AppState], tuple[int, str | None]]
                       ) -> tuple[int, str | None]:
        """``AbstractLeafQueue.assignContainers``: apps in FIFO order until one allocates."""
        for app in self.active_apps:
            state, level = attempt_on(app)
            if state in (ALLOCATED, RESERVED):
                return state, level
        return NOTHING, None

    def attempt(self, node: NodeState | None) -> tuple[int, str | None]:
        """One scheduling attempt on ``node`` (one pass of ``allocateContainersToNode``).

        With multi-node placement the attempt covers every node and ``node`` may be None.
        """
        self._count_attempt()
        if self.settings.multi_node_enabled:
            return self._multi_node_attempt()
        assert node is not None
        if node.reservation is not None:
            self._fulfil(node)
            return NOTHING, None  # the heartbeat ends after a reservation is tried
        if not self._has_room(node):
            self._decide(node, None, None, "node-full", None)
            return NOTHING, None
        if self.fast and node.host not in self.blacklisted and node.rack not in self.blacklisted:
            return self._planned_attempt(node)
        return self._queue_attempt(lambda app: self._app_on_node(app, node))

    def _multi_node_attempt(self) -> tuple[int, str | None]:
        """``allocateContainersOnMultiNodes``: reservations first, then a walk per key."""
        for node in self.nodes:
            if node.reservation is not None:
                self._fulfil(node)
        order = sorted(self.nodes, key=lambda n: (n.total_mb - n.free_mb,
                                                  n.total_vcores - n.free_vcores, n.host))
        return self._queue_attempt(lambda app: self._app_walk(app, order))

    def heartbeat(self, node: NodeState | None) -> None:
        """A synchronous NodeManager heartbeat: attempts while ``canAllocateMore``."""
        if self.attempts >= self.max_attempts:
            raise CapReached
        self.heartbeats += 1
        self.heartbeat_containers = 0
        if self.settings.async_enabled:
            return  # asynchronous scheduling: heartbeats allocate nothing
        settings = self.settings
        offswitch = placed = 0
        offswitch_limit = settings.offswitch_per_heartbeat
        while True:
            state, level = self.attempt(node)
            if state not in (ALLOCATED, RESERVED):
                break
            placed += 1
            if level == OFF_SWITCH:
                offswitch += 1
            if state == RESERVED or offswitch >= offswitch_limit:
                break
            if not settings.multiple_assignments_enabled or (
                    settings.maximum_container_assignments != -1
                    and placed >= settings.maximum_container_assignments):
                break
        if self.heartbeat_containers > self.containers_per_heartbeat_max:
            self.containers_per_heartbeat_max = self.heartbeat_containers

    # --------------------------------------------------------------- fast path
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
                and self._has_room(node))

    def _refresh_plain(self, node: NodeState) -> None:
        self.plain_flags[node.position] = self._plain(node)

    def _refresh_all_plain(self) -> None:
        for node in self.nodes:
            self._refresh_plain(node)

    def _plan_entry(self, app: AppState, rack: str) -> PlanEntry:
        """What ``app`` does on a node of ``rack`` without its host ask; mirrors ``_levels``.

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
            first = self._first_offswitch_m(key)
            if rack_open:
                first = min(first, self.rack_delay + 1)
            entry = (key, first, ())
            break
        if skips:
            entry = (entry[0], entry[1], tuple(skips))
        app.plan[rack] = entry
        return entry

    def _planned_attempt(self, node: NodeState) -> tuple[int, str | None]:
        """``_queue_attempt`` without trace: counting apps are counted, the rest tried."""
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

    def _count_run(self, start: int, end: int, heartbeats: bool, step_ms: float) -> int:
        """Count plain nodes from position ``start`` (before ``end``) in one step.

        Returns the run's length: 0 when some app could allocate on the first node.
        """
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
        self.entry_count += run
        self.clock_ms += run * step_ms
        if heartbeats:
            self.heartbeats += run
        return run

    # ------------------------------------------------------------------- steps
    @staticmethod
    def _new_entry(index: int, kind: str, node: NodeState | None) -> dict[str, Any]:
        return {"index": index, "kind": kind, "node": node.host if node is not None else None,
                "rack": node.rack if node is not None else None,
                "assigned": [], "reserved": [], "decisions": []}

    def _record(self, entry: dict[str, Any]) -> None:
        """Finish ``entry`` with the state after it; unchanged snapshots are shared."""
        if self.snapshot is None:
            self.snapshot = (self.missed_opportunities(), self.outstanding())
        entry["missed_opportunities"], entry["outstanding"] = self.snapshot
        entry["time_s"] = self.clock_ms / 1000
        self.entries.append(entry)

    def _open_entry(self, index: int, kind: str, node: NodeState | None) -> None:
        if self.trace:
            self.entry = self._new_entry(index, kind, node)

    def _close_entry(self) -> None:
        if self.entry is not None:
            self._record(self.entry)
            self.entry = None
        self.entry_count += 1

    def _idle_run(self, index: int, start: int, end: int, heartbeats: bool,
                  step_ms: float) -> int:
        """Traced steps on nodes from ``start`` while no app asks: entries without decisions.

        Returns the run's length: 0 when the first node is reserved or full (a decision).
        """
        kind = "heartbeat" if heartbeats else "attempt"
        limit = min(end, start + max(0, self.max_attempts - self.attempts))
        position = start
        while position < limit:
            node = self.nodes[position]
            if node.reservation is not None or not self._has_room(node):
                break
            self.clock_ms += step_ms
            self._record(self._new_entry(index, kind, node))
            position += 1
        run = position - start
        self.attempts += run
        self.entry_count += run
        if heartbeats:
            self.heartbeats += run
        return run

    def _visit_range(self, index: int, begin: int, end: int, heartbeats: bool,
                     step_ms: float) -> None:
        """Heartbeats (or single attempts) on nodes ``begin``..``end`` in cluster order."""
        fast = self.fast and not self.settings.multi_node_enabled and not (
            heartbeats and self.settings.async_enabled)
        idle = self.trace and not self.settings.multi_node_enabled and not (
            heartbeats and self.settings.async_enabled)
        position = begin
        while position < end:
            if fast and self.plain_flags[position] and not self.tried:
                run = self._count_run(position, end, heartbeats, step_ms)
                if run:
                    position += run
                    continue
            elif idle and not self.active_apps:
                run = self._idle_run(index, position, end, heartbeats, step_ms)
                if run:
                    position += run
                    continue
            self._single(index, self.nodes[position], heartbeats, step_ms)
            position += 1

    def _single(self, index: int, node: NodeState | None, heartbeat: bool,
                step_ms: float) -> None:
        self._open_entry(index, "heartbeat" if heartbeat else "attempt", node)
        self.clock_ms += step_ms
        if heartbeat:
            self.heartbeat(node)
        else:
            self.heartbeat_containers = 0
            self.attempt(node)
            self.containers_per_heartbeat_max = max(self.containers_per_heartbeat_max,
                                                    self.heartbeat_containers)
        self._close_entry()

    def _async_passes(self, index: int, count: int) -> None:
        """Asynchronous scheduling: each thread passes over all nodes from a random start."""
        pass_ms = float(self.settings.async_interval_ms)
        for _ in range(count):
            self.async_passes += 1
            threads = self.settings.threads
            if self.settings.multi_node_enabled:
                for _thread in range(threads):
                    self._single(index, None, False, pass_ms / threads)
                continue
            step_ms = pass_ms / threads / (len(self.nodes) + 1)
            for _thread in range(threads):
                start = self.rng.randrange(len(self.nodes))
                self._visit_range(index, start, len(self.nodes), False, step_ms)
                self._visit_range(index, 0, start + 1, False, step_ms)

    def run_step(self, index: int, step: Step) -> None:
        """Apply one input step."""
        step_ms = self.settings.heartbeat_interval_ms / len(self.nodes)
        if isinstance(step, AsksStep | ResetStep):
            self.snapshot = None
        if isinstance(step, AsksStep):
            self.update_asks(step)
        elif isinstance(step, AttemptStep):
            self._single(index, self.node_by_host[step.node], False, step_ms)
        elif isinstance(step, HeartbeatStep):
            self._single(index, self.node_by_host[step.node], True, step_ms)
        elif isinstance(step, HeartbeatsStep):
            for _ in range(step.rounds):
                if step.nodes is None:
                    self._visit_range(index, 0, len(self.nodes), True, step_ms)
                else:
                    for host in step.nodes:
                        self._single(index, self.node_by_host[host], True, step_ms)
        elif isinstance(step, AsyncPassesStep):
            self._async_passes(index, step.count)
        elif isinstance(step, SetStep):
            self._set(step.settings, step.ignored)
        elif isinstance(step, ResetStep):
            app = self.app_by_id[step.app]
            self._lower_m(app.key(step.priority, step.allocation_request_id), 0)
        elif isinstance(step, BlacklistStep):
            app = self.app_by_id[step.app]
            app.blacklist.update(step.add)
            app.blacklist.difference_update(step.remove)
            self.blacklisted = set().union(*(a.blacklist for a in self.apps))
            self._refresh_all_plain()

    def run(self) -> None:
        """Run every step, stopping early at the attempt cap."""
        for index, step in enumerate(self.scenario.steps):
            try:
                self.run_step(index, step)
            except CapReached:
                if self.entry is not None:
                    self._close_entry()
                self.converged = False
                self.stopped_at_step = index
                return

    # --------------------------------------------------------------- snapshots
    def missed_opportunities(self) -> dict[str, dict[str, int]]:
        """M of every key each app has asked for."""
        return {app.app_id: {key.label: key.m for key in app.keys.values()}
                for app in self.apps if app.keys}

    def outstanding(self) -> dict[str, dict[str, int]]:
        """The ANY count of every key each app has asked for."""
        return {app.app_id: {key.label: key.outstanding for key in app.keys.values()}
                for app in self.apps if app.keys}
