"""The queue's limit: where Hadoop and the simulator disagree by design.

Hadoop's one queue at 100 % still has the cluster's resource as its limit, reserved
containers counted as used; the simulator has no queue model. ``queue-limit.json`` is the
smallest case (Hadoop's result as its ``expect``); the random generator draws again when
a scenario comes near the limit (:func:`random_scenarios.reaches_queue_limit`).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from oracle_support import expectation_mismatches, require_oracle, run_hadoop
from random_scenarios import reaches_queue_limit

CASE = Path(__file__).with_name("queue-limit.json")


def _case() -> dict[str, Any]:
    return json.loads(CASE.read_text(encoding="utf-8"))


def test_generator_filter_sees_the_limit_and_only_near_it() -> None:
    scenario = _case()
    assert reaches_queue_limit(scenario)
    roomier = copy.deepcopy(scenario)
    roomier["cluster"]["nodes"].append({"host": "h3", "rack": "/r1", "memory_mb": 8192})
    assert not reaches_queue_limit(roomier)


def test_hadoop_stops_the_queue_at_its_limit() -> None:
    require_oracle()
    scenario = _case()
    hadoop = run_hadoop([scenario])[0]
    assert "error" not in hadoop, hadoop.get("error")
    assert expectation_mismatches(scenario, hadoop) == []
