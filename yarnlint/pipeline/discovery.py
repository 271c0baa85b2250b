"""Which files ``yarnlint check`` lints, and the site files read beside each.

No path means the current directory. A directory is searched recursively for
``capacity-scheduler*.xml``, skipping ``.git`` and, inside a git work tree, the files git
ignores. A file given by name is linted as given. Each linted file is read over the
``yarn-site.xml`` beside it (as the ResourceManager layers them) unless a yarn-site is given
by flag or config file; ``core-site.xml`` beside it is read by the workload choice.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Sequence
from pathlib import Path

CONFIG_PATTERN = "capacity-scheduler*.xml"
YARN_SITE = "yarn-site.xml"
SKIPPED_DIRECTORIES = frozenset({".git"})
GIT_TIMEOUT_S = 30


class NothingToLint(Exception):
    """The paths hold no file to lint."""


def find_configs(paths: Sequence[Path]) -> list[Path]:
    """The files to lint for ``paths`` (none: the current directory), in order, once each.

    A path that is not a directory is kept as given (a missing file is the linter's input
    error), and so is a directory holding no such file when other paths hold some (it is an
    input error among the others). Raises :class:`NothingToLint` with a one-line message
    when nothing at all is found.
    """
    roots = list(paths) or [Path(".")]
    found: list[Path] = []
    empty: list[Path] = []
    for root in roots:
        if not _is(Path.is_dir, root):
            found.append(root)
            continue
        below = search(root)
        found += below or [root]
        empty += [] if below else [root]
    if len(empty) == len(found):
        where = ", ".join(str(root) for root in roots)
        raise NothingToLint(f"no {CONFIG_PATTERN} file in {where} (searched recursively, "
                            "skipping .git and git-ignored files)")
    return list(dict.fromkeys(found))


def _is(test: Callable[[Path], bool], path: Path) -> bool:
    """``test(path)``, False when the path cannot even be looked at (name too long...)."""
    try:
        return test(path)
    except OSError:
        return False


def search(root: Path) -> list[Path]:
    """``capacity-scheduler*.xml`` files below ``root``, sorted, without git-ignored ones."""
    candidates: list[Path] = []
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(d for d in subdirectories if d not in SKIPPED_DIRECTORIES)
        candidates += (Path(directory) / name for name in sorted(files)
                       if fnmatch.fnmatchcase(name, CONFIG_PATTERN))
    ignored = git_ignored(root, candidates)
    return [path for path in candidates if path not in ignored]


def git_ignored(root: Path, candidates: list[Path]) -> set[Path]:
    """The ``candidates`` git ignores, asked in ``root``; none outside a work tree or
    without git."""
    import subprocess  # only a directory search asks git

    if not candidates:
        return set()
    relative = {str(path.relative_to(root)): path for path in candidates}
    try:
        answer = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"], cwd=root, capture_output=True,
            input=b"".join(os.fsencode(name) + b"\0" for name in relative),
            timeout=GIT_TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError):
        return set()
    if answer.returncode not in (0, 1):  # 128: not a work tree
        return set()
    names = os.fsdecode(answer.stdout).split("\0")
    return {relative[name] for name in names if name in relative}


def sibling_yarn_site(path: Path) -> Path | None:
    """The ``yarn-site.xml`` in the directory of ``path`` (not ``path`` itself), if any."""
    sibling = path.parent / YARN_SITE
    if sibling.name == path.name or not _is(Path.is_file, sibling):
        return None
    return sibling
