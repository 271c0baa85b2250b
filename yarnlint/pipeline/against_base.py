"""``yarnlint check --base REF``: each linted file against its version at a git ref.

The version at REF is read from the repository with ``git cat-file`` (local, no network);
a file that did not exist at REF has no base. Each file with a base is compared with it by
:func:`yarnlint.pipeline.change.compare_versions` (the same comparison as ``yarnlint
diff``): the simulated impact of the changed keys becomes a ``YL010`` finding, the findings
the base has too leave the report as suppressed (``external``, "unchanged since REF"), and
the ones the change fixed are kept for the reports that list them.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from yarnlint.core.findings import InputError
from yarnlint.pipeline.change import Change, Impact, Version, compare_versions, reported
from yarnlint.pipeline.discovery import GIT_TIMEOUT_S
from yarnlint.pipeline.linter import Linter
from yarnlint.pipeline.options import LintOptions
from yarnlint.pipeline.results import FileResult, Report

NO_BASE = "no base"
"""The verdict of a file that did not exist at the base."""


class BaseError(InputError):
    """The base cannot be read: not a git work tree, or no such commit."""


@dataclass
class BaseComparison:
    """Every linted file compared with its version at ``ref`` (``commit``)."""

    ref: str
    commit: str = ""
    changes: list[Change] = field(default_factory=list)


def _git(directory: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(directory), *args], capture_output=True,
                              timeout=GIT_TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise BaseError(f"--base needs git: {exc}") from None


def resolve(ref: str, directory: Path) -> str:
    """The commit ``ref`` names in the repository of ``directory``; :class:`BaseError` when
    there is no repository or no such commit."""
    if ref.startswith("-") or not ref.strip():
        raise BaseError(f"--base {ref!r}: not a git revision")
    answer = _git(directory, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if answer.returncode == 0:
        return answer.stdout.decode().strip()
    if _git(directory, "rev-parse", "--git-dir").returncode != 0:
        raise BaseError(f"--base {ref}: {directory} is not in a git work tree")
    raise BaseError(f"--base {ref}: no such commit in the repository of {directory}")


def version_at(commit: str, path: Path) -> bytes | None:
    """The bytes of ``path`` at ``commit`` (None: the file did not exist there)."""
    answer = _git(path.parent, "cat-file", "blob", f"{commit}:./{path.name}")
    return answer.stdout if answer.returncode == 0 else None


def compare_with_base(ref: str, commit: str, path: Path, head: FileResult,
                      options: LintOptions, linter: Linter) -> Change:
    """Compare the linted ``head`` of ``path`` with its version at ``commit``."""
    data = version_at(commit, path)
    if data is None:
        return Change(None, head.path, Impact(NO_BASE), list(head.findings))
    options = options.replace(workload=head.workload)
    old = Version(path, f"{ref}:{head.path}", data)
    base = linter.lint_file(path, options, old.display, data)
    if base.error:
        raise InputError(base.error)
    new = Version.read(path, head.path)
    return compare_versions(old, new, base, head, options, linter)


def compare_report(ref: str, paths: list[Path], report: Report,
                   options_of: Callable[[Path], LintOptions], linter: Linter
                   ) -> BaseComparison:
    """Compare every linted file of ``report`` (one per path, in order) with its version at
    ``ref``: each file's findings become the new ones and the impact's, the unchanged ones
    join its suppressed findings. :class:`BaseError` when the base cannot be read."""
    comparison = BaseComparison(ref)
    commits: dict[Path, str] = {}
    for path, result in zip(paths, report.files, strict=True):
        if result.error:
            continue
        directory = path.parent
        if directory not in commits:
            commits[directory] = resolve(ref, directory)
        comparison.commit = comparison.commit or commits[directory]
        options = options_of(path)
        change = compare_with_base(ref, commits[directory], path, result, options, linter)
        comparison.changes.append(change)
        result.findings, unchanged = reported(change, options, ref)
        result.suppressed += unchanged
    return comparison
