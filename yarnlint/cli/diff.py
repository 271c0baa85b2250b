"""``yarnlint diff OLD NEW``: what a change to a configuration does, before it ships."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from yarnlint.change import compare
from yarnlint.cli import emit
from yarnlint.cli.check import fail, file_settings, flag_values, lint_flags
from yarnlint.findings import InputError
from yarnlint.report.change_format import as_json, markdown, text
from yarnlint.settings import ConfigFinder, SettingsError, fail_on

RENDERERS = {"text": text, "json": as_json, "markdown": markdown}


@click.command()
@lint_flags
@click.option("--format", "fmt", type=click.Choice(list(RENDERERS)), default="text",
              show_default=True,
              help="Report format (json: yarnlint-diff/1; markdown: a pull-request comment).")
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
    try:
        from yarnlint.api import Linter

        linter = Linter()
        values, options = file_settings(ConfigFinder(config), new, cli_values, linter)
        change = compare(old, new, options, linter)
    except (SettingsError, InputError) as exc:
        fail(str(exc))
    emit(RENDERERS[fmt](change), nl=False)
    raise SystemExit(change.exit_code(fail_on(values)))
