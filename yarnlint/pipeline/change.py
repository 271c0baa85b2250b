"""What a change to a configuration does: ``yarnlint diff OLD NEW``.

Both files are read the same way (yarn-site underneath, same release, cluster and workload).
When a key the simulator reads changed, both versions are simulated on the cluster and
workload and the primary metrics compared with the what-if layer's materiality thresholds:
materially worse is a warning, materially better an info, a change in both directions an
info that names the trade-off, anything smaller nothing. The findings of both versions are
compared as new, fixed and unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from yarnlint.core.findings import Finding, InputError, Location, Severity
from yarnlint.model.anchors import anchor
from yarnlint.pipeline.linter import Linter, build_model, choose_workload
from yarnlint.pipeline.options import LintOptions
from yarnlint.pipeline.results import FileResult

FORMAT = "yarnlint-diff/1"
WORSE, BETTER, TRADE_OFF, NO_CHANGE, NOT_SIMULATED, UNCHANGED = (
    "worse", "better", "trade-off", "no material change", "not simulated", "unchanged")
VERDICT_TEXT = {
    WORSE: "materially worse", BETTER: "materially better",
    TRADE_OFF: "a trade-off (one metric materially better, another materially worse)",
    NO_CHANGE: "no material change",
}


@dataclass(frozen=True)
class MetricChange:
    """One primary metric of both versions (None: not everything was placed)."""

    name: str
    label: str
    unit: str
    better: str
    old: float | None
    new: float | None
    threshold: float


@dataclass
class Impact:
    """The simulated effect of the changed keys."""

    verdict: str
    changed: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Changed simulated key (short name) -> (old value, new value), as YARN uses them."""
    metrics: list[MetricChange] = field(default_factory=list)
    workload: str = ""
    cluster: str = ""
    location: Location | None = None
    """Where the change is, in the new file (the first changed key, else its root)."""

    @property
    def severity(self) -> Severity | None:
        """warning when worse, info when better or a trade-off, else none."""
        if self.verdict == WORSE:
            return Severity.WARNING
        return Severity.INFO if self.verdict in (BETTER, TRADE_OFF) else None


@dataclass
class Change:
    """The comparison of two versions of one file."""

    old: str
    new: str
    impact: Impact
    new_findings: list[Finding] = field(default_factory=list)
    fixed_findings: list[Finding] = field(default_factory=list)
    unchanged: int = 0

    def exit_code(self, fail_on: Severity) -> int:
        """1 when the impact or a new finding is at or above ``fail_on``, else 0."""
        severities = [f.severity for f in self.new_findings]
        if self.impact.severity is not None:
            severities.append(self.impact.severity)
        return 1 if any(s >= fail_on for s in severities) else 0


def _identity(finding: Finding) -> tuple[str, str]:
    """A finding across versions: its rule and key, or rule and message for a finding about
    no single key (lines move with every edit, numbers in messages with every value)."""
    return finding.rule_id, finding.key or finding.message


def compare_findings(old: FileResult, new: FileResult
                     ) -> tuple[list[Finding], list[Finding], int]:
    """New findings, fixed findings, and how many are in both versions."""
    before = {_identity(f) for f in old.findings}
    after = {_identity(f) for f in new.findings}
    added = [f for f in new.findings if _identity(f) not in before]
    fixed = [f for f in old.findings if _identity(f) not in after]
    return added, fixed, len(new.findings) - len(added)


def compare(old: Path, new: Path, options: LintOptions, linter: Linter | None = None,
            old_display: str | None = None, new_display: str | None = None) -> Change:
    """Compare two versions of a file linted with the same ``options``; an unreadable file is
    an :class:`InputError`."""
    linter = linter or Linter()
    workload, _ = choose_workload(new, options)
    options = replace(options, workload=workload)
    results = [linter.lint_file(path, options, display)
               for path, display in ((old, old_display), (new, new_display))]
    for result in results:
        if result.error:
            raise InputError(result.error)
    added, fixed, unchanged = compare_findings(*results)
    impact = simulate_change(old, new, options, linter, old_display, new_display)
    return Change(results[0].path, results[1].path, impact, added, fixed, unchanged)


def simulate_change(old: Path, new: Path, options: LintOptions, linter: Linter,
                    old_display: str | None = None, new_display: str | None = None) -> Impact:
    """The impact of the simulated keys that changed between ``old`` and ``new``."""
    from yarnlint.whatif import LOCALITY, judgement
    from yarnlint.whatif.search import user_settings

    models = [build_model(old, old_display or str(old), options),
              build_model(new, new_display or str(new), options)]
    before, after = (user_settings(model) for model in models)
    changed = {key: (before[key], after[key]) for key in before if before[key] != after[key]}
    impact = Impact(NO_CHANGE if changed else UNCHANGED, changed)
    if not changed:
        return impact
    impact.location = anchor(models[1], next(iter(changed)))[0]
    cluster = linter.cluster_for(models[1], options)
    if cluster is None or not all(model.has_scheduler_keys for model in models):
        impact.verdict = NOT_SIMULATED
        return impact
    workload, _ = choose_workload(new, options)
    found = [judgement(model, cluster, {"profile": workload}, LOCALITY) for model in models]
    judged = [one for one in found if one is not None]
    if len(judged) != len(found):  # settings the simulator cannot run
        impact.verdict = NOT_SIMULATED
        return impact
    yours_old, yours_new = judged[0].yours, judged[1].yours
    impact.workload, impact.cluster = workload, judged[1].layout.describe()
    impact.metrics = [MetricChange(metric.name, metric.label, metric.unit, metric.better,
                                   _finite(metric.value(yours_old)),
                                   _finite(metric.value(yours_new)), judged[0].threshold(metric))
                      for metric in judged[0].metrics]
    # A judgement whose "suggested" run is the other version says whether that version is
    # materially better, with the what-if layer's own thresholds.
    if replace(judged[1], suggested=yours_old).material:
        impact.verdict = WORSE
    elif replace(judged[0], suggested=yours_new).material:
        impact.verdict = BETTER
    elif _moves_both_ways(judged[0], yours_new):
        impact.verdict = TRADE_OFF
    return impact


def _finite(value: float) -> float | None:
    return None if value == float("inf") else value


def _moves_both_ways(old: Any, new_run: Any) -> bool:
    """Whether one metric gets materially better and another materially worse."""
    other = replace(old, suggested=new_run)
    gains = [other.improvement(m) / other.threshold(m) for m in other.metrics]
    return any(g >= 1 for g in gains) and any(g <= -1 for g in gains)
