"""Markdown, made to be posted as a pull-request comment (GitHub renders the chart).

With ``check --base``: per file the change against the base (changed keys, verdict, a
before/after table of the primary metrics, a Mermaid chart) and its new findings, then the
ones it fixed. Without: the findings of each file. Both end with the summary line.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import groupby

from yarnlint.pipeline.change import UNCHANGED, Change
from yarnlint.pipeline.results import Report
from yarnlint.report import RenderContext
from yarnlint.report.change_format import escaped, finding_item, markdown
from yarnlint.report.text_format import summary_line


def _shown(change: Change) -> bool:
    """Whether a file's change is worth a section: it is new, a simulated key changed, or
    a finding came or went."""
    return (change.old is None or change.impact.verdict != UNCHANGED
            or bool(change.new_findings or change.fixed_findings))


def render(report: Report, context: RenderContext) -> str:
    """The report as a Markdown comment."""
    base = report.base
    lines = ["## yarnlint" + (f" against `{escaped(base.ref)}`" if base else ""), ""]
    if base is not None:
        reported = {id(finding) for finding in report.findings}
        changes = [replace(change, new_findings=[f for f in change.new_findings
                                                 if id(f) in reported])
                   for change in base.changes]  # the baseline may have silenced some
        quiet = [change for change in changes if not _shown(change)]
        for change in changes:
            if change in quiet:
                continue
            if change.old is None:
                lines += [f"### `{change.new}`: new since `{escaped(base.ref)}`", ""]
                lines += [finding_item(f, change.new) for f in change.new_findings] \
                    or ["No findings."]
            else:
                lines.append(markdown(change, heading="### "))
                if change.fixed_findings:
                    lines += ["**Fixed**:", ""]
                    lines += [finding_item(f, change.new) for f in change.fixed_findings]
            lines.append("")
        if quiet:
            lines += [f"Unchanged: {', '.join(f'`{change.new}`' for change in quiet)}.", ""]
        unchanged = sum(len(change.unchanged) for change in base.changes)
        suppressed = len(context.suppressed) - unchanged
    else:
        by_file = groupby(report.findings,
                          key=lambda f: f.location.file if f.location else "")
        for file, findings in by_file:
            lines += [f"### `{file or '-'}`", ""]
            lines += [finding_item(f, file) for f in findings]
            lines.append("")
        suppressed = len(context.suppressed)
    summary = summary_line(report, suppressed)
    if base is not None:
        summary += f"; {unchanged} unchanged since {base.ref}"
    lines.append(f"_{escaped(summary)}_")
    return "\n".join(lines) + "\n"
