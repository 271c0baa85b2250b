"""Verdicts for rules: the judgement of a group of keys, the findings and notes that report it,
and the sweeps ``diff`` shows."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeGuard, assert_never

from yarnlint.core.findings import FROM_FINDING, Problem, Severity
from yarnlint.model.anchors import problem, shown, value_fix
from yarnlint.whatif import runs
from yarnlint.whatif.runs import Run, Unsimulable
from yarnlint.whatif.search import (
    ASYNC,
    HEARTBEAT,
    JUDGING_OPTIONS,
    LOCALITY,
    PLACEMENT,
    Judgement,
    KeyGroup,
    Thresholds,
    grid,
    judge,
)
from yarnlint.whatif.workloads import DEFAULT_PROFILE, PROFILES, profile

if TYPE_CHECKING:
    from yarnlint.model.cluster import Cluster
    from yarnlint.model.scheduler import SchedulerModel

__all__ = ["DEFAULT_PROFILE", "GLOSSARY", "HEARTBEAT", "JUDGING_OPTIONS", "LOCALITY",
           "PROFILES", "Judgement", "KeyGroup", "finding", "judgement", "note", "shown",
           "sweep", "warns"]


GLOSSARY = """\
Terms:
  M            missed opportunities: scheduling attempts a request's scheduler key skipped
               because the node offered was not local enough; one per node heartbeat.
  node-local   a container on a host the request asked for; rack-local: on another host of
               an asked rack; off-switch: anywhere else (through ANY).
  workload     the simulated asks (yarnlint check --workload; see the README).
  material     a change worth a warning: 10 points of a locality share, or 20 % of the time
               to place all and at least one heartbeat interval (rule options
               locality_points, time_percent, time_floor_s).
  yours        the simulation of your file as YARN will use it; suggested: the best
               combination the search found (what yarnlint fix writes)."""


def judgement(model: SchedulerModel, cluster: Cluster, options: Mapping[str, Any],
              group: KeyGroup) -> Judgement | None:
    """The judgement of ``group`` for the selected workload (option ``profile``); None when
    the file's settings are ones the simulator cannot run (say, a negative scheduling
    interval), so no verdict can be given."""
    try:
        return judge(model, cluster, profile(options.get("profile")), group,
                     Thresholds.of(options))
    except Unsimulable:
        return None


def evidence(judged: Judgement) -> dict[str, Any]:
    """A finding's ``evidence``: the verdict, the table, what was searched, the user's run
    (``scenario``) and the suggestion as the settings that change it (``comparison``:
    ``yarnlint simulate --from-finding REPORT.json:N --variant suggested`` runs it)."""
    yours, suggested = judged.yours, judged.suggested
    work, layout = judged.work, judged.layout
    cluster = layout.describe()
    if layout.scaled:
        cluster += (f" (heartbeats of {len(layout.visit)} nodes simulated, times scaled to "
                    f"all {layout.nodes})")
    group_values = {key: dict(yours.settings)[key] for key in judged.group.keys}
    return {
        "workload": {"name": work.name, "summary": work.summary},
        "cluster": cluster,
        "held": dict(judged.held),
        "searched": {"keys": list(judged.searched_keys), "combinations": judged.candidates},
        "verdict": judged.verdict(),
        "material": judged.material,
        "table": [{"metric": metric.label, "unit": metric.unit,
                   "yours": _number(metric.value(yours)),
                   "suggested": _number(metric.value(suggested)),
                   "threshold": judged.threshold(metric)} for metric in judged.metrics],
        "settings": {"yours": group_values, "suggested": dict(judged.recommended)},
        "scenario": yours.scenario,
        "comparison": {"yours": {"settings": {}},
                       "suggested": {"settings": dict(judged.recommended)}},
        "rerun": FROM_FINDING,
    }


def _number(value: float) -> float | None:
    return None if value == float("inf") else value


def group_name(group: KeyGroup) -> str:
    """What costs, in a headline, by the group judged (a rule may name it more precisely)."""
    match group:
        case KeyGroup.LOCALITY:
            return "the locality delays"
        case KeyGroup.HEARTBEAT:
            return "the per-heartbeat limits"
        case _:
            assert_never(group)


def headline_numbers(judged: Judgement) -> str:
    """``node-local maps 25% vs 100% suggested`` for the carrying metric."""
    metric = judged.carrier
    yours, suggested = metric.value(judged.yours), metric.value(judged.suggested)
    if math.isinf(yours):
        return (f"not all placed in the simulated time vs all in {metric.text(suggested)} "
                "suggested")
    return f"{metric.label} {metric.text(yours)} vs {metric.text(suggested)} suggested"


def yours_numbers(judged: Judgement) -> str:
    """``node-local maps 25%, time to place all 0.5 s`` of the user's run."""
    return ", ".join(f"{metric.label} {metric.text(metric.value(judged.yours))}"
                     for metric in judged.metrics)


