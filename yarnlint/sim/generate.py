"""Build a scenario dict from the quick what-if arguments of ``yarnlint simulate``."""

from __future__ import annotations

import re
from typing import Any

from yarnlint.core.racks import rack_number, rack_numbers
from yarnlint.sim.errors import ScenarioError
from yarnlint.sim.scenario import ANY, FORMAT, Settings, apply_settings

REQUEST_SYNTAX = """\
Each request is 'WHAT [xCOUNT] [app=ID] [priority=P]', WHAT being 'host:NAME',
'rack:NAME' or 'any'; COUNT defaults to 1, ID to app_1 and P to 1. As a MapReduce or
Tez application asks, a host ask also asks its rack and ANY, and a rack ask also asks
ANY. Requests of the same app and priority add up into one scheduler key.
Examples: 'rack:/rack1 x3', 'host:node5 x2', 'any x10 app=app_2'."""

_REQUEST = re.compile(
    r"\s*(?:(?P<kind>host|rack):(?P<name>\S+)|(?P<any>any|\*))"
    r"(?:\s+x(?P<count>\d+))?(?:\s+app=(?P<app>\S+))?(?:\s+priority=(?P<priority>-?\d+))?\s*\Z")


def _cluster(nodes: int, racks: int, memory_mb: int, vcores: int) -> dict[str, Any]:
    """Nodes node1..nodeN in consecutive, near-even rack blocks."""
    if nodes < 1 or not 1 <= racks <= nodes:
        raise ScenarioError("cluster", f"expected 1 <= racks <= nodes, got {racks} racks "
                                       f"for {nodes} nodes")
    if nodes % racks == 0:
        return {"generate": {"racks": racks, "nodes_per_rack": nodes // racks,
                             "memory_mb": memory_mb, "vcores": vcores}}
    return {"nodes": [{"host": f"node{index}", "rack": f"/rack{rack}", "memory_mb": memory_mb,
                       "vcores": vcores}
                      for index, rack in enumerate(rack_numbers(nodes, racks), 1)]}


def _rack_of(host: str, nodes: int, racks: int) -> str | None:
    match = re.fullmatch(r"node(\d+)", host)
    if match is None or not 1 <= int(match.group(1)) <= nodes:
        return None
    return f"/rack{rack_number(int(match.group(1)) - 1, nodes, racks)}"


def _asks(requests: list[str], nodes: int, racks: int,
          container_mb: int) -> list[dict[str, Any]]:
    """One ``asks`` step per (app, priority), in order of first mention."""
    keys: dict[tuple[str, int], dict[str, int]] = {}
    for index, text in enumerate(requests):
        match = _REQUEST.match(text)
        if match is None:
            raise ScenarioError(f"requests[{index}]", f"cannot read {text!r}\n{REQUEST_SYNTAX}")
        count = int(match.group("count") or 1)
        key = (match.group("app") or "app_1", int(match.group("priority") or 1))
        names = keys.setdefault(key, {})
        wanted = [ANY]
        if match.group("kind") == "host":
            rack = _rack_of(match.group("name"), nodes, racks)
            if rack is None:
                raise ScenarioError(f"requests[{index}]",
                                    f"unknown host {match.group('name')!r} (node1..node{nodes})")
            wanted += [rack, match.group("name")]
        elif match.group("kind") == "rack":
            wanted.append(match.group("name"))
        for name in wanted:
            names[name] = names.get(name, 0) + count
    return [{"asks": {"app": app, "priority": priority, "memory_mb": container_mb, "vcores": 1,
                      "requests": [{"resource": name, "containers": count}
                                   for name, count in names.items()]}}
            for (app, priority), names in keys.items()]


def build_scenario(*, nodes: int, racks: int, requests: list[str], settings: dict[str, str],
                   heartbeats: int = 1, memory_mb: int = 8192, vcores: int = 8,
                   container_mb: int = 1024) -> dict[str, Any]:
    """A ``yarnlint-scenario/1`` dict: the cluster, the asks, then ``heartbeats`` rounds.

    With asynchronous scheduling enabled the rounds become the asynchronous passes that
    fit in the same wall-clock time (``heartbeats * interval / scheduling-interval``).
    The request mini-syntax is ``REQUEST_SYNTAX``.
    """
    steps = _asks(requests, nodes, racks, container_mb)
    effective: Settings = apply_settings(Settings(), settings, "scheduler")[0]
    if effective.async_enabled:
        passes = heartbeats * effective.heartbeat_interval_ms // max(1, effective.async_interval_ms)
        steps.append({"async_passes": {"count": passes}})
    else:
        steps.append({"heartbeats": {"rounds": heartbeats}})
    apps = list(dict.fromkeys(step["asks"]["app"] for step in steps if "asks" in step))
    return {"format": FORMAT,
            "name": f"{nodes} nodes in {racks} racks, {heartbeats} heartbeat round(s): "
                    + "; ".join(requests),
            "cluster": _cluster(nodes, racks, memory_mb, vcores),
            "scheduler": dict(settings), "apps": [{"id": app} for app in apps],
            "steps": steps}
