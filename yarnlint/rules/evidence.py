"""Simulation evidence for the locality and assignment rules.

Rules describe *what* to simulate (a :class:`Workload` from :data:`WORKLOADS`, the user's
settings with at most a few keys changed); this module turns that into a
``yarnlint-scenario/1`` dict for the user's cluster, runs it with :mod:`yarnlint.sim`
(imported lazily, so ``yarnlint check`` starts fast), and packs the numbers into a finding's
``evidence``: scenario, metrics, a one-line summary, a re-run command and, when two values
are compared, both runs side by side.

The simulated heartbeats visit the racks in turn (one node of each rack, then the next),
the neutral order for a cluster whose heartbeats arrive unsynchronised. Requests go to the
last rack, so a request meets nodes of other racks before its own, as it does on a real
cluster. Big clusters are scaled down: only the first nodes of that order heartbeat (every
rack keeps its share), while the scheduler still counts every node (``num_cluster_nodes``)
and wall-clock times are rescaled to the whole cluster's heartbeat rate.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from yarnlint.findings import FROM_FINDING, Location, Problem, Severity, ValueFix
from yarnlint.model.values import parse_typed, parse_version

ATTEMPT_BUDGET = 2000
"""Node attempts one evidence run may make (a few milliseconds of simulation)."""
MIN_ROUNDS = 5
MAX_ROUNDS = 20
"""The re-run command of a scenario the generator form cannot write; reports put the
finding's 1-based position in the JSON report's ``findings`` array in place of ``N``."""

SIMULATED_KEYS = (
    "node-locality-delay",
    "rack-locality-additional-delay",
    "rack-locality-full-reset",
    "per-node-heartbeat.multiple-assignments-enabled",
    "per-node-heartbeat.maximum-container-assignments",
    "per-node-heartbeat.maximum-offswitch-assignments",
    "schedule-asynchronously.enable",
    "schedule-asynchronously.maximum-threads",
    "schedule-asynchronously.scheduling-interval-ms",
)
"""Global keys copied from the model into every evidence scenario."""


# ------------------------------------------------------------------ Hadoop releases
@dataclass(frozen=True)
class KeyHistory:
    """When a key appeared (first release of each line that has it), and a default change."""

    jira: str
    releases: tuple[str, ...]
    default_change: tuple[str, tuple[str, ...], str] | None = None
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
    """Whether ``version`` contains a change first released in ``releases`` (one per line).

    A release line that is not listed has the change when it is newer than every listed
    line, or when an older line of the same major version already had it.
    """
    firsts = [parse_version(r) for r in releases]
    line = version[:2]
    same_line = [r for r in firsts if r[:2] == line]
    if same_line:
        return version >= min(same_line)
    if line > max(r[:2] for r in firsts):
        return True
    same_major = [r for r in firsts if r[0] == version[0] and r[:2] < line]
    return bool(same_major)


def version_text(version: tuple[int, ...]) -> str:
    """(3, 4, 1) -> ``3.4.1``."""
    return ".".join(str(part) for part in version)


def known_to(model: Any, short: str) -> bool:
    """Whether the model's Hadoop version reads ``short`` at all."""
    history = KEY_HISTORY.get(short)
    return history is None or released_in(model.hadoop_version, history.releases)


def effective_value(model: Any, short: str) -> Any:
    """The value YARN of the model's version uses: a key it does not know, or an unset key
    whose default changed later, gives that version's default."""
    setting = model.setting(short)
    history = KEY_HISTORY.get(short)
    if history is None or (setting.is_set and known_to(model, short)):
        return setting.value
    change = history.default_change
    if change is not None and not released_in(model.hadoop_version, change[1]):
        return parse_typed(change[2], setting.spec.type)
    return parse_typed(setting.spec.default, setting.spec.type)


def text_value(value: Any) -> str:
    """A typed value as Hadoop reads it back (booleans lower case)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def user_settings(model: Any, cluster: Any) -> dict[str, str]:
    """The simulated keys as YARN would use them, plus the cluster's heartbeat interval."""
    settings = {short: text_value(effective_value(model, short)) for short in SIMULATED_KEYS}
    settings["heartbeat-interval-ms"] = str(cluster.heartbeat_ms)
    return settings


