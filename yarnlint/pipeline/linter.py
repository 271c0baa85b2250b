"""The one lint pipeline: settings -> load -> model -> cluster -> rules -> fixes placed ->
suppressions -> baseline -> re-run commands (:class:`Linter`), and its load and rule stages."""

from __future__ import annotations

from pathlib import Path

from yarnlint.config.files import read_input, refuse_inputs
from yarnlint.config.resolve import Configuration
from yarnlint.config.xmlload import LoadedFile, load_xml
from yarnlint.core.findings import Finding, InputError, Location, Problem, Severity
from yarnlint.core.options import option_values
from yarnlint.core.records import Record
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
from yarnlint.pipeline.discovery import sibling_yarn_site
from yarnlint.pipeline.fix_edits import place_fixes
from yarnlint.pipeline.options import LintOptions, rule_enabled, stamp
from yarnlint.pipeline.own_findings import CLUSTER_REQUIRED, PIPELINE_FINDINGS
from yarnlint.pipeline.reruns import command_words, number
from yarnlint.pipeline.results import FileResult, Report
from yarnlint.pipeline.settings import (
    PATH_KEYS,
    ConfigFinder,
    Values,
    fail_on,
    lint_options,
    merge,
)
from yarnlint.rules import Rule, RuleContext, RuleError, discover

INPUT_PROBLEM_ID = "YL000"
DEFAULT_FS_KEY = "fs.defaultFS"


def _heartbeat_from(conf: Configuration) -> int | None:
    written = conf.get(HEARTBEAT_KEY)
    if written is None:
        return None
    try:
        interval = parse_integer(written, "long")
    except ValueError:
        return None
    return interval if interval >= 1 else None


def build_model(path: Path, display: str, options: LintOptions, data: bytes | None = None,
                loaded: LoadedFile | None = None) -> SchedulerModel:
    """Load a file (with yarn-site underneath) into the model; ``data``: the file's bytes when
    already read, ``loaded``: the file when already loaded (as ``display``). Missing or
    unreadable input: InputError."""
    files: list[LoadedFile] = []
    if options.yarn_site is not None:
        files.append(load_xml(options.yarn_site, str(options.yarn_site),
                              read_input(options.yarn_site, "yarn-site file").data))
    if loaded is None:
        loaded = load_xml(path, display, read_input(path, "file").data if data is None else data)
    files.append(loaded)
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
        if not rule_enabled(rule, options) or (rule.needs_cluster and not judge_cluster):
            continue
        if rule.needs_cluster and cluster is None:
            skipped.append(rule.id)
            continue
        if rule.check is None:
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
    required = CLUSTER_REQUIRED
    if skipped and rule_enabled(required, options):
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


class FileSettings(Record):
    """The settings of one linted file: merged values (as in the config file) and options."""

    __slots__ = ("options", "values")
    COMPARED = ("values", "options")

    def __init__(self, values: Values, options: LintOptions) -> None:
        self.values = values
        self.options = options

    @property
    def fail_on(self) -> Severity:
        """The failure threshold."""
        return fail_on(self.values)


def catalog(rules: dict[str, Rule] | None = None) -> dict[str, Rule]:
    """The installed rules (or ``rules``) and the findings the pipeline reports itself, by
    id. RuleError when a rule takes the id of one of those."""
    found = discover() if rules is None else rules
    for rule_id, own in PIPELINE_FINDINGS.items():
        if rule_id in found and found[rule_id].origin != own.origin:
            raise RuleError(f"rule id {rule_id} of {found[rule_id].origin} is reported by the "
                            "lint pipeline itself")
    return dict(sorted({**found, **PIPELINE_FINDINGS}.items()))


