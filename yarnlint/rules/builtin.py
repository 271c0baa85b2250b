"""The rules that ship with yarnlint, with what the pipeline needs before it imports one:
its id, module, name and whether it needs the cluster. They are also listed as entry points
in ``setup.cfg``; tests keep the three in agreement with each module's ``ID``, ``NAME`` and
``NEEDS_CLUSTER``. Reading this table spares every run the import of ``importlib.metadata``,
and a run without a cluster the import of the simulation rules."""

from __future__ import annotations

from yarnlint.core.records import Record

CLUSTER = True


class BuiltinRule(Record):
    """A rule module of yarnlint, known without importing it."""

    __slots__ = COMPARED = ("id", "module", "name", "needs_cluster")

    def __init__(self, id: str, module: str, name: str, needs_cluster: bool = False) -> None:
        self.id = id
        self.module = module
        self.name = name
        self.needs_cluster = needs_cluster


def _rule(rule_id: str, module: str, name: str, needs_cluster: bool = False) -> BuiltinRule:
    return BuiltinRule(rule_id, f"yarnlint.rules.{module}", name, needs_cluster)


BUILTIN_RULES: tuple[BuiltinRule, ...] = (
    _rule("YL000", "input_problem", "input.unreadable"),
    _rule("YL001", "duplicate_key", "structure.duplicate-key"),
    _rule("YL002", "final_override", "structure.final-override"),
    _rule("YL003", "unknown_key", "structure.unknown-key"),
    _rule("YL004", "bad_value", "structure.bad-value"),
    _rule("YL005", "unresolved_substitution", "structure.unresolved-substitution"),
    _rule("YL006", "not_capacity_scheduler", "structure.not-capacity-scheduler"),
    _rule("YL007", "orphan_queue_key", "structure.orphan-queue-key"),
    _rule("YL101", "locality_delay_exceeds_cluster",
          "locality.node-delay-exceeds-cluster", CLUSTER),
    _rule("YL102", "locality_delay_vs_rack_size", "locality.node-delay-vs-rack-size", CLUSTER),
    _rule("YL103", "locality_delay_disabled", "locality.node-delay-disabled", CLUSTER),
    _rule("YL104", "locality_single_rack", "locality.single-rack", CLUSTER),
    _rule("YL105", "locality_automatic_offswitch_delay",
          "locality.automatic-offswitch-delay", CLUSTER),
    _rule("YL106", "locality_offswitch_delay_exceeds_cluster",
          "locality.offswitch-delay-exceeds-cluster", CLUSTER),
    _rule("YL107", "locality_no_full_reset", "locality.no-full-reset", CLUSTER),
    _rule("YL108", "assignment_multiple_disabled",
          "assignment.multiple-assignments-disabled", CLUSTER),
    _rule("YL109", "assignment_container_limit", "assignment.container-limit-unbounded", CLUSTER),
    _rule("YL110", "assignment_offswitch_limit", "assignment.offswitch-limit-one", CLUSTER),
    _rule("YL111", "assignment_ineffective_limit", "assignment.ineffective-limit"),
    _rule("YL112", "scheduling_async_delay", "scheduling.async-delay", CLUSTER),
    _rule("YL113", "scheduling_slow_heartbeat", "scheduling.slow-heartbeat-wait", CLUSTER),
    _rule("YL114", "version_key_not_in_release", "version.key-not-in-release"),
    _rule("YL201", "queue_capacity_value", "queue.capacity-value"),
    _rule("YL202", "queue_capacity_mix", "queue.capacity-mix"),
    _rule("YL203", "queue_capacity_sum", "queue.capacity-sum"),
    _rule("YL204", "queue_tree_shape", "queue.tree-shape"),
    _rule("YL205", "queue_state", "queue.state"),
    _rule("YL206", "queue_label_access", "queue.label-access"),
    _rule("YL207", "queue_absolute_limits", "queue.absolute-limits"),
    _rule("YL208", "queue_mapping", "queue.mapping"),
    _rule("YL209", "queue_ordering_policy", "queue.ordering-policy"),
    _rule("YL210", "queue_allocation_limits", "queue.allocation-limits"),
    _rule("YL211", "queue_am_limit", "queue.am-limit", CLUSTER),
    _rule("YL212", "queue_user_limit", "queue.user-limit"),
    _rule("YL213", "queue_no_applications", "queue.no-applications"),
    _rule("YL214", "queue_acl_open", "queue.acl-open"),
    _rule("YL215", "queue_label_capacity", "queue.label-capacity"),
    _rule("YL216", "queue_ambiguous_name", "queue.ambiguous-name"),
    _rule("YL217", "queue_capacity_bounds", "queue.capacity-bounds"),
    _rule("YL218", "queue_yarn_site_key", "queue.yarn-site-key"),
)
