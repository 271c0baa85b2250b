"""Suggested values by simulation: a bounded sweep of one setting on the user's cluster.

The sweep runs the selected workload profile with the user's settings (those that would
hide the swept key's effect held as in :func:`evidence.masking_settings`) for a small grid
of candidate values: powers of two up to the node count, the node count and the usual
reference value (the nodes of a rack for node-locality-delay, about one more rack for the
additional delay, Hadoop's default for a boolean). Between the best grid value and the grid
value below it, a few bisection steps look for a smaller value that does as well.

A candidate is *acceptable* when it places the whole request (if any candidate does), its
node-local share is within ``tolerance`` of the best seen and its off-switch share within
``tolerance`` of the lowest seen. Among the acceptable ones the pick has the shortest
wall-clock wait per container; candidates within :data:`SAME_WAIT` of that wait count as
equally fast, and of those the one nearest the reference value wins (a margin that costs
nothing in the simulation). The user's value is never a grid point, so after applying the
suggestion the same sweep picks the same value and the finding is gone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from yarnlint.findings import Problem
from yarnlint.rules import evidence as ev

DEFAULT_TOLERANCE = 0.02
"""Node-local (and off-switch) share a suggestion may give up: 2 percentage points."""
SAME_WAIT = 0.1
"""Waits per container within 10% (or 1 ms) of the shortest count as equally short."""
REFINE_STEPS = 4
BOOLEAN_KEYS = {ev.FULL_RESET: "true", ev.MULTIPLE: "true"}
"""Swept booleans and their Hadoop default (the reference value)."""


@dataclass(frozen=True)
class Row:
    """One candidate value and its simulation."""

    value: str
    run: ev.Run

    @property
    def numbers(self) -> dict[str, Any]:
        return ev.metrics(self.run)

    @property
    def node_local(self) -> float:
        return float(self.numbers["node_local_share"])

    @property
    def off_switch(self) -> float:
        numbers = self.numbers
        return numbers["containers"]["OFF_SWITCH"] / numbers["containers_asked"]

    @property
    def wait(self) -> float:
        """Seconds per container placed; infinite when some of the request was not placed."""
        numbers = self.numbers
        per = numbers["seconds_per_container"]
        return float("inf") if numbers["containers_unplaced"] or per is None else float(per)

    def as_dict(self) -> dict[str, Any]:
        """A table row for reports and ``yarnlint explain``."""
        numbers = self.numbers
        asked = numbers["containers_asked"]
        return {"value": self.value, "node_local_share": numbers["node_local_share"],
                "rack_local_share": round(numbers["containers"]["RACK_LOCAL"] / asked, 3),
                "off_switch_share": round(self.off_switch, 3),
                "containers_unplaced": numbers["containers_unplaced"],
                "first_container_s": numbers["first_container_s"],
                "seconds_per_container": numbers["seconds_per_container"]}


@dataclass(frozen=True)
class Sweep:
    """The swept rows of one key, the user's row and the pick."""

    key: str
    rows: tuple[Row, ...]
    yours: Row
    picked: Row
    reference: str
    tolerance: float

    judge: _Judge

    @property
    def changes(self) -> bool:
        """Whether the pick differs from the user's value."""
        return self.picked.value != self.yours.value

    @property
    def improves(self) -> bool:
        """Whether the pick does measurably better than the user's value (not just as well,
        nearer the reference)."""
        return not (self.judge.acceptable(self.yours)
                    and self.judge.equally_fast(self.yours.wait, self.picked.wait))

    def text(self) -> str:
        """``use 20: node-local 93% -> 92%, first container 0.9 s -> 0.05 s, ...``."""
        a, b = self.yours.numbers, self.picked.numbers
        return (f"use {self.key} = {self.picked.value} (simulated sweep of {len(self.rows)} "
                f"values, {self.picked.run.workload.name} workload): node-local "
                f"{ev.share_text(a['node_local_share'])} -> "
                f"{ev.share_text(b['node_local_share'])}, off-switch "
                f"{ev.share_text(self.yours.off_switch)} -> "
                f"{ev.share_text(self.picked.off_switch)}, first container "
                f"{ev.seconds_text(a['first_container_s'])} -> "
                f"{ev.seconds_text(b['first_container_s'])}, wait per container "
                f"{ev.seconds_text(a['seconds_per_container'])} -> "
                f"{ev.seconds_text(b['seconds_per_container'])}")

    def as_dict(self) -> dict[str, Any]:
        """The ``suggestion`` part of a finding's evidence."""
        return {"key": self.key, "value": self.picked.value, "yours": self.yours.as_dict(),
                "picked": self.picked.as_dict(), "reference": self.reference,
                "tolerance": self.tolerance, "workload": self.picked.run.workload.name,
                "table": [row.as_dict() for row in self.rows],
                "scenario": self.picked.run.scenario, "rerun": ev.rerun_command(self.picked.run)}


def grid(model: Any, cluster: Any, key: str) -> tuple[list[str], str]:
    """Candidate values of ``key`` (ascending) and its reference value."""
    if key in BOOLEAN_KEYS:
        return ["false", "true"], BOOLEAN_KEYS[key]
    nodes = cluster.num_nodes
    if key == ev.NODE_DELAY:
        top, reference = nodes, ev.rack_sized_delay(cluster)
        values = {1, top, reference}
    else:
        delay = ev.effective_value(model, ev.NODE_DELAY)
        delay = delay if delay > 0 else ev.rack_sized_delay(cluster)
        top = max(0, nodes - 1 - min(delay, nodes))
        reference = ev.explicit_additional_delay(cluster, delay)
        values = {0, top, reference}
    power = 1
    while power < top:
        values.add(power)
        power *= 2
    return [str(v) for v in sorted(values)], str(reference)


