"""``yarnlint simulate``: run a scenario file, a quick what-if, or a finding's evidence."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, NoReturn

import click

from yarnlint.cli import emit
from yarnlint.config.files import read_json
from yarnlint.core.findings import InputError
from yarnlint.core.jsontext import json_text
from yarnlint.sim import ScenarioError, build_scenario, format_trace, run_scenario
from yarnlint.sim.generate import REQUEST_SYNTAX
from yarnlint.sim.scenario import MAX_NODES, MAX_TRACE_ENTRIES, parse_scenario


def _fail(message: str) -> NoReturn:
    """One line on stderr, exit 2."""
    click.echo(f"yarnlint simulate: {message}", err=True)
    raise SystemExit(2)


def _load(path: Path, what: str) -> Any:
    """The decoded JSON of ``path`` ('-' reads standard input), read within the input
    bounds."""
    try:
        return read_json(path, what)
    except InputError as exc:
        if str(path) != "-" and not path.exists():
            _fail(f"{path}: cannot read: no such file")
        _fail(str(exc))


def _finding_reference(reference: str) -> tuple[Path, int | None]:
    """``REPORT.json[:N]`` -> the report's path and N (None: not given)."""
    path, colon, suffix = reference.rpartition(":")
    if colon and path and suffix.isdigit():
        return Path(path), int(suffix)
    return Path(reference), None


def _describe_finding(number: int, finding: dict[str, Any]) -> str:
    rule = finding.get("rule_id")
    return f"finding {number}" + (f" ({rule})" if isinstance(rule, str) else "")


def pick_scenario(report: Any, number: int | None,
                  variant: str | None) -> tuple[int, dict[str, Any]]:
    """Finding ``number`` (1-based; None: the first with evidence) and its scenario.

    ``variant`` names a run in ``evidence.comparison``; a run without a scenario of its
    own is the finding's main scenario with the run's ``settings`` applied. Raises
    ValueError with a one-line message.
    """
    from yarnlint.report.json_format import FORMAT

    if not isinstance(report, dict) or report.get("format") != FORMAT \
            or not isinstance(report.get("findings"), list):
        raise ValueError(f"not a yarnlint report (expected \"format\": \"{FORMAT}\" "
                         "and a findings list)")
    findings: list[Any] = report["findings"]
    if number is None:
        number = next((i for i, finding in enumerate(findings, 1)
                       if isinstance(_evidence(finding).get("scenario"), dict)), None)
        if number is None:
            raise ValueError(f"no finding has a simulation scenario in its evidence "
                             f"({len(findings)} findings)")
    if not 1 <= number <= len(findings):
        raise ValueError(f"finding {number} out of range: the report has {len(findings)} "
                         "findings")
    finding = findings[number - 1]
    evidence = _evidence(finding)
    name = _describe_finding(number, finding if isinstance(finding, dict) else {})
    scenario = evidence.get("scenario")
    if not isinstance(scenario, dict):
        raise ValueError(f"{name} has no simulation evidence")
    if variant is None:
        return number, scenario
    comparison = evidence.get("comparison")
    runs = {key: run for key, run in comparison.items() if isinstance(run, dict)} \
        if isinstance(comparison, dict) else {}
    if variant not in runs:
        available = ", ".join(sorted(runs)) or "none: the finding compares no runs"
        raise ValueError(f"{name} has no variant {variant!r} (available: {available})")
    chosen = runs[variant].get("scenario")
    if chosen is None:  # the finding's own scenario with the variant's settings
        settings = runs[variant].get("settings") or {}
        if not isinstance(settings, dict):
            raise ValueError(f"{name}: variant {variant!r} has no settings object")
        chosen = {**scenario, "scheduler": {**scenario.get("scheduler", {}), **settings}}
    if not isinstance(chosen, dict):
        raise ValueError(f"{name}: variant {variant!r} has no scenario object")
    return number, chosen


def _evidence(finding: Any) -> dict[str, Any]:
    evidence = finding.get("evidence") if isinstance(finding, dict) else None
    return evidence if isinstance(evidence, dict) else {}


def _settings(pairs: tuple[str, ...]) -> dict[str, str]:
    """``--set`` pairs by key; a key the simulator does not read is a usage error."""
    from yarnlint.config.known_keys import global_spec, suggest
    from yarnlint.sim.scenario import SETTING_KEYS, setting_key

    settings = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip():
            raise click.BadParameter(f"expected KEY=VALUE, got {pair!r}", param_hint="--set")
        key = setting_key(name.strip())
        if key not in SETTING_KEYS:
            why = ("a CapacityScheduler key the simulator does not read"
                   if global_spec(key) is not None else "unknown key")
            hint = suggest(key, list(SETTING_KEYS))
            raise click.BadParameter(
                f"{name.strip()}: {why}; " + (f"did you mean {hint}?" if hint else
                                               f"the simulator reads {', '.join(SETTING_KEYS)}"),
                param_hint="--set")
        settings[name.strip()] = value
    return settings


_COUNT_WORDS = re.compile(r"(?:x|\*|count=)?(\d+)\Z")
_PREFIXED = re.compile(r"(host|rack)[=/]?(\S+)\Z")


def _repaired_what(word: str, racks: list[str]) -> str:
    """The request's WHAT as the syntax wants it: ``rack:rack1`` as the generator names racks
    (``/rack1``), a bare node or rack given its ``host:`` / ``rack:`` prefix."""
    kind, colon, name = word.partition(":")
    if not colon:
        if word in racks:
            return f"rack:{word}"
        if re.fullmatch(r"node\d+", word):
            return f"host:{word}"
        match = _PREFIXED.match(word)
        if match is None:
            return word
        kind, name = match.groups()
    if kind == "rack" and "/" + name in racks:
        return f"rack:/{name}"
    return f"{kind}:{name}"


