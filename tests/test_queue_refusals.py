"""Queue rules YL201-YL208: what makes the ResourceManager refuse a file, both directions."""

from __future__ import annotations

import pytest

from yarnlint.pipeline.linter import Linter
from yarnlint.pipeline.options import LintOptions

P = "yarn.scheduler.capacity."
ABS4 = "[memory=4096,vcores=4]"
ABS_TWO = {"a.capacity": ABS4, "b.capacity": ABS4}
TWO = ((P + "root.queues", "a,b"), (P + "root.a.capacity", "50"),
       (P + "root.b.capacity", "50"))


def messages(write_config, *props: tuple[str, str], rule: str) -> list[str]:
    """Messages of ``rule`` for a file of ``props``."""
    path = write_config(*props)
    result = Linter().lint_file(path, LintOptions(select=frozenset({rule})), path.name)
    assert result.error is None
    return [f.message for f in result.findings if f.rule_id == rule]


def with_two(values: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The two-leaf tree with some keys (after ``root.``) replaced or added."""
    props = dict(TWO)
    props.update({P + "root." + key: value for key, value in values.items()})
    return tuple(props.items())


def test_the_two_leaf_tree_is_clean(write_config) -> None:
    for rule in ("YL201", "YL202", "YL203", "YL204", "YL205", "YL206", "YL207", "YL208"):
        assert messages(write_config, *TWO, rule=rule) == [], rule


@pytest.mark.parametrize(("key", "value", "said"), [
    ("root.a.capacity", "50%", "not a number"),
    ("root.a.capacity", "120", "outside [0, 100]"),
    ("root.a.capacity", "-5", "outside [0, 100]"),
    ("root.a.maximum-capacity", "2w", "not a number"),
    ("root.a.capacity", "20000w", "outside [0, 10000]"),
    ("root.a.capacity", "xw", "not a number before 'w'"),
    ("root.a.capacity", "[memory=4.5,vcores=2]", "not a whole number"),
    ("root.a.accessible-node-labels.gpu.capacity", "150", "outside [0, 100]"),
    ("root.a.accessible-node-labels.gpu.maximum-capacity", "101", "outside [0, 100]"),
])
def test_capacity_values_the_rm_cannot_read(write_config, key: str, value: str,
                                            said: str) -> None:
    (message,) = messages(write_config, *TWO, (P + key, value), rule="YL201")
    assert said in message and "does not start" in message


@pytest.mark.parametrize(("key", "value"), [
    ("root.a.capacity", " 50 "), ("root.a.capacity", "2w"),
    ("root.a.capacity", "[memory=4096,vcores=2]"), ("root.a.capacity", "[memory=4Gi,vcores=2]"),
    ("root.a.maximum-capacity", "-1"), ("root.a.maximum-capacity", "150"),
    ("root.capacity", "anything"), ("root.a.capacity", "0"),
])
def test_capacity_values_the_rm_reads(write_config, key: str, value: str) -> None:
    assert messages(write_config, *TWO, (P + key, value), rule="YL201") == []


def test_mixed_percentages_and_weights(write_config) -> None:
    (message,) = messages(write_config, *with_two({"a.capacity": "2w"}), rule="YL202")
    assert "root.a (the default partition): weight" in message
    assert "root.b (the default partition): percentage" in message


def test_mixed_percentages_and_absolute_depends_on_order(write_config) -> None:
    """Hadoop clears its percentage flag when it meets an absolute capacity afterwards."""
    first = with_two({"a.capacity": ABS4})
    assert len(messages(write_config, *first, rule="YL202")) == 1
    last = with_two({"b.capacity": ABS4})
    assert messages(write_config, *last, rule="YL202") == []


def test_all_weights_or_all_absolute_are_fine(write_config) -> None:
    weights = with_two({"a.capacity": "1w", "b.capacity": "3w"})
    assert messages(write_config, *weights, rule="YL202") == []
    absolute = with_two({"a.capacity": "[memory=1024,vcores=1]",
                         "b.capacity": "[memory=2048,vcores=1]"})
    assert messages(write_config, *absolute, rule="YL202") == []
    assert messages(write_config, *absolute, rule="YL203") == []


def test_absolute_children_under_a_percentage_parent(write_config) -> None:
    props = (*TWO, (P + "root.a.queues", "x"), (P + "root.a.x.capacity", "[memory=1024]"))
    (message,) = messages(write_config, *props, rule="YL202")
    assert "root.a uses percent capacity but its children use absolute" in message


def test_absolute_for_one_label_and_percentage_for_another(write_config) -> None:
    props = (*with_two(ABS_TWO),
             (P + "root.a.accessible-node-labels.gpu.capacity", "100"))
    found = messages(write_config, *props, rule="YL202")
    assert any("root.a gives absolute resources for some node labels" in m for m in found)


def test_mixing_is_allowed_in_the_new_queue_mode(write_config) -> None:
    props = (*with_two({"a.capacity": "2w"}), (P + "legacy-queue-mode.enabled", "false"))
    assert messages(write_config, *props, rule="YL202") == []


@pytest.mark.parametrize(("capacities", "refused"), [
    (("60", "30"), True), (("33.33", "66.67"), False), (("33.3", "66.6"), True),
    (("50.02", "49.99"), False), (("0", "0"), True), (("100", "0"), False),
])
def test_children_capacity_sum(write_config, capacities: tuple[str, str],
                               refused: bool) -> None:
    props = with_two({"a.capacity": capacities[0], "b.capacity": capacities[1]})
    assert bool(messages(write_config, *props, rule="YL203")) is refused


def test_zero_sum_needs_allow_zero_capacity_sum(write_config) -> None:
    props = with_two({"a.capacity": "0", "b.capacity": "0"})
    assert messages(write_config, *props, rule="YL203")
    allowed = (*props, (P + "root.allow-zero-capacity-sum", "true"))
    assert messages(write_config, *allowed, rule="YL203") == []


def test_zero_capacity_parent_with_full_children(write_config) -> None:
    props = (*with_two({"a.capacity": "0", "b.capacity": "100"}), (P + "root.a.queues", "x"),
             (P + "root.a.x.capacity", "100"))
    (message,) = messages(write_config, *props, rule="YL203")
    assert "root.a has capacity 0" in message
    allowed = (*props, (P + "root.a.allow-zero-capacity-sum", "true"))
    assert messages(write_config, *allowed, rule="YL203") == []


def test_label_sum_counts_children_without_the_label_as_zero(write_config) -> None:
    props = (*TWO, (P + "root.a.accessible-node-labels", "gpu"),
             (P + "root.a.accessible-node-labels.gpu.capacity", "60"))
    (message,) = messages(write_config, *props, rule="YL203")
    assert "children of root for label gpu add up to 60" in message
    full = (*props[:-1], (P + "root.a.accessible-node-labels.gpu.capacity", "100"))
    assert messages(write_config, *full, rule="YL203") == []


def test_absolute_children_above_their_parent(write_config) -> None:
    props = (*with_two(ABS_TWO),
             (P + "root.a.queues", "x,y"),
             (P + "root.a.x.capacity", "[memory=4096,vcores=1]"),
             (P + "root.a.y.capacity", "[memory=1024,vcores=1]"))
    (message,) = messages(write_config, *props, rule="YL203")
    assert "[memory=5120,vcores=2]" in message and "[memory=4096,vcores=4]" in message


def test_root_without_children(write_config) -> None:
    (message,) = messages(write_config, (P + "root.default.capacity", "100"), rule="YL204")
    assert "root lists no child queues" in message
    auto = ((P + "root.auto-queue-creation-v2.enabled", "true"),)
    assert messages(write_config, *auto, rule="YL204") == []


def test_reservable_parent(write_config) -> None:
    props = (*TWO, (P + "root.a.queues", "x"), (P + "root.a.x.capacity", "100"),
             (P + "root.a.reservable", "true"), (P + "root.b.reservable", "true"))
    (message,) = messages(write_config, *props, rule="YL204")
    assert "root.a is reservable" in message


@pytest.mark.parametrize(("states", "refused"), [
    ({"a": "running "}, True), ({"a": "DRAINING"}, True), ({"a": "stopped"}, False),
    ({"a": "STOPPED", "a.x": "RUNNING"}, True), ({"a": "STOPPED", "a.x": "STOPPED"}, False),
    ({"a": "RUNNING", "a.x": "RUNNING"}, False),
])
def test_queue_states(write_config, states: dict[str, str], refused: bool) -> None:
    props = (*TWO, (P + "root.a.queues", "x"), (P + "root.a.x.capacity", "100"),
             *((P + f"root.{q}.state", s) for q, s in states.items()))
    assert bool(messages(write_config, *props, rule="YL205")) is refused


def test_child_labels_beyond_the_parent(write_config) -> None:
    props = (*TWO, (P + "root.a.queues", "x"), (P + "root.a.x.capacity", "100"),
             (P + "root.a.accessible-node-labels", "gpu"),
             (P + "root.a.x.accessible-node-labels", "gpu,ssd"))
    (message,) = messages(write_config, *props, rule="YL206")
    assert "root.a.x may use labels ssd" in message
    subset = (*props[:-1], (P + "root.a.x.accessible-node-labels", "gpu"))
    assert messages(write_config, *subset, rule="YL206") == []


def test_default_label_expression_must_be_accessible(write_config) -> None:
    props = (*TWO, (P + "root.a.accessible-node-labels", "gpu"),
             (P + "root.a.default-node-label-expression", "ssd"))
    (message,) = messages(write_config, *props, rule="YL206")
    assert "may not use ssd" in message
    fine = (*props[:-1], (P + "root.a.default-node-label-expression", " gpu "))
    assert messages(write_config, *fine, rule="YL206") == []


def test_label_key_without_property(write_config) -> None:
    props = (*TWO, (P + "root.a.accessible-node-labels.gpu", "50"))
    (message,) = messages(write_config, *props, rule="YL206")
    assert "names a label but no property" in message


def test_absolute_maximum_above_the_parent(write_config) -> None:
    props = (*with_two({**ABS_TWO, "a.maximum-capacity": "[memory=8192,vcores=8]"}),
             (P + "root.a.queues", "x"), (P + "root.a.x.capacity", "[memory=2048,vcores=2]"),
             (P + "root.a.x.maximum-capacity", "[memory=16384,vcores=8]"))
    (message,) = messages(write_config, *props, rule="YL207")
    assert "maximum [memory=16384,vcores=8] of root.a.x" in message


def test_absolute_capacity_above_the_inherited_maximum(write_config) -> None:
    props = (*with_two({**ABS_TWO, "a.maximum-capacity": "[memory=8192,vcores=8]"}),
             (P + "root.a.queues", "x"), (P + "root.a.x.capacity", "[memory=9000,vcores=2]"))
    (message,) = messages(write_config, *props, rule="YL207")
    assert "capacity [memory=9000,vcores=2] of root.a.x" in message


@pytest.mark.parametrize(("mappings", "said"), [
    ("u:alice:nosuch", "'nosuch' (start of 'nosuch') does not exist"),
    ("u:alice:root", "root is a parent queue"),
    ("u:alice:root.c", "root.c does not exist and its parent does not allow auto-creation"),
    ("u:alice", "is not u:<user>:<queue>"),
    ("x:alice:a", "is not u:<user>:<queue>"),
    ("u:alice:a.%user", "root.a is a leaf"),
])
def test_mappings_the_rm_refuses(write_config, mappings: str, said: str) -> None:
    (message,) = messages(write_config, *TWO, (P + "queue-mappings", mappings), rule="YL208")
    assert said in message


@pytest.mark.parametrize("mappings", [
    "u:alice:a", "u:alice:root.b", "g:staff:b, u:%user:%user", "u:%user:%primary_group",
    "u:alice:root.auto.new", "u:%user:root.auto.%user",
])
def test_mappings_the_rm_accepts(write_config, mappings: str) -> None:
    props = (*with_two({"b.capacity": "40"}), (P + "root.queues", "a,b,auto"),
             (P + "root.auto.capacity", "10"),
             (P + "root.auto.auto-queue-creation-v2.enabled", "true"),
             (P + "queue-mappings", mappings))
    assert messages(write_config, *props, rule="YL208") == []


def test_ambiguous_short_name_in_a_mapping(write_config) -> None:
    props = (*TWO, (P + "root.a.queues", "x"), (P + "root.b.queues", "x"),
             (P + "root.a.x.capacity", "100"), (P + "root.b.x.capacity", "100"),
             (P + "queue-mappings", "u:alice:x"))
    (message,) = messages(write_config, *props, rule="YL208")
    assert "'x' (start of 'x') is ambiguous" in message


def test_mapping_format_and_duplicate_placement_rules(write_config) -> None:
    props = (*TWO, (P + "mapping-rule-format", "yaml"),
             ("yarn.scheduler.queue-placement-rules", "user-group,user-group"))
    found = messages(write_config, *props, rule="YL208")
    assert len(found) == 2 and any("names a rule twice" in m for m in found)


def test_queue_rules_skip_files_without_scheduler_keys(write_config) -> None:
    path = write_config(("mapred.capacity-scheduler.queue.default.capacity", "100"))
    result = Linter().lint_file(path, LintOptions(), path.name)
    assert not [f for f in result.findings if f.rule_id.startswith("YL2")]
