"""The input could not be read the way Hadoop reads it.

Why it matters on YARN: the ResourceManager refuses a configuration file that is not
well-formed XML, or whose XInclude target is missing without an ``<xi:fallback>``
(``Configuration.loadResource``: "Fetch fail on include"), so the scheduler does not start or a
``yarn rmadmin -refreshQueues`` fails. A DOCTYPE naming an external DTD or entity makes
Hadoop read a file or URL while loading (XXE); yarnlint never follows it, so the values
using it are unknown. A root element other than ``<configuration>`` and a ``<property>``
nested in another are accepted by Hadoop 3 but rarely mean what they seem. Topology lines
that ``TableMapping`` cannot read, and include-file hosts the topology does not list, put
their hosts in ``/default-rack``, which silently changes what "rack-local" means.

Example: a file of three ``<property>`` elements with no ``<configuration>`` root.

Fix: make the file well-formed without a DOCTYPE, keep XIncludes inside the config
directory with a fallback, and write topology lines as ``host rack`` for every host of the
include file.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem, Severity
from yarnlint.rules import RuleContext

ID = "YL000"
NAME = "input.unreadable"
SEVERITY = "error"

_SEVERITY_BY_KIND = {
    "root": Severity.WARNING,
    "nested-property": Severity.WARNING,
    "topology": Severity.WARNING,
    "too-many": Severity.WARNING,
    "no-name": Severity.INFO,
    "topology-extra": Severity.INFO,
}


def check(ctx: RuleContext) -> Iterator[Problem]:
    """Report every problem met while reading the inputs."""
    for issue in ctx.model.load_issues:
        yield Problem(issue.message, issue.location,
                      severity=_SEVERITY_BY_KIND.get(issue.kind, Severity.ERROR))
