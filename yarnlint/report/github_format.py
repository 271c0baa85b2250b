"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` per finding.

Grouped by file (``::group::``), errors first; messages escape ``%``, CR and LF, property
values (file, title) also ``:`` and ``,``, as the runner's command parser requires. GitHub
shows at most 10 annotations of each type per step: past that budget a finding is printed
as a plain log line, and a closing notice says how many were and points to SARIF.
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from yarnlint.core.findings import Finding, Severity
from yarnlint.pipeline.results import Report
from yarnlint.report import RenderContext
from yarnlint.report.text_format import finding_line, full_message

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
ANNOTATIONS_PER_TYPE = 10
"""How many annotations of one type GitHub shows for a step."""


def escape_data(text: str) -> str:
    """Escape a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding, context: RenderContext) -> str:
    """The workflow command of one finding."""
    properties = []
    loc = finding.location
    if loc is not None:
        properties += [f"file={escape_property(context.relative(loc.file))}",
                       f"line={loc.line}", f"col={loc.column}"]
    properties.append(f"title={escape_property(f'{finding.rule_id} {finding.rule_name}')}")
    return (f"::{COMMANDS[finding.severity]} {','.join(properties)}::"
            f"{escape_data(full_message(finding))}")


def _file_of(finding: Finding) -> str:
    return finding.location.file if finding.location else ""


def render(report: Report, context: RenderContext) -> str:
    """Every reported finding, grouped by file, errors first within a file."""
    lines: list[str] = []
    ordered = sorted(report.findings, key=lambda f: (_file_of(f), -f.severity, f.sort_key()))
    annotated: Counter[Severity] = Counter()
    plain = 0
    for file, findings in groupby(ordered, key=_file_of):
        if file:
            lines.append(f"::group::{escape_data(context.relative(file))}")
        for finding in findings:
            if annotated[finding.severity] < ANNOTATIONS_PER_TYPE:
                annotated[finding.severity] += 1
                lines.append(command(finding, context))
            else:
                plain += 1
                lines.append(finding_line(finding))
        if file:
            lines.append("::endgroup::")
    if plain:
        lines.append(f"::notice title=yarnlint::{plain} more findings are printed as plain log "
                     f"lines above (GitHub shows {ANNOTATIONS_PER_TYPE} annotations of each type "
                     "per step); upload the SARIF report (--format sarif) to see all of them")
    return "".join(line + "\n" for line in lines)