def problem(model: Any, short: str, message: str, found: dict[str, Any] | None = None,
            related: tuple[str, ...] = (), severity: Severity | None = None,
            fix: ValueFix | None = None) -> Problem:
    """A finding about key ``short`` at its property, else at the first related property
    that is set (``key``/``value`` are then that property's), else at line 1 without a key."""
    for name in (short, *related):
        setting = model.setting(name)
        if setting.is_set and setting.prop is not None:
            return Problem(message, setting.prop.location, key=setting.key,
                           value=setting.written, evidence=found, severity=severity, fix=fix)
    return Problem(message, Location(model.main_file.display, 1, 1), evidence=found,
                   severity=severity, fix=fix)


def value_fix(model: Any, short: str, value: Any) -> ValueFix:
    """Set ``short`` to ``value``: at its property in the linted file, else a new property
    (a definition only in yarn-site is overridden by one in the linted file)."""
    setting = model.setting(short)
    prop = setting.prop
    here = setting.is_set and prop is not None and prop.location.file == model.main_file.display
    text = text_value(value)
    return ValueFix(setting.key, text, prop.location if here and prop else None,
                    f"set {short} to {text}")


def shown(model: Any, short: str) -> str:
    """``key = value`` for messages, saying when the value is Hadoop's default."""
    value = text_value(effective_value(model, short))
    return f"{short} = {value}" + ("" if model.setting(short).is_set else " (unset: the default)")


