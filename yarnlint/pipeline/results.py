"""What a lint run hands the reporters: each file's findings, errors and context."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from yarnlint.core.findings import Finding, Severity
from yarnlint.model.cluster import Cluster
from yarnlint.rules import Rule


@dataclass
class FileResult:
    """Findings of one linted file, or the input error that stopped it."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    cluster: Cluster | None = None
    inputs: tuple[Path, ...] = ()
    """Every file read for it: the file, its includes, yarn-site, topology, nodes file."""
    workload: str | None = None
    workload_reason: str = ""
    """Why that workload: empty when it was the default or given by flag or config file."""


@dataclass
class Report:
    """The result of a whole run."""

    files: list[FileResult] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        """All findings, sorted by file, line, column and rule."""
        return sorted((f for r in self.files for f in r.findings), key=Finding.sort_key)

    @property
    def errors(self) -> list[str]:
        """Input errors (exit code 2)."""
        return [r.error for r in self.files if r.error]

    def exit_code(self, fail_on: Severity) -> int:
        """0 clean, 1 findings at or above ``fail_on``, 2 input errors."""
        if self.errors:
            return 2
        return 1 if any(f.severity >= fail_on for f in self.findings) else 0
