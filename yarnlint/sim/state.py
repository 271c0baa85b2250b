"""What the scheduler knows: nodes, applications, scheduler keys, outstanding asks and M.

The state changes here are Hadoop's bookkeeping, named after its methods (paths relative to
the ResourceManager's ``scheduler`` package): ``AppSchedulingInfo`` keeps the scheduled keys
and applies asks, ``LocalityAppPlacementAllocator`` keeps one key's request map and takes
a placed container off it, ``SchedulerApplicationAttempt`` counts missed opportunities (M)
and ``FiCaSchedulerNode`` holds a node's free resource and reservation. Deciding what to
place is :mod:`yarnlint.sim.allocator`'s part.
"""

from __future__ import annotations

import bisect
import math
import operator
import struct
from collections.abc import Iterable
from typing import TYPE_CHECKING

from yarnlint.sim.scenario import ANY, AsksStep, Scenario, Settings

NODE_LOCAL, RACK_LOCAL, OFF_SWITCH = "NODE_LOCAL", "RACK_LOCAL", "OFF_SWITCH"
LEVELS = (NODE_LOCAL, RACK_LOCAL, OFF_SWITCH)
MAX_M = 2**31 - 1  # Guava's multiset count saturates at Integer.MAX_VALUE

if TYPE_CHECKING:
    from yarnlint.sim.fastpath import PlanEntry

_FLOAT = struct.Struct("f")
_RANK = operator.attrgetter("rank")


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
        self.plan: dict[str, PlanEntry] = {}  # the fast path's, per rack (fastpath.py)
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


