"""The simulation engine: a scenario's steps played against the allocator.

The parts, each in its own module:

- :mod:`yarnlint.sim.state`: nodes, apps, scheduler keys, outstanding asks, M;
- :mod:`yarnlint.sim.allocator`: thresholds, locality levels, assignment, reservations and
  the heartbeat loop, method by method after Hadoop's;
- :mod:`yarnlint.sim.recorder`: the metrics, and for a traced run the decisions;
- :mod:`yarnlint.sim.fastpath`: the untraced run's shortcuts, kept equal to the plain path.

:class:`Engine` adds the steps: heartbeat rounds over the nodes in cluster order, the
asynchronous passes, setting changes, blacklists, resets, and the clock.
"""

from __future__ import annotations

import random

from yarnlint.sim.allocator import Allocator
from yarnlint.sim.recorder import Recorder, TraceRecorder
from yarnlint.sim.scenario import (
    AsksStep,
    AsyncPassesStep,
    AttemptStep,
    BlacklistStep,
    HeartbeatsStep,
    HeartbeatStep,
    ResetStep,
    Scenario,
    SetStep,
    Step,
)
from yarnlint.sim.state import CapReached, NodeState


class Engine(Allocator):
    """Runs a parsed scenario; its recorder's metrics and entries feed the result.

    ``Engine(..., fast=True)`` without a trace builds the fast path's engine
    (:class:`yarnlint.sim.fastpath.FastEngine`), which makes the same decisions.
    """

    TRACE_RECORDER = TraceRecorder

    def __new__(cls, scenario: Scenario, *, trace: bool, fast: bool,
                max_attempts: int | None = None) -> Engine:
        if cls is Engine and fast and not trace:
            from yarnlint.sim.fastpath import FastEngine

            cls = FastEngine
        return super().__new__(cls)

    def __init__(self, scenario: Scenario, *, trace: bool, fast: bool,
                 max_attempts: int | None = None) -> None:
        super().__init__(scenario,
                         max_attempts if max_attempts is not None else scenario.max_attempts,
                         Recorder())
        self.scenario = scenario
        self.trace = trace
        if trace:  # a trace reads the state for its snapshots: built once the state is
            self.recorder = self.TRACE_RECORDER(self)
        self.rng = random.Random(scenario.seed)
        self.converged = True
        self.stopped_at_step: int | None = None

    # ----------------------------------------------------------- node visits
    def _single(self, index: int, node: NodeState | None, heartbeat: bool,
                step_ms: float) -> None:
        """One heartbeat (or one attempt) on ``node``, recorded as one entry."""
        recorder = self.recorder
        recorder.open_entry(index, "heartbeat" if heartbeat else "attempt", node)
        recorder.clock_ms += step_ms
        if heartbeat:
            self.heartbeat(node)
        else:
            recorder.start_burst(heartbeat=False)
            self.attempt(node)
            recorder.end_burst()
        recorder.close_entry()

    def _run_from(self, index: int, start: int, end: int, heartbeats: bool,
                  step_ms: float) -> int:
        """Steps from position ``start`` (before ``end``) taken in one go; 0: none.

        A traced run writes a run of nodes while no app asks anything as entries without
        decisions, up to a reserved or full node (a decision).
        """
        if not self.trace or self.active_apps:
            return 0
        limit = min(end, start + max(0, self.max_attempts - self.attempts))
        position = start
        while position < limit:
            node = self.nodes[position]
            if node.reservation is not None or not self.has_room(node):
                break
            position += 1
        run = position - start
        self.recorder.idle_run(index, "heartbeat" if heartbeats else "attempt",
                               self.nodes[start:position], step_ms, heartbeats)
        self.attempts += run
        return run

    def _visit_range(self, index: int, begin: int, end: int, heartbeats: bool,
                     step_ms: float) -> None:
        """Heartbeats (or single attempts) on nodes ``begin``..``end`` in cluster order."""
        batched = not self.settings.multi_node_enabled and not (
            heartbeats and self.settings.async_enabled)
        position = begin
        while position < end:
            if batched:
                run = self._run_from(index, position, end, heartbeats, step_ms)
                if run:
                    position += run
                    continue
            self._single(index, self.nodes[position], heartbeats, step_ms)
            position += 1

    def _async_passes(self, index: int, count: int) -> None:
        """Asynchronous scheduling: each thread passes over all nodes from a random start."""
        pass_ms = float(self.settings.async_interval_ms)
        for _ in range(count):
            self.recorder.async_passes += 1
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

    # ------------------------------------------------------------------- steps
    def run_step(self, index: int, step: Step) -> None:
        """Apply one input step."""
        step_ms = self.settings.heartbeat_interval_ms / len(self.nodes)
        if isinstance(step, AsksStep | ResetStep):
            self.recorder.state_changed()
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
            self.apply_settings(step.settings, step.ignored)
        elif isinstance(step, ResetStep):
            app = self.app_by_id[step.app]
            self.lower_m(app.key(step.priority, step.allocation_request_id), 0)
        elif isinstance(step, BlacklistStep):
            self.set_blacklist(self.app_by_id[step.app], step.add, step.remove)

    def run(self) -> None:
        """Run every step, stopping early at the attempt cap."""
        for index, step in enumerate(self.scenario.steps):
            try:
                self.run_step(index, step)
            except CapReached:
                self.recorder.close_entry()
                self.converged = False
                self.stopped_at_step = index
                return
