"""JSON report, format ``yarnlint-report/1`` (schema: ``report/report.schema.json``).

Suppressed findings (inline or baseline) are listed after the reported ones, with a
non-empty ``suppressions`` list; the ``summary`` counts only the reported ones (and how many
were suppressed). A finding's ``evidence.rerun`` names its own index in ``findings``; ``fix``
is the edit ``yarnlint fix`` would make (null without one).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from yarnlint import __version__
from yarnlint.core.findings import Finding, Suppressed
from yarnlint.core.jsontext import json_text
from yarnlint.pipeline.results import Report
from yarnlint.report import RenderContext, with_suppressed

FORMAT = "yarnlint-report/1"
ONE_LINE = ("findings", "fixed")
"""Lists whose items (findings) are written one per line."""


def fix_dict(finding: Finding) -> dict[str, Any] | None:
    """The fix: key, value, and the byte range of the file it replaces (1-based lines and byte
    columns, end exclusive; start == end inserts)."""
    placed, fix = finding.placed, finding.fix
    if placed is None or fix is None:
        return None
    edit = placed.edit
    return {"key": fix.key, "value": fix.value,
            "description": fix.description, "file": placed.file,
            "kind": "replace" if fix.location is not None else "insert",
            "start_line": edit.start_line, "start_column": edit.start_column,
            "end_line": edit.end_line, "end_column": edit.end_column,
            "byte_start": edit.start, "byte_end": edit.end, "text": edit.text}


def finding_dict(finding: Finding, suppressed: Suppressed | None = None) -> dict[str, Any]:
    """One finding as a JSON object; ``suppressions`` is empty unless it was silenced."""
    loc = finding.location
    return {
        "rule_id": finding.rule_id,
        "rule_name": finding.rule_name,
        "severity": str(finding.severity),
        "message": finding.message,
        "file": loc.file if loc else None,
        "line": loc.line if loc else None,
        "column": loc.column if loc else None,
        "key": finding.key,
        "value": finding.value,
        "evidence": finding.evidence,
        "fix": fix_dict(finding),
        "suppressions": [{"kind": suppressed.kind, "justification": suppressed.justification}]
        if suppressed else [],
    }


def report_dict(report: Report, context: RenderContext) -> dict[str, Any]:
    """The whole report as a JSON-ready dict."""
    findings = report.findings
    counts = Counter(str(f.severity) for f in findings)
    return {
        "format": FORMAT,
        "tool": {"name": "yarnlint", "version": __version__},
        "fail_on": context.fail_on,
        "inputs": [{"file": r.path, "error": r.error,
                    "workload": {"name": r.workload, "reason": r.workload_reason},
                    "cluster": r.cluster.to_dict() if r.cluster else None}
                   for r in report.files],
        "findings": [finding_dict(f, s) for f, s in with_suppressed(report, context)],
        "summary": {"findings": len(findings), "error": counts.get("error", 0),
                    "warning": counts.get("warning", 0), "info": counts.get("info", 0),
                    "input_errors": len(report.errors), "suppressed": len(context.suppressed)},
        **({"base": base_dict(report)} if report.base is not None else {}),
    }


def base_dict(report: Report) -> dict[str, Any] | None:
    """``check --base``: the base, and per file its version there (null: new since), the
    simulated impact of the change and the findings it fixed."""
    base = report.base
    if base is None:
        return None
    return {"ref": base.ref, "commit": base.commit or None,
            "files": [{"file": change.new, "base": change.old,
                       "impact": change.impact.to_dict(),
                       "findings": {"new": len(change.new_findings),
                                    "fixed": [finding_dict(f) for f in change.fixed_findings],
                                    "unchanged": len(change.unchanged)}}
                      for change in base.changes]}


def render(report: Report, context: RenderContext) -> str:
    """The JSON report text."""
    return json_text(report_dict(report, context), ONE_LINE) + "\n"
