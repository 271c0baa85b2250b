"""The queue tree CapacityScheduler 3.4.1 builds: capacities per label, limits, ACLs, labels.

Mirrors ``CapacitySchedulerQueueManager.parseQueue`` (which queues exist, leaf or parent),
``CSQueueUtils.loadCapacitiesByLabelsFromConf`` and ``updateAbsoluteCapacitiesByNodeLabels``
(capacities), ``QueueNodeLabelsSettings`` (labels), ``CapacitySchedulerConfiguration.getAcl``
(ACLs) and ``AbstractLeafQueue.setupQueueConfigs`` / ``updateMaximumApplications`` (limits).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar
from weakref import ref

from yarnlint.config.known_keys import PREFIX
from yarnlint.config.text import java_trim
from yarnlint.config.xmlload import PropertyDef
from yarnlint.core.findings import Location
from yarnlint.core.records import Record
from yarnlint.model.capacity import Acl, CapacityForm, CapacityValue, Resources, read_capacity
from yarnlint.model.values import parse_boolean, parse_float, parse_integer

if TYPE_CHECKING:
    from yarnlint.model.scheduler import SchedulerModel

Number = TypeVar("Number", int, float)
NO_LABEL = ""
ANY_LABEL = "*"
LABELS_INFIX = "accessible-node-labels."
ACL_KINDS = ("acl_submit_applications", "acl_administer_queue")
MAX_DEPTH = 64
DOMINANT_CALCULATOR = "org.apache.hadoop.yarn.util.resource.DominantResourceCalculator"


def label_name(label: str) -> str:
    """How messages name a partition."""
    return f"label {label}" if label else "the default partition"


class Queue:
    """One queue of the tree with what CapacityScheduler reads for it."""

    __slots__ = ("abs_capacity", "abs_maximum", "auto_parent", "capacity", "children",
                 "listed", "max_resources", "maximum", "parent", "path")

    def __init__(self, path: str, parent: Queue | None) -> None:
        self.path = path
        self.parent = parent
        self.listed: list[str] = []
        """Child names as ``<path>.queues`` lists them (trimmed, empties dropped, repeats
        kept)."""
        self.children: list[Queue] = []
        self.auto_parent = False
        self.capacity: dict[str, CapacityValue] = {}
        self.maximum: dict[str, CapacityValue] = {}
        self.abs_capacity: dict[str, float] = {}
        self.abs_maximum: dict[str, float] = {}
        self.max_resources: dict[str, Resources] = {}
        """Configured maximum resource per label after inheriting the parent's (absolute
        mode)."""

    @property
    def is_root(self) -> bool:
        return self.parent is None

    @property
    def is_leaf(self) -> bool:
        """A LeafQueue: no children listed and no auto-creation (``parseQueue``)."""
        return not self.listed and not self.auto_parent

    @property
    def labels(self) -> list[str]:
        """Configured labels of this queue (the default partition first)."""
        return list(self.capacity)

    def ancestors(self) -> list[Queue]:
        """Parent, grandparent, ... up to root."""
        found, queue = [], self.parent
        while queue is not None:
            found.append(queue)
            queue = queue.parent
        return found


class QueueTree:
    """The effective queue tree of one configuration."""

    def __init__(self, model: SchedulerModel) -> None:
        self.model = model
        self.conf = model.conf
        self.labels_by_queue = self._labels_by_queue()
        self.root = self._build("root", None, 0)
        self.queues: dict[str, Queue] = {}
        self._index(self.root)
        self._weight_sums: dict[tuple[str, str], float] = {}
        self._absolute(self.root)

    # -- reading keys ---------------------------------------------------------------

    def prop(self, path: str, suffix: str) -> PropertyDef | None:
        """The effective property ``<path>.<suffix>`` (None when unset or dropped)."""
        found = self.conf.effective.get(f"{PREFIX}{path}.{suffix}")
        return found if found is not None and found.value is not None else None

    def raw(self, path: str, suffix: str) -> str | None:
        """The expanded value of ``<path>.<suffix>`` as ``Configuration.get`` returns it."""
        return self.conf.get(f"{PREFIX}{path}.{suffix}")

    def where(self, path: str, suffix: str) -> Location:
        """Location of ``<path>.<suffix>``, else of the queue's ``queues`` key, else line 1."""
        for candidate in (suffix, "queues"):
            prop = self.prop(path, candidate)
            if prop is not None:
                return prop.location
        queue = self.queues.get(path)
        if queue is not None and queue.parent is not None:
            return self.where(queue.parent.path, "queues")
        return Location(self.model.main_file.display, 1, 1)

    def flag(self, path: str, suffix: str) -> bool:
        """A boolean key as ``getBoolean`` reads it (unreadable: false)."""
        written = self.raw(path, suffix)
        return bool(written is not None and parse_boolean(written))

    def number(self, key: str, default: float) -> float:
        """A float key as ``getFloat`` reads it (unparsable: the default; YL004 reports it)."""
        return self._typed(key, parse_float, default)

    def integer(self, key: str, default: int) -> int:
        """An int key as ``getInt`` reads it (unparsable: the default; YL004 reports it)."""
        return self._typed(key, parse_integer, default)

    def _typed(self, key: str, parse: Callable[[str], Number], default: Number) -> Number:
        written = self.conf.get(key)
        if written is None:
            return default
        try:
            return parse(written)
        except ValueError:
            return default

    @property
    def legacy_mode(self) -> bool:
        """``legacy-queue-mode.enabled`` (default true): the legacy capacity checks apply."""
        written = self.conf.get(PREFIX + "legacy-queue-mode.enabled")
        parsed = parse_boolean(written) if written is not None else None
        return True if parsed is None else parsed

    @property
    def dominant(self) -> bool:
        """Whether resources compare on every type (``DominantResourceCalculator``)."""
        written = self.conf.get(PREFIX + "resource-calculator")
        return written is not None and java_trim(written) == DOMINANT_CALCULATOR

    # -- building ---------------------------------------------------------------------

    def _labels_by_queue(self) -> dict[str, set[str]]:
        """``getConfiguredNodeLabelsByQueue``: labels named in ``accessible-node-labels.<l>.*``.

        A key without anything after the label name is left out (Hadoop fails on it; the
        label rule reports it).
        """
        found: dict[str, set[str]] = {}
        for name in self.conf.effective:
            if not name.startswith(PREFIX) or LABELS_INFIX not in name:
                continue
            short = name[len(PREFIX):]
            infix_at = short.index(LABELS_INFIX)
            start = infix_at + len(LABELS_INFIX)
            end = short.find(".", start)
            if end < 0 or infix_at == 0:
                continue
            found.setdefault(short[:infix_at - 1], {NO_LABEL}).add(short[start:end])
        return found

    def queue_labels(self, path: str) -> list[str]:
        """Labels Hadoop loads capacities for (root: every configured label)."""
        if path == "root":
            labels = set().union(*self.labels_by_queue.values()) or {NO_LABEL}
        else:
            labels = self.labels_by_queue.get(path, {NO_LABEL})
        return sorted(labels)

    def _build(self, path: str, parent: Queue | None, depth: int) -> Queue:
        queue = Queue(path, parent)
        listed = self.raw(path, "queues")
        if listed is not None and depth < MAX_DEPTH:
            queue.listed = [n for n in (java_trim(p) for p in listed.split(",")) if n]
        queue.auto_parent = (self.flag(path, "auto-create-child-queue.enabled")
                             or self.flag(path, "auto-queue-creation-v2.enabled"))
        for label in self.queue_labels(path):
            prefix = f"{LABELS_INFIX}{label}." if label else ""
            queue.capacity[label] = read_capacity(
                self.raw(path, prefix + "capacity"), parent is None, False, bool(label))
            queue.maximum[label] = read_capacity(
                self.raw(path, prefix + "maximum-capacity"), parent is None, True, bool(label))
        for name in dict.fromkeys(queue.listed):
            queue.children.append(self._build(f"{path}.{name}", queue, depth + 1))
        return queue

    def _index(self, queue: Queue) -> None:
        self.queues[queue.path] = queue
        for child in queue.children:
            self._index(child)

    def capacity(self, queue: Queue, label: str) -> CapacityValue:
        """The queue's capacity for ``label`` (unset when the label is not configured)."""
        return queue.capacity.get(label) or CapacityValue(CapacityForm.UNSET, 0.0)

    def _weight_sum(self, parent: Queue, label: str) -> float:
        """The children's weights for ``label`` added up, once per parent (a parent of
        thousands of queues must not be summed once per child)."""
        key = (parent.path, label)
        if key not in self._weight_sums:
            self._weight_sums[key] = sum(max(self.capacity(child, label).weight, 0.0)
                                         for child in parent.children)
        return self._weight_sums[key]

    def _absolute(self, queue: Queue) -> None:
        """Absolute capacities as fractions of the cluster (legacy mode: weights normalised)."""
        for label in queue.labels:
            high = queue.maximum[label].resources
            above = queue.parent.max_resources.get(label, Resources()) if queue.parent \
                else Resources()
            if high.none and not queue.capacity[label].resources.none:
                high = above
            queue.max_resources[label] = high
            if queue.parent is None:
                queue.abs_capacity[label] = queue.abs_maximum[label] = 1.0
                continue
            weight_sum = self._weight_sum(queue.parent, label)
            own = self.capacity(queue, label)
            share = own.percent / 100
            if own.weight >= 0 and weight_sum > 0:
                share = max(share, own.weight / weight_sum)
            parent_abs = queue.parent.abs_capacity.get(label, 0.0)
            parent_max = queue.parent.abs_maximum.get(label, 1.0)
            queue.abs_capacity[label] = share * parent_abs
            queue.abs_maximum[label] = queue.maximum[label].percent / 100 * parent_max
        for child in queue.children:
            self._absolute(child)

    # -- views ------------------------------------------------------------------------

    @property
    def leaves(self) -> list[Queue]:
        return [q for q in self.queues.values() if q.is_leaf]

    @property
    def parents(self) -> list[Queue]:
        return [q for q in self.queues.values() if q.children]

    def acl(self, queue: Queue, kind: str) -> tuple[Acl, PropertyDef | None]:
        """``getAcl``: the written ACL, else ``*`` for root and nobody for other queues."""
        prop = self.prop(queue.path, kind)
        if prop is None:
            return Acl.parse("*" if queue.is_root else " "), None
        return Acl.parse(self.conf.expand(prop.value or "").value), prop

    def submit_grantors(self, queue: Queue) -> list[tuple[Queue, str, Acl]]:
        """Every (queue, ACL key, ACL) on the path to root that lets someone submit.

        The RM lets a user submit when the submit or the administer ACL of the queue or of
        any ancestor allows them (``RMAppManager``, ``ConfiguredYarnAuthorizer``).
        """
        found = []
        for holder in (queue, *queue.ancestors()):
            for kind in ACL_KINDS:
                acl, _ = self.acl(holder, kind)
                if not acl.nobody:
                    found.append((holder, kind, acl))
        return found

    @cached_property
    def states(self) -> dict[str, str]:
        """Each queue's state: its own RUNNING/STOPPED (upper-cased), else its parent's."""
        found: dict[str, str] = {}
        for path, queue in self.queues.items():  # parents come before their children
            written = self.raw(path, "state")
            inherited = found[queue.parent.path] if queue.parent else "RUNNING"
            own = written.upper() if written is not None else None
            found[path] = own if own in ("RUNNING", "STOPPED") else inherited
        return found

    def running_leaves(self) -> list[Queue]:
        """Leaves that accept applications (not STOPPED)."""
        return [q for q in self.leaves if self.states[q.path] == "RUNNING"]

    @cached_property
    def accessible_labels(self) -> dict[str, frozenset[str]]:
        """Labels each queue may use: its own list, else its parent's; root always ``*``."""
        found: dict[str, frozenset[str]] = {}
        for path, queue in self.queues.items():
            written = self.raw(path, "accessible-node-labels")
            if queue.parent is None:
                found[path] = frozenset({ANY_LABEL})
            elif written is None:
                found[path] = found[queue.parent.path]
            else:
                found[path] = _read_labels(written)
        return found

    def default_label_expression(self, queue: Queue) -> str | None:
        """Own ``default-node-label-expression`` (trimmed), else the parent's when this
        queue's labels include all of the parent's."""
        written = self.raw(queue.path, "default-node-label-expression")
        if written is not None or queue.parent is None:
            return java_trim(written) if written is not None else None
        labels = self.accessible_labels
        if labels[queue.path] >= labels[queue.parent.path]:
            return self.default_label_expression(queue.parent)
        return None

    @cached_property
    def short_names(self) -> dict[str, list[str]]:
        """Queue paths by short name (``CSQueueStore``; root is not a short name)."""
        names: dict[str, list[str]] = {}
        for path in self.queues:
            if path != "root":
                names.setdefault(path.rpartition(".")[2], []).append(path)
        return names

    def find(self, name: str) -> Queue | None:
        """``CSQueueStore.get``: a full path, or a short name that is not ambiguous."""
        if name in self.queues:
            return self.queues[name]
        paths = self.short_names.get(name, [])
        return self.queues[paths[0]] if len(paths) == 1 else None


