"""Reporters: one module per output format, each with ``render(report, context) -> str``, a
pure function of the report: fix edits and re-run commands come computed in the findings."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from yarnlint.core.findings import Finding, Suppressed, display_path
from yarnlint.core.records import Record
from yarnlint.pipeline.results import Report
from yarnlint.rules import DOCS_BASE

FORMATS = ("text", "json", "sarif", "rdjson", "rdjsonl", "github", "markdown")
EDIT_FORMATS = frozenset({"json", "sarif", "rdjson", "rdjsonl"})
"""Formats that show a finding's fix as the edit of the file (``Finding.placed``)."""

PROJECT_URL = DOCS_BASE.partition("/blob/")[0]

_RENDERERS = {"rdjsonl": ("rdjson_format", "render_lines")}
"""Formats whose ``render`` lives under another module or name."""


class RenderContext(Record):
    """What a reporter needs besides the findings."""

    __slots__ = ("base_dir", "evidence", "fail_on", "suppressed")
    COMPARED = ("fail_on", "base_dir", "evidence", "suppressed")

    def __init__(self, fail_on: str = "warning", base_dir: Path = Path("."), evidence: str = "full",
                 suppressed: tuple[Suppressed, ...] = ()) -> None:
        self.fail_on = fail_on
        self.base_dir = base_dir
        self.evidence = evidence
        """How much evidence text reports show under a finding: full, short or none."""
        self.suppressed = suppressed
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

