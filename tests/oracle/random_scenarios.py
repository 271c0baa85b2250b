"""Seeded random ``yarnlint-scenario/1`` scenarios for differential testing against Hadoop.

Small clusters (1-3 racks, 2-12 nodes), 1-4 apps with application priorities, several
scheduler keys, host/rack/ANY asks with relax flags and zero counts, asks the way
ApplicationMasters send them (``AskTable``), heartbeats, attempts, setting changes,
resets and blacklists; settings drawn around the thresholds D, D + A and N.

Scenarios that would fill the queue are drawn again (:func:`reaches_queue_limit`): the
simulator has no queue model, and Hadoop's one queue at 100 % still has the cluster as its
limit.
"""

from __future__ import annotations

import math
import random
from typing import Any

from yarnlint.sim import run_scenario

FORMAT = "yarnlint-scenario/1"


class AskTable:
    """One key's ask table as AMRMClient / MapReduce's RMContainerRequestor keep it.

    Adding a container request raises its hosts, their racks and ANY by one; removing one
    (a container assigned or a request cancelled) lowers them; every update sends the
    current totals of the entries it changed, 0 included, so the scheduler receives
    host and rack entries at 0 that it had already dropped.
    """

    def __init__(self, rack_of: dict[str, str]) -> None:
        self.rack_of = rack_of
        self.counts: dict[str, int] = {}
        self.requests: list[tuple[str, ...]] = []

    def _change(self, names: set[str], delta: int) -> list[dict[str, Any]]:
        for name in names:
            self.counts[name] = max(0, self.counts.get(name, 0) + delta)
        return [{"resource": name, "containers": self.counts[name]} for name in sorted(names)]

    def _names(self, hosts: tuple[str, ...]) -> set[str]:
        return {*hosts, *(self.rack_of[host] for host in hosts), "*"}

    def add(self, hosts: tuple[str, ...]) -> list[dict[str, Any]]:
        """addContainerRequest: one container on any of ``hosts`` (none: anywhere)."""
        self.requests.append(hosts)
        return self._change(self._names(hosts), +1)

    def remove(self, rng: random.Random) -> list[dict[str, Any]]:
        """removeContainerRequest of a random earlier request (its totals go down)."""
        if not self.requests:
            return []
        hosts = self.requests.pop(rng.randrange(len(self.requests)))
        return self._change(self._names(hosts), -1)


