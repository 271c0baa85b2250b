"""Inline suppressions written as XML comments, applied to a file's findings after the rules ran.

``<!-- yarnlint: disable=YL101,structure.unknown-key; reason: ... -->`` inside a
``<property>``, or just before one, silences those rules for that property;
``<!-- yarnlint: disable-file=YL203 -->`` anywhere silences them for the whole file. A
directive that silences nothing, names an unknown rule or cannot be read is reported as
``YL008`` (info).
"""

from __future__ import annotations

import re

from yarnlint.config.xmlload import LoadedFile
from yarnlint.core.findings import IN_SOURCE, Finding, Location, Problem, Suppressed
from yarnlint.pipeline.options import LintOptions, rule_enabled, stamp
from yarnlint.pipeline.own_findings import UNUSED_SUPPRESSION
from yarnlint.pipeline.results import FileResult
from yarnlint.pipeline.settings import normalize_ref
from yarnlint.rules import Rule, find_rule

_DIRECTIVE = re.compile(r"\s*yarnlint\s*:(?P<body>.*)\Z", re.S)
_BODY = (r"(?si)\s*(?P<verb>[\w-]+)\s*(?:=(?P<refs>[^;]*))?(?:;\s*(?:reason\s*:)?"
         r"(?P<reason>.*))?\Z")
_VERBS = {"disable": False, "disable-file": True, "file-disable": True}
"""Directive verb -> whether it covers the whole file."""


class Directive:
    """One ``yarnlint:`` comment and the ``<property>`` it applies to."""

    __slots__ = ("error", "file_wide", "key", "line", "reason", "refs", "target", "used")

    def __init__(self, line: int, file_wide: bool = False, refs: tuple[str, ...] = (),
                 reason: str = "", error: str | None = None) -> None:
        self.line = line
        self.file_wide = file_wide
        self.refs = refs
        self.reason = reason
        self.error = error
        self.target: int | None = None
        """Line of the ``<property>`` it silences (None: file-wide, or it applies to none)."""
        self.key: str | None = None
        self.used: set[str] = set()

    def silences(self, finding: Finding, main_file: str) -> str | None:
        """The ref of this directive that silences ``finding``, if any."""
        if self.error is not None:
            return None
        if not self.file_wide:
            loc = finding.location
            if self.target is None or loc is None or (loc.file, loc.line) != (main_file,
                                                                                self.target):
                return None
        return next((ref for ref in self.refs
                     if ref in (finding.rule_id, finding.rule_name)), None)


def parse_directive(text: str, line: int) -> Directive | None:
    """The directive a comment holds; None when the comment is not a ``yarnlint:`` one."""
    head = _DIRECTIVE.match(text)
    if head is None:
        return None
    body = re.match(_BODY, head.group("body"))
    verb = body.group("verb").lower() if body else ""
    if body is None or verb not in _VERBS:
        return Directive(line, error=f"not a directive: {text.strip()!r} (use disable=ID,... "
                                     "or disable-file=ID,...)")
    refs = tuple(normalize_ref(part) for part in (body.group("refs") or "").split(",")
                 if part.strip())
    if not refs:
        return Directive(line, error=f"{verb} names no rule (write {verb}=YL101,...)")
    return Directive(line, file_wide=_VERBS[verb], refs=refs,
                     reason=(body.group("reason") or "").strip())


def read_directives(loaded: LoadedFile) -> list[Directive]:
    """Every ``yarnlint:`` comment the loader met in the file, in document order."""
    directives = []
    for comment in loaded.comments:
        directive = parse_directive(comment.text, comment.line)
        if directive is None:
            continue
        if not directive.file_wide and comment.property_line is not None:
            directive.target, directive.key = comment.property_line, comment.property_name
        directives.append(directive)
    return directives


def _silencer(directives: list[Directive], finding: Finding, main_file: str
              ) -> Directive | None:
    """The first directive silencing ``finding``, marked as used."""
    for directive in directives:
        ref = directive.silences(finding, main_file)
        if ref is not None:
            directive.used.add(ref)
            return directive
    return None


def _ran(rule: Rule, result: FileResult, options: LintOptions) -> bool:
    """Whether ``rule`` ran on the file, so that a suppression of it can be judged unused."""
    return rule_enabled(rule, options) and not (rule.needs_cluster and result.cluster is None)


def _problems(directives: list[Directive], rules: dict[str, Rule], result: FileResult,
              options: LintOptions) -> list[Problem]:
    """What is wrong with the directives: unreadable, misplaced, unknown or unused refs."""
    problems = []
    for directive in directives:
        where = Location(result.path, directive.line, 1)
        if directive.error is not None:
            problems.append(Problem(f"suppression comment not understood: {directive.error}",
                                    where))
            continue
        if not directive.file_wide and directive.target is None:
            problems.append(Problem(
                f"suppression of {', '.join(directive.refs)} is neither inside nor just before "
                "a <property>, so it silences nothing", where))
            continue
        scope = f"on {directive.key}" if directive.key else "in this file"
        for ref in directive.refs:
            rule = find_rule(rules, ref)
            if rule is None:
                problems.append(Problem(f"suppression names unknown rule {ref!r}", where,
                                        key=directive.key))
            elif (ref not in directive.used and rule.id != UNUSED_SUPPRESSION.id
                  and _ran(rule, result, options)):
                problems.append(Problem(f"unused suppression: {ref} reported nothing {scope}",
                                        where, key=directive.key))
    return problems


def apply(result: FileResult, loaded: LoadedFile, rules: dict[str, Rule],
          options: LintOptions) -> None:
    """Move the findings the comments of the file (loaded as ``loaded``) silence from
    ``result.findings`` to ``result.suppressed``; add ``YL008`` ones."""
    directives = read_directives(loaded)
    if not directives:
        return
    kept: list[Finding] = []
    silenced: list[Suppressed] = []

    def sort_out(findings: list[Finding]) -> None:
        for finding in findings:
            directive = _silencer(directives, finding, result.path)
            if directive is None:
                kept.append(finding)
            else:
                silenced.append(Suppressed(finding, IN_SOURCE, directive.reason))

    sort_out(result.findings)
    if rule_enabled(UNUSED_SUPPRESSION, options):
        sort_out([stamp(UNUSED_SUPPRESSION, problem, options)
                  for problem in _problems(directives, rules, result, options)])
    result.findings = kept
    result.suppressed += silenced
