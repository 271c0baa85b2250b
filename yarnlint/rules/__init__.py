"""Rule registry: the built-in rules (:data:`yarnlint.rules.builtin.BUILTIN_RULES`) and the
modules other distributions register in the ``yarnlint.rules`` entry-point group.

A rule module's docstring is its documentation (first line: the summary); it defines
``ID``, ``NAME``, ``SEVERITY`` (``error``/``warning``/``info``), ``OPTIONS`` (option name ->
default), optionally ``NEEDS_CLUSTER = True``, and ``check(model, cluster, options)``
yielding :class:`yarnlint.findings.Problem`.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from yarnlint.findings import Problem, Severity

DOCS_BASE = "https://github.com/yarnlint/yarnlint/blob/main/docs/rules.md"
_RULE_ID = re.compile(r"[A-Z]{2,}[0-9]{3}\Z")

CheckFunction = Callable[[Any, Any, dict[str, Any]], Iterable[Problem]]


class RuleError(Exception):
    """A rule module that does not have the shape the registry needs."""


@dataclass(frozen=True)
class Rule:
    """One loaded rule."""

    id: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    check: CheckFunction | None = field(default=None, repr=False)
    """None: a finding the lint pipeline reports itself (:mod:`yarnlint.pipeline.own_findings`)."""
    options: dict[str, Any] = field(default_factory=dict)
    needs_cluster: bool = False
    origin: str = ""

    @property
    def help_uri(self) -> str:
        """Where the rule's documentation lives."""
        return f"{DOCS_BASE}#{self.id.lower()}"

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        """Read a rule from a module in the documented shape."""
        doc = (module.__doc__ or "").strip()
        try:
            rule_id, name = module.ID, module.NAME
            severity = Severity.parse(module.SEVERITY)
            check = module.check
        except (AttributeError, ValueError) as exc:
            raise RuleError(f"rule module {module.__name__}: {exc}") from None
        if not _RULE_ID.match(rule_id):
            raise RuleError(f"rule module {module.__name__}: bad id {rule_id!r}")
        summary, _, explanation = doc.partition("\n")
        return cls(
            id=rule_id, name=name, severity=severity, summary=summary.strip(),
            explanation=explanation.strip(), check=check,
            options=dict(getattr(module, "OPTIONS", {})),
            needs_cluster=bool(getattr(module, "NEEDS_CLUSTER", False)),
            origin=module.__name__,
        )


def _load(name: str, value: str) -> ModuleType:
    """The module (or module attribute) an entry point names; a failure is a RuleError."""
    module_name, _, attribute = value.partition(":")
    try:
        loaded = importlib.import_module(module_name.strip())
        for part in filter(None, attribute.strip().split(".")):
            loaded = getattr(loaded, part)
    except Exception as exc:  # a plugin failing to import must not crash the linter
        raise RuleError(f"rule plugin {name} ({value}) failed to load: {exc}") from None
    return loaded


def discover() -> dict[str, Rule]:
    """Every installed rule, by id, in id order. A broken plugin raises :class:`RuleError`."""
    from yarnlint.rules import plugins
    from yarnlint.rules.builtin import BUILTIN_RULES

    rules: dict[str, Rule] = {}
    builtin = set(BUILTIN_RULES.values())
    points = [*BUILTIN_RULES.items(),
              *((name, value) for name, value in plugins.entry_points() if value not in builtin)]
    for name, value in points:
        rule = Rule.from_module(_load(name, value))
        if rule.id in rules and rules[rule.id].origin != rule.origin:
            raise RuleError(f"rule id {rule.id} is defined by both {rules[rule.id].origin} "
                            f"and {rule.origin}")
        rules[rule.id] = rule
    return dict(sorted(rules.items()))


def find_rule(rules: dict[str, Rule], ref: str) -> Rule | None:
    """A rule by id (any case) or by name."""
    upper = ref.strip().upper()
    if upper in rules:
        return rules[upper]
    return next((r for r in rules.values() if r.name == ref.strip()), None)
