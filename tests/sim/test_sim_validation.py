"""Bad scenarios raise ScenarioError naming the field; settings parse like Hadoop's getters."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from yarnlint.sim import ScenarioError, run_scenario

BASE: dict[str, Any] = {
    "format": "yarnlint-scenario/1",
    "cluster": {"generate": {"racks": 1, "nodes_per_rack": 2}},
    "apps": [{"id": "app_1"}],
    "steps": [{"asks": {"app": "app_1", "priority": 1,
                        "requests": [{"resource": "*", "containers": 1}]}},
              {"attempt": "node1"}],
}


def _with(path: str, value: Any) -> dict[str, Any]:
    """BASE with the value at a dotted path (list indexes as numbers) replaced."""
    scenario = copy.deepcopy(BASE)
    parts = path.split(".")
    target: Any = scenario
    for part in parts[:-1]:
        target = target[int(part)] if isinstance(target, list) else target[part]
    last = parts[-1]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return scenario


@pytest.mark.parametrize(("path", "value", "field", "words"), [
    ("format", "yarnlint-scenario/2", "format", "expected"),
    ("steps.0.asks.requests.0.containers", "x", "steps[0].asks.requests[0].containers",
     'expected an integer >= 0, got "x"'),
    ("steps.0.asks.requests.0.containers", -1, "steps[0].asks.requests[0].containers", ">= 0"),
    ("steps.0.asks.requests.0.containers", True, "steps[0].asks.requests[0].containers",
     "integer"),
    ("steps.0.asks.app", "app_9", "steps[0].asks.app", "unknown application"),
    ("steps.1", {"attempt": "node9"}, "steps[1].attempt", "unknown node"),
    ("steps.1", {"teleport": "node1"}, "steps[1]", "unknown step kind"),
    ("steps.1", {"attempt": "node1", "heartbeat": "node1"}, "steps[1]", "exactly one"),
    ("steps.1", {"heartbeats": {"rounds": -1}}, "steps[1].heartbeats.rounds", ">= 0"),
    ("steps.1", {"heartbeats": {"rounds": 1, "nodes": ["node7"]}},
     "steps[1].heartbeats.nodes[0]", "unknown node"),
    ("steps.1", {"set": {"node-locality-delay": "40 nodes"}}, "steps[1].set.node-locality-delay",
     "integer"),
    ("steps.1", {"set": {"node-locality-delay": "0x80000000"}},
     "steps[1].set.node-locality-delay", "out of range"),
    ("cluster", {}, "cluster", "exactly one"),
    ("cluster.generate.racks", 0, "cluster.generate.racks", ">= 1"),
    ("apps", [{"id": "a"}, {"id": "a"}], "apps[1].id", "duplicate"),
    ("scheduler", {"heartbeat-interval-ms": 0}, "scheduler.heartbeat-interval-ms", ">= 1"),
    ("limits", {"max_attempts": 0}, "limits.max_attempts", ">= 1"),
])
def test_error_names_the_field(path: str, value: Any, field: str, words: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        run_scenario(_with(path, value))
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")
    assert words in str(caught.value)


def test_not_an_object() -> None:
    with pytest.raises(ScenarioError):
        run_scenario([])  # type: ignore[arg-type]


@pytest.mark.parametrize(("value", "delay_applies"), [
    (" 0x3 ", True), ("3", True), (3, True), ("+3", True)])
def test_integer_settings_parse_like_get_int(value: Any, delay_applies: bool) -> None:
    scenario = _with("scheduler", {"node-locality-delay": value,
                                   "rack-locality-additional-delay": 0})
    scenario["cluster"] = {"generate": {"racks": 2, "nodes_per_rack": 10}}
    scenario["steps"][0]["asks"]["requests"] = [{"resource": "/rack2", "containers": 1},
                                                {"resource": "*", "containers": 1}]
    scenario["steps"] = scenario["steps"][:1] + [{"attempt": "node11"}] * 4
    entries = run_scenario(scenario)["steps"]
    assert [bool(entry["assigned"]) for entry in entries] == [False, False, False, delay_applies]


def test_boolean_settings_are_lenient() -> None:
    """``getBoolean``: anything but true/false means the default (full reset stays on)."""
    scenario = _with("scheduler", {"rack-locality-full-reset": "yes",
                                   "rack-locality-additional-delay": 0,
                                   "node-locality-delay": 1})
    scenario["steps"][0]["asks"]["requests"] = [{"resource": "/rack1", "containers": 2},
                                                {"resource": "*", "containers": 2}]
    scenario["steps"] = scenario["steps"][:1] + [{"attempt": "node1"}] * 2
    entries = run_scenario(scenario)["steps"]
    assert entries[1]["missed_opportunities"]["app_1"]["1"] == 0


def test_unknown_and_per_queue_keys_are_reported_as_ignored() -> None:
    scenario = _with("scheduler", {"root.default.node-locality-delay": 1,
                                   "yarn.scheduler.capacity.node-locality-delay": "7"})
    summary = run_scenario(scenario)["summary"]
    assert summary["ignored_settings"] == ["root.default.node-locality-delay"]
