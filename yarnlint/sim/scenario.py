"""Validate a ``yarnlint-scenario/1`` dict and parse it into immutable dataclasses.

Every error is a :class:`ScenarioError` whose ``field`` is the path of the offending
value (``steps[3].asks.requests[0].containers``), so a user can find it in the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from yarnlint.model.values import parse_boolean, parse_integer
from yarnlint.sim.errors import ScenarioError

FORMAT = "yarnlint-scenario/1"
ANY = "*"
CAPACITY_PREFIX = "yarn.scheduler.capacity."
DEFAULT_MAX_ATTEMPTS = 5_000_000
MAX_NODES = 100_000
"""Nodes a scenario may have (the largest cluster yarnlint lints)."""
MAX_THREADS = 1_024
"""Asynchronous scheduling threads a scenario may run passes with."""
MAX_WORK = 5_000_000
"""Node visits a scenario may ask for: each node of each heartbeat round, each node of each
thread of each asynchronous pass (all nodes for each multi-node attempt), counted whether or
not anything is asked, so idle rounds cannot run without end."""
MAX_TRACE_ENTRIES = 100_000
"""Decisions a traced run may record (an entry takes about 500 bytes, and a few µs to
write)."""


def _describe(value: Any) -> str:
    """The value as JSON text, for error messages."""
    try:
        return json.dumps(value)
    except (TypeError, ValueError):
        return repr(value)


@dataclass(frozen=True)
class Settings:
    """The scheduler keys the simulator reads, with Hadoop 3.4.1's defaults."""

    node_locality_delay: int = 40
    rack_locality_additional_delay: int = -1
    rack_locality_full_reset: bool = True
    multiple_assignments_enabled: bool = True
    maximum_container_assignments: int = 100
    maximum_offswitch_assignments: int = 1
    async_enabled: bool = False
    async_threads: int = 1
    async_interval_ms: int = 5
    multi_node_enabled: bool = False
    heartbeat_interval_ms: int = 1000
    minimum_allocation_mb: int = 1024
    minimum_allocation_vcores: int = 1
    maximum_allocation_mb: int = 8192
    maximum_allocation_vcores: int = 4
    dominant_resource_calculator: bool = False

    @property
    def offswitch_per_heartbeat(self) -> int:
        """``getOffSwitchPerHeartbeatLimit``: values below 1 act as 1."""
        return max(1, self.maximum_offswitch_assignments)

    @property
    def threads(self) -> int:
        """Asynchronous scheduling threads: values below 1 act as 1."""
        return max(1, self.async_threads)


# key (without the capacity prefix) -> (Settings attribute, Java type)
SETTING_KEYS: dict[str, tuple[str, str]] = {
    "node-locality-delay": ("node_locality_delay", "int"),
    "rack-locality-additional-delay": ("rack_locality_additional_delay", "int"),
    "rack-locality-full-reset": ("rack_locality_full_reset", "boolean"),
    "per-node-heartbeat.multiple-assignments-enabled": ("multiple_assignments_enabled", "boolean"),
    "per-node-heartbeat.maximum-container-assignments": ("maximum_container_assignments", "int"),
    "per-node-heartbeat.maximum-offswitch-assignments": ("maximum_offswitch_assignments", "int"),
    "schedule-asynchronously.enable": ("async_enabled", "boolean"),
    "schedule-asynchronously.maximum-threads": ("async_threads", "int"),
    "schedule-asynchronously.scheduling-interval-ms": ("async_interval_ms", "long"),
    "multi-node-placement-enabled": ("multi_node_enabled", "boolean"),
    "heartbeat-interval-ms": ("heartbeat_interval_ms", "long"),
    "resource-calculator": ("dominant_resource_calculator", "calculator"),
    "minimum-allocation-mb": ("minimum_allocation_mb", "int"),
    "minimum-allocation-vcores": ("minimum_allocation_vcores", "int"),
    "maximum-allocation-mb": ("maximum_allocation_mb", "int"),
    "maximum-allocation-vcores": ("maximum_allocation_vcores", "int"),
}
FULL_NAMES = {
    "yarn.resourcemanager.nodemanagers.heartbeat-interval-ms": "heartbeat-interval-ms",
    "yarn.scheduler.minimum-allocation-mb": "minimum-allocation-mb",
    "yarn.scheduler.minimum-allocation-vcores": "minimum-allocation-vcores",
    "yarn.scheduler.maximum-allocation-mb": "maximum-allocation-mb",
    "yarn.scheduler.maximum-allocation-vcores": "maximum-allocation-vcores",
}
_POSITIVE = {"heartbeat_interval_ms", "minimum_allocation_mb", "maximum_allocation_mb"}
_NON_NEGATIVE = {"async_interval_ms", "minimum_allocation_vcores", "maximum_allocation_vcores"}