def _check_requests(requests: tuple[str, ...], racks: int) -> None:
    """A ``--request`` that the syntax cannot read, or that asks a rack the generated cluster
    does not have, is a usage error with the spec it probably meant."""
    names = [f"/rack{number}" for number in range(1, racks + 1)]
    for text in requests:
        words = text.replace(" x ", " x").split()
        if not words:
            raise click.BadParameter("empty request", param_hint="--request")
        fixed = [_repaired_what(words[0], names)]
        fixed += [f"x{match.group(1)}" if (match := _COUNT_WORDS.match(word)) else word
                  for word in words[1:]]
        kind, _, rack = fixed[0].partition(":")
        if kind == "rack" and rack not in names:
            raise click.BadParameter(f"{text!r}: rack {rack} is not in the generated cluster "
                                     f"({names[0]}..{names[-1]})", param_hint="--request")
        if " ".join(fixed) != " ".join(words):
            raise click.BadParameter(f"cannot read {text!r}; did you mean "
                                     f"{' '.join(fixed)!r}? (see 'yarnlint simulate -h')",
                                     param_hint="--request")


@click.command(epilog=f"Requests (--request):\n\n{REQUEST_SYNTAX}")
@click.argument("scenario", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: one line per decision; json: yarnlint-simulation/1.")
@click.option("--nodes", type=click.IntRange(min=1, max=MAX_NODES),
              help="Generator form: number of nodes (node1..nodeN).")
@click.option("--racks", type=click.IntRange(min=1), default=1, show_default=True,
              help="Generator form: racks, in consecutive blocks of nodes.")
@click.option("--request", "requests", multiple=True, metavar="REQUEST",
              help="Generator form: an ask, e.g. 'rack:/rack1 x3' (repeatable; see below).")
@click.option("--set", "settings", multiple=True, metavar="KEY=VALUE",
              help="Generator form: a scheduler key without the yarn.scheduler.capacity. "
                   "prefix, e.g. node-locality-delay=5 (repeatable).")
@click.option("--heartbeats", type=click.IntRange(min=0), default=1, show_default=True,
              help="Generator form: heartbeat rounds over all nodes.")
@click.option("--memory-mb", type=click.IntRange(min=0), default=8192, show_default=True,
              help="Generator form: memory of each node.")
@click.option("--vcores", type=click.IntRange(min=0), default=8, show_default=True,
              help="Generator form: vcores of each node.")
@click.option("--container-mb", type=click.IntRange(min=0), default=1024, show_default=True,
              help="Generator form: memory of each requested container.")
@click.option("--max-attempts", type=click.IntRange(min=1),
              help="Stop after this many node attempts (default: the scenario's limit).")
@click.option("--print-scenario", is_flag=True,
              help="Print the scenario as JSON instead of running it.")
@click.option("--from-finding", "from_finding", metavar="REPORT.json[:N]",
              help="Re-run the evidence of finding N (1-based; default: the first with "
                   "evidence) of a 'yarnlint check --format json' report ('-' for stdin).")
@click.option("--variant", metavar="NAME",
              help="With --from-finding: the run of the finding's evidence.comparison to "
                   "re-run, e.g. suggested.")
def simulate(scenario: Path | None, fmt: str, nodes: int | None, racks: int,
             requests: tuple[str, ...], settings: tuple[str, ...], heartbeats: int,
             memory_mb: int, vcores: int, container_mb: int, max_attempts: int | None,
             print_scenario: bool, from_finding: str | None, variant: str | None) -> None:
    """Run SCENARIO (a yarnlint-scenario/1 JSON file, '-' for stdin) through the simulator.

    Without SCENARIO, --nodes and --request build one, for example:
    yarnlint simulate --nodes 400 --racks 10 --request 'rack:/rack1 x3'
    --set node-locality-delay=5 --heartbeats 2

    --from-finding re-runs the scenario behind a finding of a JSON report:
    yarnlint simulate --from-finding report.json:2 --variant suggested
    """
    if sum(given is not None for given in (scenario, nodes, from_finding)) != 1:
        raise click.UsageError("give one of a SCENARIO file, --nodes with --request, "
                               "or --from-finding")
    if variant is not None and from_finding is None:
        raise click.UsageError("--variant needs --from-finding")
    source = str(scenario) if scenario is not None else "arguments"
    try:
        if from_finding is not None:
            path, number = _finding_reference(from_finding)
            source = str(path)
            try:
                number, data = pick_scenario(_load(path, "report"), number, variant)
            except ValueError as exc:
                _fail(f"{source}: {exc}")
            source += f": finding {number}" + (f", variant {variant}" if variant else "")
        elif scenario is not None:
            data = _load(scenario, "scenario")
        else:
            assert nodes is not None
            _check_requests(requests, racks)
            data = build_scenario(nodes=nodes, racks=racks, requests=list(requests),
                                  settings=_settings(settings), heartbeats=heartbeats,
                                  memory_mb=memory_mb, vcores=vcores,
                                  container_mb=container_mb)
        if print_scenario:
            emit(json.dumps(data, indent=1))
            return
        work = parse_scenario(data).work
        if work > MAX_TRACE_ENTRIES:
            _fail(f"{source}: the steps visit nodes {work} times, so the trace could hold as "
                  f"many entries, above the cap of {MAX_TRACE_ENTRIES}; ask for fewer rounds or "
                  "passes")
        result = run_scenario(data, trace=True, max_attempts=max_attempts)
    except ScenarioError as exc:
        _fail(f"{source}: {str(exc).splitlines()[0]}")
    if fmt == "json":
        emit(json_text(result, ["steps"], indent=1))
    else:
        emit(format_trace(result), nl=False)
