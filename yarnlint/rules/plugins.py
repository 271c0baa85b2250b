"""Third-party rules: the ``yarnlint.rules`` entry points of the installed distributions.

Read straight from each ``*.dist-info`` / ``*.egg-info`` directory's ``entry_points.txt`` on
``sys.path`` (the files ``importlib.metadata`` reads), so looking for plugins costs a
directory listing, not the import of ``importlib.metadata`` and what it pulls in.
"""

from __future__ import annotations

import os
import sys

GROUP = "yarnlint.rules"


def entry_points() -> list[tuple[str, str]]:
    """``(name, "module[:attribute]")`` of every ``yarnlint.rules`` entry point, first
    distribution on ``sys.path`` first."""
    found: list[tuple[str, str]] = []
    for folder in dict.fromkeys(entry or "." for entry in sys.path):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                found += _group_of(os.path.join(folder, name, "entry_points.txt"))
    return found


def _group_of(path: str) -> list[tuple[str, str]]:
    """The ``[yarnlint.rules]`` section of one ``entry_points.txt`` (INI: ``name = value``)."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return []
    if f"[{GROUP}]" not in text:
        return []
    section, points = "", []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped[0] in "#;":
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip()
        elif section == GROUP and "=" in stripped:
            name, _, value = stripped.partition("=")
            points.append((name.strip(), value.strip()))
    return points
