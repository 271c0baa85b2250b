"""Every scenario we have through Hadoop 3.4.1 and the simulator: the same entries, step by step."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from oracle_support import (
    differences,
    expectation_mismatches,
    require_oracle,
    run_hadoop,
    simulate_like,
)

REPO = Path(__file__).resolve().parents[2]
OWN = REPO / "tests" / "sim" / "scenarios"
SHARED = REPO.parent / "shared" / "spec" / "scenarios"
FILES = sorted(OWN.glob("*.json")) + (sorted(SHARED.glob("*.json")) if SHARED.is_dir() else [])


def _label(path: Path) -> str:
    return f"{'shared' if path.parent == SHARED else 'own'}/{path.stem}"


@pytest.fixture(scope="module")
def hadoop_results() -> dict[Path, dict[str, Any]]:
    """All scenario files through one oracle JVM."""
    require_oracle()
    scenarios = [json.loads(path.read_text(encoding="utf-8")) for path in FILES]
    return dict(zip(FILES, run_hadoop(scenarios), strict=True))


@pytest.mark.parametrize("path", FILES, ids=_label)
def test_simulator_matches_hadoop(path: Path, hadoop_results: dict[Path, dict[str, Any]]) -> None:
    scenario = json.loads(path.read_text(encoding="utf-8"))
    hadoop = hadoop_results[path]
    assert differences(hadoop, simulate_like(scenario, hadoop)) == []


@pytest.mark.parametrize("path", FILES, ids=_label)
def test_hadoop_meets_written_expectations(path: Path,
                                           hadoop_results: dict[Path, dict[str, Any]]) -> None:
    scenario = json.loads(path.read_text(encoding="utf-8"))
    hadoop = hadoop_results[path]
    assert "error" not in hadoop, hadoop.get("error")
    assert expectation_mismatches(scenario, hadoop) == []
