"""The last stage: each simulated finding's re-run command, once the report's order is known.

A finding's simulation re-runs from a JSON report, at the finding's place there: reported
findings first, then suppressed ones, each sorted. The JSON report names the place in itself;
the text's re-run command runs ``check`` on the finding's own file alone, and names the
place in that report.
"""

from __future__ import annotations

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


def _with_rerun(finding: Finding, index: int, own_index: int, command: tuple[str, ...]
                ) -> Finding:
    evidence = finding.evidence
    if evidence is None or evidence.get("rerun") != FROM_FINDING:
        return finding
    rerun = Rerun(index, command, own_index)
    return finding.replace(evidence={**evidence, "rerun": rerun.from_report}, rerun=rerun)


def _places(report: Report) -> dict[int, int]:
    """Each finding's 1-based place in the JSON report: findings, then suppressed ones."""
    reported = {id(f): n for n, f in enumerate(report.findings, 1)}
    return {**reported, **{id(s.finding): n for n, s in enumerate(report.suppressed,
                                                                  len(reported) + 1)}}


def number(report: Report, command: tuple[str, ...]) -> None:
    """Give every simulated finding of ``report`` its place in the report and its re-run
    command: ``check`` of its own linted file alone, and its place in that run's report."""
    places = _places(report)
    for result in report.files:
        own_places = _places(Report([result]))
        own = (*command[:2], result.path, *command[2:])
        result.findings = [_with_rerun(f, places[id(f)], own_places[id(f)], own)
                           for f in result.findings]
        result.suppressed = [Suppressed(_with_rerun(s.finding, places[id(s.finding)],
                                                    own_places[id(s.finding)], own),
                                        s.kind, s.justification)
                             for s in result.suppressed]
