"""Plain text: ``FILE:LINE:COL: ID severity message``, sorted, then a summary line."""

from __future__ import annotations

from collections import Counter

from yarnlint.api import Report
from yarnlint.findings import Finding
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


def evidence_lines(finding: Finding) -> list[str]:
    """The simulation evidence of a finding, indented under it."""
    if not finding.evidence:
        return []
    lines = []
    summary = finding.evidence.get("summary")
    if summary:
        lines.append(f"    {summary}")
    rerun = finding.evidence.get("rerun")
    if rerun:
        lines.append(f"    re-run: {rerun}")
    return lines


def full_message(finding: Finding) -> str:
    """The message with the evidence lines under it (for formats with one text per finding)."""
    return "\n".join([finding.message, *(line.strip() for line in evidence_lines(finding))])


def statistics_lines(report: Report) -> list[str]:
    """Reported findings per rule, most frequent first: ``count  id  name``."""
    counts = Counter((f.rule_id, f.rule_name) for f in report.findings)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    width = len(str(max(counts.values(), default=0)))
    return [f"{count:>{width}}  {rule_id}  {name}" for (rule_id, name), count in ranked]


def render(report: Report, context: RenderContext) -> str:
    """The whole text report."""
    lines: list[str] = []
    for finding in report.findings:
        lines.append(finding_line(finding))
        lines.extend(evidence_lines(finding))
    lines.append(summary_line(report, len(context.suppressed)))
    return "\n".join(lines) + "\n"
