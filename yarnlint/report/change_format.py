"""A change between two versions of a file (``yarnlint diff``, ``check --base``): text, the
JSON document ``yarnlint-diff/1`` (schema: ``report/diff.schema.json``) and a Markdown
pull-request comment with a Mermaid chart GitHub draws without images."""

from __future__ import annotations

import json
import math
from typing import Any

from yarnlint import __version__
from yarnlint.core.findings import Finding
from yarnlint.pipeline.change import FORMAT, VERDICT_TEXT, Change, MetricChange
from yarnlint.report.json_format import finding_dict
from yarnlint.report.text_format import _cell, change_table_lines, finding_line


def _material(metric: MetricChange) -> str:
    return f"{metric.threshold:g} points" if metric.unit == "%" else f"{metric.threshold:g} s"


def text(change: Change) -> str:
    """The change, its simulated impact with the metrics table, and the findings' changes."""
    impact = change.impact
    keys = ", ".join(f"{key} {old} -> {new}" for key, (old, new) in impact.changed.items())
    lines = [f"{change.old} -> {change.new}: " + (keys or "no simulated key changed")]
    if impact.metrics:
        where = str(impact.location) if impact.location else change.new
        severity = f"{impact.severity}: " if impact.severity else ""
        lines.append(f"{where}: {severity}{VERDICT_TEXT[impact.verdict]} for the "
                     f"{impact.workload} workload on {impact.cluster}")
        lines += [f"  {line}" for line in change_table_lines(impact.to_dict()["metrics"])]
    elif impact.changed:
        lines.append(f"{change.new}: not simulated: pass --nodes N [--racks R], or "
                     "--topology FILE / --nodes-file FILE")
    lines.append(f"findings: {len(change.new_findings)} new, {len(change.fixed_findings)} "
                 f"fixed, {len(change.unchanged)} unchanged")
    lines += [f"  new   {finding_line(f)}" for f in change.new_findings]
    lines += [f"  fixed {finding_line(f)}" for f in change.fixed_findings]
    return "\n".join(lines) + "\n"


def _findings(findings: list[Finding]) -> list[dict[str, Any]]:
    return [finding_dict(f) for f in findings]


def findings_dict(change: Change) -> dict[str, Any]:
    """The findings' changes: ``new`` and ``fixed`` finding objects, the ``unchanged`` count."""
    return {"new": _findings(change.new_findings), "fixed": _findings(change.fixed_findings),
            "unchanged": len(change.unchanged)}


def as_json(change: Change) -> str:
    """The change as a ``yarnlint-diff/1`` document."""
    return json.dumps({
        "format": FORMAT,
        "tool": {"name": "yarnlint", "version": __version__},
        "old": change.old,
        "new": change.new,
        "impact": change.impact.to_dict(),
        "findings": findings_dict(change),
    }, indent=1) + "\n"


SEVERITY_MARK = {"error": ":stop_sign:", "warning": ":warning:", "info": ":information_source:"}
"""GitHub emoji shortcodes of the severities."""


def escaped(text: str) -> str:
    """Text safe in a Markdown table cell or list item (no HTML, no cell breaks)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace("|", "\\|")


def mermaid_chart(change: Change) -> list[str]:
    """Mermaid ``xychart-beta`` charts GitHub renders without images: for each locality
    share (else the time to place all), a line over the sweep of the changed key with its
    old and new values marked on the axis; without a sweep, old and new as two bars. Empty
    when nothing was simulated."""
    impact, sweep = change.impact, change.impact.sweep
    shown = [m for m in impact.metrics if m.unit == "%"] or \
        [m for m in impact.metrics if sweep is not None and None not in sweep.metrics[m.name]]
    lines: list[str] = []
    for metric in shown:
        if sweep is None or len(sweep.values) < 3:
            labels = [f"{metric.label} (old)", f"{metric.label} (new)"]
            kind, values, axis = "bar", [metric.old, metric.new], ""
            title = f"{metric.label}, old and new ({metric.unit})"
        else:
            marks = {sweep.old: " (old)", sweep.new: " (new)"}
            labels = [value + marks.get(value, "") for value in sweep.values]
            kind, values, axis = "line", list(sweep.metrics[metric.name]), f'"{sweep.key}" '
            title = f"{metric.label} ({metric.unit}) by {sweep.key}"
        numbers = [value or 0 for value in values]
        top = 100 if metric.unit == "%" else _round_up(max(numbers))
        lines += ["```mermaid", "xychart-beta", f'    title "{title}"',
                  f"    x-axis {axis}[{', '.join(json.dumps(label) for label in labels)}]",
                  f'    y-axis "{metric.label} ({metric.unit})" 0 --> {top:g}',
                  f"    {kind} [{', '.join(f'{n:g}' for n in numbers)}]", "```"]
    return lines


def _round_up(value: float) -> float:
    """A round axis maximum above ``value`` (1, 2 or 5 times a power of ten)."""
    if value <= 0:
        return 1
    step = 10 ** math.floor(math.log10(value))
    return next(m * step for m in (1, 2, 5, 10) if m * step >= value)


def finding_item(finding: Finding, file: str) -> str:
    """A finding as a Markdown list item: severity mark, rule, place, message."""
    where = f"{finding.location}" if finding.location else file
    return (f"- {SEVERITY_MARK.get(str(finding.severity), '')} `{finding.rule_id}` "
            f"`{where}`: {escaped(finding.message)}")


def markdown(change: Change, heading: str = "### yarnlint: ") -> str:
    """The change as a pull-request comment: the changed keys and verdict, a before/after
    table of the primary metrics, a chart of the locality shares and the new findings."""
    impact = change.impact
    lines = [f"{heading}`{change.new}`", ""]
    keys = ", ".join(f"`{key}` {old} → {new}" for key, (old, new) in impact.changed.items())
    lines.append(f"**Change**: {keys or 'no simulated key changed'}")
    if impact.metrics:
        mark = SEVERITY_MARK.get(str(impact.severity), "")
        lines += ["", f"{mark} **{VERDICT_TEXT[impact.verdict]}** for the `{impact.workload}` "
                      f"workload on {escaped(impact.cluster)}", "",
                  "| metric | old | new | material change |", "|---|---:|---:|---:|"]
        lines += [f"| {m.label} | {_cell(m.old, m.unit)} | {_cell(m.new, m.unit)} | "
                  f"{_material(m)} |" for m in impact.metrics]
        lines += ["", *mermaid_chart(change)]
    elif impact.changed:
        lines += ["", "Not simulated: the cluster size is not known (`--nodes`, `--topology` "
                      "or `--nodes-file`)."]
    lines += ["", f"**Findings**: {len(change.new_findings)} new, "
                  f"{len(change.fixed_findings)} fixed, {len(change.unchanged)} unchanged", ""]
    lines += [finding_item(finding, change.new) for finding in change.new_findings]
    return "\n".join(lines).rstrip("\n") + "\n"
