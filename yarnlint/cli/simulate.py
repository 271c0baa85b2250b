"""``yarnlint simulate``: run a scenario file, or a quick what-if, through the simulator."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from yarnlint.sim import ScenarioError, build_scenario, format_trace, run_scenario
from yarnlint.sim.generate import REQUEST_SYNTAX


def _fail(message: str) -> NoReturn:
    """One line on stderr, exit 2."""
    click.echo(f"yarnlint simulate: {message}", err=True)
    raise SystemExit(2)


def _load(path: Path) -> Any:
    """The decoded JSON of ``path`` ('-' reads standard input)."""
    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        _fail(f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")


def _settings(pairs: tuple[str, ...]) -> dict[str, str]:
    settings = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip():
            raise click.BadParameter(f"expected KEY=VALUE, got {pair!r}", param_hint="--set")
        settings[name.strip()] = value
    return settings


@click.command(epilog=f"Requests (--request):\n\n{REQUEST_SYNTAX}")
@click.argument("scenario", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: one line per decision; json: yarnlint-simulation/1.")
@click.option("--nodes", type=click.IntRange(min=1),
              help="Generator form: number of nodes (node1..nodeN).")
@click.option("--racks", type=click.IntRange(min=1), default=1, show_default=True,
              help="Generator form: racks, in consecutive blocks of nodes.")
@click.option("--request", "requests", multiple=True, metavar="REQUEST",
              help="Generator form: an ask, e.g. 'rack:/rack1 x3' (repeatable; see below).")
@click.option("--set", "settings", multiple=True, metavar="KEY=VALUE",
              help="Generator form: a scheduler key without the yarn.scheduler.capacity. "
                   "prefix, e.g. node-locality-delay=5 (repeatable).")
@click.option("--heartbeats", type=click.IntRange(min=0), default=1, show_default=True,
              help="Generator form: heartbeat rounds over all nodes.")
@click.option("--memory-mb", type=click.IntRange(min=0), default=8192, show_default=True,
              help="Generator form: memory of each node.")
@click.option("--vcores", type=click.IntRange(min=0), default=8, show_default=True,
              help="Generator form: vcores of each node.")
@click.option("--container-mb", type=click.IntRange(min=0), default=1024, show_default=True,
              help="Generator form: memory of each requested container.")
@click.option("--max-attempts", type=click.IntRange(min=1),
              help="Stop after this many node attempts (default: the scenario's limit).")
@click.option("--print-scenario", is_flag=True,
              help="Print the scenario as JSON instead of running it.")
def simulate(scenario: Path | None, fmt: str, nodes: int | None, racks: int,
             requests: tuple[str, ...], settings: tuple[str, ...], heartbeats: int,
             memory_mb: int, vcores: int, container_mb: int, max_attempts: int | None,
             print_scenario: bool) -> None:
    """Run SCENARIO (a yarnlint-scenario/1 JSON file, '-' for stdin) through the simulator.

    Without SCENARIO, --nodes and --request build one, for example:
    yarnlint simulate --nodes 400 --racks 10 --request 'rack:/rack1 x3'
    --set node-locality-delay=5 --heartbeats 2
    """
    if (scenario is None) == (nodes is None):
        raise click.UsageError("give either a SCENARIO file or --nodes with --request")
    source = str(scenario) if scenario is not None else "arguments"
    try:
        if scenario is not None:
            data = _load(scenario)
        else:
            assert nodes is not None
            data = build_scenario(nodes=nodes, racks=racks, requests=list(requests),
                                  settings=_settings(settings), heartbeats=heartbeats,
                                  memory_mb=memory_mb, vcores=vcores,
                                  container_mb=container_mb)
        if print_scenario:
            click.echo(json.dumps(data, indent=1))
            return
        result = run_scenario(data, trace=True, max_attempts=max_attempts)
    except ScenarioError as exc:
        _fail(f"{source}: {str(exc).splitlines()[0]}")
    if fmt == "json":
        click.echo(json.dumps(result, indent=1))
    else:
        click.echo(format_trace(result), nl=False)
