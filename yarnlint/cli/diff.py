"""``yarnlint diff OLD NEW``: what a change to a configuration does, before it ships."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from yarnlint import __version__
from yarnlint.cli import emit
from yarnlint.cli.check import fail, flag_values, lint_flags, linter
from yarnlint.core.findings import Finding, InputError
from yarnlint.pipeline.change import FORMAT, VERDICT_TEXT, Change, MetricChange, compare
from yarnlint.pipeline.settings import SettingsError
from yarnlint.report.json_format import finding_dict
from yarnlint.report.text_format import _cell, finding_line


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
        rows = [("metric", "old", "new", "material")]
        rows += [(m.label, _cell(m.old, m.unit), _cell(m.new, m.unit), _material(m))
                 for m in impact.metrics]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        lines += [f"  {r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:>{widths[2]}}  "
                  f"{r[3]:>{widths[3]}}" for r in rows]
    elif impact.changed:
        lines.append(f"{change.new}: not simulated: pass --nodes N [--racks R], or "
                     "--topology FILE / --nodes-file FILE")
    lines.append(f"findings: {len(change.new_findings)} new, {len(change.fixed_findings)} "
                 f"fixed, {change.unchanged} unchanged")
    lines += [f"  new   {finding_line(f)}" for f in change.new_findings]
    lines += [f"  fixed {finding_line(f)}" for f in change.fixed_findings]
    return "\n".join(lines) + "\n"


def _findings(findings: list[Finding]) -> list[dict[str, Any]]:
    return [finding_dict(f) for f in findings]


def as_json(change: Change) -> str:
    """The change as a ``yarnlint-diff/1`` document (see the README)."""
    impact = change.impact
    location = impact.location
    return json.dumps({
        "format": FORMAT,
        "tool": {"name": "yarnlint", "version": __version__},
        "old": change.old,
        "new": change.new,
        "impact": {
            "verdict": impact.verdict,
            "severity": str(impact.severity) if impact.severity else None,
            "changed": {key: {"old": old, "new": new}
                        for key, (old, new) in impact.changed.items()},
            "workload": impact.workload or None,
            "cluster": impact.cluster or None,
            "file": location.file if location else None,
            "line": location.line if location else None,
            "column": location.column if location else None,
            "metrics": [{"metric": m.name, "label": m.label, "unit": m.unit,
                         "better": m.better, "old": m.old, "new": m.new,
                         "threshold": m.threshold} for m in impact.metrics],
        },
        "findings": {"new": _findings(change.new_findings),
                     "fixed": _findings(change.fixed_findings),
                     "unchanged": change.unchanged},
    }, indent=1) + "\n"


SEVERITY_MARK = {"error": ":stop_sign:", "warning": ":warning:", "info": ":information_source:"}
"""GitHub emoji shortcodes of the severities."""


def _escaped(text: str) -> str:
    """Text safe in a Markdown table cell or list item (no HTML, no cell breaks)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace("|", "\\|")


def mermaid_chart(change: Change) -> list[str]:
    """A Mermaid ``xychart-beta`` of the locality shares, old and new side by side (GitHub
    renders it without images); empty when no share was simulated."""
    shares = [m for m in change.impact.metrics if m.unit == "%"]
    if not shares:
        return []
    labels = ", ".join(f'"{m.label} ({when})"' for m in shares for when in ("old", "new"))
    values = ", ".join(f"{value or 0:g}" for m in shares for value in (m.old, m.new))
    return ["```mermaid", "xychart-beta", '    title "Locality share, old and new (%)"',
            f"    x-axis [{labels}]", '    y-axis "share (%)" 0 --> 100',
            f"    bar [{values}]", "```"]


def markdown(change: Change) -> str:
    """The change as a pull-request comment: the changed keys and verdict, a before/after
    table of the primary metrics, a chart of the locality shares and the new findings."""
    impact = change.impact
    lines = [f"### yarnlint: `{change.new}`", ""]
    keys = ", ".join(f"`{key}` {old} → {new}" for key, (old, new) in impact.changed.items())
    lines.append(f"**Change**: {keys or 'no simulated key changed'}")
    if impact.metrics:
        mark = SEVERITY_MARK.get(str(impact.severity), "")
        lines += ["", f"{mark} **{VERDICT_TEXT[impact.verdict]}** for the `{impact.workload}` "
                      f"workload on {_escaped(impact.cluster)}", "",
                  "| metric | old | new | material change |", "|---|---:|---:|---:|"]
        lines += [f"| {m.label} | {_cell(m.old, m.unit)} | {_cell(m.new, m.unit)} | "
                  f"{_material(m)} |" for m in impact.metrics]
        lines += ["", *mermaid_chart(change)]
    elif impact.changed:
        lines += ["", "Not simulated: the cluster size is not known (`--nodes`, `--topology` "
                      "or `--nodes-file`)."]
    lines += ["", f"**Findings**: {len(change.new_findings)} new, "
                  f"{len(change.fixed_findings)} fixed, {change.unchanged} unchanged", ""]
    for finding in change.new_findings:
        where = f"{finding.location}" if finding.location else change.new
        lines.append(f"- {SEVERITY_MARK.get(str(finding.severity), '')} `{finding.rule_id}` "
                     f"`{where}`: {_escaped(finding.message)}")
    return "\n".join(lines).rstrip("\n") + "\n"


RENDERERS = {"text": text, "json": as_json, "markdown": markdown}


@click.command()
@lint_flags
@click.option("--format", "fmt", type=click.Choice(list(RENDERERS)), default="text",
              show_default=True,
              help="Report format (json: yarnlint-diff/1; markdown: a pull-request comment).")
def diff(paths: tuple[Path, ...], fmt: str, config: Path | None, **flags: Any) -> None:
    """Compare OLD and NEW versions of a capacity-scheduler.xml: the simulated impact of the
    changed keys on the cluster and workload, and the new and fixed findings.

    Exit 1 when the change makes the primary metrics materially worse, or brings a new
    finding, at or above --fail-on; 2 on input errors.
    """
    if len(paths) != 2:
        raise click.UsageError(f"expected OLD and NEW files, got {len(paths)} paths")
    old, new = paths
    cli_values = flag_values(flags)
    pipeline = linter(config, cli_values)
    try:
        settings = pipeline.settings_for(new)
        change = compare(old, new, settings.options, pipeline)
    except (SettingsError, InputError) as exc:
        fail(str(exc))
    emit(RENDERERS[fmt](change), nl=False)
    raise SystemExit(change.exit_code(settings.fail_on))
