"""A change to the simulated keys makes the primary metrics materially worse (or better).

Reported by ``yarnlint diff OLD NEW`` and ``yarnlint check --base REF`` only: both versions
are simulated on the cluster and workload, and the primary metrics compared with the
thresholds of the locality verdicts. Materially worse is a warning; materially better, or
one metric materially better and another materially worse, an info.

Why it matters on YARN: a locality or per-heartbeat setting is a one-line edit whose effect
(maps read over the network, containers placed heartbeats later) only shows under load,
long after the change shipped; the ResourceManager's own checks accept any of its values.

Example: a pull request setting ``node-locality-delay`` from 40 to 0 on 40 nodes in two
racks: node-local maps drop from 100% to 25% for the ``hdfs-batch`` workload.

Fix: revert the change, or keep it knowingly (``--ignore YL010``, or set the rule's
severity to ``info`` in the config file).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yarnlint.findings import Problem

ID = "YL010"
NAME = "change.impact"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {}


def check(model: Any, cluster: Any, options: dict[str, Any]) -> Iterator[Problem]:
    """Nothing of its own: comparing two versions reports the impact under this id."""
    return iter(())
