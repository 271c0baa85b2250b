"""``yarnlint check``: lint files with the pipeline, print a report, exit 0 / 1 / 2.

Settings come from the config file found above each linted file (or ``--config``), its
per-path overrides, then the command-line flags; the pipeline applies inline suppressions
and the baseline before the findings are reported.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from yarnlint.cli import emit
from yarnlint.config.files import WriteError, read_input, refuse_inputs, write_atomically
from yarnlint.core.findings import InputError
from yarnlint.pipeline.discovery import NothingToLint, find_configs
from yarnlint.pipeline.linter import Linter
from yarnlint.pipeline.settings import (
    SEVERITIES,
    SettingsError,
    Values,
    fail_on,
    normalize_ref,
)
from yarnlint.report import EDIT_FORMATS, FORMATS, RenderContext, renderer
from yarnlint.report.text_format import statistics_lines
from yarnlint.rules import RuleError
from yarnlint.whatif.workloads import DEFAULT_PROFILE, PROFILES


def split_rule_refs(values: tuple[str, ...]) -> tuple[str, ...]:
    """Rule ids/names from repeatable, comma-separated options."""
    return tuple(normalize_ref(part) for value in values for part in value.split(",")
                 if part.strip())


def flag_values(flags: dict[str, Any]) -> Values:
    """The settings given on the command line, keyed as in the config file; ``--nodes``
    with a host file is a usage error (the host file counts the nodes)."""
    if flags.get("nodes") is not None:
        for option in ("topology", "nodes_file"):
            if flags.get(option) is not None:
                raise click.UsageError(f"--nodes and --{option.replace('_', '-')} both give "
                                       "the node count: pass one of them")
    values: Values = {key.replace("_", "-"): value for key, value in flags.items()
                      if value is not None and key not in ("select", "ignore")}
    if flags["select"]:
        values["select"] = split_rule_refs(flags["select"])
    if flags["ignore"]:
        values["ignore"] = split_rule_refs(flags["ignore"])
    return values


def fail(message: str) -> NoReturn:
    """Report a usage or input problem and exit 2."""
    click.echo(f"yarnlint: error: {message}", err=True)
    raise SystemExit(2)


def linter(config: Path | None, flags: Values, place_fixes: bool = True) -> Linter:
    """The pipeline with the installed rules, ``--config`` and the flags (usage error 2 when a
    rule plugin is broken); fixes placed as edits unless ``place_fixes`` is false."""
    try:
        return Linter(config=config, flags=flags, place_fixes=place_fixes)
    except RuleError as exc:
        raise click.UsageError(str(exc)) from None


def lint_flags(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options ``check`` and ``fix`` share: cluster, workload, rules, config file."""
    options = [
        click.option("--nodes", type=int, help="Number of NodeManagers in the cluster."),
        click.option("--racks", type=int, help="Number of racks (nodes split evenly)."),
        click.option("--topology", type=click.Path(path_type=Path, dir_okay=False),
                     help="Hadoop TableMapping file: 'host rack' per line."),
        click.option("--nodes-file", type=click.Path(path_type=Path, dir_okay=False),
                     help="Include file: one host per line "
                          "(yarn.resourcemanager.nodes.include-path)."),
        click.option("--heartbeat-ms", type=click.IntRange(min=1),
                     help="NodeManager heartbeat interval (default: yarn-site.xml, else 1000)."),
        click.option("--am-mb", type=click.IntRange(min=1),
                     help="ApplicationMaster container memory for the AM limits (default: "
                          "yarn.scheduler.minimum-allocation-mb, else 1024)."),
        click.option("--yarn-site", type=click.Path(path_type=Path, dir_okay=False),
                     help="yarn-site.xml loaded under each file (heartbeat interval, shadowed "
                          "keys)."),
        click.option("--core-site", type=click.Path(path_type=Path, dir_okay=False),
                     help="core-site.xml: an object store as fs.defaultFS selects the "
                          "locality-free workload (default: core-site.xml beside each file)."),
        click.option("--hadoop-version",
                     help="Hadoop release the configuration is for: 3, 3.3 or 3.3.6; a line "
                          "means its newest release [default: 3.4.1]."),
        click.option("--workload", type=click.Choice(PROFILES),
                     help=f"Workload the simulations judge the settings for "
                          f"[default: {DEFAULT_PROFILE}, or locality-free when core-site's "
                          "fs.defaultFS is an object store]."),
        click.option("--no-cache", is_flag=True, default=None,
                     help="Do not read or write the simulation cache in the user's cache "
                          "directory."),
        click.option("--fail-on", type=click.Choice(SEVERITIES),
                     help="Exit 1 when a finding is at or above this severity "
                          "[default: warning]."),
        click.option("--select", multiple=True, help="Run only these rules (ids or names)."),
        click.option("--ignore", multiple=True, help="Skip these rules (ids or names)."),
        click.option("--config", type=click.Path(path_type=Path, dir_okay=False),
                     help="Config file to use instead of the nearest .yarnlint.toml / "
                          "pyproject.toml."),
        click.argument("paths", nargs=-1, type=click.Path(path_type=Path)),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.command()
@lint_flags
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="Report format.")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file; the terminal gets the text report.")
@click.option("--baseline", "baseline_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(path_type=Path, dir_okay=False),
              help="Record today's findings in this baseline file.")
