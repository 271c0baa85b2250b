"""Rule options are declared with types, checked when rules load and when the config file
sets them, and listed by ``explain``; rules get them, typed, from their context."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import config_xml, run_cli

from yarnlint.config.xmlload import IssueKind
from yarnlint.core.options import Option, option_values
from yarnlint.findings import Severity
from yarnlint.rules import Rule, RuleError
from yarnlint.rules.input_problem import severity_of

P = "yarnlint.rules.test_module"


def _module(check: Any = None, **attributes: Any) -> ModuleType:
    module = ModuleType(P, "Summary.\n\nExplanation.")
    module.ID, module.NAME, module.SEVERITY = "ZZ001", "test.rule", "warning"
    module.check = check or (lambda ctx: iter(()))
    for name, value in attributes.items():
        setattr(module, name, value)
    return module


@pytest.mark.parametrize(("options", "error"), [
    ({"limit": 2}, "OPTIONS must be a tuple of yarnlint.rules.Option"),
    ((Option("bad name", int, 1, "help"),), "option name 'bad name' is not an identifier"),
    ((Option("items", list, [], "help"),), "option items: type <class 'list'> is not one of"),
    ((Option("limit", int, "two", "help"),), "option limit: 'two' is not an integer"),
    ((Option("limit", int, True, "help"),), "option limit: True is not an integer"),
    ((Option("limit", int, 1, ""),), "option limit: help must be one line"),
    ((Option("mode", str, "z", "help", choices=("a", "b")),),
     "option mode: default 'z' is not one of its choices"),
    ((Option("limit", int, 1, "help"), Option("limit", int, 2, "help")),
     "an option is declared twice"),
])
def test_bad_option_declarations_are_refused_when_rules_load(options: Any, error: str) -> None:
    with pytest.raises(RuleError, match=r"rule module yarnlint\.rules\.test_module: ") as raised:
        Rule.from_module(_module(OPTIONS=options))
    assert error in str(raised.value)


def test_a_check_of_the_old_shape_is_refused() -> None:
    with pytest.raises(RuleError, match="check must take one argument, the RuleContext"):
        Rule.from_module(_module(check=lambda model, cluster, options: iter(())))


def test_declared_options_are_kept_in_order() -> None:
    first, second = Option("limit", int, 2, "help"), Option("ratio", float, None, "help")
    rule = Rule.from_module(_module(OPTIONS=(first, second)))
    assert rule.options == (first, second) and rule.option("ratio") is second
    assert rule.option("other") is None


def test_option_values_parse_and_fall_back() -> None:
    points = Option("locality_points", float, 10.0, "help")
    profile = Option("profile", str, None, "help", choices=("mixed", "hdfs-batch"))
    floor = Option("time_floor_s", float, None, "help")
    declared = (points, profile, floor)
    assert option_values(declared, {}, {"profile": "mixed"}) == {
        "locality_points": 10.0, "profile": "mixed", "time_floor_s": None}
    values = option_values(declared, {"locality_points": 20, "profile": "hdfs-batch"},
                           {"profile": "mixed"})
    assert values["locality_points"] == 20.0 and isinstance(values["locality_points"], float)
    assert values["profile"] == "hdfs-batch"


@pytest.mark.parametrize(("option", "value", "error"), [
    (Option("limit", int, 2, "help"), 2.5, "expected a value like 2, an integer, got 2.5"),
    (Option("limit", int, 2, "help"), True, "expected a value like 2, an integer, got True"),
    (Option("points", float, 10.0, "help"), "many",
     "expected a value like 10.0, a number, got 'many'"),
    (Option("floor", float, None, "help"), False, "expected a number, got False"),
    (Option("profile", str, None, "help", choices=("a", "b")), "c",
     "expected one of a, b, got 'c'"),
])
def test_values_of_the_wrong_type_or_outside_the_choices(option: Option[Any], value: object,
                                                        error: str) -> None:
    with pytest.raises(ValueError, match="expected") as raised:
        option.parse(value)
    assert str(raised.value) == error


def _am_file(tmp_path: Path) -> Path:
    """A leaf whose 2 % guarantee runs one ApplicationMaster at a time on 40 nodes."""
    p = "yarn.scheduler.capacity.root."
    config = tmp_path / "capacity-scheduler.xml"
    config.write_text(config_xml((p + "queues", "default,etl"), (p + "default.capacity", "98"),
                                 (p + "etl.capacity", "2")), encoding="utf-8")
    return config


def test_config_file_sets_an_integer_option(tmp_path: Path) -> None:
    config = _am_file(tmp_path)
    flags = ("--nodes", "40", "--select", "YL211")
    assert "root.etl can run 1 ApplicationMaster" in run_cli("check", config, *flags).stdout
    (tmp_path / ".yarnlint.toml").write_text("[rules.YL211]\nminimum_ams = 1\n")
    assert run_cli("check", config, *flags).exit_code == 0
    (tmp_path / ".yarnlint.toml").write_text("[rules.\"queue.am-limit\"]\nminimum_ams = 3\n")
    assert run_cli("check", config, *flags).exit_code == 1


@pytest.mark.parametrize(("table", "error"), [
    ("[rules.YL211]\nminimum_ams = 1.5\n",
     ".yarnlint.toml:2: rules.YL211.minimum_ams: expected a value like 2, an integer, got 1.5"),
    ('[rules.YL105]\nprofile = "spark"\n',
     ".yarnlint.toml:2: rules.YL105.profile: expected one of hdfs-batch, rack-burst, "
     "locality-free, mixed, got 'spark'"),
    ("[rules.YL105]\ntime_floor_s = true\n",
     ".yarnlint.toml:2: rules.YL105.time_floor_s: expected a number, got True"),
    ("[rules.YL003]\nlimit = 1\n",
     ".yarnlint.toml:2: rules.YL003: unknown option 'limit' (known: none)"),
])
def test_bad_option_settings_stop_the_run(tmp_path: Path, table: str, error: str) -> None:
    config = _am_file(tmp_path)
    (tmp_path / ".yarnlint.toml").write_text(table)
    result = run_cli("check", config, "--nodes", "40")
    assert result.exit_code == 2 and error in result.stderr


def test_a_rules_profile_option_overrides_the_runs_workload(tmp_path: Path) -> None:
    """YL103 never warns for locality-free; its own profile makes it judge hdfs-batch."""
    config = tmp_path / "capacity-scheduler.xml"
    config.write_text(config_xml(("yarn.scheduler.capacity.node-locality-delay", "-1")))
    flags = ("--nodes", "60", "--racks", "3", "--workload", "locality-free",
             "--select", "YL103", "--format", "json")
    assert json.loads(run_cli("check", config, *flags).stdout)["findings"] == []
    (tmp_path / ".yarnlint.toml").write_text('[rules.YL103]\nprofile = "hdfs-batch"\n')
    (finding,) = json.loads(run_cli("check", config, *flags).stdout)["findings"]
    assert finding["rule_id"] == "YL103" and finding["evidence"]["workload"]["name"] == \
        "hdfs-batch"


def test_explain_and_rules_list_the_declared_options() -> None:
    text = run_cli("explain", "YL211").stdout
    assert "Options ([tool.yarnlint.rules.YL211] in the config file):\n  minimum_ams (int, " \
        "default 2): ApplicationMasters a leaf must be able to run at once" in text
    assert "profile (str, unset): workload this rule simulates; unset: the run's " \
        "(--workload); one of hdfs-batch, rack-burst, locality-free, mixed" in \
        run_cli("explain", "YL105").stdout
    listed = {rule["id"]: rule for rule in json.loads(run_cli("rules", "--format",
                                                              "json").stdout)}
    assert listed["YL211"]["options"] == {"minimum_ams": 2}
    assert listed["YL113"]["option_declarations"][0] == {
        "name": "max_wait_s", "type": "float", "default": 1.0, "choices": [],
        "help": "simulated seconds to place the workload above which the info is given"}


def test_every_input_problem_kind_has_a_severity() -> None:
    """mypy proves the match exhaustive; this runs it for every kind."""
    severities = {kind: severity_of(kind) for kind in IssueKind}
    assert severities[IssueKind.XML_SYNTAX] is Severity.ERROR
    assert severities[IssueKind.TOPOLOGY_EXTRA] is Severity.INFO
    assert severities[IssueKind.ROOT] is Severity.WARNING
