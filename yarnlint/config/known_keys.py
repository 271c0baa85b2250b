"""Every key the CapacityScheduler reads (Hadoop 3.4.1 ``CapacitySchedulerConfiguration``).

Names, types and defaults are facts from Hadoop; see ``docs/known-keys.md`` for the sources.
Types (:class:`ValueType`): ``int``, ``long``, ``float``, ``boolean`` are parsed by the
model; anything else is text.
"""

from __future__ import annotations

import re
from enum import StrEnum

from yarnlint.core.records import Record

PREFIX = "yarn.scheduler.capacity."


class ValueType(StrEnum):
    """What a key's value is: the four Hadoop reads with a typed getter, and text."""

    INT = "int"
    LONG = "long"
    FLOAT = "float"
    BOOLEAN = "boolean"
    ACL = "acl"
    CAPACITY = "capacity"
    CLASS = "class"
    LIST = "list"
    STRING = "string"


INT, LONG, FLOAT, BOOLEAN = ValueType.INT, ValueType.LONG, ValueType.FLOAT, ValueType.BOOLEAN
ACL, CAPACITY, CLASS = ValueType.ACL, ValueType.CAPACITY, ValueType.CLASS
LIST, STRING = ValueType.LIST, ValueType.STRING


class KeySpec(Record):
    """Type and default of one key (default ``None``: unset / computed by Hadoop)."""

    __slots__ = ("default", "type")
    COMPARED = ("type", "default")

    def __init__(self, type: ValueType, default: str | None = None) -> None:
        self.type = type
        self.default = default


GLOBAL_KEYS: dict[str, KeySpec] = {
    "maximum-applications": KeySpec(INT, "10000"),
    "maximum-am-resource-percent": KeySpec(FLOAT, "0.1"),
    "minimum-user-limit-percent": KeySpec(FLOAT, "100"),
    "user-limit-factor": KeySpec(FLOAT, "1.0"),
    "global-queue-max-application": KeySpec(INT, "-1"),
    "max-parallel-apps": KeySpec(INT, "2147483647"),
    "user.max-parallel-apps": KeySpec(INT, "2147483647"),
    "resource-calculator": KeySpec(
        CLASS, "org.apache.hadoop.yarn.util.resource.DefaultResourceCalculator"),
    "node-locality-delay": KeySpec(INT, "40"),
    "rack-locality-additional-delay": KeySpec(INT, "-1"),
    "rack-locality-full-reset": KeySpec(BOOLEAN, "true"),
    "per-node-heartbeat.multiple-assignments-enabled": KeySpec(BOOLEAN, "true"),
    "per-node-heartbeat.maximum-container-assignments": KeySpec(INT, "100"),
    "per-node-heartbeat.maximum-offswitch-assignments": KeySpec(INT, "1"),
    "schedule-asynchronously.enable": KeySpec(BOOLEAN, "false"),
    "schedule-asynchronously.maximum-threads": KeySpec(INT, "1"),
    "schedule-asynchronously.scheduling-interval-ms": KeySpec(LONG, "5"),
    "schedule-asynchronously.maximum-pending-backlogs": KeySpec(INT, "100"),
    "reservations-continue-look-all-nodes": KeySpec(BOOLEAN, "true"),
    "skip-allocate-on-nodes-with-reserved-containers": KeySpec(BOOLEAN, "false"),
    "user-metrics.enable": KeySpec(BOOLEAN, "false"),
    "lazy-preemption-enabled": KeySpec(BOOLEAN, "false"),
    "application.fail-fast": KeySpec(BOOLEAN, "false"),
    "queue-mappings": KeySpec(LIST),
    "queue-mappings-override.enable": KeySpec(BOOLEAN, "false"),
    "mapping-rule-format": KeySpec(STRING, "legacy"),
    "mapping-rule-json": KeySpec(STRING),
    "mapping-rule-json-file": KeySpec(STRING),
    "workflow-priority-mappings": KeySpec(LIST),
    "workflow-priority-mappings-override.enable": KeySpec(BOOLEAN, "false"),
    "legacy-queue-mode.enabled": KeySpec(BOOLEAN, "true"),
    "auto-queue-creation-v2.maximum-queue-depth": KeySpec(INT, "2"),
    "auto-queue-creation-v2.queue-expiration-time": KeySpec(LONG, "300"),
    "queue.auto.refresh.monitoring-interval": KeySpec(LONG, "5000"),
    "multi-node-placement-enabled": KeySpec(BOOLEAN, "false"),
    "multi-node-sorting.policy.names": KeySpec(LIST),
    "multi-node-sorting.policy": KeySpec(STRING),
    "ordering-policy.priority-utilization.underutilized-preemption.enabled":
        KeySpec(BOOLEAN, "false"),
    "ordering-policy.priority-utilization.underutilized-preemption.reserved-container-delay-ms":
        KeySpec(LONG, "60000"),
    "ordering-policy.priority-utilization.underutilized-preemption.allow-move-reservation":
        KeySpec(BOOLEAN, "false"),
}

