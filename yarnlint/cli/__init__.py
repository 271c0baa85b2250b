"""The ``yarnlint`` command: a click group whose subcommands are imported only when run."""

from __future__ import annotations

import errno
import gc
import importlib
import os
import sys
from typing import Any

import click

from yarnlint import __version__

COMMANDS = {
    "check": ("yarnlint.cli.check", "check", "Lint capacity-scheduler.xml files."),
    "simulate": ("yarnlint.cli.simulate", "simulate",
                 "Run the scheduler simulator on a scenario and print its trace."),
    "diff": ("yarnlint.cli.diff", "diff",
             "Show what a change does: OLD vs NEW simulated, new and fixed findings."),
    "fix": ("yarnlint.cli.fix", "fix", "Apply the suggested values to configuration files."),
    "queues": ("yarnlint.cli.queues", "queues",
               "Print the effective queue tree: capacities, limits, AM limits, ACLs."),
    "rules": ("yarnlint.cli.rules", "rules_command", "List the installed rules."),
    "explain": ("yarnlint.cli.rules", "explain", "Print the documentation of a rule."),
}


GC_THRESHOLDS = (20_000, 20, 20)
"""Collector thresholds for one run. A big file makes millions of objects that live until the
report is out; with Python's defaults (700, 10, 10) the collector walks them all again and
again (half a second of five on 20,000 queues). Reference counting still frees what is not
in a cycle, and cycles are still collected, only less often."""


class OutputClosed(click.ClickException):
    """Standard output is closed or cannot be written: the report is lost, exit 2."""

    exit_code = 2

    def __init__(self, why: str = "it is closed") -> None:
        super().__init__(f"cannot write the report to standard output ({why})")

    def show(self, file: Any = None) -> None:
        click.echo(f"yarnlint: error: {self.format_message()}", err=True)


def emit(text: str, nl: bool = True) -> None:
    """Write ``text`` to standard output now; OutputClosed when it cannot take it."""
    try:
        click.echo(text, nl=nl)
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError) as exc:
        _lose_stdout()
        raise OutputClosed(getattr(exc, "strerror", None) or str(exc)) from None


def _lose_stdout() -> None:
    """Point standard output at nothing, so that the exit does not fail on it again."""
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (lives until the exit)


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand runs."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand; a closed standard output is an error (exit 2), never a
        silently lost report."""
        if sys.stdout is None:
            raise OutputClosed()
        try:
            return super().invoke(ctx)
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise
            _lose_stdout()
            raise OutputClosed(exc.strerror or "broken pipe") from None

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


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="yarnlint")
def cli() -> None:
    """Lint YARN CapacityScheduler configuration against the cluster it runs on."""


def main(argv: list[str] | None = None) -> Any:
    """Run the command line: click's exit codes, and never a traceback."""
    try:
        return cli.main(args=argv, prog_name="yarnlint")
    except Exception as exc:  # the last line of defence: report, exit 2
        click.echo(f"yarnlint: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(2)


def console() -> Any:
    """The ``yarnlint`` program: :func:`main`, then the process ends without collecting its
    garbage (``gc.freeze``): the interpreter's last collection at exit walks every object
    the run made and costs a short ``check`` about a tenth of its time. Buffered output is
    still flushed, and nothing yarnlint writes is left open. The collector runs less often
    meanwhile (:data:`GC_THRESHOLDS`)."""
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        return main()
    finally:
        gc.freeze()
