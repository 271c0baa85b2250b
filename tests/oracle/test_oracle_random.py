"""Seeded random scenarios agree between Hadoop 3.4.1 and the simulator, step for step.

YARNLINT_ORACLE_SEED (default 1) and YARNLINT_ORACLE_COUNT (default 30) choose them;
``python tests/oracle/differential.py --seed S --count N --save`` runs many and saves the
shrunk mismatches as scenarios.
"""

from __future__ import annotations

import json
import os

from differential import mismatches, shrink
from oracle_support import require_oracle
from random_scenarios import random_scenario


def test_random_scenarios_agree_with_hadoop() -> None:
    require_oracle()
    first = int(os.environ.get("YARNLINT_ORACLE_SEED", "1"))
    count = int(os.environ.get("YARNLINT_ORACLE_COUNT", "30"))
    seeds = range(first, first + count)
    found = mismatches([random_scenario(seed) for seed in seeds])
    failed = [seed for seed, diff in zip(seeds, found, strict=True) if diff]
    if failed:
        small = shrink(random_scenario(failed[0]))
        raise AssertionError(
            f"{len(failed)} of {count} random scenarios disagree (seeds {failed}); "
            f"seed {failed[0]} shrunk: {json.dumps(small)}\n{mismatches([small])[0]}")


def test_generator_is_reproducible_and_varied() -> None:
    drawn = [random_scenario(seed) for seed in range(60)]
    assert drawn == [random_scenario(seed) for seed in range(60)]
    kinds = {kind for scenario in drawn for step in scenario["steps"] for kind in step}
    assert kinds >= {"asks", "attempt", "heartbeat", "heartbeats", "set",
                     "reset_missed_opportunities", "blacklist", "async_passes"}
    zero_entries = [request for scenario in drawn for step in scenario["steps"]
                    for request in step.get("asks", {}).get("requests", [])
                    if request["containers"] == 0 and request["resource"] != "*"]
    assert zero_entries, "asks leave 0-count host and rack entries, as AMs send them"
