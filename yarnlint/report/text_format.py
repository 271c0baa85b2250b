"""Plain text: ``FILE:LINE:COL: ID severity headline``, sorted, then a summary line.

Under a finding (``--evidence full``, the default): its simulation as a small table (metric,
yours, suggested), one line naming the workload, the cluster and any held key, the fix
``yarnlint fix`` would apply, and how to re-run the simulation (from the JSON report of the
same command for the finding's own file, at the finding's index). ``--evidence short`` keeps
the fix line only, ``none`` the finding line only.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from yarnlint.core.findings import Finding
from yarnlint.pipeline.results import Report
from yarnlint.report import RenderContext

if TYPE_CHECKING:
    from yarnlint.pipeline.change import Change


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
    total = sum(counts.values())
    line = f"{total} finding{'s' if total != 1 else ''} ({', '.join(parts)}) in {files} file" \
           f"{'s' if files != 1 else ''}"
    if suppressed:
        line += f"; {suppressed} suppressed"
    if report.errors:
        line += f"; {len(report.errors)} input error{'s' if len(report.errors) != 1 else ''}"
    return line


def rerun_text(finding: Finding) -> str:
    """A re-run command a reader can paste: the JSON report of the finding's own file first
    when it needs one."""
    rerun = finding.rerun
    if rerun is None:
        return str((finding.evidence or {}).get("rerun", ""))
    import shlex  # only a finding of a simulation has a re-run command

    check = " ".join(shlex.quote(word) for word in rerun.check)
    return (f"{check} --format json > report.json && yarnlint simulate --from-finding "
            f"report.json:{rerun.own_index}")


def table_lines(evidence: dict[str, Any]) -> list[str]:
    """The evidence table (metric | yours | suggested), aligned, and the context line."""
    rows = [("metric", "yours", "suggested")]
    for row in evidence.get("table", ()):
        rows.append((row["metric"], _cell(row["yours"], row["unit"]),
                     _cell(row["suggested"], row["unit"])))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:>{widths[2]}}"
             for row in rows]
    workload = evidence.get("workload", {}).get("name", "")
    about = f"{workload} workload on {evidence.get('cluster', '')}"
    if evidence.get("held"):
        about += "; held " + ", ".join(f"{k} = {v}" for k, v in evidence["held"].items())
    searched = evidence.get("searched")
    if searched:
        about += (f"; searched {searched['combinations']} combinations of "
                  + ", ".join(searched["keys"]))
    return [*lines, about]


def change_table_lines(metrics: list[dict[str, Any]]) -> list[str]:
    """The metrics of two versions (``impact.metrics`` of ``yarnlint-diff/1``): metric, old,
    new and the material step, aligned."""
    rows = [("metric", "old", "new", "material")]
    rows += [(m["label"], _cell(m["old"], m["unit"]), _cell(m["new"], m["unit"]),
              f"{m['threshold']:g} points" if m["unit"] == "%" else f"{m['threshold']:g} s")
             for m in metrics]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return [f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:>{widths[2]}}  "
            f"{r[3]:>{widths[3]}}" for r in rows]


def _cell(value: float | None, unit: str) -> str:
    if value is None:
        return "not all placed"
    return f"{value:.0f}%" if unit == "%" else f"{value:.3g} s"


def fix_line(finding: Finding) -> str | None:
    """``fix: set KEY to VALUE (in place; ...)`` or None."""
    if finding.fix is None:
        return None
    where = "in place" if finding.fix.location is not None else "as a new <property>"
    return f"fix: {finding.fix.description or finding.fix.value} ({where}; yarnlint fix applies it)"


def evidence_lines(finding: Finding, context: RenderContext,
                   shown_at: int | None = None) -> list[str]:
    """The evidence and fix of a finding, indented; with
    ``shown_at``, the line of an earlier finding of the same file that showed the same
    evidence, which is then named instead of repeated."""
    evidence = finding.evidence or {}
    full = context.evidence == "full"
    lines = []
    if full and shown_at is not None:
        lines.append(f"same simulation as the finding at line {shown_at}")
    elif full and evidence.get("table"):
        lines += table_lines(evidence)
    elif full and evidence.get("change"):
        lines += change_table_lines(evidence["change"]["metrics"])
    fix = fix_line(finding) if context.evidence != "none" else None
    if fix:
        lines.append(fix)
    if full and evidence.get("rerun") and shown_at is None:
        lines.append(f"re-run: {rerun_text(finding)}")
    return [f"    {line}" for line in lines]


def full_message(finding: Finding) -> str:
    """The headline, the evidence table and the fix (for formats with one text per finding)."""
    evidence = finding.evidence or {}
    lines = [finding.message]
    if evidence.get("table"):
        lines += table_lines(evidence)
    elif evidence.get("change"):
        lines += change_table_lines(evidence["change"]["metrics"])
    fix = fix_line(finding)
    if fix:
        lines.append(fix)
    return "\n".join(lines)


def statistics_lines(report: Report) -> list[str]:
    """Reported findings per rule, most frequent first: ``count  id  name``."""
    counts = Counter((f.rule_id, f.rule_name) for f in report.findings)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    width = len(str(max(counts.values(), default=0)))
    return [f"{count:>{width}}  {rule_id}  {name}" for (rule_id, name), count in ranked]


def render(report: Report, context: RenderContext) -> str:
    """The whole text report."""
    lines: list[str] = []
    shown: dict[tuple[str, str], tuple[int, int]] = {}  # evidence -> (index, line) of first
    for index, finding in enumerate(report.findings, 1):
        lines.append(finding_line(finding))
        seen = None
        if finding.evidence and finding.evidence.get("table") and finding.location:
            simulation = sorted((k, v) for k, v in finding.evidence.items() if k != "rerun")
            key = (finding.location.file, repr(simulation))
            first, line = shown.setdefault(key, (index, finding.location.line))
            seen = None if first == index else line
        lines.extend(evidence_lines(finding, context, seen))
    lines += [f"{result.path}: judged for the {result.workload} workload: "
              f"{result.workload_reason}" for result in report.files if result.workload_reason]
    unchanged = 0
    if report.base is not None:
        for change in report.base.changes:
            lines.append(base_line(change, report.base.ref))
            lines += [f"  fixed {finding_line(f)}" for f in change.fixed_findings]
            unchanged += len(change.unchanged)
    summary = summary_line(report, len(context.suppressed) - unchanged)
    if report.base is not None:
        summary += f"; {unchanged} unchanged since {report.base.ref}"
    lines.append(summary)
    return "\n".join(lines) + "\n"


def base_line(change: Change, ref: str) -> str:
    """``FILE against REF: N new, N fixed, N unchanged`` (or that it is new since REF)."""
    if change.old is None:
        count = len(change.new_findings)
        return f"{change.new}: new since {ref}: {count} finding{'s' if count != 1 else ''}"
    return (f"{change.new} against {ref}: {len(change.new_findings)} new, "
            f"{len(change.fixed_findings)} fixed, {len(change.unchanged)} unchanged")