class Generator:
    """Draws one scenario from a seeded ``random.Random``."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seed = seed

    def _cluster(self) -> tuple[dict[str, Any], list[str], dict[str, str]]:
        rng = self.rng
        racks = rng.randint(1, 3)
        count = rng.randint(max(2, racks), 12)
        nodes = []
        for i in range(count):
            nodes.append({"host": f"h{i + 1}", "rack": f"/r{min(racks, 1 + i * racks // count)}",
                          "memory_mb": rng.choice([2048, 4096, 4096, 8192, 8192, 16384]),
                          "vcores": rng.choice([2, 4, 8])})
        rng.shuffle(nodes)
        cluster: dict[str, Any] = {"nodes": nodes}
        if rng.random() < 0.25:
            cluster["num_cluster_nodes"] = rng.choice([count + 1, count * 3, 1000])
        return cluster, [n["host"] for n in nodes], {n["host"]: n["rack"] for n in nodes}

    def _settings(self, n: int, initial: bool) -> dict[str, Any]:
        """Keys drawn around the thresholds: D and D + A near N, limits near 0 and 1."""
        rng = self.rng
        d = rng.choice([-1, 0, 1, 2, 3, n - 1, n, n + 1, 40])
        choices: dict[str, list[Any]] = {
            "node-locality-delay": [d],
            "rack-locality-additional-delay": [-1, -1, 0, 1, 2, n - max(d, 0), n, 2 * n],
            "rack-locality-full-reset": [True, False, "false", "TRUE"],
            "per-node-heartbeat.multiple-assignments-enabled": [True, True, False],
            "per-node-heartbeat.maximum-container-assignments": [-1, 0, 1, 2, 3, 100],
            "per-node-heartbeat.maximum-offswitch-assignments": [0, 1, 2, 5],
        }
        if initial and rng.random() < 0.1:
            choices["multi-node-placement-enabled"] = [True]
        if initial and rng.random() < 0.15:
            choices["schedule-asynchronously.enable"] = [True]
            choices["schedule-asynchronously.maximum-threads"] = [1, 2]
        keys = list(choices)
        picked = keys if initial and rng.random() < 0.5 else rng.sample(
            keys, rng.randint(1, 3))
        return {key: rng.choice(choices[key]) for key in picked}

    def _raw_asks(self, app: str, hosts: list[str], racks: list[str]) -> dict[str, Any]:
        rng = self.rng
        requests = []
        for name in rng.sample(hosts, rng.randint(0, min(3, len(hosts)))):
            requests.append({"resource": name, "containers": rng.choice([0, 1, 1, 2])})
        for name in rng.sample(racks, rng.randint(0, len(racks))):
            requests.append({"resource": name, "containers": rng.choice([0, 1, 2, 3]),
                             "relax_locality": rng.random() > 0.15})
        if rng.random() < 0.9:
            requests.append({"resource": "*", "containers": rng.choice([0, 1, 2, 3, 5]),
                             "relax_locality": rng.random() > 0.1})
        return {"requests": requests}

    def scenario(self) -> dict[str, Any]:
        rng = self.rng
        cluster, hosts, rack_of = self._cluster()
        racks = [*sorted(set(rack_of.values())), "/elsewhere"]
        n = cluster.get("num_cluster_nodes", len(hosts))
        apps = [{"id": f"app_{i + 1}", "priority": rng.choice([0, 0, 1, 5])}
                for i in range(rng.randint(1, 4))]
        settings = self._settings(n, True)
        if settings.get("schedule-asynchronously.enable"):
            settings.pop("multi-node-placement-enabled", None)  # passes would go by partition
        passes = bool(settings.get("schedule-asynchronously.enable"))
        tables: dict[tuple[str, int, int], AskTable] = {}
        sizes: dict[tuple[str, int, int], tuple[int, int]] = {}
        steps: list[dict[str, Any]] = []
        for _ in range(rng.randint(4, 22)):
            roll = rng.random()
            app = rng.choice(apps)["id"]
            if roll < 0.35:
                key = (app, rng.choice([1, 1, 2, 3]), rng.choice([0, 0, 0, 7]))
                size = sizes.setdefault(key, (rng.choice([1024, 1024, 2048, 3072, 6144]),
                                              rng.choice([1, 1, 2])))
                if rng.random() < 0.5:
                    table = tables.setdefault(key, AskTable(rack_of))
                    picked = tuple(rng.sample(hosts, rng.randint(0, min(3, len(hosts)))))
                    requests = table.remove(rng) if rng.random() < 0.25 else table.add(picked)
                    body: dict[str, Any] = {"requests": requests}
                else:
                    body = self._raw_asks(app, hosts, racks)
                if not body["requests"]:
                    continue
                body.update(app=app, priority=key[1], memory_mb=size[0], vcores=size[1])
                if key[2]:
                    body["allocation_request_id"] = key[2]
                steps.append({"asks": body})
            elif roll < 0.55:
                steps.append({"heartbeat": rng.choice(hosts)})
            elif roll < 0.7:
                steps.append({"attempt": rng.choice(hosts)})
            elif roll < 0.78 and passes:
                steps.append({"async_passes": {"count": rng.randint(1, 2)}})
            elif roll < 0.78:
                steps.append({"heartbeats": {"rounds": rng.randint(1, 2)}})
            elif roll < 0.84:
                steps.append({"set": self._settings(n, False)})
            elif roll < 0.9 and sizes:
                key = rng.choice(sorted(sizes))
                reset: dict[str, Any] = {"app": key[0], "priority": key[1]}
                if key[2]:
                    reset["allocation_request_id"] = key[2]
                steps.append({"reset_missed_opportunities": reset})
            elif roll < 0.95:
                places = hosts + racks
                steps.append({"blacklist": {"app": app,
                                            "add": rng.sample(places, rng.randint(0, 2)),
                                            "remove": rng.sample(places, rng.randint(0, 2))}})
            else:
                steps.append({"heartbeats": {"rounds": 1, "nodes": rng.sample(hosts, 2)}})
        return {"format": FORMAT, "name": f"random scenario, seed {self.seed}",
                "cluster": cluster, "scheduler": settings, "apps": apps,
                "seed": rng.randrange(1000), "steps": steps}


def _sizes(scenario: dict[str, Any]) -> dict[tuple[str, int, int], int]:
    """Memory of each key's containers as the scheduler normalises it (minimum allocation
    1024 MB, capped by the largest node); the generator never changes these settings."""
    largest = max(node["memory_mb"] for node in scenario["cluster"]["nodes"])
    return {(step["asks"]["app"], step["asks"]["priority"],
             step["asks"].get("allocation_request_id", 0)):
            min(largest, max(1024, math.ceil(step["asks"]["memory_mb"] / 1024) * 1024))
            for step in scenario["steps"] if "asks" in step}


def reaches_queue_limit(scenario: dict[str, Any]) -> bool:
    """Whether the queue's limit could decide something in the simulator's run.

    Hadoop's leaf queue (root.default at 100 %) has the cluster's resource as its limit, and
    counts reserved containers as used: before a key counts a missed opportunity,
    ``RegularContainerAllocator.checkHeadroom`` needs ask <= limit - used + the app's
    reservations, else the key returns QUEUE_SKIPPED (no M) and the queue stops for the
    node; ``canAssignToThisQueue`` and the continue-looking unreserve (``needToUnreserve``)
    test the same headroom. None of it can apply while used (allocated + reserved) plus the
    largest ask stays within the cluster's memory (the default calculator compares memory
    only); this is checked after every entry of the simulator's run.
    """
    sizes = _sizes(scenario)
    if not sizes:
        return False
    cluster = sum(node["memory_mb"] for node in scenario["cluster"]["nodes"])
    room = cluster - max(sizes.values())
    allocated = 0
    reserved: dict[str, int] = {}
    for entry in run_scenario(scenario)["steps"]:
        for record in entry["assigned"]:
            allocated += sizes[(record["app"], record["priority"],
                                record.get("allocation_request_id", 0))]
            if record.get("from_reservation"):
                reserved.pop(record["node"], None)
        for decision in entry.get("decisions", []):
            if decision["outcome"] == "unreserved":
                reserved.pop(decision["node"], None)
        for record in entry.get("reserved", []):
            reserved[record["node"]] = sizes[(record["app"], record["priority"],
                                              record.get("allocation_request_id", 0))]
        if allocated + sum(reserved.values()) > room:
            return True
    return False


def random_scenario(seed: int) -> dict[str, Any]:
    """The scenario for ``seed`` (the same on every machine and Python 3.11+): the first
    draw of the seed's generator that stays clear of the queue's limit."""
    generator = Generator(seed)
    while True:
        scenario = generator.scenario()
        if not reaches_queue_limit(scenario):
            return scenario