class CapacityMode(Record):
    """How a set of queues configures capacity (``getCapacityConfigurationTypeForQueues``)."""

    __slots__ = COMPARED = ("kind", "mixed", "uses")

    def __init__(self, kind: CapacityForm, mixed: bool, uses: tuple[str, ...]) -> None:
        self.kind = kind
        self.mixed = mixed
        self.uses = uses


def capacity_mode(tree: QueueTree, queues: list[Queue], labels: list[str]) -> CapacityMode:
    """Percent, weight or absolute, and whether they are mixed, over ``labels``.

    As in Hadoop, an absolute capacity met after a percentage clears the percentage flag.
    """
    percent = weight = absolute = False
    uses: list[str] = []
    for queue in queues:
        for label in labels:
            value = tree.capacity(queue, label)
            where = f"{queue.path} ({label_name(label)})"
            percent = percent or value.percent > 0
            if value.weight >= 0:
                weight = True
                uses.append(f"{where}: weight")
            if not value.resources.none:
                absolute, percent = True, False
                uses.append(f"{where}: absolute")
            if value.percent > 0 and value.resources.none:
                uses.append(f"{where}: percentage")
    mixed = percent + weight + absolute > 1
    kind = (CapacityForm.WEIGHT if weight or not queues else
            CapacityForm.ABSOLUTE if absolute else CapacityForm.PERCENT)
    return CapacityMode(kind, mixed, tuple(dict.fromkeys(uses)))


