"""``yarnlint fix``: apply the findings' suggested values to the files, byte for byte.

Each file is read once and linted with the same settings as ``check``; the fixes of its
reported findings (all, or those of ``--rule``) become edits of the ``<value>`` YARN reads,
or a new ``<property>`` when the key is absent, so every other byte stays as it was. A fix
YARN would not honour (included file, final key, shadowed definition) is refused and said
so. A suggestion can depend on another setting (the additional delay's sweep runs with the
node delay in force), so the edited bytes are linted again, up to :data:`MAX_ROUNDS` rounds.
The result is written atomically (temporary file, fsync, re-read and checked, rename), and
not at all when the file changed since it was read or is read-only (unless ``--force``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from yarnlint.cli import emit
from yarnlint.cli.check import fail, flag_values, lint_flags, linter, split_rule_refs
from yarnlint.config.edits import Document, FixError, apply, file_encoding, plan_each, verify
from yarnlint.config.files import FileStamp, WriteError, read_input, write_atomically
from yarnlint.config.known_keys import PREFIX
from yarnlint.config.xmlload import LoadedFile, PropertyDef, load_xml
from yarnlint.core.findings import InputError, ValueFix
from yarnlint.pipeline.discovery import NothingToLint, find_configs
from yarnlint.pipeline.linter import Linter
from yarnlint.pipeline.options import LintOptions
from yarnlint.pipeline.results import FileResult
from yarnlint.pipeline.settings import SettingsError
from yarnlint.report.text_format import finding_line
from yarnlint.rules import find_rule

MAX_ROUNDS = 3
EXIT_CODES = """\b
Exit codes:
  0  nothing to fix, or everything fixed (or, with --diff, fixable)
  1  findings at or above --fail-on remain that have no fix (or whose rule --rule left out,
     or whose fix YARN would not honour)
  2  usage or input error (missing file, bad flag, malformed config file, a file that
     could not be written)"""


@dataclass
class FixedFile:
    """One file before and after fixing, the findings left, and the fixes refused."""

    before: bytes
    after: bytes
    stamp: FileStamp
    result: FileResult
    changes: dict[str, str] = field(default_factory=dict)
    refused: list[tuple[ValueFix, str]] = field(default_factory=list)
    original: LoadedFile | None = None
    """``before`` as loaded (None: it could not be)."""


def _underneath(options: LintOptions) -> list[PropertyDef]:
    """The definitions of the yarn-site loaded under each file (none without one)."""
    if options.yarn_site is None:
        return []
    site = options.yarn_site
    return load_xml(site, str(site), read_input(site, "yarn-site file").data).properties


def _load(path: Path, data: bytes) -> LoadedFile | None:
    """The file loaded for its lint and its edits; None when it cannot be (the lint then
    reports why, as for ``check``)."""
    try:
        return load_xml(path, str(path), data)
    except Exception:  # InputError or a failure the lint turns into a finding
        return None


def fix_file(linter: Linter, path: Path, options: LintOptions,
             rules: frozenset[str] | None) -> FixedFile:
    """Rounds of fixes on the file's bytes, read once; nothing is written here. Each version
    of the bytes is loaded once, for its lint, its edits and the check of those."""
    source = read_input(path, "file")
    underneath = _underneath(options)
    loaded = _load(path, source.data)
    fixed = FixedFile(source.data, source.data, source.stamp,
                      linter.lint_file(path, options, str(path), source.data, loaded),
                      original=loaded)
    refused_keys: set[str] = set()
    for _ in range(MAX_ROUNDS):
        chosen = [f.fix for f in fixed.result.findings
                  if f.fix is not None and (rules is None or f.rule_id in rules)
                  and f.fix.key not in refused_keys]
        if fixed.result.error or not chosen or loaded is None:
            break
        document = Document.of(fixed.after, loaded)
        edits, refused = plan_each(document, chosen, PREFIX, underneath)
        fixed.refused += refused
        refused_keys.update(fix.key for fix, _ in refused)
        changed = apply(fixed.after, edits)
        if changed == fixed.after:
            break
        planned = {fix.key: fix.value for fix in chosen if fix.key not in refused_keys}
        loaded = load_xml(path, str(path), changed)
        problem = verify(document.loaded, loaded, planned, underneath)
        if problem is not None:
            raise FixError(problem)
        fixed.changes.update(planned)
        fixed.after = changed
        fixed.result = linter.lint_file(path, options, str(path), changed, loaded)
    return fixed


def write_fixed(path: Path, fixed: FixedFile, options: LintOptions, force: bool) -> None:
    """Write the fixed bytes atomically, after checking the written copy reads back as the
    original plus the changes (WriteError when anything is off: the file is unchanged)."""
    underneath = _underneath(options)
    original = fixed.original or load_xml(path, str(path), fixed.before)

    def check_written(temp: Path) -> str | None:
        return verify(original, load_xml(temp, str(path)), fixed.changes, underneath)

    write_atomically(path, fixed.after, expected=fixed.stamp, force=force,
                     verify=check_written)


def _diff(path: Path, before: bytes, after: bytes) -> str:
    encoding = file_encoding(before)
    lines = difflib.unified_diff(
        before.decode(encoding, errors="replace").splitlines(keepends=True),
        after.decode(encoding, errors="replace").splitlines(keepends=True),
        *((path.as_posix(),) * 2 if path.is_absolute()
          else (f"a/{path.as_posix()}", f"b/{path.as_posix()}")))
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _rules(linter: Linter, rule_refs: tuple[str, ...]) -> frozenset[str] | None:
    """The rule ids ``--rule`` names (None: every rule)."""
    if not rule_refs:
        return None
    found_rules = {ref: find_rule(linter.rules, ref) for ref in split_rule_refs(rule_refs)}
    unknown = [ref for ref, rule in found_rules.items() if rule is None]
    if unknown:
        raise click.UsageError(f"unknown rule {unknown[0]!r} ('yarnlint rules' lists them)")
    return frozenset(rule.id for rule in found_rules.values() if rule is not None)


@click.command(epilog=EXIT_CODES)
@lint_flags
@click.option("--rule", "rule_refs", multiple=True,
              help="Apply only the fixes of these rules (ids or names; repeatable).")
@click.option("--diff", is_flag=True,
              help="Print a unified diff of the fixes instead of writing the files.")
@click.option("--force", is_flag=True, help="Write files even when they are read-only.")
def fix(paths: tuple[Path, ...], config: Path | None, rule_refs: tuple[str, ...], diff: bool,
        force: bool, **flags: Any) -> None:
    """Apply the suggested values of the findings to capacity-scheduler.xml files.

    PATHS are files, or directories searched recursively for capacity-scheduler*.xml
    (default: the current directory), as for `yarnlint check`.

    Only the edited values change: comments, whitespace, attribute order, the encoding
    declaration and line endings stay byte for byte. `yarnlint check` never writes.
    """
    try:
        paths = tuple(find_configs(paths))
    except NothingToLint as exc:
        fail(str(exc))
    pipeline = linter(config, flag_values(flags), place_fixes=False)
    rules = _rules(pipeline, rule_refs)
    code = 0
    for path in paths:
        try:
            settings = pipeline.settings_for(path)
        except SettingsError as exc:
            fail(str(exc))
        options = settings.options
        try:
            fixed = fix_file(pipeline, path, options, rules)
            if fixed.result.error is None and not diff and fixed.after != fixed.before:
                write_fixed(path, fixed, options, force)
        except (InputError, FixError, WriteError) as exc:
            click.echo(f"yarnlint: error: {path}: {exc}" if isinstance(exc, FixError)
                       else f"yarnlint: error: {exc}", err=True)
            code = 2
            continue
        if fixed.result.error:
            click.echo(f"yarnlint: error: {fixed.result.error}", err=True)
            code = 2
            continue
        for refused, reason in fixed.refused:
            click.echo(f"yarnlint: not fixed: {refused.key}: {reason}", err=True)
        if diff:
            emit(_diff(path, fixed.before, fixed.after), nl=False)
        elif fixed.after != fixed.before:
            click.echo(f"yarnlint: fixed {path}", err=True)
        threshold = settings.fail_on
        remaining = [f"remains: {finding_line(finding)}\n" for finding in fixed.result.findings
                     if finding.severity >= threshold]
        if remaining:
            click.echo("".join(remaining), err=True, nl=False)
            code = max(code, 1)
    for note in pipeline.finder.notes:
        click.echo(f"yarnlint: {note}", err=True)
    raise SystemExit(code)