def setting_key(name: str) -> str:
    """The short key for a full or short property name."""
    name = FULL_NAMES.get(name, name)
    return name[len(CAPACITY_PREFIX):] if name.startswith(CAPACITY_PREFIX) else name


def _setting_value(attribute: str, kind: str, value: Any, path: str) -> Any:
    """One setting parsed like Hadoop's getter (a JSON number/boolean or its text)."""
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            parsed = parse_boolean(value)  # lenient: anything else means the default
            default: bool = getattr(Settings, attribute)
            return default if parsed is None else parsed
        raise ScenarioError(path, f"expected true or false, got {_describe(value)}")
    if kind == "calculator":
        if not isinstance(value, str):
            raise ScenarioError(path, f"expected a class name, got {_describe(value)}")
        return value.strip().endswith("DominantResourceCalculator")
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ScenarioError(path, f"expected an integer, got {_describe(value)}")
    try:
        number = parse_integer(str(value), kind)
    except ValueError as exc:
        raise ScenarioError(path, f"expected an integer, got {_describe(value)} ({exc})") from None
    if attribute in _POSITIVE and number < 1:
        raise ScenarioError(path, f"expected an integer >= 1, got {number}")
    if attribute in _NON_NEGATIVE and number < 0:
        raise ScenarioError(path, f"expected an integer >= 0, got {number}")
    return number


def apply_settings(base: Settings, values: Any, path: str) -> tuple[Settings, tuple[str, ...]]:
    """``base`` with ``values`` applied, and the keys the simulator does not read."""
    if not isinstance(values, dict):
        raise ScenarioError(path, f"expected an object, got {_describe(values)}")
    changes: dict[str, Any] = {}
    ignored: list[str] = []
    for name, value in values.items():
        key = setting_key(str(name))
        if key not in SETTING_KEYS:
            ignored.append(str(name))
            continue
        attribute, kind = SETTING_KEYS[key]
        changes[attribute] = _setting_value(attribute, kind, value, f"{path}.{name}")
    return replace(base, **changes), tuple(ignored)


class Node(NamedTuple):
    host: str
    rack: str
    memory_mb: int
    vcores: int


@dataclass(frozen=True)
class App:
    app_id: str
    priority: int  # application priority: higher goes first, then list order
    resends_asks: bool = False  # its AM re-sends totals after each container (0s included)


class Request(NamedTuple):
    resource: str
    containers: int
    relax_locality: bool


@dataclass(frozen=True)
class AsksStep:
    app: str
    priority: int
    allocation_request_id: int
    memory_mb: int
    vcores: int
    requests: tuple[Request, ...]


@dataclass(frozen=True)
class AttemptStep:
    node: str


@dataclass(frozen=True)
class HeartbeatStep:
    node: str


@dataclass(frozen=True)
class HeartbeatsStep:
    rounds: int
    nodes: tuple[str, ...] | None


@dataclass(frozen=True)
class AsyncPassesStep:
    count: int


@dataclass(frozen=True)
class SetStep:
    settings: Settings
    ignored: tuple[str, ...]


@dataclass(frozen=True)
class ResetStep:
    app: str
    priority: int
    allocation_request_id: int


@dataclass(frozen=True)
class BlacklistStep:
    app: str
    add: tuple[str, ...]
    remove: tuple[str, ...]


Step = (AsksStep | AttemptStep | HeartbeatStep | HeartbeatsStep | AsyncPassesStep | SetStep
        | ResetStep | BlacklistStep)


@dataclass(frozen=True)
class Scenario:
    name: str
    nodes: tuple[Node, ...]
    num_cluster_nodes: int
    settings: Settings
    ignored_settings: tuple[str, ...]
    apps: tuple[App, ...]
    steps: tuple[Step, ...]
    seed: int
    max_attempts: int
    work: int = 0
    """Node visits the steps ask for (see :data:`MAX_WORK`): a bound on the trace's length."""