@click.option("--statistics", is_flag=True, help="After the report, count findings per rule.")
@click.option("--evidence", type=click.Choice(["full", "short", "none"]), default="full",
              show_default=True,
              help="Text under a finding: the simulation table, fix and re-run (full), the fix "
                   "(short) or nothing (none). JSON keeps everything.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (input errors: 2).")
@click.option("--force", is_flag=True,
              help="Write --output and --write-baseline even when they are read-only.")
@click.option("--base", metavar="REF",
              help="Compare each file with its version at this git revision: report the "
                   "simulated impact of the change and only the new findings.")
def check(paths: tuple[Path, ...], fmt: str, output: Path | None, config: Path | None,
          baseline_file: Path | None, write_baseline: Path | None, statistics: bool,
          evidence: str, exit_zero: bool, force: bool, base: str | None,
          **flags: Any) -> None:
    """Lint capacity-scheduler.xml files against the cluster they run on.

    PATHS are files, or directories searched recursively for capacity-scheduler*.xml
    (default: the current directory). Each file is read over the yarn-site.xml beside it
    unless --yarn-site or the config file names one.
    """
    try:
        paths = tuple(find_configs(paths))
    except NothingToLint as exc:
        fail(str(exc))
    for written, option in ((output, "--output"), (write_baseline, "--write-baseline")):
        try:
            if written is not None:
                refuse_inputs(written, option, paths)
        except WriteError as exc:
            raise click.UsageError(str(exc)) from None
    cli_values = flag_values(flags)
    try:
        report = linter(config, cli_values, fmt in EDIT_FORMATS).lint(
            list(paths), baseline=baseline_file, record=write_baseline, force=force, base=base)
    except (SettingsError, InputError, WriteError) as exc:
        fail(str(exc))
    for note in report.notes:
        click.echo(f"yarnlint: {note}", err=True)
    if write_baseline is not None:
        noun = "finding" if report.recorded == 1 else "findings"
        click.echo(f"yarnlint: recorded {report.recorded} {noun} in {write_baseline}", err=True)
    for error in report.errors:
        click.echo(f"yarnlint: error: {error}", err=True)
    threshold = min((result.fail_on for result in report.files), default=fail_on(cli_values))
    context = RenderContext(fail_on=str(threshold), suppressed=tuple(report.suppressed),
                            evidence=evidence)
    text = renderer(fmt)(report, context)
    terminal = text
    if output is not None:
        data = text.encode("utf-8")
        try:
            refuse_inputs(output, "--output",
                          [*paths, *report.inputs, *filter(None, [write_baseline])])
            write_atomically(output, data, force=force, verify=lambda temp: None
                             if read_input(temp, "report").data == data
                             else "the written report reads back differently")
        except (WriteError, InputError) as exc:
            fail(str(exc))
        terminal = renderer("text")(report, context)
    emit(terminal, nl=False)
    if statistics:
        to_terminal = fmt == "text" or output is not None
        for line in statistics_lines(report):
            if to_terminal:
                emit(line)
            else:
                click.echo(line, err=True)
    code = report.exit_code()
    raise SystemExit(0 if exit_zero and code == 1 else code)
