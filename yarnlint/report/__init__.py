"""Reporters: one module per output format, each with ``render(report, context) -> str``."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yarnlint.config.edits import FixError, TextEdit, plan
from yarnlint.config.known_keys import PREFIX
from yarnlint.core.findings import FROM_FINDING, Finding, Suppressed, ValueFix, display_path
from yarnlint.pipeline.results import Report
from yarnlint.rules import DOCS_BASE

FORMATS = ("text", "json", "sarif", "rdjson", "rdjsonl", "github")

PROJECT_URL = DOCS_BASE.partition("/blob/")[0]

_RENDERERS = {"rdjsonl": ("rdjson_format", "render_lines")}
"""Formats whose ``render`` lives under another module or name."""


@dataclass(frozen=True)
class RenderContext:
    """What a reporter needs besides the findings."""

    fail_on: str = "warning"
    base_dir: Path = Path(".")
    command: tuple[str, ...] = ()
    """``yarnlint check`` and its flags, without the files (re-run commands add their own)."""
    evidence: str = "full"
    """How much evidence text reports show under a finding: full, short or none."""
    suppressed: tuple[Suppressed, ...] = ()
    """Findings silenced inline or by the baseline: SARIF and JSON keep them, marked."""

    def relative(self, file: str) -> str:
        """``file`` relative to ``base_dir``, with ``/`` separators (as reports name files)."""
        return display_path(file, self.base_dir)


Renderer = Callable[[Report, RenderContext], str]


def with_suppressed(report: Report, context: RenderContext
                    ) -> list[tuple[Finding, Suppressed | None]]:
    """The reported findings, then the suppressed ones (each sorted), with the suppression or
    None: a reported finding's index does not depend on what was suppressed."""
    rows: list[tuple[Finding, Suppressed | None]] = [(f, None) for f in report.findings]
    rows.extend((s.finding, s) for s in sorted(context.suppressed,
                                               key=lambda s: s.finding.sort_key()))
    return rows


def renderer(fmt: str) -> Renderer:
    """The ``render`` function of a format's module (imported only when used)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    module_name, function = _RENDERERS.get(fmt, (f"{fmt}_format", "render"))
    module = importlib.import_module(f"yarnlint.report.{module_name}")
    render: Renderer = getattr(module, function)
    return render


def positions(report: Report, context: RenderContext) -> dict[int, int]:
    """Each finding's 1-based index in the JSON report's ``findings`` array, by ``id()``."""
    return {id(finding): n for n, (finding, _) in enumerate(with_suppressed(report, context), 1)}


def numbered(evidence: dict[str, Any] | None, index: int) -> dict[str, Any] | None:
    """``evidence`` with ``REPORT.json:N`` in its re-run commands made ``REPORT.json:index``."""
    if evidence is None:
        return None
    done: dict[str, Any] = {}
    for key, value in evidence.items():
        if key == "rerun" and isinstance(value, str):
            value = value.replace(FROM_FINDING, f"{FROM_FINDING[:-1]}{index}")
        elif isinstance(value, dict) and key != "scenario":
            value = numbered(value, index)
        done[key] = value
    return done


@dataclass(frozen=True)
class PlacedFix:
    """A finding's fix as an edit of its file's bytes."""

    fix: ValueFix
    file: str
    edit: TextEdit
    data: bytes


def placed_fix(finding: Finding) -> PlacedFix | None:
    """The edit of a finding's fix (None without a fix, or when the file cannot take it)."""
    if finding.fix is None or finding.location is None:
        return None
    file = finding.location.file
    try:
        data = Path(file).read_bytes()
        (edit,) = plan(data, [finding.fix], PREFIX)
    except (OSError, FixError):
        return None
    return PlacedFix(finding.fix, file, edit, data)
