"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

``tool.driver.rules`` describes every reported rule; each result has a file URI relative to
the working directory, a 1-based region, ``partialFingerprints`` built from rule, file and
key (not the line, so unrelated edits do not re-open alerts), the key, value and simulation
evidence in ``properties``, ``fixes`` (a replacement of the value text, or an insertion of a
new ``<property>``) and ``suppressions`` when a comment or the baseline silenced it.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any
from urllib.parse import quote

from yarnlint import __version__
from yarnlint.config.edits import file_encoding
from yarnlint.core.findings import Finding, Severity, Suppressed, identity
from yarnlint.pipeline.results import Report
from yarnlint.report import (
    PROJECT_URL,
    PlacedFix,
    RenderContext,
    numbered,
    placed_fix,
    with_suppressed,
)
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


def _column(data: bytes, offset: int, encoding: str) -> int:
    """SARIF's default column at a byte offset: 1-based, in UTF-16 code units."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    prefix = data[line_start:offset].decode(encoding, errors="replace")
    return len(prefix.encode("utf-16-le")) // 2 + 1


def sarif_fix(placed: PlacedFix, context: RenderContext) -> dict[str, Any]:
    """A SARIF ``fix``: one replacement (or, with an empty region, insertion) in the file."""
    edit, encoding = placed.edit, file_encoding(placed.data)
    region = {"startLine": edit.start_line,
              "startColumn": _column(placed.data, edit.start, encoding),
              "endLine": edit.end_line, "endColumn": _column(placed.data, edit.end, encoding),
              "byteOffset": edit.start, "byteLength": edit.end - edit.start}
    return {"description": {"text": placed.fix.description or f"set {placed.fix.key}"},
            "artifactChanges": [{
                "artifactLocation": {"uri": quote(context.relative(placed.file))},
                "replacements": [{"deletedRegion": region,
                                  "insertedContent": {"text": edit.text}}]}]}


def _result(finding: Finding, suppressed: Suppressed | None, index: int, fingerprint: str,
            position: int, context: RenderContext) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": full_message(finding)},
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": {"ruleName": finding.rule_name, "key": finding.key,
                       "value": finding.value,
                       "evidence": numbered(finding.evidence, position)},
    }
    placed = placed_fix(finding)
    if placed is not None:
        result["fixes"] = [sarif_fix(placed, context)]
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
    for position, (finding, suppressed) in enumerate(rows, 1):
        key = identity(finding, context.base_dir)
        seen[key] += 1
        results.append(_result(finding, suppressed, index.get(finding.rule_id, -1),
                               _fingerprint(finding, context, seen[key]), position, context))
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
    return json.dumps(sarif_log(report, context), indent=2) + "\n"
