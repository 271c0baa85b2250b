"""JSON report, format ``yarnlint-report/1`` (schema: ``report/report.schema.json``).

Suppressed findings (inline or baseline) are listed after the reported ones, with a
non-empty ``suppressions`` list; the ``summary`` counts only the reported ones (and how many
were suppressed).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from yarnlint import __version__
from yarnlint.api import Report
from yarnlint.findings import Finding
from yarnlint.report import RenderContext, with_suppressed
from yarnlint.suppressions import Suppressed

FORMAT = "yarnlint-report/1"


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
                    "cluster": r.cluster.to_dict() if r.cluster else None}
                   for r in report.files],
        "findings": [finding_dict(f, s) for f, s in with_suppressed(report, context)],
        "summary": {"findings": len(findings), "error": counts.get("error", 0),
                    "warning": counts.get("warning", 0), "info": counts.get("info", 0),
                    "input_errors": len(report.errors), "suppressed": len(context.suppressed)},
    }


def render(report: Report, context: RenderContext) -> str:
    """The JSON report text."""
    return json.dumps(report_dict(report, context), indent=2) + "\n"
