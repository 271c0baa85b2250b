"""Findings: what rules report, with severities, source locations, suggested values, re-run
commands and the records of suppressed findings."""

from __future__ import annotations

import functools
import os
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yarnlint.core.records import Record

if TYPE_CHECKING:
    from yarnlint.core.edits import PlacedFix

FROM_FINDING = "yarnlint simulate --from-finding REPORT.json:N"
"""An evidence ``rerun`` that needs the JSON report: the pipeline, which decides the order of
the report, puts the finding's index in (:class:`Rerun`)."""


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


class Location(Record):
    """A position in an input file: 1-based line and column of the element."""

    __slots__ = ("column", "file", "line")
    COMPARED = ("file", "line", "column")

    def __init__(self, file: str, line: int, column: int = 1) -> None:
        self.file = file
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class ValueFix(Record):
    """Set ``key`` to ``value``; ``location`` is the ``<property>`` to edit (None: insert)."""

    __slots__ = ("description", "key", "location", "value")
    COMPARED = ("key", "value", "location", "description")

    def __init__(self, key: str, value: str, location: Location | None,
                 description: str = "") -> None:
        self.key = key
        self.value = value
        self.location = location
        self.description = description


class Rerun(Record):
    """How to re-run a finding's simulation: the ``check`` of its own file with
    ``--format json``, then ``yarnlint simulate --from-finding`` at its index there."""

    __slots__ = COMPARED = ("index", "check", "own_index")

    def __init__(self, index: int, check: tuple[str, ...], own_index: int) -> None:
        self.index = index
        """The finding's 1-based place in this run's JSON report (findings, then
        suppressed)."""
        self.check = check
        """``yarnlint check FILE`` and the flags of the run, as words."""
        self.own_index = own_index
        """The finding's place in the JSON report of ``check`` alone."""

    @property
    def from_report(self) -> str:
        """The command on a saved report (``REPORT.json`` stands for its name)."""
        return FROM_FINDING.replace(":N", f":{self.index}")


class Problem(Record):
    """What a rule yields: the runner stamps rule id, name and severity on it."""

    __slots__ = ("evidence", "fix", "key", "location", "message", "severity", "subject", "value")
    COMPARED = ("message", "location", "key", "value", "evidence", "severity", "fix", "subject")

    def __init__(self, message: str, location: Location | None, key: str | None = None,
                 value: str | None = None, evidence: dict[str, Any] | None = None,
                 severity: Severity | None = None, fix: ValueFix | None = None,
                 subject: str | None = None) -> None:
        self.message = message
        self.location = location
        self.key = key
        self.value = value
        self.evidence = evidence
        self.severity = severity
        self.fix = fix
        self.subject = subject
        """The key the problem is about, when known (it may be unset and ``key`` another)."""


class Finding(Record):
    """One reported finding. Findings compare by rule, place, key, value and message; the
    evidence, fixes and re-run commands do not count."""

    __slots__ = (
        "evidence",
        "fix",
        "key",
        "location",
        "message",
        "placed",
        "rerun",
        "rule_id",
        "rule_name",
        "severity",
        "subject",
        "value",
    )
    COMPARED = ("rule_id", "rule_name", "severity", "message", "location", "key", "value",
                "subject")

    def __init__(self, rule_id: str, rule_name: str, severity: Severity, message: str,
                 location: Location | None, key: str | None = None, value: str | None = None,
                 evidence: dict[str, Any] | None = None, fix: ValueFix | None = None,
                 placed: PlacedFix | None = None, rerun: Rerun | None = None,
                 subject: str | None = None) -> None:
        self.rule_id = rule_id
        self.rule_name = rule_name
        self.severity = severity
        self.message = message
        self.location = location
        self.key = key
        self.value = value
        self.evidence = evidence
        self.fix = fix
        self.placed = placed
        """The fix as an edit of the linted bytes (set by the pipeline)."""
        self.rerun = rerun
        """How to re-run its simulation from the JSON report (set by the pipeline)."""
        self.subject = subject
        """The key the finding is about, when known: a finding about an unset key points
        at another property or the root element, and says here which key it means."""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by file, line, column, rule, message."""
        loc = self.location
        return (loc.file if loc else "", loc.line if loc else 0, loc.column if loc else 0,
                self.rule_id, self.message)


IN_SOURCE = "inSource"
EXTERNAL = "external"


class Suppressed(Record):
    """A finding kept out of the result: ``inSource`` (a comment) or ``external`` (baseline)."""

    __slots__ = ("finding", "justification", "kind")
    COMPARED = ("finding", "kind", "justification")

    def __init__(self, finding: Finding, kind: str, justification: str = "") -> None:
        self.finding = finding
        self.kind = kind
        self.justification = justification


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
