"""Where a finding about a key points, how it names the key's value, and how it fixes it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from yarnlint.core.findings import Location, Problem, Severity, ValueFix
from yarnlint.model.releases import effective_value, text_value

if TYPE_CHECKING:
    from yarnlint.model.scheduler import SchedulerModel


def shown(model: SchedulerModel, short: str) -> str:
    """``key = value`` for messages, saying when the value is Hadoop's default."""
    value = text_value(effective_value(model, short))
    return f"{short} = {value}" + ("" if model.setting(short).is_set else " (default)")


def top_of(model: Any) -> Location:
    """The root element (``<configuration>``) of the linted file, else its line 1, column 1.

    Findings about a key that is not set point here: a pull request deleting the key's
    property leaves no line of its own, and the root element is in every version of the file.
    """
    main = model.main_file
    return main.root_location or Location(main.display, 1, 1)


def anchor(model: SchedulerModel, short: str, related: tuple[str, ...] = ()
           ) -> tuple[Location, str | None, str | None]:
    """The property of ``short``, else of the first related key that is set (a key whose
    value decides this one's effect), else the linted file's root element (:func:`top_of`);
    with that property's key and written value."""
    for name in (short, *related):
        setting = model.setting(name)
        if setting.is_set and setting.prop is not None:
            return setting.prop.location, setting.key, setting.written
    return top_of(model), None, None


def problem(model: SchedulerModel, short: str, message: str, related: tuple[str, ...] = (),
            severity: Severity | None = None, fix: ValueFix | None = None,
            evidence: dict[str, Any] | None = None) -> Problem:
    """A finding about key ``short``, placed by :func:`anchor`."""
    location, key, value = anchor(model, short, related)
    return Problem(message, location, key=key, value=value, evidence=evidence,
                   severity=severity, fix=fix, subject=model.setting(short).key)


def value_fix(model: SchedulerModel, short: str, value: str) -> ValueFix:
    """Set ``short`` to ``value``: at its property in the linted file, else a new property
    (a definition only in yarn-site is overridden by one in the linted file)."""
    setting = model.setting(short)
    prop = setting.prop
    here = setting.is_set and prop is not None and prop.location.file == model.main_file.display
    return ValueFix(setting.key, value, prop.location if here and prop else None,
                    f"set {short} to {value}")
