"""Findings the lint pipeline reports itself, declared as such (documented, listed by
``yarnlint rules`` and ``explain``, selectable and ignorable like a rule) but produced by a
stage of the pipeline rather than by a rule's ``check``: unused suppressions by the
suppression stage, skipped cluster rules by the rule stage."""

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

PIPELINE_FINDINGS = {rule.id: rule for rule in (UNUSED_SUPPRESSION, CLUSTER_REQUIRED)}
"""What the pipeline reports itself, by id."""
