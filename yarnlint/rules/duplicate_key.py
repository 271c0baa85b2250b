"""A key is defined more than once; only the last definition counts.

Why it matters on YARN: Hadoop's ``Configuration`` keeps the last definition of a key it loads
(unless an earlier one is ``final``), so an earlier value a reviewer reads is silently dead.
Across files the order is yarn-site.xml, then capacity-scheduler.xml: a
``yarn.scheduler.capacity.*`` key in yarn-site.xml is shadowed by the same key in
capacity-scheduler.xml.

Example: ``resource-calculator`` set to DefaultResourceCalculator and, further down, to
DominantResourceCalculator.

Fix: delete the definition that does not apply, so the file says what YARN does.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.config.resolve import OverrideKind
from yarnlint.findings import Problem, Severity, describe_location
from yarnlint.rules import RuleContext

ID = "YL001"
NAME = "structure.duplicate-key"
SEVERITY = "warning"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """One finding on each later definition that replaces an earlier one."""
    for override in ctx.model.conf.overrides:
        if override.kind is not OverrideKind.DUPLICATE:
            continue
        kept, dropped = override.kept, override.dropped
        same = kept.value == dropped.value
        detail = "with the same value" if same else f"value {dropped.value!r} no longer applies"
        yield Problem(
            f"{kept.name} is defined again; this definition replaces the one at "
            f"{describe_location(dropped.location, kept.location)} ({detail})",
            kept.location, key=kept.name, value=kept.value,
            severity=Severity.INFO if same else None)
