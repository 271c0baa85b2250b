"""A ``yarn.scheduler.capacity.*`` key that the CapacityScheduler never reads.

Why it matters on YARN: Hadoop keeps unknown keys without a word, so a misspelled key does
nothing and the default applies. ``rack-locality-delay`` (for
``rack-locality-additional-delay``) is a real example. Spellings that look wrong but are right
(``disable_preemption``, ``acl_submit_applications``, ``maximum-offswitch-assignments``) are
known and never flagged.

Example: ``yarn.scheduler.capacity.node-locality-delays`` -> did you mean
``yarn.scheduler.capacity.node-locality-delay``?

Fix: use the key the suggestion names, or delete the property.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.scheduler import KeyRole
from yarnlint.rules import RuleContext

ID = "YL003"
NAME = "structure.unknown-key"
SEVERITY = "warning"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """One finding per definition of an unknown key under the CapacityScheduler prefix."""
    for prop in ctx.model.conf.definitions:
        if prop.value is None:
            continue
        kind = ctx.model.classify(prop.name)
        if kind.kind is not KeyRole.UNKNOWN:
            continue
        hint = f"; did you mean {kind.suggestion}?" if kind.suggestion else ""
        yield Problem(f"unknown key {prop.name}: the CapacityScheduler never reads it and "
                      f"YARN ignores it silently{hint}", prop.location, key=prop.name,
                      value=prop.value)
