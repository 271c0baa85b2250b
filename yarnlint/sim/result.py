"""Build the ``yarnlint-simulation/1`` dict from a finished engine run."""

from __future__ import annotations

from typing import Any

from yarnlint.sim.engine import Engine

FORMAT = "yarnlint-simulation/1"


def _seconds(milliseconds: float | None) -> float | None:
    return None if milliseconds is None else round(milliseconds / 1000, 6)


def clock_model(engine: Engine) -> str:
    """How ``*_container_s`` were estimated (see docs/simulator-notes.md)."""
    settings, recorder = engine.settings, engine.recorder
    interval = settings.heartbeat_interval_ms
    nodes = len(engine.nodes)
    text = (f"each heartbeat or attempt step advances {interval} ms / {nodes} nodes; "
            f"a heartbeats round takes {interval} ms")
    if recorder.async_passes:
        text += (f"; an asynchronous pass round takes {settings.async_interval_ms} ms "
                 f"shared by {settings.threads} thread(s), attempt time not counted")
    return text


def summary(engine: Engine) -> dict[str, Any]:
    """The run's metrics: the fields rules read, plus context."""
    recorder = engine.recorder
    return {
        "containers": dict(recorder.containers),
        "containers_total": sum(recorder.containers.values()),
        "containers_by_app": {
            app: {**{level: counts[level] for level in recorder.containers},
                  "last_container_s": _seconds(counts["last_container_ms"])}
            for app, counts in recorder.app_containers.items()},
        "reservations": recorder.reservations,
        "first_allocation_step": recorder.first_allocation_entry,
        "last_allocation_step": recorder.last_allocation_entry,
        "attempts": engine.attempts,
        "heartbeats": recorder.heartbeats,
        "async_passes": recorder.async_passes,
        "first_container_s": _seconds(recorder.first_container_ms),
        "last_container_s": _seconds(recorder.last_container_ms),
        "elapsed_s": _seconds(recorder.clock_ms),
        "max_missed_opportunities": engine.max_missed_opportunities(),
        "containers_per_node_max": max((node.containers for node in engine.nodes), default=0),
        "containers_per_heartbeat_max": recorder.containers_per_heartbeat_max,
        "outstanding": engine.outstanding(),
        "missed_opportunities": engine.missed_opportunities(),
        "converged": engine.converged,
        "stopped_after_heartbeats": None if engine.converged else recorder.heartbeats,
        "stopped_after_attempts": None if engine.converged else engine.attempts,
        "stopped_at_step": engine.stopped_at_step,
        "num_cluster_nodes": engine.n,
        "nodes": len(engine.nodes),
        "clock": clock_model(engine),
        "ignored_settings": sorted(engine.ignored_settings),
    }


def build_result(engine: Engine) -> dict[str, Any]:
    """The whole output document."""
    return {"format": FORMAT, "name": engine.scenario.name, "steps": engine.recorder.entries,
            "summary": summary(engine)}
