"""``yarnlint diff OLD NEW``: what a change to a configuration does, before it ships."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from yarnlint.cli import emit
from yarnlint.cli.check import fail, flag_values, lint_flags, linter
from yarnlint.core.findings import InputError
from yarnlint.pipeline.change import compare, reported
from yarnlint.pipeline.results import FileResult, Report
from yarnlint.pipeline.settings import SettingsError
from yarnlint.report import RenderContext, renderer
from yarnlint.report.change_format import as_json, markdown, text

RENDERERS = {"text": text, "json": as_json, "markdown": markdown}
REVIEW_FORMATS = ("sarif", "rdjson", "rdjsonl", "github")
"""Formats of ``check`` that report the change as findings: the new ones and the impact's
(YL010); the unchanged ones are suppressed."""


@click.command()
@lint_flags
@click.option("--format", "fmt", type=click.Choice([*RENDERERS, *REVIEW_FORMATS]),
              default="text", show_default=True,
              help="Report format (json: yarnlint-diff/1; markdown: a pull-request comment; "
                   "sarif, rdjson, rdjsonl, github: the new findings and the impact, as "
                   "check reports findings).")
def diff(paths: tuple[Path, ...], fmt: str, config: Path | None, **flags: Any) -> None:
    """Compare OLD and NEW versions of a capacity-scheduler.xml: the simulated impact of the
    changed keys on the cluster and workload, and the new and fixed findings.

    Exit 1 when the change makes the primary metrics materially worse, or brings a new
    finding, at or above --fail-on; 2 on input errors.
    """
    if len(paths) != 2:
        raise click.UsageError(f"expected OLD and NEW files, got {len(paths)} paths")
    old, new = paths
    cli_values = flag_values(flags)
    pipeline = linter(config, cli_values)
    try:
        settings = pipeline.settings_for(new)
        change = compare(old, new, settings.options, pipeline)
    except (SettingsError, InputError) as exc:
        fail(str(exc))
    if fmt in RENDERERS:
        emit(RENDERERS[fmt](change), nl=False)
    else:
        findings, unchanged = reported(change, settings.options, change.old or str(old))
        report = Report([FileResult(change.new, findings, suppressed=unchanged,
                                    fail_on=settings.fail_on)], pipeline.rules)
        context = RenderContext(fail_on=str(settings.fail_on), suppressed=tuple(unchanged))
        emit(renderer(fmt)(report, context), nl=False)
    raise SystemExit(change.exit_code(settings.fail_on))