QUEUE_SUFFIXES: dict[str, KeySpec] = {
    "queues": KeySpec(LIST),
    "capacity": KeySpec(CAPACITY),
    "maximum-capacity": KeySpec(CAPACITY),
    "state": KeySpec(STRING, "RUNNING"),
    "acl_submit_applications": KeySpec(ACL),
    "acl_administer_queue": KeySpec(ACL),
    "acl_application_max_priority": KeySpec(STRING),
    "acl_administer_reservations": KeySpec(ACL),
    "acl_list_reservations": KeySpec(ACL),
    "acl_submit_reservations": KeySpec(ACL),
    "accessible-node-labels": KeySpec(LIST),
    "default-node-label-expression": KeySpec(STRING),
    "ordering-policy": KeySpec(STRING),
    "priority": KeySpec(INT, "0"),
    "minimum-user-limit-percent": KeySpec(FLOAT),
    "user-limit-factor": KeySpec(FLOAT),
    "maximum-applications": KeySpec(INT, "-1"),
    "maximum-am-resource-percent": KeySpec(FLOAT),
    "default-application-priority": KeySpec(INT, "0"),
    "maximum-application-lifetime": KeySpec(LONG, "-1"),
    "default-application-lifetime": KeySpec(LONG, "-1"),
    "max-parallel-apps": KeySpec(INT),
    "maximum-allocation": KeySpec(STRING),
    "maximum-allocation-mb": KeySpec(INT, "-1"),
    "maximum-allocation-vcores": KeySpec(INT, "-1"),
    "disable_preemption": KeySpec(BOOLEAN),
    "intra-queue-preemption.disable_preemption": KeySpec(BOOLEAN),
    "multi-node-sorting.policy": KeySpec(STRING),
    "allow-zero-capacity-sum": KeySpec(BOOLEAN, "false"),
    "reservable": KeySpec(BOOLEAN, "false"),
    "reservation-window": KeySpec(LONG, "86400000"),
    "average-capacity": KeySpec(FLOAT, "100"),
    "instantaneous-max-capacity": KeySpec(FLOAT, "100"),
    "reservation-policy": KeySpec(CLASS),
    "reservation-agent": KeySpec(CLASS),
    "reservation-planner": KeySpec(CLASS),
    "reservation-move-on-expiry": KeySpec(BOOLEAN, "true"),
    "reservation-enforcement-window": KeySpec(LONG, "3600000"),
    "show-reservations-as-queues": KeySpec(BOOLEAN, "false"),
    "auto-create-child-queue.enabled": KeySpec(BOOLEAN, "false"),
    "auto-create-child-queue.max-queues": KeySpec(INT, "1000"),
    "auto-create-child-queue.fail-on-exceeding-parent-capacity": KeySpec(BOOLEAN, "false"),
    "auto-create-child-queue.management-policy": KeySpec(CLASS),
    "auto-queue-creation-v2.enabled": KeySpec(BOOLEAN, "false"),
    "auto-queue-creation-v2.max-queues": KeySpec(INT, "1000"),
    "auto-queue-creation-v2.maximum-queue-depth": KeySpec(INT),
    "auto-queue-creation-v2.queue-auto-removal.enable": KeySpec(BOOLEAN, "true"),
}

QUEUE_PATTERNS: dict[str, KeySpec] = {
    r"accessible-node-labels\.[^.]+\.capacity": KeySpec(CAPACITY),
    r"accessible-node-labels\.[^.]+\.maximum-capacity": KeySpec(CAPACITY),
    r"accessible-node-labels\.[^.]+\.maximum-am-resource-percent": KeySpec(FLOAT),
    r"user-settings\..+\.weight": KeySpec(FLOAT),
    r"ordering-policy\.fair\.enable-size-based-weight": KeySpec(BOOLEAN, "false"),
    r"ordering-policy\.exclusive-enforced-partitions": KeySpec(LIST),
}
"""Per-queue keys with a variable part (after ``<queue-path>.``)."""

