"""The last stage: each simulated finding's re-run command, once the report's order is known.

A finding's simulation re-runs from the JSON report of the same ``check``, at the finding's
index there: reported findings first, then suppressed ones, each sorted.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from yarnlint.core.findings import FROM_FINDING, Finding, Rerun, Suppressed
from yarnlint.pipeline.results import Report


def command_words(config: Path | None, flags: dict[str, Any]) -> tuple[str, ...]:
    """``yarnlint check`` with the given flags but no files, as words."""
    words = ["yarnlint", "check"]
    for key, value in flags.items():
        if value is True:
            words.append(f"--{key}")
            continue
        for item in value if isinstance(value, tuple) else (value,):
            words += [f"--{key}", str(item)]
    return (*words, *(["--config", str(config)] if config is not None else []))


def _with_rerun(finding: Finding, index: int, command: tuple[str, ...]) -> Finding:
    evidence = finding.evidence
    if evidence is None or evidence.get("rerun") != FROM_FINDING:
        return finding
    file = (finding.location.file,) if finding.location is not None else ()
    rerun = Rerun(index, (*command[:2], *file, *command[2:]))
    return replace(finding, evidence={**evidence, "rerun": rerun.from_report}, rerun=rerun)


def number(report: Report, command: tuple[str, ...]) -> None:
    """Give every simulated finding of ``report`` its index and re-run command."""
    reported = {id(f): n for n, f in enumerate(report.findings, 1)}
    suppressed = {id(s): n for n, s in enumerate(report.suppressed, len(reported) + 1)}
    for result in report.files:
        result.findings = [_with_rerun(f, reported[id(f)], command) for f in result.findings]
        result.suppressed = [Suppressed(_with_rerun(s.finding, suppressed[id(s)], command),
                                        s.kind, s.justification)
                             for s in result.suppressed]
