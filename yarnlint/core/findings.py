"""Findings: what rules report, with severities, source locations, fixes as text edits and
the records of suppressed findings."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import Any

FROM_FINDING = "yarnlint simulate --from-finding REPORT.json:N"
"""An evidence ``rerun`` that needs the JSON report: reporters put the finding's index in."""


class Severity(IntEnum):
    """Severity of a finding; higher is worse. Ordering drives ``--fail-on``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Read a severity name (``info``, ``warning``, ``error``)."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (use info, warning or error)") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Location:
    """A position in an input file: 1-based line and column of the element."""

    file: str
    line: int
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class ValueFix:
    """Set ``key`` to ``value``; ``location`` is the ``<property>`` to edit (None: insert)."""

    key: str
    value: str
    location: Location | None
    description: str = ""


@dataclass(frozen=True)
class Problem:
    """What a rule yields: the runner stamps rule id, name and severity on it."""

    message: str
    location: Location | None
    key: str | None = None
    value: str | None = None
    evidence: dict[str, Any] | None = None
    severity: Severity | None = None
    fix: ValueFix | None = None


@dataclass(frozen=True)
class Finding:
    """One reported finding."""

    rule_id: str
    rule_name: str
    severity: Severity
    message: str
    location: Location | None
    key: str | None = None
    value: str | None = None
    evidence: dict[str, Any] | None = field(default=None, compare=False)
    fix: ValueFix | None = field(default=None, compare=False)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by file, line, column, rule, message."""
        loc = self.location
        return (loc.file if loc else "", loc.line if loc else 0, loc.column if loc else 0,
                self.rule_id, self.message)


@dataclass(frozen=True)
class TextEdit:
    """Replace bytes ``start:end`` of a file; lines and columns are 1-based, end exclusive."""

    start: int
    end: int
    replacement: bytes
    start_line: int
    start_column: int
    end_line: int
    end_column: int

    @property
    def text(self) -> str:
        """The replacement as text (for reports)."""
        return self.replacement.decode("utf-8", errors="replace")


IN_SOURCE = "inSource"
EXTERNAL = "external"


@dataclass(frozen=True)
class Suppressed:
    """A finding kept out of the result: ``inSource`` (a comment) or ``external`` (baseline)."""

    finding: Finding
    kind: str
    justification: str = ""


class InputError(Exception):
    """Input that cannot be linted at all (missing file, unreadable XML): exit code 2."""


def describe_location(location: Location, seen_from: Location | None) -> str:
    """``line 34`` within the same file, else ``file:line:col``."""
    if seen_from is not None and seen_from.file == location.file:
        return f"line {location.line}"
    return str(location)


@functools.lru_cache(maxsize=1024)
def display_path(file: str, base: Path) -> str:
    """``file`` relative to ``base`` in POSIX form; absolute when no relative path exists."""
    target = Path(file).resolve()
    try:
        return Path(os.path.relpath(target, base.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return target.as_posix()


Identity = tuple[str, str, str]
"""Rule id, file relative to a base directory (POSIX form), key ('' when none)."""


def identity(finding: Finding, base: Path) -> Identity:
    """What a finding is matched by: rule id, file relative to ``base``, key — not the line."""
    file = display_path(finding.location.file, base) if finding.location else ""
    return (finding.rule_id, file, finding.key or "")
