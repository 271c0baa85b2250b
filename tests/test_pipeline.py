"""The one pipeline: the API reports what ``yarnlint check`` reports, from the same stages."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import config_xml, run_cli

from yarnlint import api
from yarnlint.pipeline.linter import Linter
from yarnlint.report import RenderContext, renderer

P = "yarn.scheduler.capacity."


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    """A config file, a yarn-site beside it, an inline suppression and a baseline."""
    conf = tmp_path / "conf"
    conf.mkdir()
    (tmp_path / ".yarnlint.toml").write_text(
        'ignore = ["YL009"]\n[severity]\nYL003 = "error"\n', encoding="utf-8")
    (conf / "yarn-site.xml").write_text(config_xml(
        ("yarn.resourcemanager.nodemanagers.heartbeat-interval-ms", "3000")), encoding="utf-8")
    path = conf / "capacity-scheduler.xml"
    path.write_text(config_xml(
        (P + "root.queues", "default"), (P + "zzz", "1"), (P + "yyy", "2"),
        (P + "node-locality-delay", "oops"),
        extra="  <!-- yarnlint: disable=YL004; reason: known -->\n"
              f"  <property><name>{P}maximum-applications</name><value>x</value></property>\n"),
        encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"format": "yarnlint-baseline/1", "findings": [
        {"rule_id": "YL003", "file": "conf/capacity-scheduler.xml", "key": P + "zzz",
         "count": 1}]}), encoding="utf-8")
    return path, baseline


def test_the_api_reports_what_check_reports(tmp_path: Path, monkeypatch) -> None:
    path, baseline = _setup(tmp_path)
    monkeypatch.chdir(tmp_path)
    flags = {"nodes": 20, "racks": 2}
    cli = json.loads(run_cli("check", path, "--nodes", "20", "--racks", "2", "--baseline",
                             baseline, "--format", "json").output)
    report = api.lint([path], flags=flags, baseline=baseline)
    from_api = json.loads(renderer("json")(report, RenderContext(
        suppressed=tuple(report.suppressed))))
    assert from_api["findings"] == cli["findings"]
    kinds = {(f["rule_id"], s["kind"]) for f in cli["findings"] for s in f["suppressions"]}
    assert kinds == {("YL003", "external"), ("YL004", "inSource")}
    assert {f["rule_id"]: f["severity"] for f in cli["findings"]}["YL003"] == "error"
    assert "YL009" not in {f["rule_id"] for f in cli["findings"]}


def test_fix_lints_through_the_same_pipeline(tmp_path: Path, monkeypatch) -> None:
    """``fix`` sees the findings ``check`` reports (config file, suppressions applied)."""
    path, _ = _setup(tmp_path)
    monkeypatch.chdir(tmp_path)
    linter = Linter(flags={"nodes": 20, "racks": 2})
    by_file = linter.lint_file(path, data=path.read_bytes())
    whole = Linter(flags={"nodes": 20, "racks": 2}).lint([path])
    assert sorted(by_file.findings, key=lambda f: f.sort_key()) == whole.findings
    assert {s.finding.rule_id for s in by_file.suppressed} == {"YL004"}


def test_findings_of_the_pipeline_itself_are_declared_not_run() -> None:
    rules = Linter().rules
    own = {rule_id for rule_id, rule in rules.items() if rule.check is None}
    assert own == {"YL008", "YL009", "YL010"}
    assert all(rules[rule_id].explanation for rule_id in own)


def test_suppressions_come_from_the_single_parse_of_the_loader(tmp_path: Path,
                                                                monkeypatch) -> None:
    """Directives before, inside and after the root element are read from the loader's one
    parse of the file; no second parser runs."""
    from lxml import etree

    path = tmp_path / "capacity-scheduler.xml"
    path.write_text(
        "<!-- yarnlint: disable-file=YL009 -->\n<configuration>\n"
        f"  <property><!-- yarnlint: disable=YL003 --><name>{P}zzz</name>"
        "<value>1</value></property>\n"
        f"  <property><name>{P}yyy</name><value>1</value></property>\n"
        "</configuration>\n<!-- yarnlint: disable-file=YL004 -->\n", encoding="utf-8")
    parse = etree.fromstring
    calls: list[object] = []

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return parse(*args, **kwargs)

    monkeypatch.setattr(etree, "fromstring", counted)
    result = Linter().lint_file(path)
    assert len(calls) == 1
    assert [(f.rule_id, f.key) for f in result.findings] == [("YL003", P + "yyy"),
                                                             ("YL008", None)]
    assert sorted(s.finding.rule_id for s in result.suppressed) == ["YL003", "YL009"]


def test_a_finding_silenced_inline_keeps_its_placed_fix(tmp_path: Path) -> None:
    """Reports list suppressed findings with the edit ``fix`` would make, as before."""
    from yarnlint.model.cluster import ClusterSpec
    from yarnlint.pipeline.options import LintOptions

    path = tmp_path / "capacity-scheduler.xml"
    path.write_text("<configuration>\n  <!-- yarnlint: disable=YL102 -->\n"
                    f"  <property><name>{P}node-locality-delay</name><value>12</value>"
                    "</property>\n</configuration>\n", encoding="utf-8")
    result = Linter().lint_file(path, LintOptions(cluster=ClusterSpec(nodes=30, racks=2)))
    (silenced,) = [s.finding for s in result.suppressed if s.finding.rule_id == "YL102"]
    assert silenced.placed is not None and silenced.placed.edit.text == silenced.fix.value


def test_fixes_are_placed_unless_the_linter_is_told_not_to(tmp_path: Path) -> None:
    """``check`` in a format that shows no edit, and ``fix``, skip placing; the fix stays."""
    from yarnlint.model.cluster import ClusterSpec
    from yarnlint.pipeline.options import LintOptions

    path = tmp_path / "capacity-scheduler.xml"
    path.write_text(config_xml((P + "root.queues", "default"), (P + "node-locality-delay", "12")),
                    encoding="utf-8")
    options = LintOptions(cluster=ClusterSpec(nodes=30, racks=2))
    placed = Linter().lint_file(path, options).findings
    unplaced = Linter(place_fixes=False).lint_file(path, options).findings
    assert [f.fix for f in placed] == [f.fix for f in unplaced]
    assert any(f.fix is not None for f in placed)
    assert all(f.placed is not None for f in placed if f.fix is not None)
    assert all(f.placed is None for f in unplaced)
