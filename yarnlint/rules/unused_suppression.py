"""An inline suppression comment silences nothing, or names a rule that does not exist.

Why it matters on YARN: a ``<!-- yarnlint: disable=... -->`` comment left behind after the
property was fixed (or one with a typo in the rule id) tells the next reader that a risky
setting is deliberate when it is not, and hides the finding if the problem comes back in a
later edit of that property.

Example: ``<!-- yarnlint: disable=YL003 -->`` before a ``<property>`` whose key is known, or
``<!-- yarnlint: disable=YL999 -->`` (no such rule), or a directive that is neither inside
nor just before a ``<property>``.

Fix: delete the comment, or correct the rule id or name it lists.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.rules import RuleContext

ID = "YL008"
NAME = "lint.unused-suppression"
SEVERITY = "info"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """Nothing of its own: suppressions are applied, and judged, after all rules ran."""
    return iter(())
