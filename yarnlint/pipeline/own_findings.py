"""Findings the lint pipeline reports itself, declared as such (documented, listed by
``yarnlint rules`` and ``explain``, selectable and ignorable like a rule) but produced by a
stage of the pipeline rather than by a rule's ``check``: unused suppressions by the
suppression stage, skipped cluster rules by the rule stage, the impact of a change by the
comparison with the previous version (``diff``, ``check --base``)."""

from __future__ import annotations

from yarnlint.core.findings import Severity
from yarnlint.rules import Rule

UNUSED_SUPPRESSION = Rule(
    id="YL008", name="lint.unused-suppression", severity=Severity.INFO,
    summary="An inline suppression comment silences nothing, or names a rule that does not "
            "exist.",
    explanation="""
Why it matters on YARN: a ``<!-- yarnlint: disable=... -->`` comment left behind after
the property was fixed (or one with a typo in the rule id) tells the next reader that a risky
setting is deliberate when it is not, and hides the finding if the problem comes back in a
later edit of that property.

Example: ``<!-- yarnlint: disable=YL003 -->`` before a ``<property>`` whose key is known, or
``<!-- yarnlint: disable=YL999 -->`` (no such rule), or a directive that is neither inside
nor just before a ``<property>``.

Fix: delete the comment, or correct the rule id or name it lists.""".strip(),
    origin=__name__)

CLUSTER_REQUIRED = Rule(
    id="YL009", name="lint.cluster-required", severity=Severity.INFO,
    summary="Rules that judge values against the cluster were skipped: no cluster size was "
            "given.",
    explanation="""
Why it matters on YARN: whether a locality delay is sensible depends on how many nodes
and racks the cluster has (YARN caps the delays at the node count, and missed opportunities grow
by about one per node heartbeat). Without the size, those rules cannot say anything true.

Example: ``yarnlint check capacity-scheduler.xml`` with no cluster flags.

Fix: pass ``--nodes N --racks R``, or ``--topology FILE`` and/or ``--nodes-file FILE``
(or set them in the config file).""".strip(),
    origin=__name__)

CHANGE_IMPACT = Rule(
    id="YL010", name="change.impact", severity=Severity.WARNING,
    summary="A change to the simulated keys makes the primary metrics materially worse (or "
            "better).",
    explanation="""
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
severity to ``info`` in the config file).""".strip(),
    origin=__name__)

PIPELINE_FINDINGS = {rule.id: rule for rule in (UNUSED_SUPPRESSION, CLUSTER_REQUIRED,
                                                CHANGE_IMPACT)}
"""What the pipeline reports itself, by id."""
