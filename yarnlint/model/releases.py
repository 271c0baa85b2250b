"""Hadoop releases: versions as operators write them, and which release reads which key.

``3``, ``3.3``, ``3.3.6`` and ``2.9`` are all accepted; a major version or a release line
means the newest release of it (:data:`NEWEST`). Key histories come from
``spec/config-keys.md`` (the JIRA that added each key, the first release of every line that
has it, and a change of default where there was one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from yarnlint.core.records import Record
from yarnlint.model.values import parse_typed, parse_version

if TYPE_CHECKING:
    from yarnlint.model.scheduler import SchedulerModel

Release = tuple[int, int, int]

NEWEST: dict[tuple[int, ...], Release] = {
    (2,): (2, 10, 2), (3,): (3, 4, 1),
    (2, 6): (2, 6, 5), (2, 7): (2, 7, 7), (2, 8): (2, 8, 5), (2, 9): (2, 9, 2),
    (2, 10): (2, 10, 2), (3, 0): (3, 0, 3), (3, 1): (3, 1, 4), (3, 2): (3, 2, 4),
    (3, 3): (3, 3, 6), (3, 4): (3, 4, 1),
}
"""The newest release of each major version and line this version of yarnlint knows."""


def resolve_release(text: str) -> Release:
    """``3.3`` -> (3, 3, 6); ``3`` -> (3, 4, 1); ``3.0.0-alpha1`` -> (3, 0, 0).

    A line yarnlint does not know (``3.9``) is taken as its first release. ValueError when no
    number leads the text.
    """
    parts = parse_version(text)
    if len(parts) >= 3:
        return parts[0], parts[1], parts[2]
    if parts in NEWEST:
        return NEWEST[parts]
    major, minor = (*parts, 0)[:2]
    return major, minor, 0


class KeyHistory(Record):
    """When a key appeared (first release of each line that has it), and a default change."""

    __slots__ = ("default_change", "jira", "releases")
    COMPARED = ("jira", "releases", "default_change")

    def __init__(self, jira: str, releases: tuple[str, ...],
                 default_change: tuple[str, tuple[str, ...], str] | None = None) -> None:
        self.jira = jira
        self.releases = releases
        self.default_change = default_change
        """(JIRA, first releases with the new default, the default before)."""


KEY_HISTORY: dict[str, KeyHistory] = {
    "node-locality-delay": KeyHistory(
        "YARN-80", ("2.0.2",), ("YARN-3018", ("2.8.0", "3.0.0"), "-1")),
    "rack-locality-additional-delay": KeyHistory("YARN-6344", ("2.9.0", "3.0.0")),
    "rack-locality-full-reset": KeyHistory("YARN-4287", ("2.7.3", "2.8.0", "3.0.0")),
    "per-node-heartbeat.multiple-assignments-enabled": KeyHistory("YARN-4161", ("2.9.0", "3.0.0")),
    "per-node-heartbeat.maximum-container-assignments": KeyHistory(
        "YARN-4161", ("2.9.0", "3.0.0"),
        ("YARN-8896", ("2.10.0", "3.1.2", "3.2.1", "3.3.0"), "-1")),
    "per-node-heartbeat.maximum-offswitch-assignments": KeyHistory(
        "YARN-4963", ("2.8.0", "2.9.0", "3.0.0")),
    "schedule-asynchronously.maximum-threads": KeyHistory("YARN-5716", ("2.9.0", "3.0.0")),
    "schedule-asynchronously.maximum-pending-backlogs": KeyHistory(
        "YARN-8212", ("3.0.3", "3.1.1", "3.2.0")),
    "multi-node-placement-enabled": KeyHistory("YARN-7494", ("3.2.0",)),
}
"""Release history of the keys the rules read (``spec/config-keys.md``)."""


def released_in(version: tuple[int, ...], releases: tuple[str, ...]) -> bool:
    """Whether release ``version`` contains a change first released in ``releases`` (the
    first release of each line that has it).

    A line that is not listed has the change when it is newer than every listed line, or
    when an older line of the same major version already had it.
    """
    release = (*version, 0, 0)[:3]
    firsts = [resolve_release(r) for r in releases]
    line = release[:2]
    same_line = [r for r in firsts if r[:2] == line]
    if same_line:
        return release >= min(same_line)
    if line > max(r[:2] for r in firsts):
        return True
    return any(r[0] == release[0] and r[:2] < line for r in firsts)


def version_text(version: tuple[int, ...]) -> str:
    """(3, 4, 1) -> ``3.4.1``."""
    return ".".join(str(part) for part in version)


def known_to(model: SchedulerModel, short: str) -> bool:
    """Whether the model's Hadoop release reads ``short`` at all."""
    history = KEY_HISTORY.get(short)
    return history is None or released_in(model.hadoop_version, history.releases)


def default_value(model: SchedulerModel, short: str) -> Any:
    """Hadoop's default of ``short`` in the model's release (a later change of default
    not yet made there gives the earlier one)."""
    spec = model.setting(short).spec
    history = KEY_HISTORY.get(short)
    change = history.default_change if history is not None else None
    if change is not None and not released_in(model.hadoop_version, change[1]):
        return parse_typed(change[2], spec.type)
    return None if spec.default is None else parse_typed(spec.default, spec.type)


def effective_value(model: SchedulerModel, short: str) -> Any:
    """The value YARN of the model's release uses: a key it does not know, or an unset key
    whose default changed later, gives that release's default."""
    setting = model.setting(short)
    if short not in KEY_HISTORY or (setting.is_set and known_to(model, short)):
        return setting.value
    return default_value(model, short)


def text_value(value: Any) -> str:
    """A typed value as Hadoop reads it back (booleans lower case)."""
    return str(value).lower() if isinstance(value, bool) else str(value)
