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
from typing import assert_never

from yarnlint.config.xmlload import IssueKind
from yarnlint.findings import Problem, Severity
from yarnlint.rules import RuleContext

ID = "YL000"
NAME = "input.unreadable"
SEVERITY = "error"


def severity_of(kind: IssueKind) -> Severity:
    """How bad each kind of input problem is; a new kind is a type error here until it is
    given a severity."""
    match kind:
        case (IssueKind.ROOT | IssueKind.NESTED_PROPERTY | IssueKind.TOPOLOGY
              | IssueKind.TOO_MANY):
            return Severity.WARNING
        case IssueKind.NO_NAME | IssueKind.TOPOLOGY_EXTRA:
            return Severity.INFO
        case (IssueKind.DTD | IssueKind.INCLUDE | IssueKind.UNREADABLE
              | IssueKind.XML_SYNTAX):
            return Severity.ERROR
        case _:
            assert_never(kind)


def check(ctx: RuleContext) -> Iterator[Problem]:
    """Report every problem met while reading the inputs."""
    for issue in ctx.model.load_issues:
        yield Problem(issue.message, issue.location, severity=severity_of(issue.kind))