def sweep(model: Any, cluster: Any, options: dict[str, Any], key: str) -> Sweep:
    """Sweep ``key`` for the selected profile (see the module docstring)."""
    work = ev.profile(options)
    tolerance = float(options.get("tolerance", DEFAULT_TOLERANCE))
    values, reference = grid(model, cluster, key)
    change = {v: k for k, v in ev.CHANGE_KEYS.items()}[key]

    def row(value: str) -> Row:
        run = ev.simulate_with(model, cluster, work, isolate=key, **{change: value})
        return Row(value, run)

    rows = [row(value) for value in values]
    judge = _Judge(rows, tolerance)
    best = judge.pick(rows, reference)
    if key not in BOOLEAN_KEYS:
        rows += _refine(rows, best, judge, row)
    picked = judge.pick(rows, reference)
    yours = Row(ev.text_value(ev.effective_value(model, key)),
                ev.simulate_with(model, cluster, work, isolate=key))
    ordered = sorted(rows, key=lambda r: int(r.value) if key not in BOOLEAN_KEYS else r.value)
    return Sweep(key, tuple(ordered), yours, picked, reference, tolerance, judge)


class _Judge:
    """Which rows are acceptable, and which acceptable row is the pick."""

    def __init__(self, rows: list[Row], tolerance: float) -> None:
        complete = [r for r in rows if r.wait != float("inf")]
        self.require_complete = bool(complete)
        judged = complete or rows
        self.best_local = max(r.node_local for r in judged)
        self.least_off = min(r.off_switch for r in judged)
        self.tolerance = tolerance

    def acceptable(self, row: Row) -> bool:
        """Places the request (when any candidate does), locality within the tolerance."""
        if self.require_complete and row.wait == float("inf"):
            return False
        return (row.node_local >= self.best_local - self.tolerance - 1e-9
                and row.off_switch <= self.least_off + self.tolerance + 1e-9)

    @staticmethod
    def equally_fast(wait: float, fastest: float) -> bool:
        """Within :data:`SAME_WAIT` of the shortest wait."""
        return wait <= fastest * (1 + SAME_WAIT) + 0.001

    def pick(self, rows: list[Row], reference: str) -> Row:
        """The fastest acceptable row; among equally fast ones the nearest the reference."""
        good = [r for r in rows if self.acceptable(r)] or rows
        fastest = min(r.wait for r in good)
        quick = [r for r in good if self.equally_fast(r.wait, fastest)]
        return min(quick, key=lambda r: (_distance(r.value, reference), r.value))


def _distance(value: str, reference: str) -> float:
    """How far a candidate is from the reference value (booleans: 0 or 1)."""
    if value == reference:
        return 0.0
    try:
        return abs(float(value) - float(reference))
    except ValueError:
        return 1.0


def _refine(rows: list[Row], best: Row, judge: _Judge,
            row: Callable[[str], Row]) -> list[Row]:
    """Bisect between ``best`` and the grid value below it for a smaller value as good."""
    high = int(best.value)
    lower = [r for r in rows if int(r.value) < high]
    if not lower:
        return []
    below = max(lower, key=lambda r: int(r.value))
    if judge.acceptable(below):
        return []
    low = int(below.value)
    found: list[Row] = []
    current = best
    for _ in range(REFINE_STEPS):
        if high - low <= 1:
            break
        middle = (low + high) // 2
        candidate = row(str(middle))
        found.append(candidate)
        if judge.acceptable(candidate) and candidate.wait <= current.wait:
            high, current = middle, candidate
        else:
            low = middle
    return found


def with_sweep(model: Any, problem: Problem, found: Sweep, only_if_better: bool = False
               ) -> Problem:
    """``problem`` with the sweep's suggestion: said in the message, the table in the
    evidence, and the edit as the fix when the pick differs from the user's value (with
    ``only_if_better``, for findings about the cluster rather than a value out of range: only
    when the pick does measurably better)."""
    suggest = found.improves if only_if_better else found.changes
    if suggest:
        message = f"{problem.message}; {found.text()}"
    else:
        message = (f"{problem.message}; a simulated sweep of {found.key} ({len(found.rows)} "
                   f"values, {found.picked.run.workload.name} workload) found no value that "
                   f"does better than {found.yours.value}")
    evidence = {**(problem.evidence or {}), "suggestion": found.as_dict()}
    return replace(problem, message=message, evidence=evidence,
                   fix=ev.value_fix(model, found.key, found.picked.value) if suggest else None)


def swept_problem(model: Any, cluster: Any, options: dict[str, Any], key: str, message: str,
                  runs: tuple[ev.Run, ev.Run | None], change: str, *,
                  sweep_key: str | None = None, related: tuple[str, ...] = (),
                  only_if_better: bool = False) -> Problem:
    """A rule's finding on ``key``: both runs as evidence, and the sweep of ``sweep_key``
    (``key`` by default) as the suggestion."""
    yours, changed = runs
    found = ev.problem(model, key, message, ev.evidence(yours, changed, change), related=related)
    return with_sweep(model, found, sweep(model, cluster, options, sweep_key or key),
                      only_if_better)
