"""The scheduler simulator: a ``yarnlint-scenario/1`` dict in, a ``yarnlint-simulation/1`` out.

Pure: no I/O and no third-party imports. Importing this package is cheap; the engine is
imported on the first run.
"""

from __future__ import annotations

from typing import Any

from yarnlint.sim.errors import ScenarioError

__all__ = ["ScenarioError", "build_scenario", "format_trace", "run_scenario"]


def run_scenario(scenario: dict[str, Any], *, trace: bool = True,
                 max_attempts: int | None = None) -> dict[str, Any]:
    """Validate and run ``scenario``; with ``trace=False`` "steps" is [] but the summary is whole.

    ``max_attempts`` overrides the scenario's ``limits.max_attempts``; a run that hits the
    cap stops there with ``summary.converged`` false. Consecutive trace entries share their
    ``missed_opportunities`` and ``outstanding`` dicts while these do not change: treat
    the result as read-only. Raises :class:`ScenarioError`.
    """
    from yarnlint.sim.engine import Engine
    from yarnlint.sim.result import build_result
    from yarnlint.sim.scenario import parse_scenario

    engine = Engine(parse_scenario(scenario), trace=trace, fast=not trace,
                    max_attempts=max_attempts)
    engine.run()
    return build_result(engine)


def format_trace(result: dict[str, Any]) -> str:
    """The text trace of a result: one line per decision, then a summary line."""
    from yarnlint.sim.trace import format_trace as render

    return render(result)


def build_scenario(*, nodes: int, racks: int, requests: list[str], settings: dict[str, str],
                   heartbeats: int = 1, memory_mb: int = 8192, vcores: int = 8,
                   container_mb: int = 1024) -> dict[str, Any]:
    """A scenario from what-if arguments; see ``yarnlint.sim.generate.REQUEST_SYNTAX``."""
    from yarnlint.sim.generate import build_scenario as build

    return build(nodes=nodes, racks=racks, requests=requests, settings=settings,
                 heartbeats=heartbeats, memory_mb=memory_mb, vcores=vcores,
                 container_mb=container_mb)
