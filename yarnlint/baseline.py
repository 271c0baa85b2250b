"""The baseline: today's findings recorded in a file, so that a run reports only new ones.

Findings are matched by rule id, file (relative to the baseline's directory) and key, never
by line, so edits elsewhere in a file do not bring them back; matching counts, so two
identical findings in the baseline absorb two.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from yarnlint.api import Report
from yarnlint.findings import Finding, InputError, display_path
from yarnlint.suppressions import EXTERNAL, Suppressed

FORMAT = "yarnlint-baseline/1"

Identity = tuple[str, str, str]
"""Rule id, file relative to a base directory (POSIX form), key ('' when none)."""


def identity(finding: Finding, base: Path) -> Identity:
    """What a finding is matched by: rule id, file relative to ``base``, key — not the line."""
    file = display_path(finding.location.file, base) if finding.location else ""
    return (finding.rule_id, file, finding.key or "")


def write(path: Path, findings: Iterable[Finding]) -> int:
    """Record ``findings`` in ``path``; returns how many. OSError when it cannot be written."""
    counts = Counter(identity(f, path.resolve().parent) for f in findings)
    entries = [{"rule_id": rule_id, "file": file, "key": key or None, "count": count}
               for (rule_id, file, key), count in sorted(counts.items())]
    path.write_text(json.dumps({"format": FORMAT, "findings": entries}, indent=2) + "\n",
                    encoding="utf-8")
    return sum(counts.values())


def load(path: Path) -> Counter[Identity]:
    """The findings a baseline file records (InputError when it is not one)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise InputError(f"{path}: baseline is not valid JSON: {exc}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InputError(f"{path}: not a yarnlint baseline (format {FORMAT} expected); "
                         "write one with --write-baseline")
    counts: Counter[Identity] = Counter()
    for number, entry in enumerate(document.get("findings", []), 1):
        try:
            counts[(entry["rule_id"], entry["file"], entry["key"] or "")] += int(entry["count"])
        except (KeyError, TypeError, ValueError):
            raise InputError(f"{path}: baseline entry {number} needs rule_id, file, key and "
                             "count") from None
    return counts


def apply(report: Report, path: Path, recorded: Counter[Identity]) -> list[Suppressed]:
    """Move the findings the baseline records out of ``report``; they come back suppressed."""
    base = path.resolve().parent
    remaining = Counter(recorded)
    silenced: list[Suppressed] = []
    for result in report.files:
        kept: list[Finding] = []
        for finding in sorted(result.findings, key=Finding.sort_key):
            key = identity(finding, base)
            if remaining[key] > 0:
                remaining[key] -= 1
                silenced.append(Suppressed(finding, EXTERNAL, f"recorded in baseline {path.name}"))
            else:
                kept.append(finding)
        result.findings = kept
    return silenced
