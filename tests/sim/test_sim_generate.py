"""``build_scenario``: the quick what-if form."""

from __future__ import annotations

import pytest

from yarnlint.sim import ScenarioError, build_scenario, run_scenario


def test_host_ask_implies_rack_and_any() -> None:
    scenario = build_scenario(nodes=40, racks=2, requests=["host:node25 x2", "rack:/rack1 x3",
                                                           "any x1 app=app_2 priority=5"],
                              settings={}, heartbeats=1)
    first, second, run = scenario["steps"]
    assert first["asks"]["requests"] == [{"resource": "*", "containers": 5},
                                         {"resource": "/rack2", "containers": 2},
                                         {"resource": "node25", "containers": 2},
                                         {"resource": "/rack1", "containers": 3}]
    assert second["asks"]["app"] == "app_2" and second["asks"]["priority"] == 5
    assert run == {"heartbeats": {"rounds": 1}}
    assert [app["id"] for app in scenario["apps"]] == ["app_1", "app_2"]
    assert run_scenario(scenario, trace=False)["summary"]["containers_total"] == 6


def test_uneven_racks_are_listed() -> None:
    scenario = build_scenario(nodes=5, racks=2, requests=[], settings={})
    racks = [node["rack"] for node in scenario["cluster"]["nodes"]]
    assert racks == ["/rack1", "/rack1", "/rack1", "/rack2", "/rack2"]


def test_async_turns_rounds_into_passes() -> None:
    scenario = build_scenario(nodes=4, racks=1, requests=["any x1"], heartbeats=2,
                              settings={"schedule-asynchronously.enable": "true",
                                        "schedule-asynchronously.scheduling-interval-ms": "10"})
    assert scenario["steps"][-1] == {"async_passes": {"count": 200}}


@pytest.mark.parametrize("request_text", ["host:node99", "rack:", "any x", "disk:3"])
def test_bad_requests(request_text: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        build_scenario(nodes=4, racks=1, requests=[request_text], settings={})
    assert caught.value.field == "requests[0]"