class LeafLimits(Record):
    """What one leaf lets applications and users do (``AbstractLeafQueue``)."""

    __slots__ = ("am_percent", "max_applications", "max_applications_per_user", "user_limit_factor",
                 "user_limit_percent")
    COMPARED = ("user_limit_percent", "user_limit_factor", "am_percent", "max_applications",
                "max_applications_per_user")

    def __init__(self, user_limit_percent: float, user_limit_factor: float, am_percent: float,
                 max_applications: int, max_applications_per_user: int) -> None:
        self.user_limit_percent = user_limit_percent
        self.user_limit_factor = user_limit_factor
        self.am_percent = am_percent
        self.max_applications = max_applications
        self.max_applications_per_user = max_applications_per_user


class _LeafLimitTable:
    """One tree's leaf limits, each worked out once (several rules ask for every leaf),
    over the cluster-wide defaults, read once."""

    def __init__(self, tree: QueueTree) -> None:
        self.user_limit = tree.number(PREFIX + "minimum-user-limit-percent", 100.0)
        self.factor = tree.number(PREFIX + "user-limit-factor", 1.0)
        self.am_percent = tree.number(PREFIX + "maximum-am-resource-percent", 0.1)
        self.system = tree.integer(PREFIX + "maximum-applications", 10000)
        self.per_queue_default = tree.integer(PREFIX + "global-queue-max-application", -1)
        self.by_path: dict[str, LeafLimits] = {}


