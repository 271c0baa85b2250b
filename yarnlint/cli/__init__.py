"""The ``yarnlint`` command: a click group whose subcommands are imported only when run."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from yarnlint import __version__

COMMANDS = {
    "check": ("yarnlint.cli.check", "check", "Lint capacity-scheduler.xml files."),
    "simulate": ("yarnlint.cli.simulate", "simulate",
                 "Run the scheduler simulator on a scenario and print its trace."),
    "fix": ("yarnlint.cli.fix", "fix", "Apply the suggested values to configuration files."),
    "queues": ("yarnlint.cli.queues", "queues",
               "Print the effective queue tree: capacities, limits, AM limits, ACLs."),
    "rules": ("yarnlint.cli.rules", "rules_command", "List the installed rules."),
    "explain": ("yarnlint.cli.rules", "explain", "Print the documentation of a rule."),
}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module_name, attribute, _ = entry
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_text) for name, (_, _, help_text) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="yarnlint")
def cli() -> None:
    """Lint YARN CapacityScheduler configuration against the cluster it runs on."""


def main(argv: list[str] | None = None) -> Any:
    """Console entry point: click's exit codes, and never a traceback."""
    try:
        return cli.main(args=argv, prog_name="yarnlint")
    except Exception as exc:  # the last line of defence: report, exit 2
        click.echo(f"yarnlint: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(2)
