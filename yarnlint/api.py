"""The linting API the CLI, tests and integrations call: files in, a report out."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from yarnlint.config.files import read_input
from yarnlint.config.resolve import Configuration
from yarnlint.config.xmlload import LoadedFile, load_xml
from yarnlint.core.options import option_values
from yarnlint.findings import Finding, InputError, Location, Problem, Severity
from yarnlint.model.cluster import (
    DEFAULT_HEARTBEAT_MS,
    HEARTBEAT_KEY,
    Cluster,
    ClusterSpec,
    cluster_from_spec,
)
from yarnlint.model.releases import resolve_release
from yarnlint.model.scheduler import SchedulerModel
from yarnlint.model.values import parse_integer
from yarnlint.rules import Rule, RuleContext, discover

CLUSTER_REQUIRED_ID = "YL009"
INPUT_PROBLEM_ID = "YL000"
DEFAULT_FS_KEY = "fs.defaultFS"
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
    """Option values by rule id or name, as the config file's ``rules`` tables set them."""
    workload: str | None = None
    """Workload the simulation rules judge for (their option ``profile``); None: from
    core-site, else the default."""
    core_site: Path | None = None
    """core-site.xml whose ``fs.defaultFS`` may select the workload (None: the one beside
    the linted file, if any)."""
    use_cache: bool = True
    """Read and write simulation results in the user's cache directory."""


