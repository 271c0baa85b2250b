"""Queue mappings the ResourceManager refuses: malformed, or naming queues it cannot place into.

Why it matters on YARN: with the default placement rules (``user-group``) the RM turns
``queue-mappings`` (``u:<user>:<queue>``, ``g:<group>:<queue>``) and
``yarn.scheduler.queue-placement-rules.app-name`` (``<app>:<queue>``) into mapping rules
(``CapacitySchedulerConfiguration.parseLegacyMappingRules``) and checks every target in
``CSMappingPlacementRule.initialize`` (``MappingRuleValidationContextImpl.validateQueuePath``):
a queue given by short name must exist and be unambiguous, an existing target must be a
leaf, a missing one needs a parent (or grandparent) with auto-creation, and a path with
``%user``-style variables must start below a parent that exists. A malformed entry, an
unknown ``mapping-rule-format`` or the same placement rule named twice
(``CapacitySchedulerConfigValidator.validatePlacementRules``) fails the same way: the
ResourceManager does not start and ``refreshQueues`` fails. JSON mapping rules are not
checked here.

Example: ``queue-mappings`` = ``u:alice:analytics`` while no queue is called analytics.

Fix: map to an existing leaf (full path, or a short name used once), or enable
auto-creation on the parent the mapping should create queues under.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from yarnlint.config.known_keys import PREFIX
from yarnlint.config.text import java_trim
from yarnlint.findings import Problem
from yarnlint.model.queues import QueueTree, judged_tree, refused
from yarnlint.rules import RuleContext

ID = "YL208"
NAME = "queue.mapping"
SEVERITY = "error"
VARIABLES = frozenset({"%user", "%primary_group", "%secondary_group", "%application",
                       "%specified", "%default"})
PLACEMENT_RULES = "yarn.scheduler.queue-placement-rules"
HADOOP = "CSMappingPlacementRule.initialize"


def _trimmed(text: str, separator: str) -> list[str]:
    """``StringUtils.getTrimmedStringCollection``: split, trim, drop empties."""
    return [p for p in (java_trim(part) for part in text.split(separator)) if p]


def _creatable_under(tree: QueueTree, path: str, flexible_only: bool = False) -> bool:
    """Whether queues may be created under ``path`` (legacy or flexible auto-creation)."""
    queue = tree.queues.get(path)
    if queue is None:
        return False
    if flexible_only:
        return tree.flag(path, "auto-queue-creation-v2.enabled")
    return queue.auto_parent


def target_problem(tree: QueueTree, target: str) -> str | None:
    """Why the RM refuses ``target`` as a mapping's queue, or None."""
    parts = target.split(".")
    if any(not part for part in parts):
        return f"queue path {target!r} has an empty part"
    static = [p for p in parts if p not in VARIABLES]
    if parts[0] in VARIABLES:
        return None
    first = tree.find(parts[0])
    if first is None:
        how = "is ambiguous" if len(tree.short_names.get(parts[0], [])) > 1 else "does not exist"
        return f"queue {parts[0]!r} (start of {target!r}) {how}"
    full = [first.path, *parts[1:]]
    if len(static) < len(parts):
        cut = next(i for i, p in enumerate(full) if p in VARIABLES)
        known = tree.queues.get(".".join(full[:cut]))
        if known is not None:
            return None if not known.is_leaf else \
                f"{known.path} is a leaf, so nothing can be created under it"
        if cut > 1 and _creatable_under(tree, ".".join(full[:cut - 1])):
            return None
        return f"no parent on {target!r} exists or allows auto-creation"
    path = ".".join(full)
    queue = tree.queues.get(path)
    if queue is not None:
        return None if queue.is_leaf else f"{path} is a parent queue, not a leaf"
    if len(full) < 2:
        return f"{path} does not exist"
    if _creatable_under(tree, ".".join(full[:-1])):
        return None
    if len(full) > 2 and ".".join(full[:-1]) not in tree.queues \
            and _creatable_under(tree, ".".join(full[:-2]), flexible_only=True):
        return None
    return f"{path} does not exist and its parent does not allow auto-creation"


def _entries(model: Any, key: str) -> Iterator[tuple[Any, str, list[str]]]:
    """(property, entry, fields) of each comma-separated mapping of ``key``."""
    prop = model.conf.effective.get(key)
    if prop is None or prop.value is None:
        return
    for entry in _trimmed(model.conf.expand(prop.value).value, ","):
        yield prop, entry, _trimmed(entry, ":")


def check(ctx: RuleContext) -> Iterator[Problem]:
    """Malformed mappings, unknown format, duplicated rules, targets that cannot be placed."""
    model = ctx.model
    tree = judged_tree(model)
    if tree is None:
        return
    rules = model.conf.effective.get(PLACEMENT_RULES)
    if rules is not None and rules.value is not None:
        names = [n for n in model.conf.expand(rules.value).value.split(",") if n]
        if len(set(names)) < len(names):
            yield Problem(refused(f"{PLACEMENT_RULES} names a rule twice",
                                  "CapacitySchedulerConfigValidator.validatePlacementRules"),
                          rules.location, key=rules.name, value=rules.value)
    mapping_format = model.conf.get(PREFIX + "mapping-rule-format")
    if mapping_format not in (None, "legacy", "json"):
        prop = model.conf.effective[PREFIX + "mapping-rule-format"]
        yield Problem(refused(f"mapping-rule-format {mapping_format!r} is neither legacy nor "
                              "json", "CapacitySchedulerConfiguration.getMappingRules"),
                      prop.location, key=prop.name, value=prop.value)
    if mapping_format not in (None, "legacy"):
        return
    sources = ((PREFIX + "queue-mappings", 3), (PLACEMENT_RULES + ".app-name", 2))
    for key, fields in sources:
        for prop, entry, parts in _entries(model, key):
            if len(parts) != fields or (fields == 3 and parts[0] not in ("u", "g")):
                form = "u:<user>:<queue> or g:<group>:<queue>" if fields == 3 \
                    else "<app>:<queue>"
                yield Problem(refused(f"mapping {entry!r} is not {form}",
                                      "CapacitySchedulerConfiguration.parseLegacyMappingRules"),
                              prop.location, key=key, value=prop.value)
                continue
            problem = target_problem(tree, parts[-1])
            if problem is not None:
                yield Problem(refused(f"mapping {entry!r}: {problem}", HADOOP),
                              prop.location, key=key, value=prop.value)
