"""Rules that judge values against the cluster were skipped: no cluster size was given.

Why it matters on YARN: whether a locality delay is sensible depends on how many nodes and
racks the cluster has (YARN caps the delays at the node count, and missed opportunities grow
by about one per node heartbeat). Without the size, those rules cannot say anything true.

Example: ``yarnlint check capacity-scheduler.xml`` with no cluster flags.

Fix: pass ``--nodes N --racks R``, or ``--topology FILE`` and/or ``--nodes-file FILE``
(or set them in the config file).
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.rules import RuleContext

ID = "YL009"
NAME = "lint.cluster-required"
SEVERITY = "info"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """Nothing of its own: the runner reports the skipped rules under this id."""
    return iter(())
