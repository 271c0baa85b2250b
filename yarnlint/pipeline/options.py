"""What shapes one lint run of one file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yarnlint.core.findings import Severity
from yarnlint.model.cluster import ClusterSpec

DEFAULT_HADOOP_VERSION = "3.4.1"


@dataclass(frozen=True)
class LintOptions:
    """Everything that shapes one lint run of one file."""

    cluster: ClusterSpec = field(default_factory=ClusterSpec)
    yarn_site: Path | None = None
    hadoop_version: str = DEFAULT_HADOOP_VERSION
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    severities: dict[str, Severity] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    workload: str | None = None
    """Workload the simulation rules judge for (their option ``profile``); None: from
    core-site, else the default."""
    core_site: Path | None = None
    """core-site.xml whose ``fs.defaultFS`` may select the workload (None: the one beside
    the linted file, if any)."""
    use_cache: bool = True
    """Read and write simulation results in the user's cache directory."""