class _Reader:
    """Typed access to one JSON object, raising ScenarioError with the field path."""

    def __init__(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise ScenarioError(path, f"expected an object, got {_describe(value)}")
        self.data: dict[str, Any] = value
        self.path = path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str) -> Any:
        if key not in self.data:
            raise ScenarioError(self.at(key), "missing")
        return self.data[key]

    def integer(self, key: str, default: int | None = None, minimum: int | None = None) -> int:
        if key not in self.data and default is not None:
            return default
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int) or (
                minimum is not None and value < minimum):
            bound = f" >= {minimum}" if minimum is not None else ""
            raise ScenarioError(self.at(key), f"expected an integer{bound}, got {_describe(value)}")
        return value

    def text(self, key: str, default: str | None = None) -> str:
        if key not in self.data and default is not None:
            return default
        value = self.raw(key)
        if not isinstance(value, str) or not value:
            raise ScenarioError(self.at(key),
                                f"expected a non-empty string, got {_describe(value)}")
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise ScenarioError(self.at(key), f"expected true or false, got {_describe(value)}")
        return value

    def sequence(self, key: str, default: list[Any] | None = None) -> list[Any]:
        """A list (``default`` when absent and given)."""
        if key not in self.data and default is not None:
            return default
        value = self.raw(key)
        if not isinstance(value, list):
            raise ScenarioError(self.at(key), f"expected a list, got {_describe(value)}")
        return value

    def items(self, key: str, default: list[Any] | None = None) -> list[tuple[Any, str]]:
        """A list's elements with their paths."""
        return [(item, f"{self.at(key)}[{i}]")
                for i, item in enumerate(self.sequence(key, default))]

    def names(self, key: str, known: set[str] | None = None) -> tuple[str, ...]:
        """A list of non-empty strings, each one of ``known`` when given."""
        result = []
        for item, path in self.items(key, default=[]):
            if not isinstance(item, str) or not item:
                raise ScenarioError(path, f"expected a non-empty string, got {_describe(item)}")
            if known is not None and item not in known:
                raise ScenarioError(path, f"unknown node {_describe(item)}")
            result.append(item)
        return tuple(result)


def _parse_nodes(cluster: _Reader) -> tuple[Node, ...]:
    if cluster.has("nodes") == cluster.has("generate"):
        raise ScenarioError(cluster.path, "expected exactly one of 'nodes' or 'generate'")
    if cluster.has("generate"):
        spec = _Reader(cluster.raw("generate"), cluster.at("generate"))
        racks = spec.integer("racks", minimum=1)
        per_rack = spec.integer("nodes_per_rack", minimum=1)
        if racks * per_rack > MAX_NODES:
            raise ScenarioError(cluster.at("generate"), f"{racks} racks of {per_rack} nodes is "
                                                        f"above the cap of {MAX_NODES} nodes")
        memory, vcores = spec.integer("memory_mb", 8192, 0), spec.integer("vcores", 8, 0)
        return tuple(Node(f"node{r * per_rack + i + 1}", f"/rack{r + 1}", memory, vcores)
                     for r in range(racks) for i in range(per_rack))
    nodes: list[Node] = []
    seen: set[str] = set()
    for item, path in cluster.items("nodes"):
        spec = _Reader(item, path)
        host = spec.text("host")
        if host == ANY or host.startswith("/") or host in seen:
            raise ScenarioError(spec.at("host"),
                                f"expected a unique host name, got {_describe(host)}")
        seen.add(host)
        nodes.append(Node(host, spec.text("rack", "/default-rack"),
                          spec.integer("memory_mb", 8192, 0), spec.integer("vcores", 8, 0)))
    if not nodes:
        raise ScenarioError(cluster.at("nodes"), "expected at least one node")
    if len(nodes) > MAX_NODES:
        raise ScenarioError(cluster.at("nodes"), f"{len(nodes)} nodes is above the cap of "
                                                 f"{MAX_NODES}")
    return tuple(nodes)


def _parse_apps(root: _Reader) -> tuple[App, ...]:
    apps: dict[str, App] = {}
    for item, path in root.items("apps"):
        spec = _Reader(item, path)
        app_id = spec.text("id")
        if app_id in apps:
            raise ScenarioError(spec.at("id"), f"duplicate application {_describe(app_id)}")
        apps[app_id] = App(app_id, spec.integer("priority", 0),
                           spec.boolean("resends_asks", False))
    return tuple(apps.values())


def _well_formed_request(item: Any) -> bool:
    return (type(item) is dict and type(item.get("resource")) is str and item["resource"] != ""
            and type(item.get("containers")) is int and item["containers"] >= 0
            and type(item.get("relax_locality", True)) is bool)


STEP_KINDS = frozenset({"asks", "attempt", "heartbeat", "heartbeats", "async_passes", "set",
                        "reset_missed_opportunities", "blacklist"})


