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

from yarnlint.config.files import read_json, write_atomically
from yarnlint.core.findings import EXTERNAL, Finding, Identity, InputError, Suppressed, identity
from yarnlint.pipeline.results import Report

FORMAT = "yarnlint-baseline/1"
MAX_COUNT = 1_000_000
"""More identical findings than any file could produce: a larger count is not a baseline."""

def write(path: Path, findings: Iterable[Finding], force: bool = False) -> int:
    """Record ``findings`` in ``path`` atomically, checked by reading it back; returns how
    many. WriteError when it cannot be written (the old file is then kept)."""
    counts = Counter(identity(f, path.resolve().parent) for f in findings)
    entries = [{"rule_id": rule_id, "file": file, "key": key or None, "count": count}
               for (rule_id, file, key), count in sorted(counts.items())]
    text = json.dumps({"format": FORMAT, "findings": entries}, indent=2) + "\n"

    def reads_back(temp: Path) -> str | None:
        try:
            same = load(temp) == +counts
        except InputError as exc:
            return str(exc)
        return None if same else "the written baseline reads back differently"

    write_atomically(path, text.encode("utf-8"), force=force, verify=reads_back)
    return sum(counts.values())


def load(path: Path) -> Counter[Identity]:
    """The findings a baseline file records (InputError when it is not one)."""
    document = read_json(path, "baseline")
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InputError(f"{path}: not a yarnlint baseline (format {FORMAT} expected); "
                         "write one with --write-baseline")
    counts: Counter[Identity] = Counter()
    findings = document.get("findings", [])
    if not isinstance(findings, list):
        raise InputError(f"{path}: baseline findings must be a list")
    for number, entry in enumerate(findings, 1):
        identity_of = _entry_identity(entry)
        count = entry.get("count") if isinstance(entry, dict) else None
        if identity_of is None or isinstance(count, bool) or not isinstance(count, int) \
                or not 0 <= count <= MAX_COUNT:
            raise InputError(f"{path}: baseline entry {number} needs rule_id, file, key and "
                             f"count (strings, a null key allowed, and a count from 0 to "
                             f"{MAX_COUNT})")
        counts[identity_of] += count
    return counts


def _entry_identity(entry: object) -> Identity | None:
    """The identity a baseline entry records (None when it is malformed)."""
    if not isinstance(entry, dict):
        return None
    rule_id, file, key = entry.get("rule_id"), entry.get("file"), entry.get("key")
    if not isinstance(rule_id, str) or not isinstance(file, str) \
            or not isinstance(key, str | None):
        return None
    return rule_id, file, key or ""


def apply(report: Report, path: Path, recorded: Counter[Identity]) -> None:
    """Move the findings the baseline records to the suppressed ones of their file."""
    base = path.resolve().parent
    remaining = Counter(recorded)
    for result in report.files:
        kept: list[Finding] = []
        for finding in sorted(result.findings, key=Finding.sort_key):
            key = identity(finding, base)
            if remaining[key] > 0:
                remaining[key] -= 1
                result.suppressed.append(Suppressed(finding, EXTERNAL,
                                                    f"recorded in baseline {path.name}"))
            else:
                kept.append(finding)
        result.findings = kept
