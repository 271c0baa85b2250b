"""A value YARN cannot parse as the key's type.

Why it matters on YARN: integer and float keys go through ``Configuration.getInt`` /
``getLong`` / ``getFloat``, which trim the value, accept a ``0x`` prefix for integers, and throw
``NumberFormatException`` on anything else: the ResourceManager does not start, or
``-refreshQueues`` is rejected. Boolean keys go through ``getBoolean``, which accepts only
``true``/``false`` (any case) and otherwise logs a warning and uses the default.

Example: ``node-locality-delay`` = ``forty`` or ``5.5``; ``rack-locality-full-reset`` = ``yes``.

Fix: write a plain number (integers without a decimal point) or ``true``/``false``.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.config.known_keys import ValueType
from yarnlint.findings import Problem, Severity
from yarnlint.model.values import TYPED_KINDS
from yarnlint.rules import RuleContext

ID = "YL004"
NAME = "structure.bad-value"
SEVERITY = "error"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """One finding per effective typed value that does not parse."""
    model = ctx.model
    for name, prop in model.conf.effective.items():
        kind = model.classify(name)
        if kind.spec is None or kind.spec.type not in TYPED_KINDS:
            continue
        setting = model.typed(name, kind.spec)
        if setting.error is None:
            continue
        if kind.spec.type is ValueType.BOOLEAN:
            yield Problem(
                f"{name} = {setting.written!r} is not true or false: YARN logs a warning and "
                f"uses the default {str(setting.value).lower()}",
                prop.location, key=name, value=setting.written, severity=Severity.WARNING)
        else:
            yield Problem(
                f"{name} = {setting.written!r} is {setting.error} ({kind.spec.type} expected): "
                "Hadoop throws NumberFormatException, so the ResourceManager does not start "
                "and a queue refresh is rejected", prop.location, key=name,
                value=setting.written)