class _StepParser:
    """Parses the steps, checking the apps and nodes they name."""

    def __init__(self, apps: set[str], hosts: set[str], settings: Settings) -> None:
        self.apps = apps
        self.hosts = hosts
        self.settings = settings
        self.work = 0

    def count_work(self, step: Step, path: str) -> None:
        """Add the node visits of ``step`` to the budget (ScenarioError past a cap)."""
        nodes = len(self.hosts)
        multi = self.settings.multi_node_enabled
        per_attempt = nodes if multi else 1
        if isinstance(step, AttemptStep | HeartbeatStep):
            visits = per_attempt
        elif isinstance(step, HeartbeatsStep):
            visited = nodes if step.nodes is None else len(step.nodes)
            visits = step.rounds * max(1, visited) * per_attempt
        elif isinstance(step, AsyncPassesStep):
            threads = self.settings.threads
            if step.count and threads > MAX_THREADS:
                raise ScenarioError(path, f"{threads} asynchronous scheduling threads is above "
                                          f"the cap of {MAX_THREADS}")
            visits = step.count * threads * (nodes if multi else nodes + 1)
        else:
            return
        self.work += visits
        if self.work > MAX_WORK:
            raise ScenarioError(path, f"the steps so far visit nodes {self.work} times, above "
                                      f"the cap of {MAX_WORK} node visits (idle rounds count)")

    def app(self, spec: _Reader) -> str:
        app = spec.text("app")
        if app not in self.apps:
            raise ScenarioError(spec.at("app"), f"unknown application {_describe(app)}")
        return app

    def node(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or value not in self.hosts:
            raise ScenarioError(path, f"unknown node {_describe(value)}")
        return value

    def parse(self, item: Any, path: str) -> Step:
        if not isinstance(item, dict) or len(item) != 1:
            raise ScenarioError(path, "expected an object with exactly one step kind, "
                                      f"got {_describe(item)}")
        kind, body = next(iter(item.items()))
        if kind not in STEP_KINDS:
            raise ScenarioError(path, f"unknown step kind {_describe(kind)}")
        where = f"{path}.{kind}"
        if kind == "attempt":
            return AttemptStep(self.node(body, where))
        if kind == "heartbeat":
            return HeartbeatStep(self.node(body, where))
        spec = _Reader(body, where)
        if kind == "asks":
            return self.asks(spec)
        if kind == "heartbeats":
            nodes = spec.names("nodes", self.hosts) if spec.has("nodes") else None
            return HeartbeatsStep(spec.integer("rounds", minimum=0), nodes)
        if kind == "async_passes":
            return AsyncPassesStep(spec.integer("count", minimum=0))
        if kind == "set":
            self.settings, ignored = apply_settings(self.settings, spec.data, where)
            return SetStep(self.settings, ignored)
        if kind == "reset_missed_opportunities":
            return ResetStep(self.app(spec), spec.integer("priority"),
                             spec.integer("allocation_request_id", 0))
        return BlacklistStep(self.app(spec), spec.names("add"), spec.names("remove"))

    def asks(self, spec: _Reader) -> AsksStep:
        requests = []
        for index, item in enumerate(spec.sequence("requests")):
            if _well_formed_request(item):  # the common case, checked without a _Reader
                requests.append(Request(item["resource"], item["containers"],
                                        item.get("relax_locality", True)))
                continue
            request = _Reader(item, f"{spec.at('requests')}[{index}]")
            requests.append(Request(request.text("resource"),
                                    request.integer("containers", minimum=0),
                                    request.boolean("relax_locality", True)))
        return AsksStep(self.app(spec), spec.integer("priority"),
                        spec.integer("allocation_request_id", 0),
                        spec.integer("memory_mb", 1024, 0), spec.integer("vcores", 1, 0),
                        tuple(requests))


def parse_scenario(data: Any) -> Scenario:
    """Validate ``data`` (the decoded JSON) and return the parsed scenario."""
    root = _Reader(data, "")
    if root.data.get("format") != FORMAT:
        raise ScenarioError("format", f"expected {_describe(FORMAT)}, "
                                      f"got {_describe(root.data.get('format'))}")
    name = root.data.get("name", "")
    if not isinstance(name, str):
        raise ScenarioError("name", f"expected a string, got {_describe(name)}")
    cluster = _Reader(root.raw("cluster"), "cluster")
    nodes = _parse_nodes(cluster)
    num_cluster_nodes = cluster.integer("num_cluster_nodes", len(nodes), 0)
    settings, ignored = apply_settings(Settings(), root.data.get("scheduler", {}), "scheduler")
    apps = _parse_apps(root)
    parser = _StepParser({app.app_id for app in apps}, {node.host for node in nodes}, settings)
    steps = []
    for item, path in root.items("steps"):
        steps.append(parser.parse(item, path))
        parser.count_work(steps[-1], path)
    limits = _Reader(root.data.get("limits", {}), "limits")
    max_attempts = limits.integer("max_attempts", DEFAULT_MAX_ATTEMPTS, 1)
    return Scenario(name, nodes, num_cluster_nodes, settings, ignored, apps, tuple(steps),
                    root.integer("seed", 0), max_attempts, parser.work)

