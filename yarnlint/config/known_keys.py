"""Every key the CapacityScheduler reads (Hadoop 3.4.1 ``CapacitySchedulerConfiguration``).

Names, types and defaults are facts from Hadoop; see ``docs/known-keys.md`` for the sources.
Types: ``int``, ``long``, ``float``, ``boolean`` are parsed by the model; anything else is text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

PREFIX = "yarn.scheduler.capacity."


class KeySpec(NamedTuple):
    """Type and default of one key (default ``None``: unset / computed by Hadoop)."""

    type: str
    default: str | None = None


GLOBAL_KEYS: dict[str, KeySpec] = {
    "maximum-applications": KeySpec("int", "10000"),
    "maximum-am-resource-percent": KeySpec("float", "0.1"),
    "minimum-user-limit-percent": KeySpec("float", "100"),
    "user-limit-factor": KeySpec("float", "1.0"),
    "global-queue-max-application": KeySpec("int", "-1"),
    "max-parallel-apps": KeySpec("int", "2147483647"),
    "user.max-parallel-apps": KeySpec("int", "2147483647"),
    "resource-calculator": KeySpec(
        "class", "org.apache.hadoop.yarn.util.resource.DefaultResourceCalculator"),
    "node-locality-delay": KeySpec("int", "40"),
    "rack-locality-additional-delay": KeySpec("int", "-1"),
    "rack-locality-full-reset": KeySpec("boolean", "true"),
    "per-node-heartbeat.multiple-assignments-enabled": KeySpec("boolean", "true"),
    "per-node-heartbeat.maximum-container-assignments": KeySpec("int", "100"),
    "per-node-heartbeat.maximum-offswitch-assignments": KeySpec("int", "1"),
    "schedule-asynchronously.enable": KeySpec("boolean", "false"),
    "schedule-asynchronously.maximum-threads": KeySpec("int", "1"),
    "schedule-asynchronously.scheduling-interval-ms": KeySpec("long", "5"),
    "schedule-asynchronously.maximum-pending-backlogs": KeySpec("int", "100"),
    "reservations-continue-look-all-nodes": KeySpec("boolean", "true"),
    "skip-allocate-on-nodes-with-reserved-containers": KeySpec("boolean", "false"),
    "user-metrics.enable": KeySpec("boolean", "false"),
    "lazy-preemption-enabled": KeySpec("boolean", "false"),
    "application.fail-fast": KeySpec("boolean", "false"),
    "queue-mappings": KeySpec("list"),
    "queue-mappings-override.enable": KeySpec("boolean", "false"),
    "mapping-rule-format": KeySpec("string", "legacy"),
    "mapping-rule-json": KeySpec("string"),
    "mapping-rule-json-file": KeySpec("string"),
    "workflow-priority-mappings": KeySpec("list"),
    "workflow-priority-mappings-override.enable": KeySpec("boolean", "false"),
    "legacy-queue-mode.enabled": KeySpec("boolean", "true"),
    "auto-queue-creation-v2.maximum-queue-depth": KeySpec("int", "2"),
    "auto-queue-creation-v2.queue-expiration-time": KeySpec("long", "300"),
    "queue.auto.refresh.monitoring-interval": KeySpec("long", "5000"),
    "multi-node-placement-enabled": KeySpec("boolean", "false"),
    "multi-node-sorting.policy.names": KeySpec("list"),
    "multi-node-sorting.policy": KeySpec("string"),
    "ordering-policy.priority-utilization.underutilized-preemption.enabled":
        KeySpec("boolean", "false"),
    "ordering-policy.priority-utilization.underutilized-preemption.reserved-container-delay-ms":
        KeySpec("long", "60000"),
    "ordering-policy.priority-utilization.underutilized-preemption.allow-move-reservation":
        KeySpec("boolean", "false"),
}

QUEUE_SUFFIXES: dict[str, KeySpec] = {
    "queues": KeySpec("list"),
    "capacity": KeySpec("capacity"),
    "maximum-capacity": KeySpec("capacity"),
    "state": KeySpec("string", "RUNNING"),
    "acl_submit_applications": KeySpec("acl"),
    "acl_administer_queue": KeySpec("acl"),
    "acl_application_max_priority": KeySpec("string"),
    "acl_administer_reservations": KeySpec("acl"),
    "acl_list_reservations": KeySpec("acl"),
    "acl_submit_reservations": KeySpec("acl"),
    "accessible-node-labels": KeySpec("list"),
    "default-node-label-expression": KeySpec("string"),
    "ordering-policy": KeySpec("string"),
    "priority": KeySpec("int", "0"),
    "minimum-user-limit-percent": KeySpec("float"),
    "user-limit-factor": KeySpec("float"),
    "maximum-applications": KeySpec("int", "-1"),
    "maximum-am-resource-percent": KeySpec("float"),
    "default-application-priority": KeySpec("int", "0"),
    "maximum-application-lifetime": KeySpec("long", "-1"),
    "default-application-lifetime": KeySpec("long", "-1"),
    "max-parallel-apps": KeySpec("int"),
    "maximum-allocation": KeySpec("string"),
    "maximum-allocation-mb": KeySpec("int", "-1"),
    "maximum-allocation-vcores": KeySpec("int", "-1"),
    "disable_preemption": KeySpec("boolean"),
    "intra-queue-preemption.disable_preemption": KeySpec("boolean"),
    "multi-node-sorting.policy": KeySpec("string"),
    "allow-zero-capacity-sum": KeySpec("boolean", "false"),
    "reservable": KeySpec("boolean", "false"),
    "reservation-window": KeySpec("long", "86400000"),
    "average-capacity": KeySpec("float", "100"),
    "instantaneous-max-capacity": KeySpec("float", "100"),
    "reservation-policy": KeySpec("class"),
    "reservation-agent": KeySpec("class"),
    "reservation-planner": KeySpec("class"),
    "reservation-move-on-expiry": KeySpec("boolean", "true"),
    "reservation-enforcement-window": KeySpec("long", "3600000"),
    "show-reservations-as-queues": KeySpec("boolean", "false"),
    "auto-create-child-queue.enabled": KeySpec("boolean", "false"),
    "auto-create-child-queue.max-queues": KeySpec("int", "1000"),
    "auto-create-child-queue.fail-on-exceeding-parent-capacity": KeySpec("boolean", "false"),
    "auto-create-child-queue.management-policy": KeySpec("class"),
    "auto-queue-creation-v2.enabled": KeySpec("boolean", "false"),
    "auto-queue-creation-v2.max-queues": KeySpec("int", "1000"),
    "auto-queue-creation-v2.maximum-queue-depth": KeySpec("int"),
    "auto-queue-creation-v2.queue-auto-removal.enable": KeySpec("boolean", "true"),
}

QUEUE_PATTERNS: dict[str, KeySpec] = {
    r"accessible-node-labels\.[^.]+\.capacity": KeySpec("capacity"),
    r"accessible-node-labels\.[^.]+\.maximum-capacity": KeySpec("capacity"),
    r"accessible-node-labels\.[^.]+\.maximum-am-resource-percent": KeySpec("float"),
    r"user-settings\..+\.weight": KeySpec("float"),
    r"ordering-policy\.fair\.enable-size-based-weight": KeySpec("boolean", "false"),
    r"ordering-policy\.exclusive-enforced-partitions": KeySpec("list"),
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
    r"user\..+\.max-parallel-apps": KeySpec("int"),
    r"multi-node-sorting\.policy\.[^.]+\.class": KeySpec("class"),
    r"multi-node-sorting\.policy\.[^.]+\.sorting-interval\.ms": KeySpec("long", "1000"),
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

_QUEUE_PATTERN_RE = [(re.compile(p + r"\Z"), spec) for p, spec in QUEUE_PATTERNS.items()]
_GLOBAL_PATTERN_RE = [(re.compile(p + r"\Z"), spec) for p, spec in GLOBAL_PATTERNS.items()]


def global_spec(short: str) -> KeySpec | None:
    """The spec of a global key (name after the prefix), or None."""
    spec = GLOBAL_KEYS.get(short)
    if spec is not None:
        return spec
    return next((s for rx, s in _GLOBAL_PATTERN_RE if rx.match(short)), None)


def queue_suffix_spec(suffix: str) -> KeySpec | None:
    """The spec of a per-queue suffix (name after ``<queue-path>.``), or None."""
    for infix in TEMPLATE_PARTS:
        if suffix.startswith(infix):
            suffix = suffix[len(infix):]
            break
    spec = QUEUE_SUFFIXES.get(suffix)
    if spec is not None:
        return spec
    return next((s for rx, s in _QUEUE_PATTERN_RE if rx.match(suffix)), None)


def suggest(wrong: str, candidates: list[str]) -> str | None:
    """The closest known name to a misspelled one, or None when nothing is close."""
    if wrong in COMMON_TYPOS:
        return COMMON_TYPOS[wrong]
    import difflib  # only an unknown key needs a suggestion

    matches = difflib.get_close_matches(wrong, candidates, n=1, cutoff=0.8)
    return matches[0] if matches else None
