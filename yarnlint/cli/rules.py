"""``yarnlint rules`` and ``yarnlint explain``: what the installed rules check."""

from __future__ import annotations

import click

from yarnlint.rules import RuleError, discover, find_rule


def _rules() -> dict:
    try:
        return discover()
    except RuleError as exc:
        raise click.UsageError(str(exc)) from None


@click.command("rules")
def rules_command() -> None:
    """List the installed rules: id, default severity, name, summary."""
    for rule in _rules().values():
        cluster = " [needs cluster]" if rule.needs_cluster else ""
        click.echo(f"{rule.id}  {rule.severity!s:7}  {rule.name}{cluster}\n"
                   f"        {rule.summary}")


@click.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Print the documentation of RULE (an id such as YL003, or a name)."""
    found = find_rule(_rules(), rule)
    if found is None:
        raise click.UsageError(f"no rule {rule!r}; 'yarnlint rules' lists them")
    click.echo(f"{found.id} {found.name} (default severity: {found.severity})\n")
    click.echo(f"{found.summary}\n\n{found.explanation}")
    if found.options:
        click.echo("\nOptions: " + ", ".join(f"{k} = {v!r}" for k, v in found.options.items()))
    click.echo(f"\nDocs: {found.help_uri}")
