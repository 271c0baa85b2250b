"""What a lint run hands the reporters: each file's findings, errors and context."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from yarnlint.core.findings import Finding, Severity, Suppressed
from yarnlint.model.cluster import Cluster
from yarnlint.rules import Rule

if TYPE_CHECKING:
    from yarnlint.pipeline.against_base import BaseComparison


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
    suppressed: list[Suppressed] = field(default_factory=list)
    """Findings silenced by a comment or the baseline."""
    fail_on: Severity = Severity.WARNING
    """The failure threshold of the file's settings."""

    def exit_code(self, fail_on: Severity | None = None) -> int:
        """0 clean, 1 findings at or above ``fail_on`` (default: the file's own), 2 input
        error."""
        if self.error:
            return 2
        limit = self.fail_on if fail_on is None else fail_on
        return 1 if any(f.severity >= limit for f in self.findings) else 0


@dataclass
class Report:
    """The result of a whole run."""

    files: list[FileResult] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)
    read: list[Path] = field(default_factory=list)
    """Files read besides those of each result: config files, the baseline."""
    notes: list[str] = field(default_factory=list)
    """What the run passed over and why (config files it would not trust)."""
    recorded: int | None = None
    """How many findings the run recorded in a new baseline (None: it wrote none)."""
    base: BaseComparison | None = None
    """With ``check --base``: every file compared with its version at the base."""

    @property
    def findings(self) -> list[Finding]:
        """All findings, sorted by file, line, column and rule."""
        return sorted((f for r in self.files for f in r.findings), key=Finding.sort_key)

    @property
    def suppressed(self) -> list[Suppressed]:
        """All suppressed findings, sorted as :attr:`findings`."""
        return sorted((s for r in self.files for s in r.suppressed),
                      key=lambda s: s.finding.sort_key())

    @property
    def errors(self) -> list[str]:
        """Input errors (exit code 2)."""
        return [r.error for r in self.files if r.error]

    @property
    def inputs(self) -> list[Path]:
        """Every file the run read (that no output may overwrite)."""
        return [*(path for r in self.files for path in r.inputs), *self.read]

    def exit_code(self, fail_on: Severity | None = None) -> int:
        """0 clean, 1 findings at or above ``fail_on`` (default: each file's own threshold),
        2 input errors."""
        return max((result.exit_code(fail_on) for result in self.files), default=0)