class Linter:
    """The one lint pipeline: load -> model -> cluster -> rules -> fixes placed ->
    suppressions -> baseline -> re-run commands. ``check``, ``fix``, the API and tests all run it.

    Each file's settings come from the config file found above it (or ``config``), its
    per-path overrides, then ``flags`` (settings keyed as in the config file: the command
    line's); unless options are given for the whole run. Clusters are cached across files.
    With ``place_fixes`` false, fixes are not placed as edits of the file (for a report that
    does not show them, and for ``fix``, which plans its own).
    """

    def __init__(self, rules: dict[str, Rule] | None = None, config: Path | None = None,
                 flags: Values | None = None, place_fixes: bool = True) -> None:
        self.rules = catalog(rules)
        self.place_fixes = place_fixes
        self.flags: Values = dict(flags or {})
        self.finder = ConfigFinder(config)
        self.command = command_words(config, self.flags)
        self._clusters: dict[tuple[ClusterSpec, int], Cluster | None] = {}

    def settings_for(self, path: Path) -> FileSettings:
        """The settings of one file: its config file (with per-path overrides), then the
        flags; the yarn-site.xml beside the file when neither names one. SettingsError when
        the config file is wrong."""
        found = self.finder.config_for(path)
        if found is not None:
            found.check_rules(self.rules)
        values = merge(shown_paths(found.values_for(path)) if found else {}, self.flags)
        if "yarn-site" not in values:
            sibling = sibling_yarn_site(path)
            if sibling is not None:
                values["yarn-site"] = sibling
        return FileSettings(values, lint_options(values))

    def cluster_for(self, model: SchedulerModel, options: LintOptions) -> Cluster | None:
        """The cluster of the options, heartbeat from the flag, else yarn-site, else 1000 ms."""
        heartbeat = (options.cluster.heartbeat_ms or model.heartbeat_ms_from_yarn_site
                     or DEFAULT_HEARTBEAT_MS)
        cache_key = (options.cluster, heartbeat)
        if cache_key not in self._clusters:
            self._clusters[cache_key] = cluster_from_spec(options.cluster, heartbeat)
        return self._clusters[cache_key]

    def lint_file(self, path: Path, options: LintOptions | None = None,
                  display: str | None = None, data: bytes | None = None,
                  loaded: LoadedFile | None = None) -> FileResult:
        """Lint one file (``data``: its bytes, when already read; ``loaded``: those bytes
        loaded as ``display``, when already done) with ``options`` (default: its settings):
        findings with their fixes placed, and those its comments silence.
        Input errors are returned in the result, an unexpected failure is an error finding:
        nothing is raised but SettingsError for a wrong config file."""
        threshold = Severity.WARNING
        if options is None:
            settings = self.settings_for(path)
            options, threshold = settings.options, settings.fail_on
        shown = display or str(path)
        try:
            if data is None:
                data = read_input(path, "file").data
            model = build_model(path, shown, options, data, loaded)
            cluster = self.cluster_for(model, options)
            workload, reason = choose_workload(path, options)
            if cluster is not None:
                model.extra_issues.extend(cluster.issues)
                from yarnlint.whatif import cache  # only rules given a cluster simulate

                cache.configure(options.use_cache)
            result = FileResult(shown, run_rules(model, cluster, self.rules,
                                                 options.replace(workload=workload)),
                                cluster=cluster, workload=workload, workload_reason=reason,
                                inputs=inputs_of(path, model, options), fail_on=threshold)
            if self.place_fixes:
                result.findings = place_fixes(result.findings, data, model.main_file)
            if any("yarnlint" in comment.text for comment in model.main_file.comments):
                from yarnlint.pipeline import suppressions  # only a file with directives

                suppressions.apply(result, model.main_file, self.rules, options)
            return result
        except InputError as exc:
            return FileResult(shown, error=str(exc), fail_on=threshold)
        except Exception as exc:  # one odd file must not lose the report of the others
            rule = self.rules.get(INPUT_PROBLEM_ID)
            return FileResult(shown, [failure_finding(
                INPUT_PROBLEM_ID, rule.name if rule else "input.unreadable", shown,
                "yarnlint could not lint this file", exc)], fail_on=threshold)

    def lint(self, paths: list[Path], options: LintOptions | None = None,
             baseline: Path | None = None, record: Path | None = None,
             force: bool = False, base: str | None = None) -> Report:
        """Lint files (with ``options``, default: each file's settings); with ``record``,
        write the findings to that baseline file (WriteError when it cannot be); with
        ``base``, report what changed since that git revision (see
        :mod:`yarnlint.pipeline.against_base`; InputError when it cannot be read); with
        ``record`` or ``baseline``, report only the findings that file does not record
        (InputError when it is not a baseline). SettingsError for a wrong config file."""
        report = Report(rules=self.rules)
        for path in paths:
            report.files.append(self.lint_file(path, options))
        report.notes += self.finder.notes
        report.read += self.finder.read
        report.read += filter(None, [baseline])
        if record is not None:
            from yarnlint.pipeline import baseline as baselines  # only a run with a baseline

            refuse_inputs(record, "--write-baseline", [*paths, *report.inputs])
            report.recorded = baselines.write(record, report.findings, force)
        if base is not None:
            from yarnlint.pipeline.against_base import compare_report

            report.base = compare_report(
                base, paths, report,
                lambda path: options or self.settings_for(path).options, self)
        recorded_in = record or baseline
        if recorded_in is not None:
            from yarnlint.pipeline import baseline as baselines  # only a run with a baseline

            baselines.apply(report, recorded_in, baselines.load(recorded_in))
        # The JSON report a re-run reads must order the findings as this run does.
        number(report, self.command if base is None else (*self.command, "--base", base))
        return report


def shown_paths(values: Values) -> Values:
    """Config-file settings with the files they name (written relative to the config file)
    relative to the working directory when below it, as the linted files are shown."""
    here = Path.cwd()
    shown = dict(values)
    for key in PATH_KEYS:
        path = values.get(key)
        if isinstance(path, Path) and path.is_absolute() and path.is_relative_to(here):
            shown[key] = path.relative_to(here)
    return shown


def lint(paths: list[Path], options: LintOptions | None = None, *, config: Path | None = None,
         flags: Values | None = None, baseline: Path | None = None) -> Report:
    """Lint files as ``yarnlint check`` does: each file's config file (or ``config``) and
    ``flags`` (settings keyed as in the config file), inline suppressions, ``baseline`` —
    or, with ``options``, those options for every file."""
    return Linter(config=config, flags=flags).lint(paths, options, baseline)
