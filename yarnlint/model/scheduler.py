"""The CapacityScheduler settings YARN will use: typed values, defaults, queue tree, key kinds."""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING

from yarnlint.config import known_keys
from yarnlint.config.known_keys import PREFIX, KeySpec
from yarnlint.config.resolve import Configuration
from yarnlint.config.text import java_trim
from yarnlint.config.xmlload import LoadedFile, LoadIssue, PropertyDef
from yarnlint.core.records import Record
from yarnlint.model.values import TYPED_KINDS, parse_typed

if TYPE_CHECKING:
    from yarnlint.model.queues import QueueTree

MAX_QUEUE_DEPTH = 64
MAX_KEY_PARTS = 4 * MAX_QUEUE_DEPTH
"""Keys with more dot-separated parts are unknown without splitting them into queue path and
suffix: no queue tree yarnlint models is that deep, and every split costs the key's length."""
_AUTO_CREATION_FLAGS = ("auto-create-child-queue.enabled", "auto-queue-creation-v2.enabled")


class Setting(Record):
    """The value YARN uses for one key, with where it came from.

    ``value`` is the typed value in effect (the default when unset or when a boolean is
    unreadable); ``error`` says why the written value cannot be parsed.
    """

    __slots__ = ("error", "key", "prop", "spec", "value", "written")
    COMPARED = ("key", "spec", "value", "written", "prop", "error")

    def __init__(self, key: str, spec: KeySpec, value: int | float | bool | str | None,
                 written: str | None = None, prop: PropertyDef | None = None,
                 error: str | None = None) -> None:
        self.key = key
        self.spec = spec
        self.value = value
        self.written = written
        self.prop = prop
        self.error = error

    @property
    def is_set(self) -> bool:
        """Whether the file sets this key (rather than the default applying)."""
        return self.prop is not None


class KeyRole(StrEnum):
    """What a property name is to the CapacityScheduler."""

    GLOBAL = "global"
    """A scheduler-wide key it reads."""
    QUEUE = "queue"
    """A key of a queue in the tree."""
    ORPHAN_QUEUE = "orphan-queue"
    """A queue key of a queue the tree does not contain."""
    OTHER = "other"
    """Read by another part of the ResourceManager (placement rules, the preemption
    monitor), and often set in this file."""
    UNKNOWN = "unknown"
    """Under the scheduler's prefix, but read by nothing."""
    FOREIGN = "foreign"
    """Outside the scheduler's prefix (yarn-site keys and the like)."""


class KeyKind(Record):
    """How a property name relates to what the CapacityScheduler reads."""

    __slots__ = ("kind", "queue", "spec", "suggestion")
    COMPARED = ("kind", "spec", "queue", "suggestion")

    def __init__(self, kind: KeyRole, spec: KeySpec | None = None, queue: str | None = None,
                 suggestion: str | None = None) -> None:
        self.kind = kind
        self.spec = spec
        self.queue = queue
        self.suggestion = suggestion


class Queue:
    """One queue in the tree built from ``<path>.queues``."""

    __slots__ = ("children", "path")

    def __init__(self, path: str) -> None:
        self.path = path
        self.children: list[Queue] = []

    @property
    def is_leaf(self) -> bool:
        return not self.children