@dataclass
class FileResult:
    """Findings of one linted file, or the input error that stopped it."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    cluster: Cluster | None = None
    inputs: tuple[Path, ...] = ()
    """Every file read for it: the file, its includes, yarn-site, topology, nodes file."""
    workload: str | None = None
    workload_reason: str = ""
    """Why that workload: empty when it was the default or given by flag or config file."""


@dataclass
class Report:
    """The result of a whole run."""

    files: list[FileResult] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        """All findings, sorted by file, line, column and rule."""
        return sorted((f for r in self.files for f in r.findings), key=Finding.sort_key)

    @property
    def errors(self) -> list[str]:
        """Input errors (exit code 2)."""
        return [r.error for r in self.files if r.error]

    def exit_code(self, fail_on: Severity) -> int:
        """0 clean, 1 findings at or above ``fail_on``, 2 input errors."""
        if self.errors:
            return 2
        return 1 if any(f.severity >= fail_on for f in self.findings) else 0


def _heartbeat_from(conf: Configuration) -> int | None:
    written = conf.get(HEARTBEAT_KEY)
    if written is None:
        return None
    try:
        interval = parse_integer(written, "long")
    except ValueError:
        return None
    return interval if interval >= 1 else None


def build_model(path: Path, display: str, options: LintOptions, data: bytes | None = None
                ) -> SchedulerModel:
    """Load a file (with yarn-site underneath) into the model; ``data``: the file's bytes when
    already read. Missing or unreadable input: InputError."""
    if data is None:
        data = read_input(path, "file").data
    files: list[LoadedFile] = []
    if options.yarn_site is not None:
        files.append(load_xml(options.yarn_site, str(options.yarn_site),
                              read_input(options.yarn_site, "yarn-site file").data))
    files.append(load_xml(path, display, data))
    conf = Configuration.from_resources([f.properties for f in files])
    try:
        version = resolve_release(options.hadoop_version)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    return SchedulerModel(conf=conf, files=files, hadoop_version=version,
                          heartbeat_ms_from_yarn_site=_heartbeat_from(conf))


def choose_workload(path: Path, options: LintOptions) -> tuple[str, str]:
    """The workload to judge for, and why when core-site chose it.

    ``--workload`` (or the config file) wins; else a core-site.xml (``--core-site``, or one
    beside the linted file) whose ``fs.defaultFS`` is an object store selects
    ``locality-free``; else the default. An explicit core-site that cannot be read is an
    input error; one found beside the file is then passed over.
    """
    from yarnlint.whatif.workloads import DEFAULT_PROFILE, scheme_is_remote

    if options.workload:
        return options.workload, ""
    core_site = options.core_site or path.parent / "core-site.xml"
    if not core_site.is_file():
        if options.core_site is not None:
            raise InputError(f"{core_site}: no such core-site file")
        return DEFAULT_PROFILE, ""
    try:
        loaded = load_xml(core_site, str(core_site))
    except InputError:
        if options.core_site is not None:
            raise
        return DEFAULT_PROFILE, ""
    default_fs = Configuration.from_resources([loaded.properties]).get(DEFAULT_FS_KEY)
    if default_fs is not None and scheme_is_remote(default_fs):
        return "locality-free", f"{DEFAULT_FS_KEY} is {default_fs.strip()} in {core_site}"
    return DEFAULT_PROFILE, ""


def stamp(rule: Rule, problem: Problem, options: LintOptions) -> Finding:
    """Turn a rule's problem into a finding; a configured severity beats the rule's own."""
    override = options.severities.get(rule.id) or options.severities.get(rule.name)
    return Finding(rule_id=rule.id, rule_name=rule.name,
                   severity=override or problem.severity or rule.severity,
                   message=problem.message,
                   location=problem.location, key=problem.key, value=problem.value,
                   evidence=problem.evidence, fix=problem.fix)


def rule_enabled(rule: Rule, options: LintOptions) -> bool:
    """Whether ``--select``/``--ignore`` (or the config file) leave the rule on."""
    refs = {rule.id, rule.name}
    if options.select is not None and not refs & options.select:
        return False
    return not refs & options.ignore


def run_rules(model: SchedulerModel, cluster: Cluster | None, rules: dict[str, Rule],
              options: LintOptions) -> list[Finding]:
    """Run every enabled rule; rules that need a cluster are skipped (one info) without one.

    A file YARN cannot load, or one with no CapacityScheduler key at all, gets only the
    structural rules: judging the defaults against the cluster would say nothing true.
    """
    findings: list[Finding] = []
    skipped: list[str] = []
    judge_cluster = model.main_file.parsed and model.has_scheduler_keys
    for rule in rules.values():
        if not rule_enabled(rule, options):
            continue
        if rule.needs_cluster and not judge_cluster:
            continue
        if rule.needs_cluster and cluster is None:
            skipped.append(rule.id)
            continue
        configured = {**options.rule_options.get(rule.name, {}),
                      **options.rule_options.get(rule.id, {})}
        try:
            values = option_values(rule.options, configured, {"profile": options.workload})
            findings.extend(stamp(rule, problem, options) for problem in
                            rule.check(RuleContext(model, cluster, values)))
        except Exception as exc:  # one rule failing on odd input must not lose the rest
            findings.append(failure_finding(rule.id, rule.name, model.main_file.display,
                                            f"rule {rule.id} failed on this file", exc))
    required = rules.get(CLUSTER_REQUIRED_ID)
    if skipped and required is not None and rule_enabled(required, options):
        message = (f"{len(skipped)} rules need the cluster size and were skipped "
                   f"({', '.join(skipped)}): pass --nodes N [--racks R], or --topology FILE "
                   "/ --nodes-file FILE")
        where = Location(model.main_file.display, 1, 1)
        findings.append(stamp(required, Problem(message, where), options))
    return findings


def inputs_of(path: Path, model: SchedulerModel, options: LintOptions) -> tuple[Path, ...]:
    """The files a lint of ``path`` (loaded as ``model``) read, or may have read."""
    read = [path for loaded in model.files for path in (loaded.path, *loaded.included)]
    read += [Path(p) for p in (options.cluster.topology, options.cluster.nodes_file) if p]
    read.append(options.core_site or path.parent / "core-site.xml")
    return tuple(read)


def failure_finding(rule_id: str, rule_name: str, file: str, what: str,
                    exc: Exception) -> Finding:
    """An error finding for an unexpected failure, so the other files and rules still count."""
    return Finding(rule_id=rule_id, rule_name=rule_name, severity=Severity.ERROR,
                   message=f"{what}: {type(exc).__name__}: {exc}",
                   location=Location(file, 1, 1))


class Linter:
    """Lints files with one set of discovered rules; caches clusters across files."""

    def __init__(self, rules: dict[str, Rule] | None = None) -> None:
        self.rules = rules if rules is not None else discover()
        self._clusters: dict[tuple[ClusterSpec, int], Cluster | None] = {}

    def cluster_for(self, model: SchedulerModel, options: LintOptions) -> Cluster | None:
        """The cluster of the options, heartbeat from the flag, else yarn-site, else 1000 ms."""
        heartbeat = (options.cluster.heartbeat_ms or model.heartbeat_ms_from_yarn_site
                     or DEFAULT_HEARTBEAT_MS)
        cache_key = (options.cluster, heartbeat)
        if cache_key not in self._clusters:
            self._clusters[cache_key] = cluster_from_spec(options.cluster, heartbeat)
        return self._clusters[cache_key]

    def lint_file(self, path: Path, options: LintOptions, display: str | None = None,
                  data: bytes | None = None) -> FileResult:
        """Lint one file (``data``: its bytes, when already read); input errors are returned
        in the result, an unexpected failure is an error finding: nothing is raised."""
        shown = display or str(path)
        try:
            model = build_model(path, shown, options, data)
            cluster = self.cluster_for(model, options)
            workload, reason = choose_workload(path, options)
            if cluster is not None:
                model.extra_issues.extend(cluster.issues)
            from yarnlint.whatif import cache

            cache.configure(options.use_cache)
            findings = run_rules(model, cluster, self.rules,
                                 replace(options, workload=workload))
            return FileResult(shown, findings, cluster=cluster, workload=workload,
                              workload_reason=reason, inputs=inputs_of(path, model, options))
        except InputError as exc:
            return FileResult(shown, error=str(exc))
        except Exception as exc:  # one odd file must not lose the report of the others
            rule = self.rules.get(INPUT_PROBLEM_ID)
            return FileResult(shown, [failure_finding(
                INPUT_PROBLEM_ID, rule.name if rule else "input.unreadable", shown,
                "yarnlint could not lint this file", exc)])

    def lint(self, paths: list[Path], options: LintOptions) -> Report:
        """Lint several files with the same options."""
        report = Report(rules=self.rules)
        for path in paths:
            report.files.append(self.lint_file(path, options))
        return report


def lint(paths: list[Path], options: LintOptions | None = None) -> Report:
    """Lint files with the installed rules."""
    return Linter().lint(paths, options or LintOptions())
