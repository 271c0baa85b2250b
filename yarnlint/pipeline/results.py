"""What a lint run hands the reporters: each file's findings, errors and context."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from yarnlint.core.findings import Finding, Severity, Suppressed
from yarnlint.model.cluster import Cluster
from yarnlint.rules import Rule

if TYPE_CHECKING:
    from yarnlint.pipeline.against_base import BaseComparison


class FileResult:
    """Findings of one linted file, or the input error that stopped it."""

    __slots__ = ("cluster", "error", "fail_on", "findings", "inputs", "path", "suppressed",
                 "workload", "workload_reason")

    def __init__(self, path: str, findings: list[Finding] | None = None,
                 error: str | None = None, cluster: Cluster | None = None,
                 inputs: tuple[Path, ...] = (), workload: str | None = None,
                 workload_reason: str = "", suppressed: list[Suppressed] | None = None,
                 fail_on: Severity = Severity.WARNING) -> None:
        self.path = path
        self.findings = findings if findings is not None else []
        self.error = error
        self.cluster = cluster
        self.inputs = inputs
        """Every file read for it: the file, its includes, yarn-site, topology, nodes
        file."""
        self.workload = workload
        self.workload_reason = workload_reason
        """Why that workload: empty when it was the default or given by flag or config
        file."""
        self.suppressed = suppressed if suppressed is not None else []
        """Findings silenced by a comment or the baseline."""
        self.fail_on = fail_on
        """The failure threshold of the file's settings."""

    def exit_code(self, fail_on: Severity | None = None) -> int:
        """0 clean, 1 findings at or above ``fail_on`` (default: the file's own), 2 input
        error."""
        if self.error:
            return 2
        limit = self.fail_on if fail_on is None else fail_on
        return 1 if any(f.severity >= limit for f in self.findings) else 0


class Report:
    """The result of a whole run."""

    __slots__ = ("base", "files", "notes", "read", "recorded", "rules")

    def __init__(self, files: list[FileResult] | None = None,
                 rules: dict[str, Rule] | None = None) -> None:
        self.files = files if files is not None else []
        self.rules = rules if rules is not None else {}
        self.read: list[Path] = []
        """Files read besides those of each result: config files, the baseline."""
        self.notes: list[str] = []
        """What the run passed over and why (config files it would not trust)."""
        self.recorded: int | None = None
        """How many findings the run recorded in a new baseline (None: it wrote none)."""
        self.base: BaseComparison | None = None
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
