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


def summary_line(report: Report) -> str:
    """Counts by severity, files linted, and input errors."""
    counts = Counter(str(f.severity) for f in report.findings)
    files = len(report.files)
    parts = [f"{counts.get(s, 0)} {s}{'s' if counts.get(s, 0) != 1 else ''}"
             for s in ("error", "warning", "info")]
    line = f"{sum(counts.values())} findings ({', '.join(parts)}) in {files} file" \
           f"{'s' if files != 1 else ''}"
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


def render(report: Report, context: RenderContext) -> str:
    """The whole text report."""
    lines: list[str] = []
    for finding in report.findings:
        lines.append(finding_line(finding))
        lines.extend(evidence_lines(finding))
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
