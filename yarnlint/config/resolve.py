"""Effective values from ordered resources: last definition wins, ``final`` locks, ``${}`` expands.

Mirrors ``Configuration.loadProperty`` and ``Configuration.substituteVars`` of Hadoop 3.
"""

from __future__ import annotations

import re
from enum import StrEnum

from yarnlint.config.xmlload import PropertyDef
from yarnlint.core.records import Record

MAX_SUBSTITUTIONS = 20
"""Hadoop's ``MAX_SUBST``: more rounds fail with "Variable substitution depth too large"."""

MAX_EXPANDED_CHARS = 1024 * 1024
"""Expansion of one value stops before its result would pass this size."""
MAX_TOTAL_EXPANDED_CHARS = 32 * 1024 * 1024
"""Characters all expansions of one configuration may produce: every key may reference a
large value many times, and copying it for each would take minutes (no real file is near)."""

_VARIABLE = re.compile(r"\$\{([^}$ ]+)\}")


class OverrideKind(StrEnum):
    """Why one definition of a key beats another."""

    DUPLICATE = "duplicate"
    """The later definition wins."""
    FINAL = "final"
    """An earlier definition marked ``<final>true</final>`` wins."""


class Override(Record):
    """Two definitions of one key: ``kept`` holds, ``dropped`` is ignored."""

    __slots__ = ("dropped", "kept", "kind")
    COMPARED = ("kind", "kept", "dropped")

    def __init__(self, kind: OverrideKind, kept: PropertyDef, dropped: PropertyDef) -> None:
        self.kind = kind
        self.kept = kept
        self.dropped = dropped


class Expansion(Record):
    """The result of expanding ``${...}`` in one value."""

    __slots__ = ("environment", "self_reference", "too_deep", "too_large", "unbound", "value")
    COMPARED = ("value", "unbound", "environment", "self_reference", "too_deep", "too_large")

    def __init__(self, value: str, unbound: tuple[str, ...] = (), environment: tuple[str, ...] = (),
                 self_reference: bool = False, too_deep: bool = False,
                 too_large: bool = False) -> None:
        self.value = value
        self.unbound = unbound
        self.environment = environment
        self.self_reference = self_reference
        self.too_deep = too_deep
        self.too_large = too_large
        """Expansion would pass :data:`MAX_EXPANDED_CHARS`; ``value`` is the text as written."""


class Configuration:
    """The merged configuration of several resources, in load order (last wins)."""

    __slots__ = ("_budget", "_expanded", "definitions", "effective", "overrides")

    def __init__(self) -> None:
        self.definitions: list[PropertyDef] = []
        self.effective: dict[str, PropertyDef] = {}
        self.overrides: list[Override] = []
        self._expanded: dict[str, Expansion] = {}
        self._budget = MAX_TOTAL_EXPANDED_CHARS

    @classmethod
    def from_resources(cls, resources: list[list[PropertyDef]]) -> Configuration:
        """Merge resources in order, as ``Configuration.addResource`` + load does."""
        conf = cls()
        finals: dict[str, PropertyDef] = {}
        for resource in resources:
            for prop in resource:
                conf.definitions.append(prop)
                locked = finals.get(prop.name)
                if locked is not None:
                    if locked.value != prop.value:
                        conf.overrides.append(Override(OverrideKind.FINAL, locked, prop))
                    continue
                if prop.final:  # final even without a value (Configuration.loadProperty)
                    finals[prop.name] = prop
                if prop.value is None:
                    continue
                previous = conf.effective.get(prop.name)
                if previous is not None:
                    conf.overrides.append(Override(OverrideKind.DUPLICATE, prop, previous))
                conf.effective[prop.name] = prop
        return conf

    def raw(self, name: str) -> str | None:
        """The value as written (no expansion), or None when unset."""
        prop = self.effective.get(name)
        return prop.value if prop else None

    def expand(self, expr: str) -> Expansion:
        """Expand variables left-most first, as ``Configuration.substituteVars`` does.

        Environment variables and Java system properties are unknown at lint time: an
        ``${env.X}`` stays as written and is listed in ``environment``. Results are kept, so
        each value is expanded once however often it is read.
        """
        found = self._expanded.get(expr)
        if found is None:
            found = self._expanded[expr] = self._expand(expr)
        return found

    def _expand(self, expr: str) -> Expansion:
        evaluated = expr
        unbound: list[str] = []
        environment: list[str] = []
        for _ in range(MAX_SUBSTITUTIONS):
            match = self._next_variable(evaluated, skip=unbound + environment)
            if match is None:
                return Expansion(evaluated, tuple(unbound), tuple(environment))
            var = match.group(1)
            if var.startswith("env.") and len(var) > 4:
                environment.append(var)
                continue
            value = self.raw(var)
            if value is None:
                unbound.append(var)
                return Expansion(evaluated, tuple(unbound), tuple(environment))
            size = len(evaluated) - len(match.group(0)) + len(value)
            if size > min(MAX_EXPANDED_CHARS, self._budget):
                return Expansion(expr, tuple(unbound), tuple(environment), too_large=True)
            self._budget -= size
            if match.group(0) in value:
                return Expansion(expr, tuple(unbound), tuple(environment), self_reference=True)
            evaluated = evaluated[:match.start()] + value + evaluated[match.end():]
        return Expansion(expr, tuple(unbound), tuple(environment), too_deep=True)

    @staticmethod
    def _next_variable(text: str, skip: list[str]) -> re.Match[str] | None:
        for match in _VARIABLE.finditer(text):
            if match.group(1) not in skip:
                return match
        return None

    def get(self, name: str) -> str | None:
        """The expanded value (what ``Configuration.get`` returns), or None when unset."""
        prop = self.effective.get(name)  # raw(), inlined: a big file asks this a million times
        return None if prop is None or prop.value is None else self.expand(prop.value).value
