"""Plain text: ``FILE:LINE:COL: ID severity message``, sorted, then a summary line.

Under a finding: its simulation summary, how to re-run the simulation (a scenario the
generator form cannot write is re-run from the JSON report of the same command, at the
finding's index), and the fix ``yarnlint fix`` would apply.
"""

from __future__ import annotations

import shlex
from collections import Counter

from yarnlint.api import Report
from yarnlint.findings import FROM_FINDING, Finding
from yarnlint.report import RenderContext


def finding_line(finding: Finding) -> str:
    """One finding as a single line."""
    where = str(finding.location) if finding.location else "-"
    return f"{where}: {finding.rule_id} {finding.severity} {finding.message}"


def summary_line(report: Report, suppressed: int = 0) -> str:
    """Counts by severity, files linted, suppressed findings and input errors."""
    counts = Counter(str(f.severity) for f in report.findings)
    files = len(report.files)
    parts = [f"{counts.get(s, 0)} {s}{'s' if counts.get(s, 0) != 1 else ''}"
             for s in ("error", "warning", "info")]
    line = f"{sum(counts.values())} findings ({', '.join(parts)}) in {files} file" \
           f"{'s' if files != 1 else ''}"
    if suppressed:
        line += f"; {suppressed} suppressed"
    if report.errors:
        line += f"; {len(report.errors)} input error{'s' if len(report.errors) != 1 else ''}"
    return line


def rerun_text(rerun: str, index: int, context: RenderContext) -> str:
    """A re-run command a reader can paste: the JSON report first when it needs one."""
    if rerun != FROM_FINDING:
        return rerun
    check = " ".join(shlex.quote(word) for word in context.command) or "yarnlint check FILE"
    return (f"{check} --format json > report.json && yarnlint simulate --from-finding "
            f"report.json:{index}")


def evidence_lines(finding: Finding, index: int, context: RenderContext) -> list[str]:
    """The simulation evidence and fix of a finding (its JSON report ``index``), indented."""
    lines = []
    evidence = finding.evidence or {}
    if evidence.get("summary"):
        lines.append(f"    {evidence['summary']}")
    if evidence.get("rerun"):
        lines.append(f"    re-run: {rerun_text(evidence['rerun'], index, context)}")
    if finding.fix is not None:
        where = "in place" if finding.fix.location is not None else "as a new <property>"
        lines.append(f"    fix: {finding.fix.description or finding.fix.value} ({where}; "
                     "yarnlint fix applies it)")
    return lines


def full_message(finding: Finding, index: int, context: RenderContext) -> str:
    """The message with the evidence lines under it (for formats with one text per finding)."""
    return "\n".join([finding.message, *(line.strip()
                                         for line in evidence_lines(finding, index, context))])


def statistics_lines(report: Report) -> list[str]:
    """Reported findings per rule, most frequent first: ``count  id  name``."""
    counts = Counter((f.rule_id, f.rule_name) for f in report.findings)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    width = len(str(max(counts.values(), default=0)))
    return [f"{count:>{width}}  {rule_id}  {name}" for (rule_id, name), count in ranked]


def render(report: Report, context: RenderContext) -> str:
    """The whole text report."""
    lines: list[str] = []
    for index, finding in enumerate(report.findings, 1):
        lines.append(finding_line(finding))
        lines.extend(evidence_lines(finding, index, context))
    lines.append(summary_line(report, len(context.suppressed)))
    return "\n".join(lines) + "\n"
