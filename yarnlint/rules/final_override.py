"""A definition is ignored because an earlier definition of the key is ``final``.

Why it matters on YARN: once Hadoop has loaded a ``<final>true</final>`` property, later
definitions of that key, in the same file or a later one, are dropped with only a log line
("an attempt to override final parameter ... Ignoring").

Example: yarn-site.xml marks ``node-locality-delay`` final with 40, and capacity-scheduler.xml
sets 20: YARN keeps 40.

Fix: change the value where it is final, or remove the ignored definition.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.config.resolve import OverrideKind
from yarnlint.findings import Problem, describe_location
from yarnlint.rules import RuleContext

ID = "YL002"
NAME = "structure.final-override"
SEVERITY = "warning"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """One finding on each ignored definition."""
    for override in ctx.model.conf.overrides:
        if override.kind is not OverrideKind.FINAL:
            continue
        kept, dropped = override.kept, override.dropped
        holds = (f"with value {kept.value!r}" if kept.value is not None
                 else "without a value, so the default holds")
        yield Problem(
            f"{dropped.name} is final at "
            f"{describe_location(kept.location, dropped.location)} {holds}; "
            f"this value {dropped.value!r} is ignored",
            dropped.location, key=dropped.name, value=dropped.value)
