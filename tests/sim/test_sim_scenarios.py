"""Every scenario file reproduces its ``expect`` (scenario-format.md: only what is given)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from yarnlint.sim import run_scenario

OWN = Path(__file__).resolve().parent / "scenarios"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "spec" / "scenarios"


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def _containers(records: list[dict[str, Any]]) -> list[tuple[str, int, str]]:
    return [(record["app"], record["priority"], record["type"]) for record in records]


def check_expectations(scenario: dict[str, Any]) -> None:
    """Compare the output entries with each ``expect`` entry, field by field."""
    entries = run_scenario(scenario)["steps"]
    for expected in scenario.get("expect", []):
        produced = [entry for entry in entries if entry["index"] == expected["index"]]
        where = f"step {expected['index']}"
        assert produced, f"{where}: no output entry"
        entry = produced[expected.get("heartbeat", 0)]
        for field in ("assigned", "reserved"):
            if field in expected:
                assert _containers(entry[field]) == _containers(expected[field]), \
                    f"{where}: {field}"
        for field in ("missed_opportunities", "outstanding"):
            for app, keys in expected.get(field, {}).items():
                for key, value in keys.items():
                    got = entry[field].get(app, {}).get(key)
                    assert got == value, f"{where}: {field} {app}/{key} is {got}, expected {value}"


@pytest.mark.parametrize("path", _files(SHARED), ids=lambda path: path.stem)
def test_shared_scenario(path: Path) -> None:
    check_expectations(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", _files(OWN), ids=lambda path: path.stem)
def test_own_scenario(path: Path) -> None:
    scenario = json.loads(path.read_text(encoding="utf-8"))
    assert scenario.get("source"), "every own scenario cites where its numbers come from"
    check_expectations(scenario)


def test_shared_folder_present_or_skipped() -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared/spec/scenarios is not next to this clone")
    assert _files(SHARED)
