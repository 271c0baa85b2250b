"""What a change to a configuration does: ``yarnlint diff OLD NEW`` and ``check --base``.

Both versions are read the same way (yarn-site underneath, same release, cluster and
workload). When a key the simulator reads changed, both are simulated on the cluster and
workload and the primary metrics compared with the what-if layer's materiality thresholds:
materially worse is a warning, materially better an info, a change in both directions an
info that names the trade-off, anything smaller nothing; the first changed key is also swept
over the values its search tries, for the chart. The findings of both versions are compared
as new, fixed and unchanged. A key the change deleted anchors where its property was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yarnlint.config.files import read_input
from yarnlint.core.findings import (
    EXTERNAL,
    Finding,
    InputError,
    Location,
    Problem,
    Severity,
    Suppressed,
)
from yarnlint.model.anchors import anchor
from yarnlint.model.scheduler import SchedulerModel
from yarnlint.pipeline.linter import Linter, build_model, choose_workload
from yarnlint.pipeline.options import LintOptions, rule_enabled, stamp
from yarnlint.pipeline.own_findings import CHANGE_IMPACT
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


@dataclass(frozen=True)
class Sweep:
    """The new version simulated with one changed key at every value the search of its group
    tries, and at its old and new values (the other keys as in the new version)."""

    key: str
    old: str
    new: str
    values: tuple[str, ...]
    metrics: dict[str, tuple[float | None, ...]]
    """Metric name -> its value at each of ``values`` (None: not everything was placed)."""


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
    """Where the change is, in the new file: the first changed key's property, or where the
    change deleted it, else the root element."""
    summary: str = ""
    """The metrics of both versions in words: ``node-local maps 100% -> 25%, ...``."""
    sweep: Sweep | None = None

    @property
    def severity(self) -> Severity | None:
        """warning when worse, info when better or a trade-off, else none."""
        if self.verdict == WORSE:
            return Severity.WARNING
        return Severity.INFO if self.verdict in (BETTER, TRADE_OFF) else None

    @property
    def headline(self) -> str:
        """The changed keys and the verdict, in one line."""
        keys = ", ".join(f"{key} {old} -> {new}" for key, (old, new) in self.changed.items())
        verdict = VERDICT_TEXT.get(self.verdict, self.verdict)
        about = f" for the {self.workload} workload on {self.cluster}" if self.metrics else ""
        return f"{keys or 'no simulated key changed'}: {verdict}{about}" + \
            (f": {self.summary}" if self.summary else "")

    def to_dict(self) -> dict[str, Any]:
        """The impact as JSON data (``impact`` of ``yarnlint-diff/1``)."""
        location = self.location
        return {
            "verdict": self.verdict,
            "severity": str(self.severity) if self.severity else None,
            "changed": {key: {"old": old, "new": new}
                        for key, (old, new) in self.changed.items()},
            "workload": self.workload or None,
            "cluster": self.cluster or None,
            "file": location.file if location else None,
            "line": location.line if location else None,
            "column": location.column if location else None,
            "metrics": [{"metric": m.name, "label": m.label, "unit": m.unit,
                         "better": m.better, "old": m.old, "new": m.new,
                         "threshold": m.threshold} for m in self.metrics],
            "sweep": None if self.sweep is None else {
                "key": self.sweep.key, "old": self.sweep.old, "new": self.sweep.new,
                "values": list(self.sweep.values),
                "metrics": {name: list(values) for name, values in self.sweep.metrics.items()}},
        }


@dataclass
class Change:
    """The comparison of two versions of one file."""

    old: str | None
    """How reports name the old version (None: the file is new, there is none)."""
    new: str
    impact: Impact
    new_findings: list[Finding] = field(default_factory=list)
    fixed_findings: list[Finding] = field(default_factory=list)
    unchanged: list[Finding] = field(default_factory=list)
    """Findings of the new version that the old one has too."""

    def exit_code(self, fail_on: Severity) -> int:
        """1 when the impact or a new finding is at or above ``fail_on``, else 0."""
        severities = [f.severity for f in self.new_findings]
        if self.impact.severity is not None:
            severities.append(self.impact.severity)
        return 1 if any(s >= fail_on for s in severities) else 0


def impact_finding(change: Change, options: LintOptions) -> Finding | None:
    """The impact as a finding of rule YL010 (warning when worse, info when better or a
    trade-off), for the formats that report findings; None when there is nothing material or
    the rule is off."""
    impact = change.impact
    if impact.severity is None or not rule_enabled(CHANGE_IMPACT, options):
        return None
    return stamp(CHANGE_IMPACT, Problem(impact.headline, impact.location, severity=impact.severity,
                               evidence={"change": impact.to_dict()}), options)


def reported(change: Change, options: LintOptions, since: str
             ) -> tuple[list[Finding], list[Suppressed]]:
    """What the finding formats report of a change: the new findings and the impact's, and
    the unchanged findings as suppressed (``external``: "unchanged since ``since``")."""
    impact = impact_finding(change, options)
    return ([*change.new_findings, *([impact] if impact else [])],
            [Suppressed(f, EXTERNAL, f"unchanged since {since}") for f in change.unchanged])


def _identity(finding: Finding) -> tuple[str, str]:
    """A finding across versions: its rule and the key it is about, or rule and message for a
    finding about no single key (lines move with every edit, numbers in messages with every
    value)."""
    return finding.rule_id, finding.subject or finding.key or finding.message


def compare_findings(old: FileResult, new: FileResult
                     ) -> tuple[list[Finding], list[Finding], list[Finding]]:
    """New findings, fixed findings, and the findings of ``new`` already in ``old``; a
    finding ``new`` holds as suppressed (by a comment) is not fixed."""
    before = {_identity(f) for f in old.findings}
    after = {_identity(f) for f in (*new.findings, *(s.finding for s in new.suppressed))}
    added = [f for f in new.findings if _identity(f) not in before]
    fixed = [f for f in old.findings if _identity(f) not in after]
    return added, fixed, [f for f in new.findings if _identity(f) in before]


@dataclass(frozen=True)
class Version:
    """One version of a file: the path its includes and site files are found from, the name
    reports give it, and its bytes."""

    path: Path
    display: str
    data: bytes

    @classmethod
    def read(cls, path: Path, display: str | None = None) -> Version:
        """The file as it is on disk; an unreadable one is an :class:`InputError`."""
        return cls(path, display or str(path), read_input(path, "file").data)


def compare(old: Path, new: Path, options: LintOptions, linter: Linter | None = None,
            old_display: str | None = None, new_display: str | None = None) -> Change:
    """Compare two files linted with the same ``options``; an unreadable file is an
    :class:`InputError`."""
    linter = linter or Linter()
    versions = Version.read(old, old_display), Version.read(new, new_display)
    options = options.replace(workload=choose_workload(new, options)[0])
    old_result, new_result = (linter.lint_file(v.path, options, v.display, v.data)
                              for v in versions)
    for result in (old_result, new_result):
        if result.error:
            raise InputError(result.error)
    return compare_versions(*versions, old_result, new_result, options, linter)


def compare_versions(old: Version, new: Version, old_result: FileResult,
                     new_result: FileResult, options: LintOptions, linter: Linter) -> Change:
    """Compare two linted versions: their findings, and the simulated impact of the keys
    that changed. New findings about a key the change deleted point where it was deleted."""
    added, fixed, unchanged = compare_findings(old_result, new_result)
    models = build_model(old.path, old.display, options, old.data), \
        build_model(new.path, new.display, options, new.data)
    deleted = deletion_places(old, new, *models)
    added = [f.replace(location=deleted[f.subject], key=f.subject, value=None)
             if f.subject in deleted else f for f in added]
    impact = simulate_change(*models, new.path, options, linter, deleted)
    return Change(old.display, new.display, impact, added, fixed, unchanged)


def deletion_places(old: Version, new: Version, old_model: SchedulerModel,
                    new_model: SchedulerModel) -> dict[str, Location]:
    """Each key a property of the old file sets and no property of the new file does, with
    the place in the new file where that property was: the line now there (the next
    property, or the closing tag), at its first non-blank column."""
    kept = {prop.name for prop in new_model.main_file.properties}
    gone = {prop.name: prop.location.line for prop in old_model.main_file.properties
            if prop.name not in kept and prop.location.file == old.display}
    if not gone:
        return {}
    import difflib  # only for a change that deletes a property

    old_lines, new_lines = old.data.splitlines(), new.data.splitlines()
    opcodes = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes()
    places = {}
    for key, line in gone.items():
        index = next((j1 + (line - 1 - i1) if tag == "equal" else j1
                      for tag, i1, i2, j1, _ in opcodes if i1 <= line - 1 < i2), len(new_lines))
        index = max(0, min(index, len(new_lines) - 1))
        text = new_lines[index] if new_lines else b""
        places[key] = Location(new.display, index + 1, len(text) - len(text.lstrip()) + 1)
    return places


def simulate_change(old_model: SchedulerModel, new_model: SchedulerModel, new_path: Path,
                    options: LintOptions, linter: Linter,
                    deleted: dict[str, Location] | None = None) -> Impact:
    """The impact of the simulated keys that changed between two versions; ``deleted``: the
    places of deleted keys (:func:`deletion_places`), where a change deleting one points."""
    from yarnlint.whatif.search import user_settings
    from yarnlint.whatif.verdicts import LOCALITY, judgement

    models = old_model, new_model
    before, after = (user_settings(model) for model in models)
    changed = {key: (before[key], after[key]) for key in before if before[key] != after[key]}
    impact = Impact(NO_CHANGE if changed else UNCHANGED, changed)
    if not changed:
        return impact
    first = next(iter(changed))
    impact.location = (deleted or {}).get(new_model.setting(first).key) \
        or anchor(new_model, first)[0]
    cluster = linter.cluster_for(new_model, options)
    if cluster is None or not all(model.has_scheduler_keys for model in models):
        impact.verdict = NOT_SIMULATED
        return impact
    workload, _ = choose_workload(new_path, options)
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
    impact.sweep = _sweep(judged[1], first, changed[first])
    impact.summary = ", ".join(f"{metric.label} {metric.text(metric.value(yours_old))} -> "
                               f"{metric.text(metric.value(yours_new))}"
                               for metric in judged[0].metrics)
    # A judgement whose "suggested" run is the other version says whether that version is
    # materially better, with the what-if layer's own thresholds.
    if judged[1]._replace(suggested=yours_old).material:
        impact.verdict = WORSE
    elif judged[0]._replace(suggested=yours_new).material:
        impact.verdict = BETTER
    elif _moves_both_ways(judged[0], yours_new):
        impact.verdict = TRADE_OFF
    return impact


def _sweep(judged: Any, key: str, old_new: tuple[str, str]) -> Sweep:
    from yarnlint.whatif.verdicts import sweep

    points = sweep(judged, key, old_new)
    return Sweep(key, *old_new, tuple(value for value, _ in points),
                 {metric.name: tuple(_finite(metric.value(run)) for _, run in points)
                  for metric in judged.metrics})


def _finite(value: float) -> float | None:
    return None if value == float("inf") else value


def _moves_both_ways(old: Any, new_run: Any) -> bool:
    """Whether one metric gets materially better and another materially worse."""
    other = old._replace(suggested=new_run)
    gains = [other.improvement(m) / other.threshold(m) for m in other.metrics]
    return any(g >= 1 for g in gains) and any(g <= -1 for g in gains)
