"""``yarnlint simulate`` checks its own flags: unknown ``--set`` keys and requests that do not
mean what they say are exit 2 with the spelling that was probably meant."""

from __future__ import annotations

import pytest
from conftest import run_cli

GENERATOR = ("simulate", "--nodes", "4", "--racks", "2")


def _error(*args: str) -> str:
    result = run_cli(*GENERATOR, *args)
    assert result.exit_code == 2, result.output
    return result.output.strip().splitlines()[-1]


def test_misspelt_set_key_suggests_the_key() -> None:
    assert _error("--set", "node-locality-dealy=5").endswith(
        "node-locality-dealy: unknown key; did you mean node-locality-delay?")


def test_key_the_simulator_does_not_read() -> None:
    line = _error("--set", "maximum-applications=5")
    assert "maximum-applications: a CapacityScheduler key the simulator does not read" in line
    assert "node-locality-delay" in line


def test_full_and_short_known_keys_are_accepted() -> None:
    for key in ("node-locality-delay", "yarn.scheduler.capacity.rack-locality-full-reset"):
        assert run_cli(*GENERATOR, "--request", "any", "--set", f"{key}=5").exit_code == 0


@pytest.mark.parametrize(("written", "meant"), [
    ("rack:rack1 x3", "rack:/rack1 x3"),
    ("rack:/rack1 3", "rack:/rack1 x3"),
    ("rack=/rack2 x 3", "rack:/rack2 x3"),
    ("node3 count=2", "host:node3 x2"),
    ("/rack1 *4 app=app_2", "rack:/rack1 x4 app=app_2"),
])
def test_malformed_request_suggests_the_spec(written: str, meant: str) -> None:
    assert _error("--request", written).endswith(
        f"cannot read {written!r}; did you mean {meant!r}? (see 'yarnlint simulate -h')")


def test_request_for_a_rack_the_cluster_lacks() -> None:
    assert _error("--request", "rack:/rack9 x3").endswith(
        "rack /rack9 is not in the generated cluster (/rack1../rack2)")


def test_well_formed_requests_run() -> None:
    result = run_cli(*GENERATOR, "--request", "rack:/rack2 x3", "--request", "host:node1",
                     "--request", "any x2 app=app_2 priority=3")
    assert result.exit_code == 0, result.output
    assert "containers:" in result.output
