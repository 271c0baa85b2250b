"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

``tool.driver.rules`` describes every reported rule; each result has a file URI relative to
the working directory, a 1-based region, ``partialFingerprints`` built from rule, file and
key (not the line, so unrelated edits do not re-open alerts), the key, value and simulation
evidence in ``properties``, ``fixes`` (a replacement of the value text, or an insertion of a
new ``<property>``) and ``suppressions`` when a comment or the baseline silenced it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any
from urllib.parse import quote

from yarnlint import __version__
from yarnlint.core.edits import PlacedFix
from yarnlint.core.findings import Finding, Severity, Suppressed, ValueFix, identity
from yarnlint.core.jsontext import json_text
from yarnlint.pipeline.results import Report
from yarnlint.report import PROJECT_URL, RenderContext, with_suppressed
from yarnlint.report.text_format import full_message
from yarnlint.rules import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "yarnlint/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """A ``reportingDescriptor`` from the rule's documentation."""
    full = rule.explanation or rule.summary
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "help": {"text": full, "markdown": full.replace("``", "`")},
        "helpUri": rule.help_uri,
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.name.partition(".")[0]]},
    }


def _fingerprint(finding: Finding, context: RenderContext, occurrence: int) -> str:
    """Rule, file and key (and which of several equal findings), hashed: no line number."""
    text = "\0".join((*identity(finding, context.base_dir), str(occurrence)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def sarif_fix(fix: ValueFix, placed: PlacedFix, context: RenderContext) -> dict[str, Any]:
    """A SARIF ``fix``: one replacement (or, with an empty region, insertion) in the file."""
    edit, (start_column, end_column) = placed.edit, placed.utf16_columns
    region = {"startLine": edit.start_line, "startColumn": start_column,
              "endLine": edit.end_line, "endColumn": end_column,
              "byteOffset": edit.start, "byteLength": edit.end - edit.start}
    return {"description": {"text": fix.description or f"set {fix.key}"},
            "artifactChanges": [{
                "artifactLocation": {"uri": quote(context.relative(placed.file))},
                "replacements": [{"deletedRegion": region,
                                  "insertedContent": {"text": edit.text}}]}]}


def _result(finding: Finding, suppressed: Suppressed | None, index: int, fingerprint: str,
            context: RenderContext) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": full_message(finding)},
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": {"ruleName": finding.rule_name, "key": finding.key,
                       "value": finding.value,
                       "evidence": finding.evidence},
    }
    if finding.placed is not None and finding.fix is not None:
        result["fixes"] = [sarif_fix(finding.fix, finding.placed, context)]
    loc = finding.location
    if loc is not None:
        result["locations"] = [{"physicalLocation": {
            "artifactLocation": {"uri": quote(context.relative(loc.file))},
            "region": {"startLine": loc.line, "startColumn": loc.column}}}]
    if suppressed is not None:
        result["suppressions"] = [{"kind": suppressed.kind, "status": "accepted",
                                   **({"justification": suppressed.justification}
                                      if suppressed.justification else {})}]
    return result


def sarif_log(report: Report, context: RenderContext) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict."""
    rows = with_suppressed(report, context)
    reported = sorted({f.rule_id for f, _ in rows})
    rules = [report.rules[rid] for rid in reported if rid in report.rules]
    index = {rule.id: n for n, rule in enumerate(rules)}
    seen: Counter[tuple[str, str, str]] = Counter()
    results = []
    for finding, suppressed in rows:
        key = identity(finding, context.base_dir)
        seen[key] += 1
        results.append(_result(finding, suppressed, index.get(finding.rule_id, -1),
                               _fingerprint(finding, context, seen[key]), context))
    invocation = {
        "executionSuccessful": not report.errors,
        "toolExecutionNotifications": [{"level": "error", "message": {"text": error}}
                                       for error in report.errors],
    }
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "yarnlint", "version": __version__,
                                "informationUri": PROJECT_URL,
                                "rules": [rule_descriptor(rule) for rule in rules]}},
            "automationDetails": {"id": "yarnlint/"},
            "invocations": [invocation],
            "results": results,
        }],
    }


def render(report: Report, context: RenderContext) -> str:
    """The SARIF log text."""
    return json_text(sarif_log(report, context), ["results"]) + "\n"
