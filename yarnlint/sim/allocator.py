"""CapacityScheduler's delay scheduling, one decision at a time: the part to read beside Java.

Each method names the Hadoop 3.4.1 method it follows (classes in the ResourceManager's
``scheduler.capacity`` package unless said otherwise):

- ``heartbeat``: ``CapacityScheduler.allocateContainersToNode`` for one node, attempts
  while ``canAllocateMore``; ``attempt``: one ``allocateContainersToNode(candidates)`` pass
  (``allocateContainerOnSingleNode``, then ``allocateOrReserveNewContainers``);
  ``_multi_node_attempt``: ``allocateContainersOnMultiNodes``;
- ``_queue_attempt``: ``AbstractLeafQueue.assignContainers``, apps in FIFO order;
- ``_app_on_node`` / ``_app_walk``: ``RegularContainerAllocator.assignContainers`` and
  ``allocate`` (keys in order, the node or the sorted nodes for one key);
- ``_try_allocate_on_node``: ``tryAllocateOnNode`` with M counted around it;
- ``_assign_containers_on_node``: ``assignContainersOnNode`` (node-local, rack-local,
  off-switch, each behind ``canAssign``, relaxLocality checked by
  ``AppSchedulingInfo.canDelayTo``);
- ``_can_assign_off_switch`` and ``offswitch_threshold``: ``canAssign`` for OFF_SWITCH with
  ``getLocalityWaitFactor``; ``rack_delay``: ``getActualNodeLocalityDelay``;
- ``_assign_container``: ``assignContainer``; ``_should_alloc_or_reserve``:
  ``shouldAllocOrReserveNewContainer``; ``_allocate`` and ``_reserve``: ``doAllocation``
  (``handleNewContainerAllocation`` and the reservation), ``_reset_after_new`` its reset of
  the scheduling opportunities;
- ``_allocate_from_reserved``: ``CapacityScheduler.allocateFromReservedContainer``.

The bookkeeping these call (asks, M, node resource) is :mod:`yarnlint.sim.state`'s; every
decision and container is reported to the run's :mod:`yarnlint.sim.recorder`.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from yarnlint.sim.recorder import Recorder
from yarnlint.sim.scenario import ANY, Scenario
from yarnlint.sim.state import (
    MAX_M,
    NODE_LOCAL,
    OFF_SWITCH,
    RACK_LOCAL,
    AppState,
    CapReached,
    KeyState,
    NodeState,
    SchedulerState,
    java_float,
    java_int,
)

_FLOAT_EXACT = 2**24  # integers below this convert to Java float exactly

# outcomes of one app/key on one node (RegularContainerAllocator's AllocationState)
ALLOCATED, RESERVED, LOCALITY_SKIPPED, PRIORITY_SKIPPED, APP_SKIPPED, NOTHING = range(6)
_OUTCOME_NAMES = {ALLOCATED: "allocated", RESERVED: "reserved", APP_SKIPPED: "skipped",
                  PRIORITY_SKIPPED: "priority-skipped"}
_FULFIL_NAMES = {ALLOCATED: "fulfilled", RESERVED: "re-reserved"}

Outcome = tuple[int, str | None]
"""An allocation state and the locality level it was reached at."""


class Allocator(SchedulerState):
    """Decides, node by node, which app's key gets a container; counts the attempts.

    ``recorder`` hears of every decision, container and reservation.
    """

    def __init__(self, scenario: Scenario, max_attempts: int, recorder: Recorder) -> None:
        super().__init__(scenario)
        self.max_attempts = max_attempts
        self.attempts = 0
        self.recorder = recorder

    # -------------------------------------------------------------- thresholds
    def offswitch_threshold(self, key: KeyState) -> float:
        """min(N, C * ``getLocalityWaitFactor``(U, N)) in Java floats, U the unique asks."""
        count, unique = key.outstanding, len(key.asks)
        cached = key.threshold_cache
        if cached is not None and cached[:3] == (count, unique, self.settings_version):
            return cached[3]
        nodes = java_float(self.n)
        factor = min(java_float(java_float(max(unique - 1, 0)) / nodes), 1.0)
        threshold = min(nodes, java_float(java_float(count) * factor))
        key.threshold_cache = (count, unique, self.settings_version, threshold)
        return threshold

    def _can_assign_off_switch(self, key: KeyState) -> bool:
        """``canAssign`` for OFF_SWITCH (not from a reservation), with M already counted.

        With a rack-locality additional delay A > -1 the threshold is
        ``getActualRackLocalityDelay`` min(N, D + A), else the automatic one.
        """
        if self.n == 0:
            return False
        if len(key.asks) == 1:
            return True
        additional = self.settings.rack_locality_additional_delay
        if additional > -1:
            return key.m > min(self.n, java_int(self.settings.node_locality_delay + additional))
        m = key.m if key.m < _FLOAT_EXACT else java_float(key.m)
        return self.offswitch_threshold(key) < m

    def first_offswitch_m(self, key: KeyState) -> int:
        """The smallest M at which ``_can_assign_off_switch`` holds (MAX_M: never below
        saturation; 0: beyond exact float range, let the full test decide)."""
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
            return 0
        return math.floor(auto) + 1

    # ---------------------------------------------------------- locality levels
    def _assign_containers_on_node(self, key: KeyState, node: NodeState, reserved: bool,
                                   reserve: bool = True) -> Outcome:
        """``assignContainersOnNode``: node-local, rack-local, off-switch, in this order.

        ``reserved``: the key holds the node's reservation (``canAssign`` always lets
        OFF_SWITCH through). ``reserve`` False: a RESERVED result only reports (see
        ``_assign_container``).
        """
        asks = key.asks
        rack_ask = asks.get(node.rack)
        rack_open = rack_ask is not None and rack_ask.count > 0
        host_ask = asks.get(node.host)
        # canAssign NODE_LOCAL: the rack and the host still need containers
        if rack_open and host_ask is not None and host_ask.count > 0:
            state = self._assign_container(key, node, NODE_LOCAL, reserved, reserve)
            if state != LOCALITY_SKIPPED:
                return state, NODE_LOCAL
        if rack_ask is not None and rack_open:
            if not rack_ask.relax:  # canDelayTo(rack)
                return PRIORITY_SKIPPED, RACK_LOCAL
            if self.rack_delay < key.m:  # canAssign RACK_LOCAL
                state = self._assign_container(key, node, RACK_LOCAL, reserved, reserve)
                if state != LOCALITY_SKIPPED:
                    return state, RACK_LOCAL
        any_ask = asks.get(ANY)
        if any_ask is None or any_ask.count <= 0:
            return PRIORITY_SKIPPED, None
        if not any_ask.relax:  # canDelayTo(ANY)
            return PRIORITY_SKIPPED, OFF_SWITCH
        if reserved or self._can_assign_off_switch(key):
            state = self._assign_container(key, node, OFF_SWITCH, reserved, reserve)
            if state != LOCALITY_SKIPPED:
                return state, OFF_SWITCH
        return APP_SKIPPED, OFF_SWITCH

    # -------------------------------------------------- assignment, reservations
    def _assign_container(self, key: KeyState, node: NodeState, level: str, reserved: bool,
                          reserve: bool = True) -> int:
        """``assignContainer``: allocate if the node has room, else reserve it.

        ``reserve`` False (a multi-node walk before its last node): a new reservation is only
        reported as RESERVED; ``doAllocation`` does not run, so nothing is reserved and M is
        not reset.
        """
        memory, vcores = key.memory_mb, key.vcores
        if not self.fits(memory, vcores, node.total_mb, node.total_vcores):
            return LOCALITY_SKIPPED
        if self.fits(memory, vcores, node.free_mb, node.free_vcores):
            if reserved:
                self.unreserve(node)
            elif not self._should_alloc_or_reserve(key):
                # enough reservations already: continue-looking swaps one for this node
                other = next((n for n in key.reserved_nodes if n is not node), None)
                if other is None:
                    return LOCALITY_SKIPPED
                self.unreserve(other)
            self._allocate(key, node, level, reserved)
            return ALLOCATED
        if reserved:
            key.re_reservations += 1
            return RESERVED
        if self._should_alloc_or_reserve(key):
            if reserve:
                self._reserve(key, node, level)
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
        """``doAllocation``: a new NODE_LOCAL (or RACK_LOCAL with full reset) container
        resets M (``resetSchedulingOpportunities``)."""
        if level == NODE_LOCAL or (level == RACK_LOCAL and self.settings.rack_locality_full_reset):
            self.lower_m(key, 0)

    def _reserve(self, key: KeyState, node: NodeState, level: str) -> None:
        """``doAllocation`` of a new reservation: the node is reserved, M reset as for one."""
        self.reserve(key, node)
        self.recorder.reserved(key, node, level)
        self._reset_after_new(key, level)

    def _allocate(self, key: KeyState, node: NodeState, level: str, reserved: bool) -> None:
        """``doAllocation`` of a container: node resource, the asks it fulfils, M."""
        self.place(key, node)
        self.take_asks(key, node, level)
        if not reserved:
            self._reset_after_new(key, level)
        self.recorder.allocated(key, node, level, reserved)

    # ------------------------------------------------------------ one key, app
    def _try_allocate_on_node(self, key: KeyState, node: NodeState,
                              reserve: bool = True) -> Outcome:
        """``tryAllocateOnNode`` for a new container: count M, try the levels, un-count.

        ``reserve`` False: a RESERVED result reserves nothing (see ``_assign_container``).
        """
        prior = key.m
        seen = self.add_scheduling_opportunity(key)
        state, level = self._assign_containers_on_node(key, node, False, reserve)
        if state == PRIORITY_SKIPPED:
            # a skipped node is not a scheduling opportunity (subtractSchedulingOpportunity);
            # at saturation the add failed but the subtraction still takes one off
            if prior < MAX_M:
                key.m = prior
            else:
                self.lower_m(key, MAX_M - 1)
        outcome = _OUTCOME_NAMES[state] if reserve or state != RESERVED else "passed-over"
        self.recorder.decision(node, key, level, outcome, seen)
        return state, level

    @staticmethod
    def _blacklisted(app: AppState, node: NodeState) -> bool:
        """``RegularContainerAllocator.checkIfNodeBlackListed`` (``isPlaceBlacklisted``)."""
        return bool(app.blacklist) and (node.host in app.blacklist or node.rack in app.blacklist)

    def _app_on_node(self, app: AppState, node: NodeState) -> Outcome:
        """``RegularContainerAllocator.assignContainers`` on one node, keys in order."""
        blocked = self._blacklisted(app, node)
        for key in app.scheduled:
            if blocked:
                self.recorder.decision(node, key, None, "blacklisted", key.m)
                return APP_SKIPPED, None
            state, level = self._try_allocate_on_node(key, node)
            if state != PRIORITY_SKIPPED:
                return state, level
        return PRIORITY_SKIPPED, None

    def _app_walk(self, app: AppState, order: list[NodeState]) -> Outcome:
        """Multi-node placement: each key walks the sorted nodes until one allocates.

        ``RegularContainerAllocator.allocate`` (YARN-10259): a RESERVED result before the
        last node reserves nothing and the walk goes on; only the last node reserves.
        """
        last = order[-1] if order else None
        for key in app.scheduled:
            state, level = PRIORITY_SKIPPED, None
            for node in order:
                if self._blacklisted(app, node):
                    state, level = APP_SKIPPED, None
                    self.recorder.decision(node, key, None, "blacklisted", key.m)
                    continue
                state, level = self._try_allocate_on_node(key, node, node is last)
                if state == ALLOCATED:
                    break
            if state != PRIORITY_SKIPPED:
                return state, level
        return PRIORITY_SKIPPED, None

    def _allocate_from_reserved(self, node: NodeState) -> None:
        """``allocateFromReservedContainer``: the reserved app/key tries this node first."""
        key = node.reservation
        assert key is not None
        if key.outstanding == 0:
            self.unreserve(node)
            self.recorder.decision(node, key, None, "unreserved", key.m)
            return
        if self._blacklisted(key.app, node):
            self.recorder.decision(node, key, None, "blacklisted", key.m)
            return
        seen = self.add_scheduling_opportunity(key)
        state, level = self._assign_containers_on_node(key, node, True)
        outcome = _FULFIL_NAMES.get(state, _OUTCOME_NAMES[state])
        self.recorder.decision(node, key, level, outcome, seen)

    # ------------------------------------------------------------- the queue
    def _queue_attempt(self, attempt_on: Callable[[AppState], Outcome]) -> Outcome:
        """``AbstractLeafQueue.assignContainers``: apps in FIFO order until one allocates."""
        for app in self.active_apps:
            state, level = attempt_on(app)
            if state in (ALLOCATED, RESERVED):
                return state, level
        return NOTHING, None

    def _allocate_or_reserve_new(self, node: NodeState) -> Outcome:
        """``CapacityScheduler.allocateOrReserveNewContainers``: the queue on one node."""
        return self._queue_attempt(lambda app: self._app_on_node(app, node))

    def _count_attempt(self) -> None:
        if self.attempts >= self.max_attempts:
            raise CapReached
        self.attempts += 1

    def attempt(self, node: NodeState | None) -> Outcome:
        """One scheduling attempt on ``node``: ``allocateContainersToNode(candidates)``.

        With multi-node placement the attempt covers every node and ``node`` may be None.
        """
        self._count_attempt()
        if self.settings.multi_node_enabled:
            return self._multi_node_attempt()
        assert node is not None
        # allocateContainerOnSingleNode: the reservation first, then room, then new ones
        if node.reservation is not None:
            self._allocate_from_reserved(node)
            return NOTHING, None  # the heartbeat ends after a reservation is tried
        if not self.has_room(node):  # computeAvailableContainers(minimumAllocation) <= 0
            self.recorder.decision(node, None, None, "node-full", None)
            return NOTHING, None
        return self._allocate_or_reserve_new(node)

    def _multi_node_attempt(self) -> Outcome:
        """``allocateContainersOnMultiNodes``: reservations first, then a walk per key."""
        for node in self.nodes:
            if node.reservation is not None:
                self._allocate_from_reserved(node)
        order = sorted(self.nodes, key=lambda n: (n.total_mb - n.free_mb, n.host))
        return self._queue_attempt(lambda app: self._app_walk(app, order))

    def heartbeat(self, node: NodeState | None) -> None:
        """A synchronous NodeManager heartbeat: attempts while ``canAllocateMore``."""
        if self.attempts >= self.max_attempts:
            raise CapReached
        recorder = self.recorder
        recorder.start_burst(heartbeat=True)
        if self.settings.async_enabled:
            return  # asynchronous scheduling: heartbeats allocate nothing
        settings = self.settings
        offswitch = placed = 0
        offswitch_limit = settings.offswitch_per_heartbeat
        while True:  # allocateContainersToNode(nodeId, ...): attempts while canAllocateMore
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
        recorder.end_burst()
