"""A queue key set in yarn-site.xml that capacity-scheduler.xml does not override.

Why it matters on YARN: the scheduler's configuration is yarn-site.xml with
capacity-scheduler.xml layered on top, so a ``yarn.scheduler.capacity.*`` key in yarn-site
takes effect unless capacity-scheduler.xml sets it too (then capacity-scheduler.xml wins,
reported by YL001, unless the yarn-site value is final, YL002). Reviewers of
capacity-scheduler.xml do not see these values; ``yarnlint queues`` shows their effect.

Example: ``yarn.scheduler.capacity.root.default.user-limit-factor`` in yarn-site.xml only.

Fix: move the key into capacity-scheduler.xml.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.config.known_keys import PREFIX
from yarnlint.findings import Problem
from yarnlint.rules import RuleContext

ID = "YL218"
NAME = "queue.yarn-site-key"
SEVERITY = "info"


def check(ctx: RuleContext) -> Iterator[Problem]:
    """One finding per effective scheduler key that comes from an underlying file."""
    model = ctx.model
    if len(model.files) < 2 or not model.main_file.parsed:
        return
    main = model.main_file.display
    for name, prop in model.conf.effective.items():
        if name.startswith(PREFIX) and prop.location.file != main:
            yield Problem(f"{name} = {prop.value!r} comes from {prop.location.file} "
                          f"(line {prop.location.line}): {main} does not set it, so the "
                          "ResourceManager uses this value", prop.location, key=name,
                          value=prop.value)