class SchedulerModel:
    """Effective configuration of one linted file (with yarn-site underneath, if given)."""

    def __init__(self, conf: Configuration, files: list[LoadedFile],
                 hadoop_version: tuple[int, ...] = (3, 4, 1),
                 heartbeat_ms_from_yarn_site: int | None = None,
                 extra_issues: list[LoadIssue] | None = None) -> None:
        self.conf = conf
        self.files = files
        self.hadoop_version = hadoop_version
        self.heartbeat_ms_from_yarn_site = heartbeat_ms_from_yarn_site
        self.extra_issues = extra_issues or []
        self._kinds: dict[str, KeyKind] = {}

    @property
    def main_file(self) -> LoadedFile:
        """The linted capacity-scheduler file (last resource)."""
        return self.files[-1]

    @property
    def load_issues(self) -> list[LoadIssue]:
        """Everything that went wrong while reading the inputs."""
        issues = [issue for f in self.files for issue in f.issues]
        return issues + self.extra_issues

    @property
    def has_scheduler_keys(self) -> bool:
        """Whether the linted file sets any ``yarn.scheduler.capacity.*`` key."""
        return any(p.name.startswith(PREFIX) for p in self.main_file.properties)

    def setting(self, short: str) -> Setting:
        """The effective typed value of global key ``yarn.scheduler.capacity.<short>``."""
        return self.settings[short]

    def value(self, short: str) -> int | float | bool | str | None:
        """Shorthand for ``setting(short).value``."""
        return self.settings[short].value

    @cached_property
    def settings(self) -> dict[str, Setting]:
        """Every global key with its typed effective value."""
        return {short: self.typed(PREFIX + short, spec)
                for short, spec in known_keys.GLOBAL_KEYS.items()}

    def typed(self, key: str, spec: KeySpec) -> Setting:
        """Parse the effective value of ``key`` as Hadoop's getter for ``spec.type`` would."""
        prop = self.conf.effective.get(key)
        default = self._parse_default(spec)
        if prop is None or prop.value is None:
            return Setting(key, spec, default)
        written = self.conf.expand(prop.value).value
        if spec.type not in TYPED_KINDS:
            return Setting(key, spec, written, written, prop)
        try:
            parsed = parse_typed(written, spec.type)
        except ValueError as exc:
            return Setting(key, spec, default, written, prop, str(exc))
        if parsed is None:
            return Setting(key, spec, default, written, prop, "not true or false")
        return Setting(key, spec, parsed, written, prop)

    @staticmethod
    def _parse_default(spec: KeySpec) -> int | float | bool | str | None:
        if spec.default is None:
            return None
        if spec.type in TYPED_KINDS:
            return parse_typed(spec.default, spec.type)
        return spec.default

    @cached_property
    def root(self) -> Queue:
        """The queue tree from ``root.queues`` down (names trimmed, empties dropped)."""
        return self._queue("root", 0)

    def _queue(self, path: str, depth: int) -> Queue:
        queue = Queue(path)
        listed = self.conf.get(f"{PREFIX}{path}.queues")
        if listed is None or depth >= MAX_QUEUE_DEPTH:
            return queue
        for name in dict.fromkeys(java_trim(n) for n in listed.split(",")):
            if name:
                queue.children.append(self._queue(f"{path}.{name}", depth + 1))
        return queue

    @cached_property
    def queue_tree(self) -> QueueTree:
        """Capacities, limits, labels and ACLs of every queue (built on first use)."""
        from yarnlint.model.queues import QueueTree

        return QueueTree(self)

    @cached_property
    def queue_paths(self) -> dict[str, Queue]:
        """Every queue by full path."""
        found: dict[str, Queue] = {}
        stack = [self.root]
        while stack:
            queue = stack.pop()
            found[queue.path] = queue
            stack.extend(queue.children)
        return found

    def classify(self, name: str) -> KeyKind:
        """Say what kind of key ``name`` is for the CapacityScheduler (memoised)."""
        kind = self._kinds.get(name)
        if kind is None:
            kind = self._kinds[name] = self._classify(name)
        return kind

    def _classify(self, name: str) -> KeyKind:
        if name in known_keys.OTHER_KEYS:
            return KeyKind(KeyRole.OTHER)
        if not name.startswith(PREFIX):
            return KeyKind(KeyRole.FOREIGN)
        short = name[len(PREFIX):]
        spec = known_keys.global_spec(short)
        if spec is not None:
            return KeyKind(KeyRole.GLOBAL, spec)
        return self._classify_queue_key(short)

    def _classify_queue_key(self, short: str) -> KeyKind:
        parts = short.split(".", MAX_KEY_PARTS)
        if len(parts) > MAX_KEY_PARTS:
            return KeyKind(KeyRole.UNKNOWN)
        splits = [(".".join(parts[:cut]), ".".join(parts[cut:]))
                  for cut in range(len(parts) - 1, 0, -1)]
        for path, suffix in splits:
            spec = known_keys.queue_suffix_spec(suffix)
            if spec is not None and (path in self.queue_paths or "*" in path
                                     or self._under_auto_parent(path)):
                return KeyKind(KeyRole.QUEUE, spec, path)
        for path, suffix in splits:
            spec = known_keys.queue_suffix_spec(suffix)
            if spec is not None and path.split(".")[0] == "root":
                return KeyKind(KeyRole.ORPHAN_QUEUE, spec, path)
        known_queue = next((path for path, _ in splits if path in self.queue_paths), None)
        return KeyKind(KeyRole.UNKNOWN, suggestion=self._suggest(short, known_queue))

    @cached_property
    def auto_parents(self) -> frozenset[str]:
        """Queue paths with auto-creation of child queues on (legacy or v2)."""
        parents = set()
        for name in self.conf.effective:
            if not name.startswith(PREFIX):
                continue
            for flag in _AUTO_CREATION_FLAGS:
                if name.endswith("." + flag) and len(name) > len(PREFIX) + len(flag) + 1:
                    value = self.conf.get(name)
                    if value is not None and java_trim(value).lower() == "true":
                        parents.add(name[len(PREFIX):-len(flag) - 1])
        return frozenset(parents)

    def _under_auto_parent(self, path: str) -> bool:
        """Whether ``path`` may be a dynamic queue below a parent with auto-creation on."""
        return any(path.startswith(parent + ".") for parent in self.auto_parents)

    def _suggest(self, short: str, queue: str | None) -> str | None:
        if queue is not None:
            suffix = short[len(queue) + 1:]
            better = known_keys.suggest(suffix, list(known_keys.QUEUE_SUFFIXES))
            return f"{PREFIX}{queue}.{better}" if better else None
        rooted = f"root.{short}"
        if not short.startswith("root") and self._classify_queue_key(rooted).kind is KeyRole.QUEUE:
            return PREFIX + rooted
        better = known_keys.suggest(short, list(known_keys.GLOBAL_KEYS))
        return PREFIX + better if better else None