_LEAF_LIMITS: list[tuple[ref[QueueTree], _LeafLimitTable]] = []
"""The table of the tree last asked about (rules ask about one tree at a time)."""


def leaf_limits(tree: QueueTree, queue: Queue) -> LeafLimits:
    """``setupQueueConfigs`` and ``updateMaximumApplications`` for one leaf."""
    if not _LEAF_LIMITS or _LEAF_LIMITS[0][0]() is not tree:
        _LEAF_LIMITS[:] = [(ref(tree), _LeafLimitTable(tree))]
    table = _LEAF_LIMITS[0][1]
    found = table.by_path.get(queue.path)
    if found is None:
        found = table.by_path[queue.path] = _leaf_limits(tree, queue, table)
    return found


def _leaf_limits(tree: QueueTree, queue: Queue, table: _LeafLimitTable) -> LeafLimits:
    path = PREFIX + queue.path + "."
    user_limit = tree.number(path + "minimum-user-limit-percent", table.user_limit)
    factor = tree.number(path + "user-limit-factor", table.factor)
    am_percent = tree.number(path + "maximum-am-resource-percent", table.am_percent)
    system, per_queue_default = table.system, table.per_queue_default
    base = min(per_queue_default, system) if per_queue_default > 0 else system
    apps = tree.integer(path + "maximum-applications", -1)
    absolute = any(v.mode is CapacityForm.ABSOLUTE for v in queue.capacity.values())
    if apps < 0:
        if per_queue_default > 0 and not absolute:
            apps = base
        else:
            apps = max(int(base * queue.abs_capacity.get(label, 0.0)) for label in queue.labels)
    per_user = apps
    if factor != -1:
        per_user = min(apps, int(apps * (user_limit / 100) * factor))
    return LeafLimits(user_limit, factor, am_percent, apps, per_user)


