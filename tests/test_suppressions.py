"""Inline suppressions in XML comments, and YL008 for the ones that silence nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import run_cli

from yarnlint.core.findings import Problem
from yarnlint.model.cluster import ClusterSpec
from yarnlint.pipeline.linter import Linter
from yarnlint.pipeline.options import LintOptions
from yarnlint.pipeline.suppressions import parse_directive
from yarnlint.rules import Rule, RuleContext

P = "yarn.scheduler.capacity."
UNKNOWN = P + "zzz"


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "capacity-scheduler.xml"
    path.write_text(f'<?xml version="1.0"?>\n<configuration>\n{body}</configuration>\n',
                    encoding="utf-8")
    return path


def _prop(name: str, value: str = "1", inside: str = "") -> str:
    return f"  <property>{inside}\n    <name>{name}</name>\n    <value>{value}</value>\n" \
           "  </property>\n"


def _findings(path: Path, *args: str) -> list[dict[str, Any]]:
    """The JSON findings, without YL009 (no cluster is given: the cluster rules are skipped)."""
    result = run_cli("check", path, "--format", "json", "--ignore", "YL009", *args)
    findings: list[dict[str, Any]] = json.loads(result.output)["findings"]
    return findings


def _reported(path: Path, *args: str) -> list[tuple[str, str | None]]:
    return [(f["rule_id"], f["key"]) for f in _findings(path, *args) if not f["suppressions"]]


def test_disable_before_a_property_silences_only_that_property(tmp_path: Path) -> None:
    path = _write(tmp_path, "  <!-- yarnlint: disable=YL003; reason: read by our plugin -->\n"
                  + _prop(UNKNOWN) + _prop(P + "yyy"))
    assert _reported(path) == [("YL003", P + "yyy")]
    (silenced,) = [f for f in _findings(path) if f["suppressions"]]
    assert (silenced["key"], silenced["suppressions"]) == (
        UNKNOWN, [{"kind": "inSource", "justification": "read by our plugin"}])
    assert run_cli("check", path, "--ignore", "YL003").exit_code == 0


def test_disable_inside_a_property_by_rule_name(tmp_path: Path) -> None:
    path = _write(tmp_path, _prop(P + "yyy") + _prop(
        UNKNOWN, inside="\n    <!-- yarnlint: disable=structure.unknown-key -->"))
    assert _reported(path) == [("YL003", P + "yyy")]


def test_disable_covers_only_the_rules_it_names(tmp_path: Path) -> None:
    path = _write(tmp_path, _prop(UNKNOWN) + "  <!-- yarnlint: disable=YL001 -->\n"
                  + _prop(UNKNOWN, "2"))
    reported = _reported(path)
    assert ("YL001", UNKNOWN) not in reported
    assert reported.count(("YL003", UNKNOWN)) == 2


def test_disable_file(tmp_path: Path) -> None:
    path = _write(tmp_path, _prop(UNKNOWN) + _prop(P + "yyy")
                  + "  <!-- yarnlint: disable-file=YL003 -->\n")
    assert _reported(path) == []
    assert run_cli("check", path).exit_code == 0
    sarif = json.loads(run_cli("check", path, "--format", "sarif", "--ignore", "YL009").output)
    kinds = [r["suppressions"][0]["kind"] for r in sarif["runs"][0]["results"]]
    assert kinds == ["inSource", "inSource"]


def test_unused_unknown_misplaced_and_unreadable_directives(tmp_path: Path) -> None:
    path = _write(tmp_path, "  <!-- yarnlint: disable=YL001,YL999 -->\n" + _prop(UNKNOWN)
                  + "  <!-- yarnlint: disable=YL003 -->\n"
                  + "  <!-- yarnlint: disabel=YL003 -->\n"
                  + "  <!-- yarnlint: disable-file=YL004 -->\n")
    own = [(f["line"], f["severity"], f["message"]) for f in _findings(path)
           if f["rule_id"] == "YL008"]
    assert own == [
        (3, "info", "suppression names unknown rule 'YL999'"),
        (3, "info", f"unused suppression: YL001 reported nothing on {UNKNOWN}"),
        (8, "info", "suppression of YL003 is neither inside nor just before a <property>, "
                    "so it silences nothing"),
        (9, "info", "suppression comment not understood: not a directive: "
                    "'yarnlint: disabel=YL003' (use disable=ID,... or disable-file=ID,...)"),
        (10, "info", "unused suppression: YL004 reported nothing in this file"),
    ]
    assert ("YL003", UNKNOWN) in _reported(path)
    assert "YL008" not in {rule for rule, _ in _reported(path, "--ignore", "YL008")}
    assert "YL008" not in {rule for rule, _ in _reported(path, "--select", "YL003")}


def test_used_suppressions_are_not_reported_and_yl008_can_be_silenced(tmp_path: Path) -> None:
    path = _write(tmp_path, "  <!-- yarnlint: disable=YL003 -->\n" + _prop(UNKNOWN)
                  + "<!-- yarnlint: disable-file=YL008 -->\n<!-- yarnlint: disable=YL009 -->\n")
    assert _reported(path) == []
    silenced = [(f["rule_id"], f["line"]) for f in _findings(path) if f["suppressions"]]
    assert silenced == [("YL003", 4), ("YL008", 9)]


def test_parse_directive() -> None:
    directive = parse_directive(" yarnlint: disable = yl101 , locality.x ; reason: a: b ", 4)
    assert directive is not None
    assert (directive.refs, directive.reason, directive.file_wide, directive.line) == (
        ("YL101", "locality.x"), "a: b", False, 4)
    file_wide = parse_directive("yarnlint: disable-file=YL203", 1)
    assert file_wide is not None and file_wide.file_wide
    assert parse_directive(" just a comment mentioning yarnlint ", 1) is None
    empty = parse_directive("yarnlint: disable=", 1)
    assert empty is not None and empty.error == "disable names no rule (write disable=YL101,...)"


def _cluster_rule(ctx: RuleContext) -> list[Problem]:
    return []


def test_suppressing_a_rule_that_did_not_run_is_not_unused(tmp_path: Path) -> None:
    """Without a cluster the locality rules are skipped: their suppressions stay quiet."""
    path = _write(tmp_path, "  <!-- yarnlint: disable=YL101 -->\n" + _prop(P + "root.queues",
                                                                          "default"))
    rules = Linter().rules
    rules["YL101"] = Rule("YL101", "locality.test", rules["YL003"].severity, "s", "e",
                          _cluster_rule, needs_cluster=True)
    linter = Linter(rules)

    def unused(options: LintOptions) -> list[str]:
        result = linter.lint_file(path, options)
        return [f.message for f in result.findings if f.rule_id == "YL008"]

    assert unused(LintOptions()) == []
    assert unused(LintOptions(cluster=ClusterSpec(nodes=10))) == [
        f"unused suppression: YL101 reported nothing on {P}root.queues"]