class SchedulerState:
    """The cluster and the applications' asks, changed only through Hadoop's bookkeeping.

    Subclasses that keep indexes over this state (the fast path) extend the methods that
    change it; the methods themselves hold only the scheduler's semantics.
    """

    def __init__(self, scenario: Scenario) -> None:
        self.nodes = [NodeState(i, n.host, n.rack, n.memory_mb, n.vcores)
                      for i, n in enumerate(scenario.nodes)]
        self.node_by_host = {node.host: node for node in self.nodes}
        # ClusterNodeTracker.getMaxAllowedAllocation: the largest node, per resource
        self.largest_node = (max(n.memory_mb for n in scenario.nodes),
                             max(n.vcores for n in scenario.nodes))
        self.n = scenario.num_cluster_nodes
        ordered = sorted(enumerate(scenario.apps), key=lambda pair: (-pair[1].priority, pair[0]))
        self.apps = [AppState(app.app_id, rank, app.resends_asks)
                     for rank, (_, app) in enumerate(ordered)]
        self.app_by_id = {app.app_id: app for app in self.apps}
        self.active_apps: list[AppState] = []  # apps with a scheduled key, in FIFO order
        self.settings = scenario.settings
        self.settings_version = 0
        self.ignored_settings = list(scenario.ignored_settings)
        self.blacklisted: set[str] = set()  # union of all apps' blacklists
        self.m_peak = 0  # the largest M a key held before it went down

    # ---------------------------------------------------------------- settings
    @property
    def rack_delay(self) -> int:
        """``RegularContainerAllocator.getActualNodeLocalityDelay``: min(N, D)."""
        return min(self.n, self.settings.node_locality_delay)

    def apply_settings(self, settings: Settings, ignored: Iterable[str]) -> None:
        """A ``set`` step: the queue's settings as after a refresh."""
        self.settings = settings
        self.settings_version += 1
        self.ignored_settings.extend(name for name in ignored if name not in self.ignored_settings)

    def normalized(self, memory_mb: int, vcores: int) -> tuple[int, int]:
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

    def fits(self, memory_mb: int, vcores: int, free_mb: int, free_vcores: int) -> bool:
        """``computeAvailableContainers > 0`` (memory only unless the dominant calculator)."""
        return free_mb >= memory_mb and (
            not self.settings.dominant_resource_calculator or free_vcores >= vcores)

    def has_room(self, node: NodeState) -> bool:
        """Room for the minimum allocation: otherwise nothing is tried on the node."""
        return self.fits(self.settings.minimum_allocation_mb,
                         self.settings.minimum_allocation_vcores, node.free_mb, node.free_vcores)

    def set_blacklist(self, app: AppState, add: Iterable[str], remove: Iterable[str]) -> None:
        """``AppSchedulingInfo.updatePlacesBlacklistedByApp``: names added, then removed."""
        app.blacklist.update(add)
        app.blacklist.difference_update(remove)
        self.blacklisted = set().union(*(a.blacklist for a in self.apps))

    # ---------------------------------------------------------------- requests
    def _schedule(self, key: KeyState) -> bool:
        """Add ``key`` to its app's scheduled keys (the app becomes active); False if it was."""
        if not key.app.schedule(key):
            return False
        if len(key.app.scheduled) == 1:  # a new list: walks over the old one go on
            active = self.active_apps.copy()
            bisect.insort(active, key.app, key=_RANK)
            self.active_apps = active
        return True

    def _unschedule(self, key: KeyState) -> None:
        if key.app.unschedule(key) and not key.app.scheduled:
            self.active_apps = [app for app in self.active_apps if app is not key.app]

    def update_asks(self, step: AsksStep) -> KeyState:
        """``AppSchedulingInfo.updateResourceRequests``: each request replaces its entry."""
        key = self.app_by_id[step.app].key(step.priority, step.allocation_request_id)
        key.memory_mb, key.vcores = self.normalized(step.memory_mb, step.vcores)
        any_update: Ask | None = None
        asks = key.asks
        for name, containers, relax in step.requests:
            ask = asks[name] = Ask(containers, relax)
            if name == ANY:
                any_update = ask
        if any_update is None:
            return key
        if any_update.count <= 0:  # updatePendingResources drops the key and its whole map
            self._unschedule(key)
            key.asks.clear()
        else:
            self._schedule(key)
        return key

    def _dec_resource_request(self, key: KeyState, name: str) -> None:
        """``LocalityAppPlacementAllocator.decResourceRequest``: an entry at 0 leaves the map
        (and comes back at 0 when the app's AM re-sends its totals)."""
        ask = key.asks[name]
        ask.count -= 1
        if ask.count == 0 and not key.app.resends_asks:
            del key.asks[name]

    def _decrement_outstanding(self, key: KeyState) -> None:
        """``decrementOutstanding``: ANY at 0 leaves the map and the key stops being scheduled
        (an AM's re-send of ANY at 0 then drops the whole map)."""
        ask = key.asks[ANY]
        ask.count -= 1
        if ask.count == 0:
            del key.asks[ANY]
            self._unschedule(key)
            if key.app.resends_asks:
                key.asks.clear()

    def take_asks(self, key: KeyState, node: NodeState, level: str) -> None:
        """``LocalityAppPlacementAllocator.allocate``: one container off the request map.

        ``allocateNodeLocal`` takes the host, rack and ANY entries, ``allocateRackLocal``
        the rack and ANY entries, ``allocateOffSwitch`` the ANY entry.
        """
        if level == NODE_LOCAL:
            self._dec_resource_request(key, node.host)
        if level != OFF_SWITCH:
            self._dec_resource_request(key, node.rack)
        self._decrement_outstanding(key)

    # ------------------------------------------------------------------- nodes
    def place(self, key: KeyState, node: NodeState) -> None:
        """``FiCaSchedulerNode.allocateContainer``: the container's resource is in use."""
        node.free_mb -= key.memory_mb
        node.free_vcores -= key.vcores
        node.containers += 1

    def reserve(self, key: KeyState, node: NodeState) -> None:
        """``FiCaSchedulerNode.reserveResource``: a new reservation of ``key`` on ``node``."""
        node.reservation = key
        key.reserved_nodes.append(node)
        key.re_reservations = 0

    def unreserve(self, node: NodeState) -> None:
        """``FiCaSchedulerApp.unreserve``: the node's reservation, if any, is released."""
        key = node.reservation
        if key is not None:
            key.reserved_nodes.remove(node)
            key.re_reservations = 0
            node.reservation = None

    # ---------------------------------------------------------- missed opportunities
    @staticmethod
    def add_scheduling_opportunity(key: KeyState) -> int:
        """``addSchedulingOpportunity`` (saturating); returns the M the levels will see."""
        if key.m < MAX_M:
            key.m += 1
        return key.m

    def lower_m(self, key: KeyState, m: int) -> None:
        """Lower M (``resetSchedulingOpportunities`` sets 0), keeping the peak."""
        if key.m > self.m_peak:
            self.m_peak = key.m
        key.m = m

    def max_missed_opportunities(self) -> int:
        """The largest M any key held."""
        return max([self.m_peak, *(key.m for app in self.apps for key in app.keys.values())])

    def missed_opportunities(self) -> dict[str, dict[str, int]]:
        """M of every key each app has asked for."""
        return {app.app_id: {key.label: key.m for key in app.keys.values()}
                for app in self.apps if app.keys}

    def outstanding(self) -> dict[str, dict[str, int]]:
        """The ANY count of every key each app has asked for."""
        return {app.app_id: {key.label: key.outstanding for key in app.keys.values()}
                for app in self.apps if app.keys}
