"""Rule registry: the built-in rules (:data:`yarnlint.rules.builtin.BUILTIN_RULES`) and the
modules other distributions register in the ``yarnlint.rules`` entry-point group.

A rule module's docstring is its documentation (first line: the summary); it defines
``ID``, ``NAME``, ``SEVERITY`` (``error``/``warning``/``info``), ``OPTIONS`` (a tuple of
:class:`Option`), optionally ``NEEDS_CLUSTER = True``, and ``check(ctx)`` taking a
:class:`RuleContext` and yielding :class:`yarnlint.findings.Problem`.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

from yarnlint.core.options import Option, OptionError
from yarnlint.core.records import Record
from yarnlint.findings import Problem, Severity

if TYPE_CHECKING:
    from yarnlint.model.cluster import Cluster
    from yarnlint.model.scheduler import SchedulerModel
    from yarnlint.rules.builtin import BuiltinRule

__all__ = ["Option", "Problem", "Rule", "RuleContext", "RuleError", "discover", "find_rule"]

DOCS_BASE = "https://github.com/yarnlint/yarnlint/blob/main/docs/rules.md"
_RULE_ID = re.compile(r"[A-Z]{2,}[0-9]{3}\Z")

T = TypeVar("T")


class RuleError(Exception):
    """A rule module that does not have the shape the registry needs."""


class RuleContext:
    """What a rule's ``check`` is given: the model of the file, the cluster (when one was
    described) and the values of the rule's options."""

    __slots__ = ("cluster_or_none", "model", "options")

    def __init__(self, model: SchedulerModel, cluster: Cluster | None,
                 options: Mapping[str, Any]) -> None:
        self.model = model
        self.cluster_or_none = cluster
        """The cluster, None when no size was given (rules without ``NEEDS_CLUSTER``)."""
        self.options = options
        """Every declared option's value, by name (see :meth:`option`)."""

    @property
    def cluster(self) -> Cluster:
        """The cluster: rules with ``NEEDS_CLUSTER = True`` only run when there is one."""
        if self.cluster_or_none is None:
            raise RuleError("no cluster: a rule reading it must set NEEDS_CLUSTER = True")
        return self.cluster_or_none

    def option(self, option: Option[T]) -> T:
        """The value of one of the rule's declared options, typed as declared."""
        value: T = self.options[option.name]
        return value


CheckFunction = Callable[[RuleContext], Iterable[Problem]]


class RuleDetails(Record):
    """What a rule's module says beyond its id, name and need of a cluster."""

    __slots__ = ("check", "explanation", "options", "severity", "summary")
    COMPARED = ("severity", "summary", "explanation", "check", "options")

    def __init__(self, severity: Severity, summary: str, explanation: str,
                 check: CheckFunction | None, options: tuple[Option[Any], ...]) -> None:
        self.severity = severity
        self.summary = summary
        self.explanation = explanation
        self.check = check
        self.options = options


class Rule:
    """One rule. A built-in rule is listed before its module is imported (see
    :meth:`deferred`): the import happens the first time its severity, documentation, check
    or options are read, so a run without a cluster never imports the simulation rules."""

    __slots__ = ("_details", "id", "name", "needs_cluster", "origin")

    def __init__(self, id: str, name: str, severity: Severity, summary: str,
                 explanation: str, check: CheckFunction | None = None,
                 options: tuple[Option[Any], ...] = (), needs_cluster: bool = False,
                 origin: str = "") -> None:
        self.id = id
        self.name = name
        self.needs_cluster = needs_cluster
        self.origin = origin
        """The module that defines it."""
        self._details: RuleDetails | None = RuleDetails(severity, summary, explanation, check,
                                                        options)

    @classmethod
    def deferred(cls, builtin: BuiltinRule) -> Rule:
        """A built-in rule whose module is imported when first needed."""
        rule = cls.__new__(cls)
        rule.id, rule.name = builtin.id, builtin.name
        rule.needs_cluster, rule.origin = builtin.needs_cluster, builtin.module
        rule._details = None
        return rule

    @property
    def details(self) -> RuleDetails:
        """Severity, documentation, check and options, from the module."""
        if self._details is None:
            loaded = Rule.from_module(_load(self.id, self.origin))
            listed = (self.id, self.name, self.needs_cluster)
            if (loaded.id, loaded.name, loaded.needs_cluster) != listed:
                raise RuleError(f"rule module {self.origin} does not match its entry "
                                f"{listed} in yarnlint.rules.builtin")
            self._details = loaded.details
        return self._details

    @property
    def severity(self) -> Severity:
        return self.details.severity

    @property
    def summary(self) -> str:
        return self.details.summary

    @property
    def explanation(self) -> str:
        return self.details.explanation

    @property
    def check(self) -> CheckFunction | None:
        """None: a finding the lint pipeline reports itself
        (:mod:`yarnlint.pipeline.own_findings`)."""
        return self.details.check

    @property
    def options(self) -> tuple[Option[Any], ...]:
        return self.details.options

    def __repr__(self) -> str:
        return f"Rule({self.id} {self.name}, from {self.origin})"

    def option(self, name: str) -> Option[Any] | None:
        """The declared option called ``name``."""
        return next((option for option in self.options if option.name == name), None)

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
        if getattr(check, "__code__", None) is not None and check.__code__.co_argcount != 1:
            raise RuleError(f"rule module {module.__name__}: check must take one argument, "
                            "the RuleContext: def check(ctx)")
        summary, _, explanation = doc.partition("\n")
        return cls(
            id=rule_id, name=name, severity=severity, summary=summary.strip(),
            explanation=explanation.strip(), check=check,
            options=_declared_options(module),
            needs_cluster=bool(getattr(module, "NEEDS_CLUSTER", False)),
            origin=module.__name__,
        )


def _declared_options(module: ModuleType) -> tuple[Option[Any], ...]:
    """A module's ``OPTIONS``, each declaration checked; a bad one is a RuleError."""
    declared = getattr(module, "OPTIONS", ())
    if not isinstance(declared, tuple | list) or not all(
            isinstance(option, Option) for option in declared):
        raise RuleError(f"rule module {module.__name__}: OPTIONS must be a tuple of "
                        "yarnlint.rules.Option")
    names = [option.name for option in declared]
    if len(set(names)) != len(names):
        raise RuleError(f"rule module {module.__name__}: an option is declared twice")
    for option in declared:
        try:
            option.validate()
        except OptionError as exc:
            raise RuleError(f"rule module {module.__name__}: {exc}") from None
    return tuple(declared)


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

    rules = {builtin.id: Rule.deferred(builtin) for builtin in BUILTIN_RULES}
    builtin_modules = {builtin.module for builtin in BUILTIN_RULES}
    for name, value in plugins.entry_points():
        if value in builtin_modules:
            continue
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