def applies(model: SchedulerModel) -> bool:
    """Whether the queue rules judge this file: it parsed and sets CapacityScheduler keys."""
    return model.main_file.parsed and model.has_scheduler_keys


def judged_tree(model: SchedulerModel) -> QueueTree | None:
    """The queue tree the queue rules judge, or None when they do not judge this file."""
    return model.queue_tree if applies(model) else None


def refused(what: str, hadoop: str) -> str:
    """A refusal message: what is wrong, what the RM does, and the Hadoop method."""
    return (f"{what}: the ResourceManager does not start with this file and "
            f"refreshQueues rejects it ({hadoop})")


def capacity_key(path: str, label: str, suffix: str) -> str:
    """``yarn.scheduler.capacity.<path>[.accessible-node-labels.<label>].<suffix>``."""
    infix = f"{LABELS_INFIX}{label}." if label else ""
    return f"{PREFIX}{path}.{infix}{suffix}"


def listed_children(tree: QueueTree, parent: Queue) -> list[Queue]:
    """The children as Hadoop holds them: one per listed name, repeats included."""
    return [tree.queues[f"{parent.path}.{name}"] for name in parent.listed]


def _read_labels(written: str) -> frozenset[str]:
    """``getAccessibleNodeLabels``: comma-separated, trimmed, empties dropped, ``*`` alone."""
    labels = frozenset(n for n in (java_trim(p) for p in written.split(",")) if n)
    return frozenset({ANY_LABEL}) if ANY_LABEL in labels else labels


NODE_MEMORY_KEY = "yarn.nodemanager.resource.memory-mb"
MINIMUM_MB_KEY = "yarn.scheduler.minimum-allocation-mb"
DEFAULT_NODE_MB = 8192
"""yarn-default.xml has -1 for the NodeManager's memory: 8192 MB unless hardware detection."""
DEFAULT_MINIMUM_MB = 1024


class ClusterMemory(Record):
    """The cluster's memory as the scheduler sees it, and the AM container size."""

    __slots__ = ("am_mb", "minimum_mb", "node_mb", "nodes")
    COMPARED = ("nodes", "node_mb", "minimum_mb", "am_mb")

    def __init__(self, nodes: int, node_mb: int, minimum_mb: int, am_mb: int) -> None:
        self.nodes = nodes
        self.node_mb = node_mb
        self.minimum_mb = minimum_mb
        self.am_mb = am_mb

    @property
    def total_mb(self) -> int:
        return self.nodes * self.node_mb


def cluster_memory(tree: QueueTree, nodes: int, am_mb: int | None) -> ClusterMemory:
    """Per-node memory and minimum allocation from yarn-site (Hadoop's defaults otherwise)."""
    node_mb = tree.integer(NODE_MEMORY_KEY, -1)
    minimum = tree.integer(MINIMUM_MB_KEY, DEFAULT_MINIMUM_MB)
    minimum = minimum if minimum > 0 else DEFAULT_MINIMUM_MB
    return ClusterMemory(nodes, node_mb if node_mb > 0 else DEFAULT_NODE_MB, minimum,
                         am_mb or minimum)


