"""The input could not be read the way Hadoop reads it.

Why it matters on YARN: the ResourceManager refuses a configuration file that is not
well-formed XML, or whose XInclude target is missing without an ``<xi:fallback>``
(``Configuration.loadResource``: "Fetch fail on include"), so the scheduler does not start or a
``yarn rmadmin -refreshQueues`` fails. Topology lines that ``TableMapping`` cannot read put
their hosts in ``/default-rack``, which silently changes what "rack-local" means.

Example: a file of three ``<property>`` elements with no ``<configuration>`` root.

Fix: make the file well-formed, keep XIncludes inside the config directory with a fallback,
and write topology lines as ``host rack``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yarnlint.findings import Problem, Severity

ID = "YL000"
NAME = "input.unreadable"
SEVERITY = "error"
OPTIONS: dict[str, Any] = {}

_SEVERITY_BY_KIND = {
    "dtd": Severity.WARNING,
    "topology": Severity.WARNING,
    "no-name": Severity.INFO,
}


def check(model: Any, cluster: Any, options: dict[str, Any]) -> Iterator[Problem]:
    """Report every problem met while reading the inputs."""
    for issue in model.load_issues:
        yield Problem(issue.message, issue.location,
                      severity=_SEVERITY_BY_KIND.get(issue.kind, Severity.ERROR))