# ------------------------------------------------------------------ workloads
@dataclass(frozen=True)
class Workload:
    """A representative request, as data: what is asked, how much, how big.

    ``locality``: ``host`` (containers that prefer hosts, with their racks and ANY, as
    MapReduce and Tez ask), ``rack`` (the target rack and ANY; with ``rack_busy`` a rack none
    of whose nodes has room) or ``any`` (ANY only: AM containers, Spark on object storage).
    Host asks come in two spreads: ``replicas`` > 1 gives each container that many replica
    hosts, the input spread evenly over the heartbeating nodes (its blocks on
    ``replicas`` x containers hosts, consecutive replicas on different racks); otherwise every
    container asks one of ``preferred_hosts`` hosts of the target rack. The burst is
    ``containers`` plus ``containers_per_node`` times the nodes that heartbeat; ``any_per_node``
    adds ANY-only containers of a second application per heartbeating node and
    ``am_containers`` one-container ANY-only applications (application masters).
    ``profile``: selectable with ``--workload`` (the others are shapes single rules need).
    """

    name: str
    description: str
    locality: str
    containers: int = 0
    containers_per_node: float = 0.0
    preferred_hosts: int = 0
    replicas: int = 1
    any_per_node: float = 0.0
    am_containers: int = 0
    container_mb: int = 4096
    node_mb: int = 32768
    node_vcores: int = 16
    rack_busy: bool = False
    profile: bool = False

    @property
    def node_slots(self) -> int:
        """Containers of this size one node holds."""
        return max(1, self.node_mb // self.container_mb)

    def burst(self, visited_nodes: int) -> int:
        """Containers of the main request when ``visited_nodes`` nodes heartbeat."""
        return max(1, self.containers + round(self.containers_per_node * visited_nodes))

    def extra_any(self, visited_nodes: int) -> int:
        """ANY-only containers of the second application."""
        return round(self.any_per_node * visited_nodes)

    def asked(self, visited_nodes: int) -> int:
        """Every container the workload asks."""
        return self.burst(visited_nodes) + self.extra_any(visited_nodes) + self.am_containers


HDFS_BATCH = Workload(
    "hdfs-batch", "MapReduce/Tez maps reading HDFS: each asks its 3 replica hosts, their "
    "racks and ANY", "host", containers=24, replicas=3, profile=True)

WORKLOADS: dict[str, Workload] = {
    "hdfs-batch": HDFS_BATCH,
    "locality-free": Workload(
        "locality-free", "Spark or Tez on object storage: ANY-only executors plus 2 AM "
        "containers", "any", containers_per_node=1.0, am_containers=2, profile=True),
    "mixed": replace(
        HDFS_BATCH, name="mixed", description="the hdfs-batch maps next to ANY-only "
        "executors (half a container per node) and 2 AM containers", any_per_node=0.5,
        am_containers=2),
    "rack-burst": Workload(
        "rack-burst", "a small request on one rack", "rack", containers=3),
    "busy-rack": Workload(
        "busy-rack", "a small request on a rack with no free node", "rack", containers=3,
        rack_busy=True),
    "few-hosts": Workload(
        "few-hosts", "a batch of map tasks whose input blocks sit on a few hosts of one rack",
        "host", containers=24, preferred_hosts=3),
}
"""Workloads by name: the ``profile`` ones for ``--workload``, the others rule shapes."""

PROFILES = tuple(name for name, work in WORKLOADS.items() if work.profile)
DEFAULT_PROFILE = "hdfs-batch"
"""The profile when neither ``--workload`` nor the config file names one: delay scheduling
exists for HDFS-local reads, and a cluster that sets its delays usually runs them."""


def profile(options: dict[str, Any]) -> Workload:
    """The selected workload profile (option ``profile``, set from ``--workload``)."""
    return WORKLOADS.get(str(options.get("profile") or DEFAULT_PROFILE), HDFS_BATCH)


def workload(options: dict[str, Any]) -> Workload:
    """The rule's own shape (option ``workload``) where it has one, else the profile."""
    shape = options.get("workload")
    return WORKLOADS[shape] if shape in WORKLOADS else profile(options)


# ------------------------------------------------------------------ scenarios
@dataclass(frozen=True)
class Layout:
    """The simulated cluster: an even split of the user's nodes into racks, visit order."""

    nodes: int
    racks: int
    visit: tuple[int, ...]  # 0-based node indexes, in heartbeat order
    rounds: int
    uneven: bool

    @classmethod
    def of(cls, cluster: Any) -> Layout:
        nodes, racks = cluster.num_nodes, cluster.num_racks
        by_rack: list[list[int]] = [[] for _ in range(racks)]
        for index in range(nodes):
            by_rack[index * racks // nodes].append(index)
        order = [rack[i] for i in range(max(map(len, by_rack))) for rack in by_rack
                 if i < len(rack)]
        visited = min(nodes, ATTEMPT_BUDGET // MIN_ROUNDS)
        rounds = max(1, min(MAX_ROUNDS, ATTEMPT_BUDGET // visited))
        sizes = set(cluster.rack_sizes.values())
        return cls(nodes, racks, tuple(order[:visited]), rounds, max(sizes) - min(sizes) > 1)

    @property
    def scaled(self) -> bool:
        return len(self.visit) < self.nodes

    def rack(self, index: int) -> str:
        """The rack of node ``index`` (0-based), as the scenario generator assigns it."""
        return f"/rack{index * self.racks // self.nodes + 1}"

    @staticmethod
    def host(index: int) -> str:
        """The host name of node ``index`` (0-based)."""
        return f"node{index + 1}"

    @property
    def target_rack(self) -> int:
        """The 1-based rack requests go to: the rack of the last node visited.

        That is the last rack whenever every rack has a heartbeating node in the simulation;
        with more racks than simulated nodes it is the last rack that has one.
        """
        return self.visit[-1] * self.racks // self.nodes + 1

    def hosts_in_target(self, count: int) -> list[str]:
        """``count`` heartbeating hosts of the target rack, spread over its visit order."""
        target = f"/rack{self.target_rack}"
        rack = [i for i in self.visit if self.rack(i) == target]
        count = max(1, min(count, len(rack)))
        return [self.host(rack[(k + 1) * len(rack) // (count + 1)]) for k in range(count)]


BUSY_RACK = "/busy-rack"
"""The rack a ``rack_busy`` workload asks for: no node of the simulated cluster is in it."""


def rack_asked(work: Workload, layout: Layout) -> str:
    """The rack name a rack or host workload asks for."""
    return BUSY_RACK if work.rack_busy else f"/rack{layout.target_rack}"


def requests_for(work: Workload, layout: Layout) -> list[str]:
    """The workload as ``yarnlint simulate --request`` texts (replica asks: see
    :func:`replica_asks`, which replaces the first request's asks)."""
    visited = len(layout.visit)
    total = work.burst(visited)
    if work.locality == "any" or work.replicas > 1:
        main = [f"any x{total}"]
    elif work.locality == "rack":
        main = [f"rack:{rack_asked(work, layout)} x{total}"]
    else:
        hosts = layout.hosts_in_target(work.preferred_hosts)
        main = [f"host:{host} x{total * (k + 1) // len(hosts) - total * k // len(hosts)}"
                for k, host in enumerate(hosts)]
    if work.extra_any(visited):
        main.append(f"any x{work.extra_any(visited)} app=app_2")
    return main + [f"any x1 app=am_{k + 1} priority=0" for k in range(work.am_containers)]


def replica_asks(work: Workload, layout: Layout) -> list[dict[str, Any]]:
    """The asks of ``work.burst`` containers with ``work.replicas`` replica hosts each.

    The input's blocks sit on ``replicas x containers`` hosts spread evenly over the
    heartbeat order (every node at most once); container i asks hosts ``i*r .. i*r+r-1`` of
    them, each rack holding one once, and ANY once, as MapReduce's RMContainerRequestor
    adds them up.
    """
    total = work.burst(len(layout.visit))
    spread = min(len(layout.visit), total * work.replicas)
    holders = [layout.visit[k * len(layout.visit) // spread] for k in range(spread)]
    counts: dict[str, int] = {"*": total}
    for index in range(total):
        chosen = {holders[(index * work.replicas + j) % spread] for j in range(work.replicas)}
        for rack in sorted({layout.rack(node) for node in chosen}):
            counts[rack] = counts.get(rack, 0) + 1
        for node in sorted(chosen):
            counts[layout.host(node)] = counts.get(layout.host(node), 0) + 1
    return [{"resource": name, "containers": count} for name, count in counts.items()]


def describe_request(work: Workload, layout: Layout) -> str:
    """What the workload asks, in words."""
    visited = len(layout.visit)
    total = work.burst(visited)
    where = f"/rack{layout.target_rack}"
    if work.locality == "any":
        text = f"{total} ANY-only containers"
    elif work.rack_busy:
        text = f"{total} containers asked on a rack with no free node"
    elif work.locality == "rack":
        text = f"{total} containers asked on {where}"
    elif work.replicas > 1:
        text = (f"{total} containers asking {work.replicas} replica hosts each (input on "
                f"{min(visited, total * work.replicas)} hosts)")
    else:
        hosts = len(layout.hosts_in_target(work.preferred_hosts))
        text = f"{total} containers asked on {hosts} hosts of {where}"
    if work.extra_any(visited):
        text += f" and {work.extra_any(visited)} ANY-only containers of a second application"
    if work.am_containers:
        text += f" and {work.am_containers} AM containers"
    return f"{text} ({work.name} workload)"


@dataclass(frozen=True)
class Run:
    """One simulation behind a finding: the scenario, its summary, how to re-run it."""

    scenario: dict[str, Any]
    summary: dict[str, Any]
    generator_args: dict[str, Any] | None
    workload: Workload
    layout: Layout
    settings: dict[str, str]
    held: dict[str, str] = field(default_factory=dict)
    """Settings held away from the user's values so the judged key's effect shows."""

    @property
    def time_scale(self) -> float:
        """Simulated seconds -> seconds on the whole cluster (heartbeats of visited nodes only)."""
        if self.summary.get("async_passes") or not self.layout.scaled:
            return 1.0
        return len(self.layout.visit) / self.layout.nodes

    def seconds(self, field: str) -> float | None:
        value = self.summary.get(field)
        return None if value is None else round(value * self.time_scale, 3)


def simulate(cluster: Any, work: Workload, settings: dict[str, str]) -> Run:
    """Run ``work`` on ``cluster`` with ``settings`` (short keys -> values as written).

    One heartbeat round first; a request still not placed is run again with twice the
    rounds, up to as many as :data:`ATTEMPT_BUDGET` allows.
    """
    return _placed(Layout.of(cluster), work, tuple(settings.items()))


@lru_cache(maxsize=1024)
def _placed(layout: Layout, work: Workload, settings: tuple[tuple[str, str], ...]) -> Run:
    """:func:`simulate`, cached for the whole process: the same scenario gives the same
    result, so the rules and sweeps of one run (and the files of one run) share them."""
    rounds = 1
    run = _simulate(layout, work, dict(settings), rounds)
    while rounds < layout.rounds and metrics(run)["containers_unplaced"]:
        rounds = min(layout.rounds, rounds * 2)
        run = _simulate(layout, work, dict(settings), rounds)
    return run


def _simulate(layout: Layout, work: Workload, settings: dict[str, str], rounds: int) -> Run:
    from yarnlint.sim import build_scenario, run_scenario

    args: dict[str, Any] = {
        "nodes": layout.nodes, "racks": layout.racks, "requests": requests_for(work, layout),
        "settings": dict(settings), "heartbeats": rounds, "memory_mb": work.node_mb,
        "vcores": work.node_vcores, "container_mb": work.container_mb}
    scenario = build_scenario(**args)
    in_cluster_order = list(layout.visit) == list(range(layout.nodes))
    generated = work.replicas == 1
    if not generated:
        scenario["steps"][0]["asks"]["requests"] = replica_asks(work, layout)
        scenario["name"] = f"{layout.nodes} nodes in {layout.racks} racks: " \
                           + describe_request(work, layout)
    last = scenario["steps"][-1]
    if "async_passes" in last:
        passes = max(1, ATTEMPT_BUDGET // layout.nodes * rounds // layout.rounds)
        if passes < last["async_passes"]["count"]:
            last["async_passes"]["count"] = passes
            in_cluster_order = False
    elif not in_cluster_order:
        last["heartbeats"]["nodes"] = [layout.host(i) for i in layout.visit]
    if layout.scaled:
        scenario["cluster"] = {
            "nodes": [{"host": layout.host(i), "rack": layout.rack(i), "memory_mb": work.node_mb,
                       "vcores": work.node_vcores} for i in sorted(layout.visit)],
            "num_cluster_nodes": layout.nodes}
    result = run_scenario(scenario, trace=False)
    return Run(scenario, result["summary"], args if in_cluster_order and generated else None,
               work, layout, dict(settings))


CHANGE_KEYS = {
    "node_locality_delay": "node-locality-delay",
    "rack_locality_additional_delay": "rack-locality-additional-delay",
    "rack_locality_full_reset": "rack-locality-full-reset",
    "multiple_assignments_enabled": "per-node-heartbeat.multiple-assignments-enabled",
    "maximum_container_assignments": "per-node-heartbeat.maximum-container-assignments",
    "maximum_offswitch_assignments": "per-node-heartbeat.maximum-offswitch-assignments",
    "schedule_asynchronously": "schedule-asynchronously.enable",
    "heartbeat_interval_ms": "heartbeat-interval-ms",
}
"""Keyword names :func:`simulate_with` accepts, and the scenario keys they set."""


NODE_DELAY = "node-locality-delay"
ADDITIONAL_DELAY = "rack-locality-additional-delay"
FULL_RESET = "rack-locality-full-reset"
MULTIPLE = "per-node-heartbeat.multiple-assignments-enabled"


def masking_settings(settings: dict[str, str], cluster: Any) -> dict[str, str]:
    """Settings that can hide another setting's effect, with the values that do not.

    A node-locality delay of 0 or less places everything at the first attempt; the
    automatic off-switch threshold sends most requests off-switch before any rack-local
    delay matters; no full reset and single assignment per heartbeat change how
    every later container of a request is placed.
    """
    held: dict[str, str] = {}
    node_delay = int(settings[NODE_DELAY])
    if node_delay <= 0:
        node_delay = rack_sized_delay(cluster)
        held[NODE_DELAY] = str(node_delay)
    if not cluster.single_rack and int(settings[ADDITIONAL_DELAY]) <= -1:
        held[ADDITIONAL_DELAY] = str(explicit_additional_delay(cluster, node_delay))
    for key in (FULL_RESET, MULTIPLE):
        if settings[key] == "false":
            held[key] = "true"
    return held


def simulate_with(model: Any, cluster: Any, work: Workload, *, isolate: str | None = None,
                  **changes: Any) -> Run:
    """``work`` with the user's settings, ``changes`` applied (keywords of ``CHANGE_KEYS``).

    ``isolate``: the key a rule judges; the other settings of :func:`masking_settings` are
    held at values that do not hide its effect, and the summary says so.
    """
    settings = user_settings(model, cluster)
    held = {} if isolate is None else {
        key: value for key, value in masking_settings(settings, cluster).items()
        if key != isolate}
    settings.update(held)
    for name, value in changes.items():
        settings[CHANGE_KEYS[name]] = text_value(value)
    return replace(simulate(cluster, work, settings), held=held)


# ------------------------------------------------------------------ metrics and text
def metrics(run: Run) -> dict[str, Any]:
    """The numbers a finding quotes, from the simulator's summary."""
    summary = run.summary
    by_type = dict(summary["containers"])
    placed = sum(by_type.values())
    asked = run.workload.asked(len(run.layout.visit))
    per_node = summary["containers_per_node_max"]
    last = run.seconds("last_container_s")
    return {
        "workload": run.workload.name,
        "containers_asked": asked,
        "containers": by_type,
        "containers_placed": placed,
        "containers_unplaced": asked - placed,
        "node_local_share": round(by_type["NODE_LOCAL"] / asked, 3),
        "first_container_s": run.seconds("first_container_s"),
        "last_container_s": last,
        "seconds_per_container": None if last is None or not placed else round(last / placed, 3),
        "max_missed_opportunities": summary["max_missed_opportunities"],
        "containers_per_heartbeat_max": summary["containers_per_heartbeat_max"],
        "containers_per_node_max": per_node,
        "largest_node_share": round(per_node / placed, 3) if placed else 0.0,
        "even_node_share": round(1 / min(placed, len(run.layout.visit)), 3) if placed else 0.0,
        "attempts": summary["attempts"],
        "simulated_nodes": len(run.layout.visit),
        "num_cluster_nodes": run.layout.nodes,
    }


def user_and_changed(model: Any, cluster: Any, options: dict[str, Any], *,
                     isolate: str | None = None, **changes: Any) -> tuple[Run, Run]:
    """The rule's workload run with the user's settings, and again with ``changes``."""
    work = workload(options)
    return (simulate_with(model, cluster, work, isolate=isolate),
            simulate_with(model, cluster, work, isolate=isolate, **changes))


def seconds_text(value: float | None) -> str:
    """``0.25 s``; ``< 1 ms``; ``never`` for a container that was not placed."""
    if value is None:
        return "never"
    return "< 1 ms" if value < 0.001 else f"{value:g} s"


def outcome_text(run: Run) -> str:
    """What happened, in plain numbers (no cluster description)."""
    numbers = metrics(run)
    by_type = numbers["containers"]
    text = (f"{by_type['NODE_LOCAL']} node-local, {by_type['RACK_LOCAL']} rack-local, "
            f"{by_type['OFF_SWITCH']} off-switch")
    if numbers["containers_unplaced"]:
        text += f", {numbers['containers_unplaced']} not placed"
    return (f"{text}; first container after {seconds_text(numbers['first_container_s'])}, "
            f"last after {seconds_text(numbers['last_container_s'])}; "
            f"M peaked at {numbers['max_missed_opportunities']}")


def one_line(run: Run) -> str:
    """``simulated: <request> on <cluster>: <outcome>``."""
    layout = run.layout
    heartbeat = run.settings.get("heartbeat-interval-ms", "1000")
    notes = []
    if layout.uneven:
        notes.append("racks evened out")
    if layout.scaled:
        notes.append(f"heartbeats of {len(layout.visit)} of {layout.nodes} nodes simulated, "
                     f"times scaled to all {layout.nodes}")
    if run.held:
        notes.append("holding " + ", ".join(f"{k} = {v}" for k, v in run.held.items())
                     + " so that they do not hide the effect")
    if run.summary.get("async_passes"):
        notes.append(f"{run.summary['async_passes']} asynchronous scheduling passes")
    note = f" ({'; '.join(notes)})" if notes else ""
    return (f"simulated: {describe_request(run.workload, layout)} of a {layout.nodes}-node, "
            f"{layout.racks}-rack cluster, {heartbeat} ms heartbeats{note}: {outcome_text(run)}")


def rerun_command(run: Run) -> str:
    """A command that re-runs the scenario with its trace."""
    args = run.generator_args
    if args is None:
        return FROM_FINDING
    words = ["yarnlint", "simulate", "--nodes", str(args["nodes"]), "--racks", str(args["racks"])]
    for request in args["requests"]:
        words += ["--request", request]
    for key, value in args["settings"].items():
        words += ["--set", f"{key}={value}"]
    words += ["--heartbeats", str(args["heartbeats"]), "--memory-mb", str(args["memory_mb"]),
              "--vcores", str(args["vcores"]), "--container-mb", str(args["container_mb"])]
    return " ".join(shlex.quote(word) for word in words)


def evidence(run: Run, alternative: Run | None = None, change: str = "") -> dict[str, Any]:
    """A finding's ``evidence``; with ``alternative``, both runs side by side."""
    found: dict[str, Any] = {
        "scenario": run.scenario, "metrics": metrics(run), "summary": one_line(run),
        "rerun": rerun_command(run)}
    if alternative is not None:
        found["summary"] += f"; with {change}: {outcome_text(alternative)}"
        found["comparison"] = {
            "change": change,
            "yours": {"settings": run.settings, "metrics": metrics(run)},
            "suggested": {"settings": alternative.settings, "metrics": metrics(alternative),
                          "scenario": alternative.scenario,
                          "rerun": rerun_command(alternative)}}
    return found


def share_text(share: float) -> str:
    """0.333 -> ``33%``."""
    return f"{round(share * 100)}%"


# ------------------------------------------------------------------ suggested values
def rack_sized_delay(cluster: Any) -> int:
    """The node-locality-delay Hadoop's documentation suggests: the nodes in one rack."""
    return max(1, min(cluster.typical_rack_size, cluster.num_nodes))


def explicit_additional_delay(cluster: Any, node_delay: int) -> int:
    """An explicit rack-locality-additional-delay: about one more rack's worth of
    opportunities, kept so that the off-switch threshold stays below the node count."""
    room = cluster.num_nodes - 1 - min(max(node_delay, 0), cluster.num_nodes)
    return max(0, min(cluster.typical_rack_size, room))


def comparison_text(yours: Run, better: Run, change: str) -> str:
    """``node-local 33% -> 75%, off-switch 2 -> 0, last container 0.2 s -> 0.8 s with <change>``.

    The locality the workload asks for leads: node-local share for host asks, rack-local
    containers for rack asks, nothing for ANY-only asks.
    """
    a, b = metrics(yours), metrics(better)
    parts = []
    if yours.workload.locality == "host":
        parts.append(f"node-local {share_text(a['node_local_share'])} -> "
                     f"{share_text(b['node_local_share'])}")
    elif yours.workload.locality == "rack":
        parts.append(f"rack-local {a['containers']['RACK_LOCAL']} -> "
                     f"{b['containers']['RACK_LOCAL']}")
    parts += [f"off-switch {a['containers']['OFF_SWITCH']} -> {b['containers']['OFF_SWITCH']}",
              f"last container {seconds_text(a['last_container_s'])} -> "
              f"{seconds_text(b['last_container_s'])}"]
    return ", ".join(parts) + f" with {change}"


def automatic_threshold(run: Run) -> tuple[int, int, float]:
    """(C, U, threshold) of the automatic off-switch formula for the run's first request."""
    asks = next(step["asks"] for step in run.scenario["steps"] if "asks" in step)
    count = next(r["containers"] for r in asks["requests"] if r["resource"] == "*")
    unique = len(asks["requests"])
    nodes = run.layout.nodes
    return count, unique, min(nodes, count * min(max(unique - 1, 0) / nodes, 1))


def delay_time_text(model: Any, cluster: Any, opportunities: int) -> str:
    """About how long ``opportunities`` missed opportunities take on ``cluster``."""
    if effective_value(model, "schedule-asynchronously.enable"):
        interval = effective_value(model, "schedule-asynchronously.scheduling-interval-ms")
        passes = max(1, -(-opportunities // cluster.num_nodes))
        plural = "es" if passes > 1 else ""
        return f"about {passes} asynchronous scheduling pass{plural}, {passes * interval} ms"
    seconds = opportunities * cluster.heartbeat_ms / cluster.num_nodes / 1000
    return f"about {seconds:.2g} s with {cluster.heartbeat_ms} ms heartbeats"


def places_worse(yours: Run, better: Run) -> bool:
    """Whether ``yours`` placed fewer node-local or more off-switch containers than ``better``."""
    a, b = metrics(yours), metrics(better)
    return (a["containers"]["NODE_LOCAL"] < b["containers"]["NODE_LOCAL"]
            or a["containers"]["OFF_SWITCH"] > b["containers"]["OFF_SWITCH"])


def placement_time(run: Run) -> float:
    """Seconds until the whole request was placed (infinite when some of it was not)."""
    numbers = metrics(run)
    last = numbers["last_container_s"]
    return float("inf") if numbers["containers_unplaced"] or last is None else float(last)


def places_later(yours: Run, better: Run) -> bool:
    """Whether ``yours`` finished placing the request later than ``better``."""
    return placement_time(yours) > placement_time(better)