def leaf_memory(queue: Queue, memory: ClusterMemory) -> tuple[int, int]:
    """(guaranteed, maximum) memory of a queue in the default partition, in MB."""
    capacity, maximum = queue.capacity[NO_LABEL], queue.max_resources.get(NO_LABEL)
    guaranteed = capacity.resources.memory_mb if capacity.mode is CapacityForm.ABSOLUTE \
        else int(queue.abs_capacity[NO_LABEL] * memory.total_mb)
    ceiling = maximum.memory_mb if maximum is not None and not maximum.none \
        else int(queue.abs_maximum[NO_LABEL] * memory.total_mb)
    return guaranteed, ceiling


def round_up(amount: float, step: int) -> int:
    """``Resources.multiplyAndNormalizeUp``: up to a multiple of the minimum allocation."""
    return -(-int(amount) // step) * step if step > 0 else int(amount)


def am_limit(queue_mb: int, percent: float, memory: ClusterMemory) -> tuple[int, int]:
    """(AM memory limit, how many AMs fit) for a queue of ``queue_mb`` (at least one AM
    always starts: ``AbstractLeafQueue.activateApplications``)."""
    limit = round_up(queue_mb * percent, memory.minimum_mb)
    return limit, max(1, limit // memory.am_mb) if memory.am_mb > 0 else 1


def effective_submit(tree: QueueTree, queue: Queue) -> str:
    """Who may submit to ``queue``: the union of the submit and administer ACLs up to root."""
    grants = tree.submit_grantors(queue)
    if any(acl.everyone for _, _, acl in grants):
        return "everyone"
    users = sorted({u for _, _, acl in grants for u in acl.users})
    groups = sorted({g for _, _, acl in grants for g in acl.groups})
    parts = ([f"users {','.join(users)}"] if users else []) + \
        ([f"groups {','.join(groups)}"] if groups else [])
    return "; ".join(parts) or "nobody"


def describe_queues(tree: QueueTree, memory: ClusterMemory | None) -> list[dict[str, object]]:
    """One record per queue (tree order): what ``yarnlint queues`` shows."""
    rows: list[dict[str, object]] = []
    for path, queue in tree.queues.items():
        capacity, maximum = queue.capacity[NO_LABEL], queue.maximum[NO_LABEL]
        row: dict[str, object] = {
            "queue": path, "depth": path.count("."), "leaf": queue.is_leaf,
            "state": tree.states[path],
            "capacity": capacity.written or ("100" if queue.is_root else "0"),
            "maximum_capacity": maximum.written or "100",
            "absolute_capacity": round(queue.abs_capacity[NO_LABEL] * 100, 4),
            "absolute_maximum_capacity": round(queue.abs_maximum[NO_LABEL] * 100, 4),
            "labels": sorted(tree.accessible_labels[path]),
        }
        if queue.is_leaf:
            limits = leaf_limits(tree, queue)
            factor = limits.user_limit_factor
            one_user = queue.abs_maximum[NO_LABEL] if factor == -1 else \
                min(queue.abs_maximum[NO_LABEL], queue.abs_capacity[NO_LABEL] * factor)
            row.update({
                "user_limit_factor": factor,
                "minimum_user_limit_percent": limits.user_limit_percent,
                "one_user_max": round(one_user * 100, 4),
                "maximum_am_resource_percent": limits.am_percent,
                "maximum_applications": limits.max_applications,
                "maximum_applications_per_user": limits.max_applications_per_user,
                "submit_acl": effective_submit(tree, queue),
            })
            if memory is not None:
                guaranteed, ceiling = leaf_memory(queue, memory)
                limit, busy = am_limit(guaranteed, limits.am_percent, memory)
                row.update({"guaranteed_mb": guaranteed, "maximum_mb": ceiling,
                            "am_limit_mb": limit, "ams_busy": busy,
                            "ams_idle": am_limit(max(guaranteed, ceiling), limits.am_percent,
                                                 memory)[1]})
        rows.append(row)
    return rows
