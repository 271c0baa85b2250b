"""``yarnlint check``: lint files, print a report, exit 0 / 1 / 2."""

from __future__ import annotations

from pathlib import Path

import click

from yarnlint.api import DEFAULT_HADOOP_VERSION, Linter, LintOptions
from yarnlint.findings import Severity
from yarnlint.model.cluster import ClusterSpec
from yarnlint.report import FORMATS, RenderContext, renderer
from yarnlint.rules import RuleError

SEVERITIES = ("info", "warning", "error")


def _refs(values: tuple[str, ...]) -> frozenset[str]:
    """Rule ids/names from repeatable, comma-separated options."""
    return frozenset(part.strip().upper() if part.strip()[:2].isalpha() and
                     part.strip()[2:].isdigit() else part.strip()
                     for value in values for part in value.split(",") if part.strip())


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--nodes", type=int, help="Number of NodeManagers in the cluster.")
@click.option("--racks", type=int, help="Number of racks (nodes split evenly).")
@click.option("--topology", type=click.Path(path_type=Path, dir_okay=False),
              help="Hadoop TableMapping file: 'host rack' per line.")
@click.option("--nodes-file", type=click.Path(path_type=Path, dir_okay=False),
              help="Include file: one host per line (yarn.resourcemanager.nodes.include-path).")
@click.option("--heartbeat-ms", type=click.IntRange(min=1),
              help="NodeManager heartbeat interval (default: yarn-site.xml, else 1000).")
@click.option("--yarn-site", type=click.Path(path_type=Path, dir_okay=False),
              help="yarn-site.xml loaded under each file (heartbeat interval, shadowed keys).")
@click.option("--hadoop-version", default=DEFAULT_HADOOP_VERSION, show_default=True,
              help="Hadoop release the configuration is for.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="Report format.")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file; the terminal gets the text summary.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="warning",
              show_default=True, help="Exit 1 when a finding is at or above this severity.")
@click.option("--select", multiple=True, help="Run only these rules (ids or names).")
@click.option("--ignore", multiple=True, help="Skip these rules (ids or names).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (input errors: 2).")
def check(paths: tuple[Path, ...], nodes: int | None, racks: int | None,
          topology: Path | None, nodes_file: Path | None, heartbeat_ms: int | None,
          yarn_site: Path | None, hadoop_version: str, fmt: str, output: Path | None,
          fail_on: str, select: tuple[str, ...], ignore: tuple[str, ...],
          exit_zero: bool) -> None:
    """Lint capacity-scheduler.xml files against the cluster they run on."""
    if racks is not None and nodes is None:
        raise click.UsageError("--racks needs --nodes")
    options = LintOptions(
        cluster=ClusterSpec(nodes, racks, topology, nodes_file, heartbeat_ms),
        yarn_site=yarn_site, hadoop_version=hadoop_version,
        select=_refs(select) or None, ignore=_refs(ignore))
    try:
        report = Linter().lint(list(paths), options)
    except RuleError as exc:
        raise click.UsageError(str(exc)) from None
    for error in report.errors:
        click.echo(f"yarnlint: error: {error}", err=True)
    context = RenderContext(fail_on=fail_on)
    text = renderer(fmt)(report, context)
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise click.UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
        click.echo(renderer("text")(report, context), nl=False)
    else:
        click.echo(text, nl=False)
    code = report.exit_code(Severity.parse(fail_on))
    raise SystemExit(0 if exit_zero and code == 1 else code)
