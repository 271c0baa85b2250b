"""A ``${...}`` reference in a value that cannot be resolved from the configuration.

Why it matters on YARN: ``Configuration.substituteVars`` expands ``${name}`` from Java system
properties and other keys when a value is read. An unbound variable stays in the value as
written (so a number key fails to parse), a value that refers to itself is returned
unexpanded, and more than 20 nested expansions throw "Variable substitution depth too large".
``${env.NAME}`` depends on the ResourceManager's environment and cannot be checked here.
Only keys the CapacityScheduler reads (and the heartbeat interval) are checked: other
yarn-site.xml keys are not this linter's business.

Example: ``node-locality-delay`` = ``${rack.size}`` with no ``rack.size`` key.

Fix: define the referenced key, or write the value out.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.config.known_keys import PREFIX
from yarnlint.config.resolve import MAX_EXPANDED_CHARS
from yarnlint.findings import Problem, Severity
from yarnlint.model.cluster import HEARTBEAT_KEY
from yarnlint.model.scheduler import KeyRole
from yarnlint.rules import RuleContext

ID = "YL005"
NAME = "structure.unresolved-substitution"
SEVERITY = "warning"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """One finding per effective value the scheduler reads whose expansion is incomplete."""
    model = ctx.model
    read_elsewhere = {HEARTBEAT_KEY}
    for name, prop in model.conf.effective.items():
        if prop.value is None or "${" not in prop.value:
            continue
        if model.classify(name).kind is KeyRole.FOREIGN and name not in read_elsewhere:
            continue  # a yarn-site key the CapacityScheduler never reads
        expansion = model.conf.expand(prop.value)
        severity: Severity | None = None
        if expansion.too_deep:
            message = (f"{name}: more than 20 nested ${{}} expansions; Hadoop throws "
                       "'Variable substitution depth too large'")
            severity = Severity.ERROR
        elif expansion.too_large:
            message = (f"{name}: its ${{}} expansion passes {MAX_EXPANDED_CHARS} "
                       "characters; yarnlint does not expand it")
        elif expansion.self_reference:
            message = (f"{name} refers to itself; Hadoop returns {prop.value!r} unexpanded "
                       "unless a Java system property of that name is set")
        elif expansion.unbound:
            var = expansion.unbound[0]
            scope = ("the CapacityScheduler will see it literally"
                     if name.startswith(PREFIX) else "it stays as written")
            message = (f"{name}: ${{{var}}} is not defined in the linted files; unless the "
                       f"ResourceManager has a system property {var}, {scope}")
        elif expansion.environment:
            message = (f"{name} depends on the environment variable "
                       f"{expansion.environment[0][4:]} of the ResourceManager")
            severity = Severity.INFO
        else:
            continue
        yield Problem(message, prop.location, key=name, value=prop.value, severity=severity)