TEMPLATE_PARTS = (
    "leaf-queue-template.",
    "auto-queue-creation-v2.template.",
    "auto-queue-creation-v2.leaf-template.",
    "auto-queue-creation-v2.parent-template.",
)
"""Template infixes: ``<queue-path>.<infix><suffix>`` configures auto-created queues."""

GLOBAL_PATTERNS: dict[str, KeySpec] = {
    r"user\..+\.max-parallel-apps": KeySpec(INT),
    r"multi-node-sorting\.policy\.[^.]+\.class": KeySpec(CLASS),
    r"multi-node-sorting\.policy\.[^.]+\.sorting-interval\.ms": KeySpec(LONG, "1000"),
}

OTHER_KEYS: frozenset[str] = frozenset({
    "yarn.scheduler.queue-placement-rules",
    "yarn.scheduler.queue-placement-rules.app-name",
    "yarn.resourcemanager.monitor.capacity.queue-management.monitoring-interval",
    *(f"yarn.resourcemanager.monitor.capacity.preemption.{k}" for k in (
        "observe_only", "monitoring_interval", "max_wait_before_kill",
        "total_preemption_per_round", "max_ignored_over_capacity", "natural_termination_factor",
        "additional_res_balance_based_on_reserved_containers",
        "select_based_on_reserved_containers", "conservative-drf",
        "intra-queue-preemption.enabled", "intra-queue-preemption.minimum-threshold",
        "intra-queue-preemption.max-allowable-limit",
        "intra-queue-preemption.preemption-order-policy",
        "intra-queue-preemption.conservative-drf",
        "preemption-to-balance-queue-after-satisfied.enabled",
        "preemption-to-balance-queue-after-satisfied.max-wait-before-kill")),
})
"""Keys outside the prefix that the CapacityScheduler reads from the same configuration."""

COMMON_TYPOS: dict[str, str] = {
    "rack-locality-delay": "rack-locality-additional-delay",
    "acl_administer_jobs": "acl_administer_queue",
    "max-capacity": "maximum-capacity",
    "max-applications": "maximum-applications",
    "min-resource": "capacity",
    "max-resource": "maximum-capacity",
}
"""Suffixes seen in real files that Hadoop never reads, with the key that was meant."""

_QUEUE_PATTERN_RE = [(p + r"\Z", spec) for p, spec in QUEUE_PATTERNS.items()]
_GLOBAL_PATTERN_RE = [(p + r"\Z", spec) for p, spec in GLOBAL_PATTERNS.items()]
_ANY_QUEUE_PATTERN = "|".join(f"(?:{rx})" for rx, _ in _QUEUE_PATTERN_RE)
_ANY_GLOBAL_PATTERN = "|".join(f"(?:{rx})" for rx, _ in _GLOBAL_PATTERN_RE)
"""Compiled when first matched (``re`` keeps them): most runs match few of them. The
``_ANY_`` ones match where one of their list does: one test for a key that fits none."""


def global_spec(short: str) -> KeySpec | None:
    """The spec of a global key (name after the prefix), or None."""
    spec = GLOBAL_KEYS.get(short)
    if spec is not None or not re.match(_ANY_GLOBAL_PATTERN, short):
        return spec  # one match says when none of the patterns can (most keys)
    return next((s for rx, s in _GLOBAL_PATTERN_RE if re.match(rx, short)), None)


def queue_suffix_spec(suffix: str) -> KeySpec | None:
    """The spec of a per-queue suffix (name after ``<queue-path>.``), or None."""
    for infix in TEMPLATE_PARTS:
        if suffix.startswith(infix):
            suffix = suffix[len(infix):]
            break
    spec = QUEUE_SUFFIXES.get(suffix)
    if spec is not None or not re.match(_ANY_QUEUE_PATTERN, suffix):
        return spec
    return next((s for rx, s in _QUEUE_PATTERN_RE if re.match(rx, suffix)), None)


def suggest(wrong: str, candidates: list[str]) -> str | None:
    """The closest known name to a misspelled one, or None when nothing is close."""
    if wrong in COMMON_TYPOS:
        return COMMON_TYPOS[wrong]
    import difflib  # only an unknown key needs a suggestion

    matches = difflib.get_close_matches(wrong, candidates, n=1, cutoff=0.8)
    return matches[0] if matches else None
