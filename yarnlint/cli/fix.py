"""``yarnlint fix``: apply the findings' suggested values to the files, byte for byte.

Each file is linted with the same settings as ``check``; the fixes of its reported findings
(all, or those of ``--rule``) are applied as byte edits of the ``<value>`` text, or as a new
``<property>`` when the key is absent, so every other byte stays as it was. A suggestion can
depend on another setting (the additional delay's sweep runs with the node delay in force),
so the file is linted again after each round of edits, up to :data:`MAX_ROUNDS` rounds.
"""

from __future__ import annotations

import difflib
import tempfile
from pathlib import Path
from typing import Any

import click

from yarnlint import suppressions
from yarnlint.api import FileResult, Linter, LintOptions
from yarnlint.cli.check import fail, file_settings, flag_values, lint_flags, split_rule_refs
from yarnlint.config.known_keys import PREFIX
from yarnlint.fixes import FixError, apply, file_encoding, plan
from yarnlint.report.text_format import finding_line
from yarnlint.rules import RuleError, find_rule
from yarnlint.settings import ConfigFinder, SettingsError, fail_on

MAX_ROUNDS = 3
EXIT_CODES = """\b
Exit codes:
  0  nothing to fix, or everything fixed (or, with --diff, fixable)
  1  findings at or above --fail-on remain that have no fix (or whose rule --rule left out)
  2  usage or input error (missing file, bad flag, malformed config file)"""


def _lint(linter: Linter, path: Path, display: str, options: LintOptions) -> FileResult:
    """One file's reported findings (inline suppressions applied)."""
    result = linter.lint_file(path, options, display)
    suppressions.apply(result, path, linter.rules, options)
    return result


def fix_bytes(linter: Linter, path: Path, options: LintOptions, rules: frozenset[str] | None,
              write: bool) -> tuple[bytes, bytes, FileResult]:
    """The file's bytes before and after fixing, and the findings left; with ``write`` the
    file is rewritten after each round, else later rounds lint a copy elsewhere."""
    original = current = path.read_bytes()
    display = str(path)
    result = _lint(linter, path, display, options)
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / path.name
        for _ in range(MAX_ROUNDS):
            chosen = [f.fix for f in result.findings
                      if f.fix is not None and (rules is None or f.rule_id in rules)]
            if result.error or not chosen:
                break
            changed = apply(current, plan(current, chosen, PREFIX))
            if changed == current:
                break
            current = changed
            target = path if write else copy
            target.write_bytes(current)
            result = _lint(linter, target, display, options)
    return original, current, result


def _diff(path: Path, before: bytes, after: bytes) -> str:
    encoding = file_encoding(before)
    lines = difflib.unified_diff(
        before.decode(encoding, errors="replace").splitlines(keepends=True),
        after.decode(encoding, errors="replace").splitlines(keepends=True),
        *((path.as_posix(),) * 2 if path.is_absolute()
          else (f"a/{path.as_posix()}", f"b/{path.as_posix()}")))
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


@click.command(epilog=EXIT_CODES)
@lint_flags
@click.option("--rule", "rule_refs", multiple=True,
              help="Apply only the fixes of these rules (ids or names; repeatable).")
@click.option("--diff", is_flag=True,
              help="Print a unified diff of the fixes instead of writing the files.")
def fix(paths: tuple[Path, ...], config: Path | None, rule_refs: tuple[str, ...], diff: bool,
        **flags: Any) -> None:
    """Apply the suggested values of the findings to capacity-scheduler.xml files.

    Only the edited values change: comments, whitespace, attribute order, the encoding
    declaration and line endings stay byte for byte. `yarnlint check` never writes.
    """
    cli_values = flag_values(flags)
    try:
        linter = Linter()
    except RuleError as exc:
        raise click.UsageError(str(exc)) from None
    rules = None
    if rule_refs:
        found_rules = {ref: find_rule(linter.rules, ref) for ref in split_rule_refs(rule_refs)}
        unknown = [ref for ref, rule in found_rules.items() if rule is None]
        if unknown:
            raise click.UsageError(f"unknown rule {unknown[0]!r} ('yarnlint rules' lists them)")
        rules = frozenset(rule.id for rule in found_rules.values() if rule is not None)
    finder = ConfigFinder(config)
    code = 0
    for path in paths:
        try:
            values, options = file_settings(finder, path, cli_values, linter)
            before, after, result = fix_bytes(linter, path, options, rules, write=not diff)
        except SettingsError as exc:
            fail(str(exc))
        except OSError as exc:
            fail(f"{path}: {exc.strerror or exc}")
        except FixError as exc:
            fail(f"{path}: {exc}")
        if result.error:
            click.echo(f"yarnlint: error: {result.error}", err=True)
            code = 2
            continue
        if diff:
            click.echo(_diff(path, before, after), nl=False)
        elif after != before:
            click.echo(f"yarnlint: fixed {path}", err=True)
        threshold = fail_on(values)
        for finding in result.findings:
            if finding.severity >= threshold:
                click.echo(f"remains: {finding_line(finding)}", err=True)
                code = max(code, 1)
    raise SystemExit(code)
