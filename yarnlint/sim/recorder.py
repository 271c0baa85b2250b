"""What a run records: the metrics of the summary, and for a traced run every decision.

The allocator reports events (an entry opened, a container placed, a node reserved, a
decision taken); :class:`Recorder` keeps only the metrics and ignores decisions, so an
untraced run pays for no trace. :class:`TraceRecorder` also writes the entries of the
``steps`` output.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from yarnlint.sim.state import LEVELS, KeyState, NodeState, SchedulerState

_Snapshot = tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]]


class Recorder:
    """Metrics only: containers by level and app, times, heartbeats, entry positions."""

    def __init__(self) -> None:
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
        self.heartbeat_containers = 0
        self.entry_count = 0
        self.entries: list[dict[str, Any]] = []

    # ------------------------------------------------------------------ bursts
    def start_burst(self, heartbeat: bool) -> None:
        """A heartbeat (or a single attempt step) begins: its containers are counted anew."""
        if heartbeat:
            self.heartbeats += 1
        self.heartbeat_containers = 0

    def end_burst(self) -> None:
        if self.heartbeat_containers > self.containers_per_heartbeat_max:
            self.containers_per_heartbeat_max = self.heartbeat_containers

    def counted_run(self, run: int, step_ms: float, heartbeats: bool) -> None:
        """``run`` steps in which nothing was placed or decided, recorded in one go."""
        self.entry_count += run
        self.clock_ms += run * step_ms
        if heartbeats:
            self.heartbeats += run

    # ----------------------------------------------------------------- entries
    def open_entry(self, index: int, kind: str, node: NodeState | None) -> None:
        """A step on ``node`` begins (input step ``index``)."""

    def close_entry(self) -> None:
        self.entry_count += 1

    def idle_run(self, index: int, kind: str, nodes: Sequence[NodeState], step_ms: float,
                 heartbeats: bool) -> None:
        """Steps on ``nodes`` while no app asks anything (traced runs only)."""
        self.counted_run(len(nodes), step_ms, heartbeats)

    def state_changed(self) -> None:
        """Asks or M changed outside a decision (an asks or reset step)."""

    # ------------------------------------------------------------------ events
    def decision(self, node: NodeState, key: KeyState | None, level: str | None, outcome: str,
                 m_seen: int | None) -> None:
        """One app/key tried on ``node`` (or the node skipped): only a trace keeps it."""

    def reserved(self, key: KeyState, node: NodeState, level: str) -> None:
        self.reservations += 1

    def allocated(self, key: KeyState, node: NodeState, level: str, from_reservation: bool
                  ) -> None:
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


class TraceRecorder(Recorder):
    """Metrics, and one entry per step with its decisions and the state after it."""

    def __init__(self, state: SchedulerState) -> None:
        super().__init__()
        self.state = state
        # decisions outside a step (an allocator driven directly) go to a detached entry
        self._detached = self._new_entry(-1, "detached", None)
        self.entry = self._detached
        # the last entry's (missed_opportunities, outstanding); None after anything that may
        # change them: a decision, an asks or reset step
        self.snapshot: _Snapshot | None = None

    @staticmethod
    def _new_entry(index: int, kind: str, node: NodeState | None) -> dict[str, Any]:
        return {"index": index, "kind": kind, "node": node.host if node is not None else None,
                "rack": node.rack if node is not None else None,
                "assigned": [], "reserved": [], "decisions": []}

    def _record(self, entry: dict[str, Any]) -> None:
        """Finish ``entry`` with the state after it; unchanged snapshots are shared."""
        if self.snapshot is None:
            self.snapshot = (self.state.missed_opportunities(), self.state.outstanding())
        entry["missed_opportunities"], entry["outstanding"] = self.snapshot
        entry["time_s"] = self.clock_ms / 1000
        self.entries.append(entry)

    def open_entry(self, index: int, kind: str, node: NodeState | None) -> None:
        self.entry = self._new_entry(index, kind, node)

    def close_entry(self) -> None:
        if self.entry is not self._detached:
            self._record(self.entry)
            self.entry = self._detached
        super().close_entry()

    def idle_run(self, index: int, kind: str, nodes: Sequence[NodeState], step_ms: float,
                 heartbeats: bool) -> None:
        for node in nodes:
            self.clock_ms += step_ms
            self._record(self._new_entry(index, kind, node))
        self.entry_count += len(nodes)
        if heartbeats:
            self.heartbeats += len(nodes)

    def state_changed(self) -> None:
        self.snapshot = None

    def decision(self, node: NodeState, key: KeyState | None, level: str | None, outcome: str,
                 m_seen: int | None) -> None:
        self.snapshot = None
        decision: dict[str, Any] = {"node": node.host, "rack": node.rack, "level": level,
                                    "outcome": outcome}
        if key is not None:
            decision.update(app=key.app.app_id, priority=key.priority, m_seen=m_seen,
                            m_after=key.m)
            if key.request_id:
                decision["allocation_request_id"] = key.request_id
        self.entry["decisions"].append(decision)

    def reserved(self, key: KeyState, node: NodeState, level: str) -> None:
        super().reserved(key, node, level)
        self.entry["reserved"].append(_container_record(key, node, level))

    def allocated(self, key: KeyState, node: NodeState, level: str, from_reservation: bool
                  ) -> None:
        super().allocated(key, node, level, from_reservation)
        record = _container_record(key, node, level)
        if from_reservation:
            record["from_reservation"] = True
        self.entry["assigned"].append(record)


def _container_record(key: KeyState, node: NodeState, level: str) -> dict[str, Any]:
    record: dict[str, Any] = {"app": key.app.app_id, "priority": key.priority, "type": level,
                              "node": node.host}
    if key.request_id:
        record["allocation_request_id"] = key.request_id
    return record
