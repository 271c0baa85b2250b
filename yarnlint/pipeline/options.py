"""What shapes one lint run of one file, and how it stamps and selects rules."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from yarnlint.core.findings import Finding, Problem, Severity
from yarnlint.core.records import Record
from yarnlint.model.cluster import ClusterSpec
from yarnlint.rules import Rule

DEFAULT_HADOOP_VERSION = "3.4.1"
UNDESCRIBED = ClusterSpec()
"""No cluster given."""


class LintOptions(Record):
    """Everything that shapes one lint run of one file."""

    __slots__ = ("cluster", "core_site", "hadoop_version", "ignore", "rule_options", "select",
                 "severities", "use_cache", "workload", "yarn_site")
    COMPARED = ("cluster", "yarn_site", "hadoop_version", "select", "ignore", "severities",
                "rule_options", "workload", "core_site", "use_cache")

    def __init__(self, cluster: ClusterSpec = UNDESCRIBED, yarn_site: Path | None = None,
                 hadoop_version: str = DEFAULT_HADOOP_VERSION, select: frozenset[str] | None = None,
                 ignore: frozenset[str] = frozenset(),
                 severities: Mapping[str, Severity] = MappingProxyType({}),
                 rule_options: Mapping[str, Mapping[str, Any]] = MappingProxyType({}),
                 workload: str | None = None, core_site: Path | None = None,
                 use_cache: bool = True) -> None:
        self.cluster = cluster
        self.yarn_site = yarn_site
        self.hadoop_version = hadoop_version
        self.select = select
        self.ignore = ignore
        self.severities = severities
        self.rule_options = rule_options
        self.workload = workload
        """Workload the simulation rules judge for (their option ``profile``); None: from
        core-site, else the default."""
        self.core_site = core_site
        """core-site.xml whose ``fs.defaultFS`` may select the workload (None: the one beside
        the linted file, if any)."""
        self.use_cache = use_cache
        """Read and write simulation results in the user's cache directory."""


def stamp(rule: Rule, problem: Problem, options: LintOptions) -> Finding:
    """Turn a rule's problem into a finding; a configured severity beats the rule's own."""
    override = options.severities.get(rule.id) or options.severities.get(rule.name)
    return Finding(rule_id=rule.id, rule_name=rule.name,
                   severity=override or problem.severity or rule.severity,
                   message=problem.message,
                   location=problem.location, key=problem.key, value=problem.value,
                   evidence=problem.evidence, fix=problem.fix, subject=problem.subject)


def rule_enabled(rule: Rule, options: LintOptions) -> bool:
    """Whether ``--select``/``--ignore`` (or the config file) leave the rule on."""
    refs = {rule.id, rule.name}
    if options.select is not None and not refs & options.select:
        return False
    return not refs & options.ignore