def placement_seconds(run: Run) -> float:
    """Seconds until all of a run's workload was placed (infinite if it never was)."""
    return PLACEMENT.value(run)


def finding(model: SchedulerModel, judged: Judgement, short: str, qualifier: str = "",
            related: tuple[str, ...] = (), what: str = "") -> Problem:
    """The warning of a material judgement about ``short``: the headline (``key = value``,
    the rule's ``qualifier``, what costs — ``what``, else the group's name — and how much),
    the evidence and the fix that writes the recommended value."""
    cost = f"{what} costs" if what else f"{group_name(judged.group)} cost"
    message = f"{shown(model, short)}{qualifier}: {cost}: {headline_numbers(judged)}"
    return problem(model, short, message, related, evidence=evidence(judged),
                   fix=value_fix(model, short, dict(judged.changes)[short]))


def note(model: SchedulerModel, short: str, message: str, judged: Judgement | None = None,
         related: tuple[str, ...] = ()) -> Problem:
    """An info about ``short`` without a fix (with the judgement's evidence, when given)."""
    return problem(model, short, message, related, severity=Severity.INFO,
                   evidence=None if judged is None else evidence(judged))


def warns(judged: Judgement | None, short: str) -> TypeGuard[Judgement]:
    """Whether there is a judgement, it is material and it changes ``short``."""
    return judged is not None and judged.material and short in dict(judged.changes)


def search_table(judged: Judgement, limit: int = 12) -> list[str]:
    """The searched combinations, most local and fastest first, as aligned text rows (the
    recommendation and the user's own values marked)."""
    metrics = judged.metrics

    def order(item: tuple[Any, Run]) -> tuple[float, ...]:
        return tuple(-m.gain(0.0, m.value(item[1])) for m in metrics)

    ranked = sorted(judged.tried, key=order)[:limit]
    keys = judged.searched_keys
    header = ("", *("async" if key == ASYNC else key.rpartition(".")[2] for key in keys),
              *(m.label for m in metrics))
    rows = [header]
    for combo, run in [*ranked, (None, judged.yours)]:
        values = dict(combo) if combo is not None else dict(judged.yours.settings)
        mark = "yours" if combo is None else ("pick" if combo == judged.recommended else "")
        rows.append((mark, *(values.get(key, "-") for key in keys),
                     *(m.text(m.value(run)) for m in metrics)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return ["  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True))
            for row in rows]


def sweep(judged: Judgement, key: str, include: tuple[str, ...] = ()) -> list[tuple[str, Run]]:
    """The run of ``judged``'s settings with ``key`` at each value its group's search tries
    together with the other keys of the group at their values in ``judged``, and at
    ``include``, in increasing order (values the simulator cannot run left out)."""
    group = next((group for group in KeyGroup if key in group.keys), None)
    combos = grid(group, judged.layout, judged.work) if group is not None else []
    mine = dict(judged.yours.settings)
    tried = {dict(combo)[key] for combo in combos
             if key in dict(combo) and all(mine.get(other) == value
                                           for other, value in combo if other != key)}
    values = sorted(tried | set(include), key=_numeric_first)
    points = []
    for value in values:
        try:
            settings = tuple({**dict(judged.yours.settings), key: value}.items())
            points.append((value, runs.run(judged.work, judged.layout, settings)))
        except Unsimulable:
            continue
    return points


def _numeric_first(value: str) -> tuple[int, float, str]:
    try:
        return 0, float(value), ""
    except ValueError:
        return 1, 0.0, value
