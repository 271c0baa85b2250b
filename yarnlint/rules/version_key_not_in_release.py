"""A key the target Hadoop release does not read, or whose default differs there.

Why it matters on YARN: ``Configuration`` keeps unknown keys without complaint, so a
CapacityScheduler key newer than the running release is silently ignored: the release's
built-in behaviour applies. rack-locality-full-reset arrived in YARN-4287 (2.7.3, 2.8.0),
maximum-offswitch-assignments in YARN-4963 (2.8.0), rack-locality-additional-delay in
YARN-6344 and the per-node-heartbeat keys in YARN-4161 (2.9.0, 3.0.0). Defaults changed too:
node-locality-delay was -1 in code until YARN-3018 (2.8.0), maximum-container-assignments
-1 (unlimited) until YARN-8896 (2.10.0, 3.1.2, 3.2.1, 3.3.0).

Example: ``rack-locality-additional-delay`` = 40 in a configuration for Hadoop 2.8.5.

Fix: pass the release you run with ``--hadoop-version``; drop keys it ignores (or upgrade), and
set keys whose old default you do not want.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem, Severity
from yarnlint.model.anchors import problem
from yarnlint.model.releases import (
    KEY_HISTORY,
    effective_value,
    known_to,
    released_in,
    text_value,
    version_text,
)
from yarnlint.rules import RuleContext

ID = "YL114"
NAME = "version.key-not-in-release"
SEVERITY = "warning"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """One finding per set key the release ignores, one info per unset key with an old default."""
    model = ctx.model
    release = version_text(model.hadoop_version)
    for short, history in KEY_HISTORY.items():
        setting = model.setting(short)
        firsts = "/".join(history.releases)
        if setting.is_set and not known_to(model, short):
            yield problem(model, short, f"{setting.key} is ignored by Hadoop {release}: it "
                             f"arrived in {history.jira} ({firsts}); YARN behaves as with "
                             f"{text_value(effective_value(model, short))}")
            continue
        change = history.default_change
        if (change is not None and not setting.is_set and known_to(model, short)
                and not released_in(model.hadoop_version, change[1])):
            yield problem(model, short, f"{short} is unset: on Hadoop {release} its default "
                             f"is {change[2]}, not {setting.spec.default} (changed in {change[0]}, "
                             f"{'/'.join(change[1])})", severity=Severity.INFO)
