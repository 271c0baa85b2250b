"""Shared test helpers: where ../shared lives, corpus files, small config writers."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings

# Property tests are reproducible in CI (the same examples on every run); set
# YARNLINT_HYPOTHESIS_PROFILE=explore to draw new random examples locally.
settings.register_profile("ci", derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("YARNLINT_HYPOTHESIS_PROFILE", "ci"))

# The simulation cache of the whole test session lives in a temporary directory (never the
# user's cache); subprocesses inherit it.
os.environ["YARNLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="yarnlint-test-cache-")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SCENARIOS = SHARED / "spec" / "scenarios"
SCHEMAS = SHARED / "schemas"


def corpus_files(pattern: str = "*capacity-scheduler*.xml") -> list[Path]:
    """Corpus files matching ``pattern`` (empty when ../shared is absent)."""
    return sorted(CORPUS.glob(pattern)) if CORPUS.is_dir() else []


def require_shared(path: Path) -> Path:
    """Skip the calling test when a ../shared path is missing (a user's clone has none)."""
    if not path.exists():
        pytest.skip(f"{path.name} not available (no ../shared next to the checkout)")
    return path


def config_xml(*properties: tuple[str, str], extra: str = "") -> str:
    """A configuration document with one ``<property>`` per line pair, in order."""
    body = "".join(
        f"  <property>\n    <name>{name}</name>\n    <value>{value}</value>\n  </property>\n"
        for name, value in properties)
    return f'<?xml version="1.0"?>\n<configuration>\n{body}{extra}</configuration>\n'


@pytest.fixture
def write_config(tmp_path: Path):
    """Write a capacity-scheduler.xml from (name, value) pairs; returns its path."""
    def write(*properties: tuple[str, str], name: str = "capacity-scheduler.xml",
              extra: str = "") -> Path:
        path = tmp_path / name
        path.write_text(config_xml(*properties, extra=extra), encoding="utf-8")
        return path
    return write


def run_cli(*args: str) -> Result:
    """Run ``yarnlint`` in-process and return click's result."""
    from yarnlint.cli import cli
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
