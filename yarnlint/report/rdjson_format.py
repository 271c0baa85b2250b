"""reviewdog's Diagnostic Format: ``rdjson`` (one DiagnosticResult) and ``rdjsonl`` (lines).

``code.value`` is the rule id and ``code.url`` its documentation. reviewdog reads these with
a strict protobuf parser that refuses unknown fields, so the structured finding (key, value,
simulation evidence) travels as JSON text in ``original_output``; the message carries the
evidence summary for the review comment. A fix becomes a ``suggestions`` entry (1-based byte
columns, end exclusive), which reviewdog posts as a suggested change. Suppressed findings are
left out.
"""

from __future__ import annotations

import json
from typing import Any

from yarnlint.core.findings import Finding, Severity
from yarnlint.core.jsontext import json_text
from yarnlint.pipeline.results import Report
from yarnlint.report import PROJECT_URL, RenderContext
from yarnlint.report.json_format import finding_dict
from yarnlint.report.text_format import full_message

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}
SOURCE = {"name": "yarnlint", "url": PROJECT_URL}


def diagnostic(finding: Finding, report: Report, context: RenderContext) -> dict[str, Any]:
    """One reviewdog ``Diagnostic``."""
    result: dict[str, Any] = {
        "message": full_message(finding),
        "severity": SEVERITIES[finding.severity],
        "source": SOURCE,
        "code": {"value": finding.rule_id},
        "original_output": json.dumps(finding_dict(finding), sort_keys=True),
    }
    placed = finding.placed
    if placed is not None:
        edit = placed.edit
        result["suggestions"] = [{
            "range": {"start": {"line": edit.start_line, "column": edit.start_column},
                      "end": {"line": edit.end_line, "column": edit.end_column}},
            "text": edit.text}]
    rule = report.rules.get(finding.rule_id)
    if rule is not None:
        result["code"]["url"] = rule.help_uri
    loc = finding.location
    if loc is not None:
        result["location"] = {"path": context.relative(loc.file),
                              "range": {"start": {"line": loc.line, "column": loc.column}}}
    return result


def render(report: Report, context: RenderContext) -> str:
    """``rdjson``: a DiagnosticResult holding every reported finding."""
    result = {"source": SOURCE,
              "diagnostics": [diagnostic(f, report, context) for f in report.findings]}
    return json_text(result, ["diagnostics"]) + "\n"


def render_lines(report: Report, context: RenderContext) -> str:
    """``rdjsonl``: one Diagnostic per line."""
    return "".join(json.dumps(diagnostic(f, report, context)) + "\n"
                   for f in report.findings)
